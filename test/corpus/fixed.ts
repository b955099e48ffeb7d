/**
 * The bad cases of issue 9, rebuilt from its description as fixed decks: each must build with
 * every fact visible, or be refused with exit 1 naming the field — never exit 0 with a fact off
 * its slide.
 */
import type { FactsFile, GeneratedDeck } from './generate.js';

const S = ['wire'];
const words = (seed: number, n: number) => {
  const vocab = ('the delegation said that talks on the water accord would resume in the spring once the ' +
    'panel of hydrologists has assessed the filling schedule and the bank has released its next tranche').split(' ');
  let s = seed;
  return Array.from({ length: n }, () => vocab[(s = (s * 31 + 7) % 9973) % vocab.length]).join(' ');
};
/** A sentence of exactly `length` characters, ending with a full stop. */
const sentence = (seed: number, length: number) => {
  const w = `${words(seed, Math.ceil(length / 3))}`.slice(0, length - 1).trimEnd();
  const padded = w.length < length - 1 ? w + 'x'.repeat(length - 1 - w.length) : w;
  return `${padded.charAt(0).toUpperCase()}${padded.slice(1)}.`;
};

const ACTORS: [string, string][] = [
  ['estmark', 'Estmark'],
  ['valdoria', 'Valdoria'],
  ['lirune', 'Lirune'],
  ['five', 'The Soren Five (Karsia, Norvand, Meridia, Ostland and Pellar)'],
  ['commission', 'Soren Basin Commission'],
  ['bank', 'Northern Development Bank'],
  ['imto', 'International Maritime Transport Organisation'],
  ['un', 'United Nations Environment Programme'],
];

function base(title: string): FactsFile {
  return {
    meta: { title, as_of: '2031-03-04', prepared_by: 'Corpus Desk', marking: 'UNCLASSIFIED // TEST' },
    sources: [{ id: 'wire', publisher: 'Wire report, Port Selen', title: 'Soren Basin States Trade Warnings As Karsk Dam Nears Filling', date: '2031-03-04' }],
    bottom_line: [
      { text: sentence(1, 140), sources: S },
      { text: sentence(2, 120), sources: S },
    ],
  };
}

function actors(stanceLength = 90) {
  return ACTORS.map(([id, name], i) => ({
    id,
    name,
    kind: id === 'five' ? 'group' : 'country',
    speakers: [{ name: `Speaker ${i + 1}`, role: 'Foreign Minister' }],
    stance: sentence(10 + i, stanceLength),
    stance_sources: S,
  }));
}

const ids = ACTORS.map(([id]) => id);
const options = (titleLength: number) =>
  Array.from({ length: 4 }, (_, i) => ({
    id: `option-${i + 1}`,
    title: sentence(40 + i, (i === 0 ? titleLength : 40) + 1).replace(/\.$/, ''),
    summary: sentence(50 + i, 200),
    pros: [sentence(60 + i, 110), sentence(70 + i, 90)],
    cons: [sentence(80 + i, 100)],
    backers: ids.slice(0, 3 + (i % 3)),
    opponents: ids.slice(6),
    sources: S,
  }));
const events = (n: number, length: number) =>
  Array.from({ length: n }, (_, i) => ({
    date: i < n / 2 ? `2031-0${1 + Math.floor(i / 4)}-${String(3 + (i % 4) * 6).padStart(2, '0')}` : `2031-${String(4 + Math.floor(i / 3)).padStart(2, '0')}`,
    event: sentence(100 + i, length),
    sources: S,
  }));

/** Next steps whose `who` names all 8 actors, one of them a bloc of five states. */
function eightActorsInNextSteps(): GeneratedDeck {
  return {
    facts: {
      ...base('Eight actors named in every next step'),
      timeline: events(8, 90),
      actors: actors(),
      options: options(40),
      next_steps: Array.from({ length: 4 }, (_, i) => ({ what: sentence(200 + i, 110), when: `2031-03-${10 + i * 5}`, who: ids, sources: S })),
    },
  };
}

/** An option whose title is 100 characters long. */
function longOptionTitle(): GeneratedDeck {
  return { facts: { ...base('A 100-character option title'), actors: actors(), options: options(100) } };
}

/** A 12-event timeline with 120-character event texts. */
function twelveEvents(): GeneratedDeck {
  return { facts: { ...base('Twelve events of 120 characters'), timeline: events(12, 120), actors: actors().slice(0, 2) } };
}

/** Four key terms (which must not be split 1 + 3). */
function fourTerms(): GeneratedDeck {
  return {
    facts: {
      ...base('Four key terms'),
      background: {
        points: Array.from({ length: 4 }, (_, i) => ({ text: sentence(300 + i, 150), sources: S })),
        terms: Array.from({ length: 4 }, (_, i) => ({ term: `Term number ${i + 1}`, definition: sentence(320 + i, 130), sources: S })),
      },
      actors: actors().slice(0, 1),
    },
  };
}

/**
 * Actors whose quotes and actions grow a step at a time, from well inside one slide to past it:
 * one of them just overflows its slide.
 */
function actorJustOverflowing(): GeneratedDeck {
  const grown = Array.from({ length: 6 }, (_, k) => ({
    id: `grown-${k + 1}`,
    name: `Actor with ${k + 2} quotes and ${k + 1} actions`,
    kind: 'country',
    speakers: [{ name: 'Aniela Voss', role: 'Foreign Minister' }],
    stance: sentence(400 + k, 110),
    stance_sources: S,
    quotes: Array.from({ length: 2 + Math.floor(k / 2) }, (_, q) => ({ text: sentence(500 + k * 10 + q, 170), speaker: 'Aniela Voss', date: '2031-03-04', source: 'wire' })),
    actions: Array.from({ length: k + 1 }, (_, a) => ({ text: sentence(600 + k * 10 + a, 95), date: '2031-03-03', sources: S })),
  }));
  return { facts: { ...base('An actor that just overflows one slide'), actors: grown } };
}

/** A quote too long for any slide: an honest refusal (exit 1 naming the quote) is the right answer. */
function quoteTooLong(): GeneratedDeck {
  const [actor] = actors();
  const quote = sentence(700, 3000);
  return {
    facts: {
      ...base('A quote longer than any slide'),
      actors: [{ ...actor!, quotes: [{ text: quote, speaker: 'Speaker 1', date: '2031-03-04', source: 'wire' }] }],
    },
  };
}

export const FIXED_CASES: Record<string, () => GeneratedDeck> = {
  'eight-actors-next-steps': eightActorsInNextSteps,
  'long-option-title': longOptionTitle,
  'twelve-events': twelveEvents,
  'four-terms': fourTerms,
  'actor-just-overflowing': actorJustOverflowing,
  'quote-too-long': quoteTooLong,
};

/**
 * Realistic facts files nobody hand-tuned, for the corpus test: fast-check arbitraries for the
 * whole facts format, sized like real briefings at their largest (15 actors, 40 events, 600-
 * character quotes, 80-character names) and written as a deck folder, with a source copy that
 * holds every quote when the deck's quotes are to be verified.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';

/** A facts file as the format takes it (snake_case, optional fields left out). */
export type FactsFile = Record<string, unknown> & {
  meta: { as_of: string } & Record<string, unknown>;
  sources: ({ id: string; copy?: string } & Record<string, unknown>)[];
  actors?: Actor[];
};

interface Actor {
  id: string;
  name: string;
  kind?: string;
  speakers?: { name: string; role: string }[];
  stance: string;
  stance_sources?: string[];
  quotes?: { text: string; speaker: string; date: string; source: string }[];
  actions?: { text: string; date?: string; sources: string[] }[];
}

/** A deck to write: its facts and, when its quotes are to be verified, the source copy text. */
export interface GeneratedDeck {
  facts: FactsFile;
  /** Text of `sources/wire.txt`, the copy of the first source; absent: no source has a copy. */
  copy?: string;
}

// Words of news copy, with what makes layout hard: numbers, amounts, brackets, long compounds,
// names with diacritics, quotation marks and dashes.
const WORDS = (
  'the minister said talks on border water sharing would resume after delegations from both capitals ' +
  'agreed a monitoring proposal while the summit was postponed parliament voted sanctions against ' +
  'exports fell sharply as the reservoir filled and farmers lost harvests officials warned that ' +
  'the ceasefire could collapse within weeks unless guarantees were given by the alliance ' +
  'negotiators meet again in spring; the bank froze its loan tranche pending an assessment'
).split(' ');
const HARD = [
  '112 to 31', '$4.8 billion', '(more than $1.2 billion)', '58 percent', '2,400 megawatts', '14 km²',
  'Intermediate-Range', 'non-proliferation', 'Bundesverfassungsgericht', 'co-operation', '“safeguards”',
  "the bloc's", 'Article 9', '9M729', 'Ølvir Dahl', 'Şebnem Yıldız-Okonjo', 'Port Selen', '—', '–', '&', '%',
  'US/EU', '“all necessary measures”', 'Art. 5(2)', 'São Tomé', 'Zürich', 'Kraków',
];
const NAME_WORDS = [
  'International', 'Maritime', 'Transport', 'Organisation', 'Northern', 'Development', 'Bank', 'Estmark',
  'Valdoria', 'Lirune', 'Karsia', 'Norvand', 'Commission', 'Council', 'Federal', 'Republic', 'Union',
  'Coalition', 'Front', 'Authority', 'Basin', 'Soren', 'Water', 'Security', 'Ministry', 'Defence',
  'Foreign', 'Affairs', 'of', 'the', 'and', 'for', 'Ølvir', 'Dahl', 'Şebnem', 'Yıldız-Okonjo', 'Aniela',
  'Voss', 'Tomasz', 'Rehn', 'Nguyễn', 'Ó Súilleabháin', 'Al-Hashimi', 'Bloc', 'Five', 'States',
];
const KINDS = ['country', 'alliance', 'organisation', 'person', 'group'] as const;
const ROLES = ['Foreign Minister', 'Prime Minister', 'Secretary-General', 'Spokesperson', 'Energy Minister',
  'Special Envoy for the Soren Basin and Regional Water Co-operation'];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

/** Words of prose, joined and cut at a word boundary to at most `max` characters. */
function prose(min: number, max: number): fc.Arbitrary<string> {
  const word = fc.oneof({ weight: 6, arbitrary: pick(WORDS) }, { weight: 1, arbitrary: pick(HARD) });
  return fc
    .tuple(fc.integer({ min, max }), fc.array(word, { minLength: Math.ceil(max / 8) + 2, maxLength: Math.ceil(max / 4) + 2, size: 'max' }))
    .map(([limit, words]) => {
      let text = '';
      for (const w of words) {
        const next = text ? `${text} ${w}` : w;
        if (next.length + 1 > limit && text) break;
        text = next;
      }
      text = text.slice(0, Math.max(1, limit - 1)).trim();
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    });
}

/** A proper name of 2 to `max` characters, like an organisation or a bloc of states. */
function name(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 2, max }), fc.array(pick(NAME_WORDS), { minLength: 1, maxLength: 14 }))
    .map(([limit, words]) => {
      let text = words[0]!;
      for (const w of words.slice(1)) {
        if (`${text} ${w}`.length > limit) break;
        text = `${text} ${w}`;
      }
      return text.slice(0, Math.max(limit, 2)).trim();
    });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date of year, month or day precision between 1950 and 2035. */
const anyDate = fc
  .tuple(fc.integer({ min: 1950, max: 2035 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 2 }))
  .map(([y, m, d, precision]) => (precision === 0 ? String(y) : precision === 1 ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`));

/** Sorts partial dates the way a timeline lists them: by the first day they cover. */
const sortKey = (date: string) => (date.length === 4 ? `${date}-00-00` : date.length === 7 ? `${date}-00` : date);

/** Distinct subsets of actor ids for one option: backers, opponents, undecided. */
function positions(ids: string[]): fc.Arbitrary<{ backers?: string[]; opponents?: string[]; undecided?: string[] }> {
  return fc.array(fc.integer({ min: 0, max: 3 }), { minLength: ids.length, maxLength: ids.length }).map((where) => {
    const of = (k: number) => ids.filter((_, i) => where[i] === k);
    const out: { backers?: string[]; opponents?: string[]; undecided?: string[] } = {};
    if (of(1).length) out.backers = of(1);
    if (of(2).length) out.opponents = of(2);
    if (of(3).length) out.undecided = of(3);
    return out;
  });
}

/** A quote: one passage, or two joined by "…", each as the source has it. */
// Each part at least three words: shorter quotes and elision parts are refused by the quote
// check (they can mean anything out of context), and these decks are here to test layout.
const passage = (min: number, max: number) => prose(min, max).filter((t) => t.trim().split(/\s+/).length >= 3);
const quoteText = fc.oneof(
  { weight: 3, arbitrary: passage(12, 600) },
  { weight: 1, arbitrary: fc.tuple(passage(12, 290), passage(12, 290)).map(([a, b]) => `${a} … ${b}`) },
);

/** The facts of one deck. */
export const factsArbitrary: fc.Arbitrary<GeneratedDeck> = fc
  .record({
    title: name(80),
    subtitle: fc.option(prose(10, 120), { nil: undefined }),
    asOf: fc.tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })),
    sourceCount: fc.integer({ min: 1, max: 4 }),
    sourceTitles: fc.array(fc.tuple(name(80), prose(10, 140)), { minLength: 4, maxLength: 4 }),
    withCopy: fc.boolean(),
    actorCount: fc.integer({ min: 1, max: 15 }),
    bottomLine: fc.array(prose(20, 260), { minLength: 2, maxLength: 4 }),
    points: fc.array(prose(20, 300), { maxLength: 8, size: 'max' }),
    terms: fc.array(fc.tuple(name(80), prose(10, 240)), { maxLength: 10, size: 'max' }),
    events: fc.array(fc.tuple(anyDate, prose(8, 160)), { maxLength: 34, size: 'max' }),
    upcoming: fc.array(fc.tuple(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 0, max: 2 }), prose(8, 160)), { maxLength: 6, size: 'max' }),
    steps: fc.array(fc.tuple(prose(10, 200), fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined })), { maxLength: 8, size: 'max' }),
    notes: fc.option(prose(10, 200), { nil: undefined }),
  })
  .chain((d) => {
    const ids = Array.from({ length: d.actorCount }, (_, i) => `actor-${i + 1}`);
    const sourceIds = Array.from({ length: d.sourceCount }, (_, i) => (i === 0 ? 'wire' : `source-${i + 1}`));
    const cite = fc.subarray(sourceIds, { minLength: 1 });
    const actor = (id: string): fc.Arbitrary<Actor> =>
      fc
        .record({
          name: name(80),
          kind: fc.option(pick(KINDS), { nil: undefined }),
          speakers: fc.array(fc.tuple(name(60), pick(ROLES)), { minLength: 1, maxLength: 3 }),
          stance: prose(10, 220),
          stanceSources: fc.option(cite, { nil: undefined }),
          quotes: fc.array(fc.tuple(quoteText, fc.nat(), anyDate, pick(sourceIds)), { maxLength: 6, size: 'max' }),
          actions: fc.array(fc.tuple(prose(10, 200), fc.option(anyDate, { nil: undefined }), cite), { maxLength: 5, size: 'max' }),
        })
        .map((a) => {
          // Speaker names must differ within an actor for a quote to be attributed to one.
          const speakers = a.speakers
            .map(([n, role], i) => ({ name: `${n} ${i + 1}`.slice(-60).trim(), role }))
            .filter((s, i, all) => all.findIndex((o) => o.name === s.name) === i);
          return {
            id,
            name: a.name,
            ...(a.kind ? { kind: a.kind } : {}),
            speakers,
            stance: a.stance,
            ...(a.stanceSources ? { stance_sources: a.stanceSources } : {}),
            ...(a.quotes.length
              ? { quotes: a.quotes.map(([text, who, date, source]) => ({ text, speaker: speakers[who % speakers.length]!.name, date, source })) }
              : {}),
            ...(a.actions.length
              ? { actions: a.actions.map(([text, date, sources]) => ({ text, ...(date ? { date } : {}), sources })) }
              : {}),
          };
        });
    const option = fc.record({
      title: prose(4, 80).map((t) => t.replace(/\.$/, '')),
      summary: prose(20, 300),
      pros: fc.array(prose(10, 160), { maxLength: 4, size: 'max' }),
      cons: fc.array(prose(10, 160), { maxLength: 4, size: 'max' }),
      positions: positions(ids),
      sources: cite,
    });
    return fc.record({
      d: fc.constant(d),
      ids: fc.constant(ids),
      sourceIds: fc.constant(sourceIds),
      actors: fc.tuple(...ids.map(actor)),
      options: fc.array(option, { maxLength: 12, size: 'max' }),
      cites: fc.array(cite, { minLength: 200, maxLength: 200 }),
      stepWho: fc.array(fc.subarray(ids), { minLength: 8, maxLength: 8 }),
      allIn: fc.nat({ max: 7 }),
    });
  })
  .map(({ d, ids, sourceIds, actors, options, cites, stepWho, allIn }) => {
    let c = 0;
    const cite = () => cites[c++ % cites.length]!;
    const [y, m, day] = d.asOf;
    const asOf = `${y}-${pad(m)}-${pad(day)}`;
    const later = (days: number, precision: number) => {
      const t = new Date(Date.UTC(y, m - 1, day) + days * 86_400_000);
      const full = t.toISOString().slice(0, 10);
      return precision === 0 ? full.slice(0, 4) : precision === 1 ? full.slice(0, 7) : full;
    };
    const events = [
      ...d.events.map(([date, event]) => ({ date, event })),
      ...d.upcoming.map(([days, precision, event]) => ({ date: later(days, precision), event })),
    ].sort((a, b) => sortKey(a.date).localeCompare(sortKey(b.date)));
    const facts: FactsFile = {
      meta: {
        title: d.title,
        ...(d.subtitle ? { subtitle: d.subtitle } : {}),
        as_of: asOf,
        prepared_by: 'Corpus Desk',
        marking: 'UNCLASSIFIED // TEST',
      },
      sources: sourceIds.map((id, i) => ({
        id,
        publisher: d.sourceTitles[i]![0],
        title: d.sourceTitles[i]![1],
        date: asOf,
        ...(i === 0 && d.withCopy ? { copy: 'sources/wire.txt' } : {}),
      })),
      bottom_line: d.bottomLine.map((text) => ({ text, sources: cite() })),
      ...(d.points.length || d.terms.length
        ? {
            background: {
              ...(d.points.length ? { points: d.points.map((text) => ({ text, sources: cite() })) } : {}),
              ...(d.terms.length ? { terms: d.terms.map(([term, definition]) => ({ term, definition, sources: cite() })) } : {}),
            },
          }
        : {}),
      ...(events.length ? { timeline: events.map((e) => ({ ...e, sources: cite() })) } : {}),
      actors,
      ...(options.length
        ? {
            options: options.map((o, i) => ({
              id: `option-${i + 1}`,
              title: o.title,
              summary: o.summary,
              ...(o.pros.length ? { pros: o.pros } : {}),
              ...(o.cons.length ? { cons: o.cons } : {}),
              ...o.positions,
              sources: o.sources,
            })),
          }
        : {}),
      ...(d.steps.length
        ? {
            next_steps: d.steps.map(([what, days], i) => ({
              what,
              ...(days === undefined ? {} : { when: later(days, 2) }),
              // One step always names every actor: the Who column must stay readable.
              who: i === allIn % d.steps.length ? ids : stepWho[i]!,
              sources: cite(),
            })),
          }
        : {}),
      ...(d.notes ? { notes: { bottom_line: d.notes } } : {}),
    };
    const quotes = actors.flatMap((a) => a.quotes ?? []);
    // Quotes citing the copied source must stand in it; one "…" joins two passages of a quote.
    const copy = d.withCopy
      ? quotes
          .filter((q) => q.source === 'wire')
          .map((q) => q.text.split(' … ').map((part) => `"${part}" ${q.speaker} said.`).join(' Later: '))
          .join('\n\n') + '\nEnd of report.\n'
      : undefined;
    return { facts, ...(copy ? { copy } : {}) };
  });

/** Writes a deck folder: `facts.yaml` and, when there is one, `sources/wire.txt`. */
export async function writeDeck(dir: string, deck: GeneratedDeck): Promise<string> {
  await mkdir(path.join(dir, 'sources'), { recursive: true });
  await writeFile(path.join(dir, 'facts.yaml'), stringify(deck.facts, { lineWidth: 0 }));
  if (deck.copy !== undefined) await writeFile(path.join(dir, 'sources', 'wire.txt'), deck.copy);
  return dir;
}

/** `n` decks from `seed`: the same seed always gives the same decks. */
export function sampleDecks(seed: number, n: number): GeneratedDeck[] {
  return fc.sample(factsArbitrary, { seed, numRuns: n });
}

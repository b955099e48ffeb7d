import { formatDate, formatDateShort, formatSpan, type PartialDate } from '../facts/dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { bare } from './words.js';

const short = (d: PartialDate | undefined) => (d ? formatDateShort(d) : 'no date');
const FIELDS: Record<OptionField, string> = {
  title: 'title',
  summary: 'summary',
  pros: 'arguments for',
  cons: 'arguments against',
  backers: 'backers',
  opponents: 'opponents',
};

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `New key judgement: ${c.text}`;
    case 'judgement-dropped': return `Key judgement dropped: ${c.text}`;
    case 'event-added': return `New event, ${short(c.date)}: ${c.text}`;
    case 'event-removed': return `Event removed: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `Date moved: ${bare(c.text)}, from ${short(c.from)} to ${short(c.to)}`;
    case 'event-past': return `Now past: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `New actor: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `Actor removed: ${c.name}`;
    case 'stance-shifted': return `${c.name}'s stance shifted: now "${bare(c.now)}"; was "${bare(c.was)}"`;
    case 'quote-added': return `New quote from ${c.speaker} (${c.actor}), ${short(c.date)}: "${c.text}"`;
    case 'quote-withdrawn': return `Quote withdrawn: ${c.speaker} (${c.actor}), "${c.text}"`;
    case 'action-added': return `New action by ${c.actor}: ${c.text}`;
    case 'action-removed': return `Action no longer listed for ${c.actor}: ${c.text}`;
    case 'option-added': return `Option added: ${c.title}`;
    case 'option-dropped': return `Option dropped: ${c.title}`;
    case 'option-updated': return `Option updated: ${c.title} (${c.fields.map((f) => FIELDS[f]).join(', ')})`;
    case 'step-added': return `New next step, ${c.date ? formatDateShort(c.date) : 'no date set'}: ${c.text}`;
    case 'step-done': return `Done: ${bare(c.text)} (was due ${short(c.due)})`;
    case 'step-dropped': return `Next step dropped: ${c.text}`;
    case 'step-moved': return `Next step moved: ${bare(c.text)}, from ${short(c.from)} to ${short(c.to)}`;
    case 'point-added': return `New background: ${c.text}`;
    case 'point-removed': return `Background removed: ${c.text}`;
    case 'term-added': return `New key term: ${c.term}`;
    case 'term-removed': return `Key term removed: ${c.term}`;
    case 'definition-updated': return `Definition updated: ${c.term}`;
    case 'source-added': return `New source: ${c.publisher ? `${c.publisher}, ` : ''}"${c.title}"`;
    case 'source-removed': return `Source no longer cited: ${c.publisher ? `${c.publisher}, ` : ''}"${c.title}"`;
  }
}

export const en: Labels = {
  language: 'en',
  dir: 'ltr',
  section: {
    title: 'Briefing',
    'bottom-line': 'Bottom line',
    changes: 'What changed',
    background: 'Background',
    timeline: 'Timeline',
    positions: 'Positions',
    options: 'Options',
    'next-steps': 'Next steps',
    sources: 'Sources',
  },
  heading: {
    bottomLine: 'Bottom line',
    whatsNew: (since) => `What's new since ${since}`,
    background: 'Background',
    timelineChart: 'Timeline at a glance',
    timeline: 'Timeline',
    positions: 'Positions at a glance',
    matrix: 'Who backs which option',
    optionsTable: 'Options at a glance',
    option: (n, title) => (n === undefined ? `Option: ${title}` : `Option ${n}: ${title}`),
    nextSteps: 'Next steps',
    sources: 'Sources',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'Key terms',
  actions: 'Actions',
  speakingFor: (actor) => `Speaking for ${actor}:`,
  stance: 'Stance:',
  backedBy: 'Backed by:',
  opposedBy: 'Opposed by:',
  columns: {
    date: 'Date',
    event: 'Event',
    actor: 'Actor',
    stance: 'Stance',
    number: '#',
    option: 'Option',
    backedBy: 'Backed by',
    opposedBy: 'Opposed by',
    for: 'For',
    against: 'Against',
    when: 'When',
    what: 'What',
    who: 'Who',
  },
  asOf: (date) => `As of ${date}`,
  asOfFooter: (date) => `as of ${date}`,
  preparedBy: (who) => `Prepared by ${who}`,
  audience: (who) => `For ${who}`,
  asOfBriefing: 'As of this briefing',
  upcoming: '(upcoming)',
  notSet: 'Not set',
  none: '—',
  allActors: (count) => `All ${count} actors`,
  noChanges: (since) => `No changes to the facts since ${since}.`,
  checkedCopy: '(quotes checked against a local copy)',
  matrix: {
    backs: (n) => `backs option ${n}`,
    opposes: (n) => `opposes option ${n}`,
    undecided: (n) => `undecided on option ${n}`,
    noPosition: 'no known position',
    unknown: (n) => `position not known on option ${n}`,
    conditional: (n, c) => `backs option ${n} ${c}`,
    conditionalMark: 'backs on a condition',
  },
  drawing: {
    past: 'past',
    upcoming: 'upcoming',
    numbered: 'numbered as in the timeline table',
    option: 'Option',
    backs: 'backs',
    conditional: 'backs, with conditions',
    opposes: 'opposes',
    open: 'undecided',
    unknown: 'position not known',
    timeline: (count, from, to, numbered, asOf) =>
      `Timeline of ${count} event${count === 1 ? '' : 's'}, ${from} to ${to}${numbered ? ', numbered as in the timeline table' : ''}; as of ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `Positions of ${actors} actor${actors === 1 ? '' : 's'} on ${options} option${options === 1 ? '' : 's'}${range ? ` (${range[0]} to ${range[1]})` : ''}: filled circle backs,${conditional ? ' half-filled circle backs with conditions,' : ''} cross opposes, open circle undecided, dash not known.`,
  },
  // Day, month, year: unambiguous in every English-speaking country.
  date: formatDate,
  dateShort: formatDateShort,
  span: (s) => formatSpan(s),
  spanShort: (s) => formatSpan(s, true),
  quoteMarks: ['“', '”'],
  statement: 'statement',
  dateOfSource: (date) => `${date} (date of the source)`,
  unchecked: 'not checked against the source',
  noStance: 'No stated position',
  backedIf: 'Backed on a condition:',
  unnamedSources: 'Unnamed sources',
  change,
  briefingAsOf: (date) => `Briefing as of ${date}`,
  handoutSubject: (about) => `Handout with speaker notes and sources — ${about}`,
  handoutTitle: (title) => `${title} — handout`,
  handoutDoc: (title, asOf) => `${title} · Handout · as of ${asOf}`,
  speakerNotes: 'Speaker notes',
  sourcesCited: (count) => (count === 1 ? 'Source cited on this slide' : 'Sources cited on this slide'),
  slideOf: (n, total) => `Slide ${n} of ${total}`,
  noNotes: 'No speaker notes or sources for this slide.',
  controls: { previous: 'previous slide', next: 'next slide', above: 'slide above', below: 'slide below' },
  allSourcesListed: 'The slide lists every source of this briefing.',
  notesGoOn: 'The notes go on in the deck’s speaker view.',
};

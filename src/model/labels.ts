/**
 * Every word briefdeck adds to a deck — section names, table headings, the byline, legends,
 * the handout's captions — in one place, so a deck can be given in another language by
 * swapping this object. Facts text never passes through here.
 */
import { formatDate, formatDateShort, formatSpan, type DateSpan, type PartialDate } from '../facts/dates.js';
import type { SectionId } from './deck.js';

export interface Labels {
  /** The kicker above each slide and the PDF outline's entries. */
  section: Record<SectionId, string>;
  /** Slide headings of the sections (a section's first heading may differ from its kicker). */
  heading: {
    bottomLine: string;
    whatsNew: (since: string) => string;
    background: string;
    timelineChart: string;
    timeline: string;
    positions: string;
    matrix: string;
    optionsTable: string;
    option: (number: number | undefined, title: string) => string;
    nextSteps: string;
    sources: string;
  };
  /** "Timeline (2/3)". */
  continued: (title: string, index: number, count: number) => string;
  keyTerms: string;
  actions: string;
  speakingFor: (actor: string) => string;
  stance: string;
  backedBy: string;
  opposedBy: string;
  columns: {
    date: string;
    event: string;
    actor: string;
    stance: string;
    number: string;
    option: string;
    backedBy: string;
    opposedBy: string;
    for: string;
    against: string;
    when: string;
    what: string;
    who: string;
  };
  asOf: (date: string) => string;
  /** In the footer of every slide, after the deck title. */
  asOfFooter: (date: string) => string;
  preparedBy: (who: string) => string;
  audience: (who: string) => string;
  asOfBriefing: string;
  upcoming: string;
  notSet: string;
  none: string;
  /** A table cell that names every actor of the deck. */
  allActors: (count: number) => string;
  noChanges: (since: string) => string;
  checkedCopy: string;
  /** Dates: "13 February 2019", and the short form for tables, "13 Feb 2019". */
  date: (d: PartialDate) => string;
  dateShort: (d: PartialDate) => string;
  /** A range or an ongoing period: "18–20 May 2032", "since 2020"; short: "30 Apr – 2 May 2032". */
  span: (s: DateSpan) => string;
  spanShort: (s: DateSpan) => string;
  /** What a quote of an actor itself is called when the facts do not say (by:). */
  statement: string;
  /** A quote's date taken from its source. */
  dateOfSource: (date: string) => string;
  /** Beside a quote whose source has no local copy. */
  unchecked: string;
  /** An actor without a stance. */
  noStance: string;
  backedIf: string;
  /** The slide of quotes from people the sources do not name, under no actor. */
  unnamedSources: string;
  /** PDF document information and the handout. */
  briefingAsOf: (date: string) => string;
  handoutSubject: (about: string) => string;
  handoutTitle: (title: string) => string;
  handoutDoc: (title: string, asOf: string) => string;
  speakerNotes: string;
  sourcesCited: (count: number) => string;
  slideOf: (n: number, total: number) => string;
  noNotes: string;
  allSourcesListed: string;
  notesGoOn: string;
}

export const ENGLISH: Labels = {
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
  date: formatDate,
  dateShort: formatDateShort,
  span: (s) => formatSpan(s),
  spanShort: (s) => formatSpan(s, true),
  statement: 'statement',
  dateOfSource: (date) => `${date} (date of the source)`,
  unchecked: 'not checked against the source',
  noStance: 'No stated position',
  backedIf: 'Backed on a condition:',
  unnamedSources: 'Unnamed sources',
  briefingAsOf: (date) => `Briefing as of ${date}`,
  handoutSubject: (about) => `Handout with speaker notes and sources — ${about}`,
  handoutTitle: (title) => `${title} — handout`,
  handoutDoc: (title, asOf) => `${title} · Handout · as of ${asOf}`,
  speakerNotes: 'Speaker notes',
  sourcesCited: (count) => (count === 1 ? 'Source cited on this slide' : 'Sources cited on this slide'),
  slideOf: (n, total) => `Slide ${n} of ${total}`,
  noNotes: 'No speaker notes or sources for this slide.',
  allSourcesListed: 'The slide lists every source of this briefing.',
  notesGoOn: 'The notes go on in the deck’s speaker view.',
};

/** The labels for a deck's language; English until other label sets exist. */
export function labelsFor(_language: string): Labels {
  return ENGLISH;
}

import type { DateSpan, PartialDate } from '../facts/dates.js';

export type SectionKey = 'title' | 'bottom-line' | 'changes' | 'background' | 'timeline' | 'positions' | 'options' | 'next-steps' | 'sources';

/** What changed between two versions of the facts, as data; each language words it in its own grammar. */
export type ChangeNote =
  | { type: 'judgement-added' | 'judgement-dropped'; text: string }
  | { type: 'event-added'; date: PartialDate | undefined; text: string }
  | { type: 'event-removed' | 'event-past'; text: string; date: PartialDate | undefined }
  | { type: 'event-moved' | 'step-moved'; text: string; from: PartialDate | undefined; to: PartialDate | undefined }
  | { type: 'actor-added'; name: string; stance: string }
  | { type: 'actor-removed'; name: string }
  | { type: 'stance-shifted'; name: string; now: string; was: string }
  | { type: 'quote-added'; speaker: string; actor: string; date: PartialDate | undefined; text: string }
  | { type: 'quote-withdrawn'; speaker: string; actor: string; text: string }
  | { type: 'action-added' | 'action-removed'; actor: string; text: string }
  | { type: 'option-added' | 'option-dropped'; title: string }
  | { type: 'option-updated'; title: string; fields: OptionField[] }
  | { type: 'step-added'; date: PartialDate | undefined; text: string }
  | { type: 'step-done'; text: string; due: PartialDate | undefined }
  | { type: 'step-dropped'; text: string }
  | { type: 'point-added' | 'point-removed'; text: string }
  | { type: 'term-added' | 'term-removed' | 'definition-updated'; term: string }
  | { type: 'source-added' | 'source-removed'; publisher: string; title: string };

export type OptionField = 'title' | 'summary' | 'pros' | 'cons' | 'backers' | 'opponents';

/**
 * Every word briefdeck adds to a deck in one language: section names, headings, table
 * headings, the byline, the handout's captions, the What's-new sentences and dates.
 */
export interface Labels {
  /** BCP 47 tag the labels are for (the deck's language, or the one it fell back to). */
  language: string;
  /** Writing direction of the language. */
  dir: 'ltr' | 'rtl';
  /** The kicker above each slide and the PDF outline's entries. */
  section: Record<SectionKey, string>;
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
  /** The positions matrix, in words (its text alternative). */
  matrix: {
    backs: (option: number) => string;
    opposes: (option: number) => string;
    undecided: (option: number) => string;
    noPosition: string;
    /** No known position on option n, where it has one on others. */
    unknown: (option: number) => string;
    /** Backs option n on a condition (the condition follows, in the facts' words). */
    conditional: (option: number, condition: string) => string;
    /** The legend's word for that mark. */
    conditionalMark: string;
  };
  /**
   * The words inside the drawings: the timeline's legend and the matrix's heads, legend and
   * accessible names. Their widths are estimated from these words, so the drawings lay out
   * around them.
   */
  drawing: {
    /** The legend's words for past and upcoming events; `upcoming` also follows an upcoming event's date. */
    past: string;
    upcoming: string;
    /** The legend's note when events are shown by their numbers in the timeline table. */
    numbered: string;
    /** Before an option's number in the matrix: "Option 3". */
    option: string;
    /** The matrix legend, one entry per mark. */
    backs: string;
    conditional: string;
    opposes: string;
    open: string;
    unknown: string;
    /** The timeline drawing's accessible name: its events, first and last date, and as-of date. */
    timeline: (count: number, from: string, to: string, numbered: boolean, asOf: string) => string;
    /** The matrix drawing's accessible name: its size, its options' numbers, and what each mark means. */
    matrix: (actors: number, options: number, range: readonly [number, number] | undefined, conditional: boolean) => string;
  };
  /** Dates at their precision: "13 February 2019", and the short form for tables, "13 Feb 2019". */
  date: (d: PartialDate) => string;
  dateShort: (d: PartialDate) => string;
  /** A range or an ongoing period: "18–20 May 2032", "since 2020"; and the short form for tables. */
  span: (s: DateSpan) => string;
  spanShort: (s: DateSpan) => string;
  /** The language's quotation marks, opening and closing, around a quote or a source's title. */
  quoteMarks: readonly [string, string];
  /** What a quote of an actor itself is called when the facts' `by:` does not say. */
  statement: string;
  /** A quote's date taken from its source: "4 Mar 2031 (date of the source)". */
  dateOfSource: (date: string) => string;
  /** Beside a quote whose source has no local copy. */
  unchecked: string;
  /** An actor without a stance. */
  noStance: string;
  /** Before the actors that back an option on a condition. */
  backedIf: string;
  /** The slide of quotes from people the sources do not name, under no actor. */
  unnamedSources: string;
  change: (note: ChangeNote) => string;
  /** PDF document information and the handout. */
  briefingAsOf: (date: string) => string;
  handoutSubject: (about: string) => string;
  handoutTitle: (title: string) => string;
  handoutDoc: (title: string, asOf: string) => string;
  speakerNotes: string;
  sourcesCited: (count: number) => string;
  slideOf: (n: number, total: number) => string;
  noNotes: string;
  /** The accessible names of the presentation's navigation buttons. */
  controls: { previous: string; next: string; above: string; below: string };
  allSourcesListed: string;
  notesGoOn: string;
}

/** The strings a brand file or a deck may replace: plain words, not functions. */
export type LabelOverrides = Partial<{
  [K in keyof Labels as Labels[K] extends string ? K : never]: string;
}> & {
  section?: Partial<Record<SectionKey, string>>;
  heading?: Partial<{ [K in keyof Labels['heading'] as Labels['heading'][K] extends string ? K : never]: string }>;
  columns?: Partial<Labels['columns']>;
  drawing?: Partial<{ [K in keyof Labels['drawing'] as Labels['drawing'][K] extends string ? K : never]: string }>;
  controls?: Partial<Labels['controls']>;
};

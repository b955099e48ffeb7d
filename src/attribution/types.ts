/** One passage in quotation marks, located by character offsets into the article text. */
export interface QuoteSpan {
  /** Offset of the first character of the quoted words (after the opening mark and spaces). */
  start: number;
  /** Offset just past the last quoted word; a closing comma or full stop is left out. */
  end: number;
  /** `text.slice(start, end)`: the quoted words, verbatim. */
  text: string;
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the paragraph ends with the quote still open. */
  close: number;
  /** Index of the paragraph (blocks separated by blank lines) that holds it. */
  paragraph: number;
  /** The paragraph ends before the quote is closed: the next paragraph's quote continues it. */
  runsOn: boolean;
  /** It opens a paragraph that continues a quote left open at the end of the previous one. */
  continues: boolean;
  /**
   * quote: words someone is reported to have said or written. title: the name of a newspaper,
   * programme or book. term: a word set off in quotation marks (scare quotes, "so-called").
   */
  role: 'quote' | 'title' | 'term';
}

export type AttributionKind = 'person' | 'statement' | 'anonymous' | 'unknown';

/** Who the article says said a quoted passage. */
export interface Attribution {
  /**
   * person: a named person. statement: an organisation, state or bloc speaking as such.
   * anonymous: an unnamed source ("a senior official who asked not to be named").
   * unknown: the article does not say clearly enough; a human must decide.
   */
  kind: AttributionKind;
  /** The person's full name as the article first gives it (kind person). */
  name?: string;
  /** The person's role as the article gives it, e.g. "Secretary-General". */
  role?: string;
  /** The article's words for an anonymous source, or the descriptor that named the speaker. */
  descriptor?: string;
  /** The organisation, state or bloc: the speaker itself (statement) or the one a person or source speaks for. */
  actor?: string;
  /** 0..1: how sure the rules are. Below 0.6 a draft should ask a human (a TODO). */
  confidence: number;
  /** Offsets of the words that decided it (the said-clause subject), when there are any. */
  evidence?: { start: number; end: number };
}

/** A person the article names, with what it says about them. */
export interface Person {
  name: string;
  /** The words used for the person alone after the first mention: the surname (with particles). */
  surname: string;
  role?: string;
  /** Earlier role ("a former prime minister"), kept apart from the current one. */
  formerRole?: string;
  actor?: string;
  gender?: 'm' | 'f';
  /** Offset of the first mention. */
  first: number;
}

/** An organisation, state or bloc named in the article. */
export interface Organisation {
  name: string;
  /** Offset of the first mention. */
  first: number;
}

export interface AttributedQuote {
  span: QuoteSpan;
  attribution: Attribution;
}

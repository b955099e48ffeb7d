/**
 * Who an article says said each quoted passage. One module for `draft` (which writes the
 * speakers) and `check` (which verifies them).
 *
 *   findQuotes(text)        every passage in quotation marks, with its role (quote, title, term)
 *   attribute(text, span)   who said one of them
 *   attributeAll(text)      both at once, in article order
 *   analyse(text)           the above plus the people and organisations the article names
 */
export type { QuoteSpan, Attribution, AttributionKind, Person, Organisation, AttributedQuote } from './types.js';
export { findQuotes, paragraphs } from './quotes.js';
export { attribute, attributeAll, analyse, type Analysis } from './attribute.js';
export { speakerMatches } from './match.js';

import { formatDateShort, formatSpan, parseDate, parseSpan, type DateSpan, type PartialDate } from './dates.js';
import type { Actor, Event, Facts, Quote, Source } from './schema.js';

/**
 * How facts that may leave things out are put into words on slides: who a quote is credited
 * to, an actor's stance, when an event happened. Pure; called on validated facts only.
 */

/** What an actor with no `stance` is shown as. */
export const NO_STANCE = 'No stated position';

/** What a quote is marked with when its source has no local copy. */
export const UNCHECKED_QUOTE = 'not checked against the source';

export function stanceOf(actor: Actor): string {
  return actor.stance ?? NO_STANCE;
}

/** Who a quote is credited to: the person, the source's description, or "Actor, statement". */
export function quoteSpeaker(quote: Quote, actor: Actor | undefined): string {
  if (quote.speaker !== undefined) return quote.speaker;
  if (quote.anonymous !== undefined) return quote.anonymous;
  return actor ? `${actor.name}, ${quote.by ?? 'statement'}` : (quote.by ?? 'statement');
}

/** The credit line under a quote, without the dash: "Jens Stoltenberg, 13 Feb 2019". */
export function quoteCredit(quote: Quote, actor: Actor | undefined, facts: Facts): string {
  const who = quoteSpeaker(quote, actor);
  const when = quoteDate(quote, facts);
  if (!when) return who;
  return `${who}, ${formatDateShort(when.date)}${when.fromSource ? ' (date of the source)' : ''}`;
}

/** A quote's own date, else its source's (said so), else none. */
export function quoteDate(quote: Quote, facts: Facts): { date: PartialDate; fromSource: boolean } | undefined {
  if (quote.date !== undefined) return { date: validDate(quote.date), fromSource: false };
  const source = facts.sources.find((s) => s.id === quote.source);
  return source?.date === undefined ? undefined : { date: validDate(source.date), fromSource: true };
}

/** True when the quote's source has no local copy, so its words were not checked. */
export function isUnchecked(quote: Quote, facts: Facts): boolean {
  return facts.sources.find((s) => s.id === quote.source)?.copy === undefined;
}

/** When a timeline event happened: a date, a range, or since a date. */
export function eventSpan(event: Event): DateSpan {
  if (event.since !== undefined) return { start: validDate(event.since), since: true };
  return validSpan(event.date!);
}

export function validSpan(value: string | number): DateSpan {
  const parsed = parseSpan(value);
  if (typeof parsed === 'string') throw new Error(`unvalidated date: ${parsed}`);
  return parsed;
}

/** A date or range as a table shows it: "13 Feb 2019", "18–20 May 2032". */
export function spanText(value: string | number): string {
  return formatSpan(validSpan(value), true);
}

function validDate(value: string | number): PartialDate {
  const parsed = parseDate(value);
  // Facts reach this point only after validation, which rejects invalid dates.
  if (typeof parsed === 'string') throw new Error(`unvalidated date: ${parsed}`);
  return parsed;
}

/** "Publisher, “Title”" or just "“Title”" when the source names no publisher. */
export function sourceHeading(source: Source, quoteTitle: (title: string) => string): string {
  return source.publisher === undefined ? quoteTitle(source.title) : `${source.publisher}, ${quoteTitle(source.title)}`;
}

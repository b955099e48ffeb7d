import { parseDate, parseSpan, type DateSpan, type PartialDate } from './dates.js';
import type { Actor, Event, Facts, Quote } from './schema.js';

/**
 * What facts that may leave things out amount to: who a quote is credited to, its date, an
 * actor's stance, when an event happened. Pure; called on validated facts only. The words a
 * deck adds around them are the model's labels.
 */

/** What an actor with no `stance` is shown as. */
export const NO_STANCE = 'No stated position';

export function stanceOf(actor: Actor): string {
  return actor.stance ?? NO_STANCE;
}

/**
 * Who a quote is credited to: the person, the source's description, or "Actor, statement"
 * (`statement` is the word for a statement when the facts' `by:` does not give one).
 */
export function quoteSpeaker(quote: Quote, actor: Actor | undefined, statement = 'statement'): string {
  if (quote.speaker !== undefined) return quote.speaker;
  if (quote.anonymous !== undefined) return quote.anonymous;
  return actor ? `${actor.name}, ${quote.by ?? statement}` : (quote.by ?? statement);
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

function validDate(value: string | number): PartialDate {
  const parsed = parseDate(value);
  // Facts reach this point only after validation, which rejects invalid dates.
  if (typeof parsed === 'string') throw new Error(`unvalidated date: ${parsed}`);
  return parsed;
}

/**
 * Dates in facts have year, month or day precision ("1987", "2019-02", "2019-02-13"), because
 * news rarely gives more than the source says. They are kept as written and compared by the
 * period they cover.
 */
export type Precision = 'year' | 'month' | 'day';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
}

const DATE_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export const DATE_FORMAT_HINT = 'write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-02-13';

/** Parses a date as written in facts; returns an error message instead when it is not one. */
export function parseDate(input: string | number): PartialDate | string {
  const text = String(input).trim();
  const m = DATE_SHAPE.exec(text);
  if (!m) return `"${text}" is not a date: ${DATE_FORMAT_HINT}`;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `"${text}" has no month ${m[2]}: months run from 01 to 12`;
  if (m[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(m[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return `"${text}" does not exist: ${MONTHS[month - 1]} ${year} has ${last} days`;
  }
  return { year, month, day, precision: 'day' };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** First day covered, as a sortable number yyyymmdd. */
export function startKey(d: PartialDate): number {
  return d.year * 10000 + (d.month ?? 1) * 100 + (d.day ?? 1);
}

/** Last day covered, as a sortable number yyyymmdd. */
export function endKey(d: PartialDate): number {
  const month = d.month ?? 12;
  const day = d.day ?? daysInMonth(d.year, month);
  return d.year * 10000 + month * 100 + day;
}

/** True when the whole period lies after `reference` (an event still to come). */
export function isAfter(d: PartialDate, reference: PartialDate): boolean {
  return startKey(d) > endKey(reference);
}

/**
 * Orders by first day covered, then by last: "2019-02" (from 1 February) sorts before
 * "2019-02-02", and "2019-02-01" before "2019-02".
 */
export function compareDates(a: PartialDate, b: PartialDate): number {
  return startKey(a) - startKey(b) || endKey(a) - endKey(b);
}

/** "1987", "February 2019", "13 February 2019": unambiguous in every English-speaking country. */
export function formatDate(d: PartialDate): string {
  if (d.month === undefined) return String(d.year);
  const month = MONTHS[d.month - 1];
  if (d.day === undefined) return `${month} ${d.year}`;
  return `${d.day} ${month} ${d.year}`;
}

/** Short form for tables: "1987", "Feb 2019", "13 Feb 2019". */
export function formatDateShort(d: PartialDate): string {
  if (d.month === undefined) return String(d.year);
  const month = MONTHS[d.month - 1]!.slice(0, 3);
  if (d.day === undefined) return `${month} ${d.year}`;
  return `${d.day} ${month} ${d.year}`;
}

/**
 * When something happened: one date, a range (an ISO 8601 interval such as
 * 2032-05-18/2032-05-20, each end of any precision), or an open period `since` a date.
 */
export interface DateSpan {
  start: PartialDate;
  /** The last period covered; absent for a single date and for an open `since`. */
  end?: PartialDate;
  /** Ongoing: from `start` with no end given. */
  since?: boolean;
}

/** Parses a date or an interval "A/B" as written in facts; an error message when it is not one. */
export function parseSpan(input: string | number): DateSpan | string {
  const text = String(input).trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    const single = parseDate(text);
    return typeof single === 'string' ? single : { start: single };
  }
  const start = parseDate(text.slice(0, slash));
  if (typeof start === 'string') return start;
  const end = parseDate(text.slice(slash + 1));
  if (typeof end === 'string') return end;
  if (startKey(end) < startKey(start)) return `"${text}" ends before it starts: write the earlier date first`;
  if (startKey(end) === startKey(start) && endKey(end) === endKey(start)) {
    return `"${text}" starts and ends on the same date: write it once, without the "/"`;
  }
  return { start, end };
}

/** The span as one period: its first and last day, for ordering and "upcoming". */
export function spanPeriod(span: DateSpan): { first: PartialDate; last: PartialDate } {
  return { first: span.start, last: span.end ?? span.start };
}

/** Orders by first day, then by last (a single date before a range starting the same day). */
export function compareSpans(a: DateSpan, b: DateSpan): number {
  return startKey(a.start) - startKey(b.start) || endKey(a.end ?? a.start) - endKey(b.end ?? b.start) || Number(!!a.since) - Number(!!b.since);
}

const EN_DASH = '\u2013';

/**
 * A span written naturally: "18–20 May 2032", "30 Apr – 2 May 2032", "May–June 2032",
 * "2031–2032", "since 2020". `short` uses three-letter months, as tables do.
 */
export function formatSpan(span: DateSpan, short = false): string {
  const one = short ? formatDateShort : formatDate;
  if (span.since) return `since ${one(span.start)}`;
  const { start: a, end: b } = span;
  if (!b) return one(a);
  const month = (m: number) => (short ? MONTHS[m - 1]!.slice(0, 3) : MONTHS[m - 1]!);
  if (a.precision === 'day' && b.precision === 'day') {
    if (a.year === b.year && a.month === b.month) return `${a.day}${EN_DASH}${b.day} ${month(b.month!)} ${b.year}`;
    if (a.year === b.year) return `${a.day} ${month(a.month!)} ${EN_DASH} ${b.day} ${month(b.month!)} ${b.year}`;
  }
  if (a.precision === 'month' && b.precision === 'month' && a.year === b.year) {
    return `${month(a.month!)}${EN_DASH}${month(b.month!)} ${b.year}`;
  }
  if (a.precision === 'year' && b.precision === 'year') return `${a.year}${EN_DASH}${b.year}`;
  return `${one(a)} ${EN_DASH} ${one(b)}`;
}

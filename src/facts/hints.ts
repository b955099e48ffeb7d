import type { z } from 'zod';
import { distance } from 'fastest-levenshtein';

/*
 * Hints for values written the way people write them rather than the way the format wants:
 * a date in words, a choice with a different spelling. Pure.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function month(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i < 0 ? undefined : i + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date written in words or with slashes, as YYYY-MM-DD (or YYYY-MM without a day):
 * "26 November 2026", "Nov 26, 2026", "November 2026", "2026/11/26", "26.11.2026". Undefined
 * for anything it cannot read without guessing (11/12/2026: day or month first?).
 */
export function isoDate(text: string): string | undefined {
  const t = text.trim().replace(/(\d)(st|nd|rd|th)\b/gi, '$1').replace(/,/g, ' ').replace(/\s+/g, ' ');
  const valid = (y: number, m: number, d?: number) =>
    y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && (d === undefined || (d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()));
  const out = (y: number, m: number, d?: number) => (valid(y, m, d) ? `${y}-${pad(m)}${d === undefined ? '' : `-${pad(d)}`}` : undefined);
  let m: RegExpExecArray | null;
  const named = (word: string, year: string, day?: string) => {
    const mo = month(word);
    return mo === undefined ? undefined : out(Number(year), mo, day === undefined ? undefined : Number(day));
  };
  if ((m = /^(\d{1,2}) ([A-Za-z.]+) (\d{4})$/.exec(t))) return named(m[2]!, m[3]!, m[1]!);
  if ((m = /^([A-Za-z.]+) (\d{1,2}) (\d{4})$/.exec(t))) return named(m[1]!, m[3]!, m[2]!);
  if ((m = /^([A-Za-z.]+) (\d{4})$/.exec(t))) return named(m[1]!, m[2]!);
  if ((m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(t))) return out(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) return out(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

/**
 * A better message for a date or a choice the schema refused, or undefined to keep the
 * schema's own. `as_of` is a full date: its hint never suggests a month alone.
 */
export function valueHint(issue: z.core.$ZodIssue, path: readonly (string | number)[], value: unknown): string | undefined {
  if (issue.message.startsWith('must be a date')) {
    const iso = typeof value === 'string' ? isoDate(value) : undefined;
    if (path.length === 2 && path[0] === 'meta' && path[1] === 'as_of') {
      const day = iso && iso.length === 10 ? iso : undefined;
      return `must be a full date, YYYY-MM-DD (the day the facts are current to)${day ? `: write ${day}` : iso ? `: which day of ${iso}? e.g. ${iso}-01` : ', e.g. 2019-02-13'}`;
    }
    return iso ? `must be a date (YYYY, YYYY-MM or YYYY-MM-DD): write ${iso}` : undefined;
  }
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    const options = issue.values.filter((v): v is string => typeof v === 'string');
    // The nearest choice, when it is near enough to be the same word spelt another way.
    const guess = options.map((o) => ({ o, d: distance(value.toLowerCase(), o) })).sort((a, b) => a.d - b.d)[0];
    if (guess && guess.d > 0 && guess.d <= Math.max(2, Math.floor(guess.o.length / 3))) return `${issue.message}: did you mean "${guess.o}"?`;
  }
  return undefined;
}

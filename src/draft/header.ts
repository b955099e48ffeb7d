import type { Chrono, Day } from './dates.js';

/**
 * What an article says about itself: headline, dateline (place and date), publisher and URL
 * when it gives them, and where its body starts and ends (a test-material note under the
 * headline and "Check also" links after the text are not part of it).
 */
export interface Header {
  title?: string;
  place?: string;
  date?: Day;
  /** Where the date came from: the dateline, the file name, or the first full date of the text. */
  dateFrom?: 'dateline' | 'file name' | 'text';
  publisher?: string;
  url?: string;
  /** Offsets of the article body in the text. */
  body: { start: number; end: number };
}

const TAIL = /^(?:Check Also|Related(?: Articles| Stories)?|Read (?:more|also)|See also|Share this|Tags?:|More from|You may also like|Lire aussi|À lire aussi|Sur le même sujet)\b/imu;

export function readHeader(text: string, fileName: string, chrono: Chrono, language: 'en' | 'fr'): Header {
  const header: Header = { body: { start: 0, end: text.length } };
  const tail = TAIL.exec(text);
  if (tail && tail.index > text.length / 3) header.body.end = tail.index;
  const lines = [...text.matchAll(/[^\n]+/g)].map((m) => ({ text: m[0].trim(), start: m.index }));
  const first = lines[0];
  const looksLikeDateline = (s: string) => /^[\p{Lu}][\p{Lu}\s.'’-]{2,},\s/u.test(s);
  if (first && !looksLikeDateline(first.text) && first.text.length < 200 && !/[.!?]["”»]?$/.test(first.text)) {
    header.title = first.text;
    header.body.start = first.start + first.text.length;
  }
  // A parenthesised note right under the headline ("(A fictional report, …)") is not the article.
  const second = lines[1];
  if (header.title && second && /^\(.*\)$/.test(second.text)) header.body.start = second.start + second.text.length;

  const url = /\bhttps?:\/\/[^\s<>"')]+[^\s<>"').,;]/.exec(text);
  if (url) header.url = url[0];
  const publisher =
    /^(?:Source|Publisher|Published by|Via|Source\s*:)\s*:?\s*(.+)$/im.exec(text)?.[1] ??
    /^[\p{Lu}][\p{Lu}\s.'’-]{2,},[^—–\n]{3,40}\(([^)]{2,40})\)\s*[—–-]/mu.exec(text)?.[1] ??
    /^©\s*(?:\d{4}\s+)?(.+)$/m.exec(text)?.[1];
  if (publisher) header.publisher = publisher.trim();

  const dateline = lines.find((l) => looksLikeDateline(l.text) && /[—–-]/.test(l.text.slice(0, 80)));
  if (dateline) {
    // "PORT SELEN, March 4, 2031 —", "GENEVA, March 3 (Reuters) -" (agencies use a hyphen).
    const m = /^([\p{Lu}][\p{Lu}\s.'’-]+),\s*(.*?)\s*(?:\([^)]*\)\s*)?(?:[—–]|\s-\s)/u.exec(dateline.text);
    if (m) {
      header.place = titleCase(m[1]!.trim());
      const parsed = fullDate(m[2]!, chrono, language);
      if (parsed) {
        header.date = parsed;
        header.dateFrom = 'dateline';
      }
    }
  }
  if (!header.date) {
    const f = /(\d{4})-(\d{2})-(\d{2})/.exec(fileName);
    if (f) {
      header.date = { y: +f[1]!, m: +f[2]!, d: +f[3]! };
      header.dateFrom = 'file name';
    }
  }
  if (!header.date) {
    const parsed = fullDate(text.slice(0, 2000), chrono, language);
    if (parsed) {
      header.date = parsed;
      header.dateFrom = 'text';
    }
  }
  return header;
}

/** The first date with year, month and day in `s`. */
function fullDate(s: string, chrono: Chrono, language: 'en' | 'fr'): Day | undefined {
  const parser = language === 'fr' ? chrono.fr : chrono.en;
  for (const r of parser.parse(s, new Date())) {
    const k = r.start.knownValues;
    if (k.year !== undefined && k.month !== undefined && k.day !== undefined) return { y: k.year, m: k.month, d: k.day };
  }
  return undefined;
}

const titleCase = (s: string): string => s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

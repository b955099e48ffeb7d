/**
 * Dated mentions in an article, resolved against its dateline: "on Tuesday", "in June",
 * "since 2020", "June 12–14", "du 2 au 4 décembre", "jeudi dernier". Day and month of a full
 * date come from chrono-node (passed in, so the build never loads it); weekdays, months alone,
 * years, ranges and the year of a date that has none are resolved here. A date given only
 * relative to another event ("a week before the summit") is reported apart, never computed.
 */
import { MONTHS_EN, MONTHS_FR, WEEKDAYS_EN, WEEKDAYS_FR } from '../attribution/lexicon.js';

/** The part of chrono-node this module uses. */
export interface ChronoParser {
  parse(text: string, ref: Date): Array<{ index: number; text: string; start: { knownValues: Record<string, number> } }>;
}
export interface Chrono {
  en: ChronoParser;
  fr: ChronoParser;
}

export type Precision = 'year' | 'month' | 'day';

export interface DateMention {
  start: number;
  end: number;
  /** The words as written. */
  text: string;
  /** YYYY, YYYY-MM, YYYY-MM-DD or a range a/b of those. */
  value: string;
  precision: Precision;
  /** "since 2020": the start of something still going on. */
  since?: boolean;
}

export interface RelativeMention {
  start: number;
  end: number;
  text: string;
}

/** A day of the calendar, without time zones. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

const MONTH = `(?:${[...MONTHS_EN, ...MONTHS_FR].join('|')})`;
/** A month name, or an agency-style abbreviation with its full stop: "Dec. 22", "Sept. 4". */
const MONTH_OR_ABBR = `(?:${MONTH}\\b|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\\.)`;
const DASH = '[–—-]';
const NUMBER_WORDS = 'a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques';

const pad = (n: number) => String(n).padStart(2, '0');
export const formatDay = (d: Day): string => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
const monthIndex = (word: string): number => {
  const w = word.toLowerCase();
  if (w.endsWith('.')) return MONTHS_EN.findIndex((m) => m.startsWith(w.slice(0, 3))) + 1;
  const i = MONTHS_EN.indexOf(w);
  return i >= 0 ? i + 1 : MONTHS_FR.indexOf(w) + 1;
};
const toUtc = (d: Day) => Date.UTC(d.y, d.m - 1, d.d);
const fromUtc = (t: number): Day => {
  const x = new Date(t);
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
};

/** Relative mentions: "a week before the Commission's annual meeting", "trois mois avant la date…". */
export function findRelativeDates(masked: string): RelativeMention[] {
  const out: RelativeMention[] = [];
  const re = new RegExp(
    String.raw`\b(?:${NUMBER_WORDS})\s+(?:days?|weeks?|months?|years?|jours?|semaines?|mois|ans?|années?)\s+(?:before|after|ahead of|avant|après)\s+(?!(?:that|this)\b)[^.;,—]+`,
    'giu',
  );
  for (const m of masked.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0].trim() });
  return out;
}

/**
 * Every dated mention in `masked` (the article with its quotes blanked out, offsets unchanged),
 * resolved against `asOf`.
 */
export function findDates(masked: string, asOf: Day, language: 'en' | 'fr', chrono: Chrono): DateMention[] {
  const found: DateMention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  const add = (m: DateMention) => {
    if (!free(m.start, m.end)) return;
    taken.push([m.start, m.end]);
    found.push(m);
  };
  const relatives = findRelativeDates(masked);
  for (const r of relatives) taken.push([r.start, r.end]);

  // Ranges of days: "June 12–14", "18–20 May", "du 2 au 4 décembre".
  const ranges: Array<[RegExp, (m: RegExpExecArray) => [number, number, number, number | undefined]]> = [
    [new RegExp(String.raw`\b(${MONTH_OR_ABBR})\s+(\d{1,2})\s*${DASH}\s*(\d{1,2})(?:,?\s+(\d{4}))?\b`, 'giu'), (m) => [monthIndex(m[1]!), +m[2]!, +m[3]!, m[4] ? +m[4] : undefined]],
    [new RegExp(String.raw`\b(\d{1,2})\s*${DASH}\s*(\d{1,2})\s+(${MONTH})(?:\s+(\d{4}))?\b`, 'giu'), (m) => [monthIndex(m[3]!), +m[1]!, +m[2]!, m[4] ? +m[4] : undefined]],
    [new RegExp(String.raw`\bdu\s+(\d{1,2})(?:er)?\s+au\s+(\d{1,2})(?:er)?\s+(${MONTH})(?:\s+(\d{4}))?`, 'giu'), (m) => [monthIndex(m[3]!), +m[1]!, +m[2]!, m[4] ? +m[4] : undefined]],
  ];
  for (const [re, parts] of ranges) {
    for (const m of masked.matchAll(re)) {
      const [month, d1, d2, year] = parts(m as RegExpExecArray);
      if (month < 1 || d1 > 31 || d2 > 31) continue;
      const y = year ?? nearestYear(asOf, month, d1);
      add({ start: m.index, end: m.index + m[0].length, text: m[0], value: `${formatDay({ y, m: month, d: d1 })}/${formatDay({ y, m: month, d: d2 })}`, precision: 'day' });
    }
  }
  // Ranges of years: "between 1985 and 1990", "entre 1985 et 1990".
  for (const m of masked.matchAll(/\b(?:between|entre)\s+(1[5-9]\d\d|20\d\d)\s+(?:and|et)\s+(1[5-9]\d\d|20\d\d)\b/giu)) {
    add({ start: m.index, end: m.index + m[0].length, text: m[0], value: `${m[1]}/${m[2]}`, precision: 'year' });
  }
  // Full and partial dates with a day: chrono-node, sentence by sentence.
  const parser = language === 'fr' ? chrono.fr : chrono.en;
  const ref = new Date(Date.UTC(asOf.y, asOf.m - 1, asOf.d, 12));
  // chrono tries every pattern it knows on every call: give it only the words around a month
  // name that has a number next to it.
  const near = new RegExp(String.raw`(?:\d{1,4}(?:er)?[\s\u00A0]+(?:de[\s\u00A0]+)?)?\b${MONTH_OR_ABBR}(?:[\s\u00A0]+\d{4}\b|[\s\u00A0]+\d{1,2}(?:st|nd|rd|th)?\b(?:,?[\s\u00A0]+\d{4}\b)?)?`, 'giu');
  for (const m of masked.matchAll(near)) {
    if (!/\d/.test(m[0])) continue;
    const from = Math.max(0, m.index - 4);
    const snippet = masked.slice(from, m.index + m[0].length);
    for (const r of parser.parse(snippet, ref)) {
      const k = r.start.knownValues;
      if (k.month === undefined || k.day === undefined || !/\d/.test(r.text) || !new RegExp(MONTH_OR_ABBR, 'iu').test(r.text)) continue;
      const start = from + r.index;
      const y = k.year ?? nearestYear(asOf, k.month, k.day);
      const value = formatDay({ y, m: k.month, d: k.day });
      if (!validDay(y, k.month, k.day)) continue;
      add({ start, end: start + r.text.length, text: r.text.trim(), value, precision: 'day' });
    }
  }
  // Weekdays: "on Tuesday", "Sunday's election", "mardi", "jeudi dernier".
  const weekdays = language === 'fr' ? WEEKDAYS_FR : WEEKDAYS_EN;
  const wre = new RegExp(String.raw`\b(?:(?:late|early)\s+)?(?:on\s+)?(${weekdays.join('|')})(?:[’']s)?(\s+(?:dernier|prochain|last|next))?\b`, 'giu');
  for (const m of masked.matchAll(wre)) {
    const wd = weekdays.indexOf(m[1]!.toLowerCase());
    const qualifier = (m[2] ?? '').trim().toLowerCase();
    const future = qualifier === 'prochain' || qualifier === 'next' || (!qualifier && tenseAt(masked, m.index, language) === 'future');
    const day = future ? nextWeekday(asOf, wd) : previousWeekday(asOf, wd, qualifier === 'dernier' || qualifier === 'last');
    add({ start: m.index, end: m.index + m[0].length, text: m[0], value: formatDay(day), precision: 'day' });
  }
  // Months: "in June 2032", "en juin 2032", "in December", "dès mars".
  const mre = new RegExp(String.raw`(?:\b(?:in|since|by|until|from|through|early|late|mid-|dès|en|depuis|d[’']ici|jusqu[’']en|début|fin|courant)\s+)?\b(${MONTH})(?:\s+(?:of\s+)?(\d{4}))?\b`, 'giu');
  for (const m of masked.matchAll(mre)) {
    const month = monthIndex(m[1]!);
    const hasPrep = m[0].trim().toLowerCase() !== m[1]!.toLowerCase() || m[2] !== undefined;
    // "May" is also a verb; a bare month name counts only after a preposition or before a year.
    if (!hasPrep && (m[1]!.toLowerCase() === 'may' || language === 'en' && !/^\p{Lu}/u.test(m[1]!))) continue;
    if (!hasPrep && !/\b(?:due|in|by|until)\s*$/i.test(masked.slice(Math.max(0, m.index - 12), m.index))) continue;
    let y: number;
    if (m[2]) y = +m[2];
    else {
      const tense = tenseAt(masked, m.index, language);
      y = tense === 'past' ? (month <= asOf.m ? asOf.y : asOf.y - 1) : tense === 'future' ? (month >= asOf.m ? asOf.y : asOf.y + 1) : nearestYear(asOf, month, 15);
    }
    const since = /^(?:since|depuis)\b/i.test(m[0]);
    add({ start: m.index, end: m.index + m[0].length, text: m[0].trim(), value: `${y}-${pad(month)}`, precision: 'month', ...(since ? { since } : {}) });
  }
  // Years: "in 2019", "since 2020", "1987", "dès 2033".
  for (const m of masked.matchAll(/(?:\b(in|since|by|until|from|en|depuis|dès|de|jusqu[’']en|d[’']ici)\s+)?\b(1[5-9]\d\d|20\d\d)\b(?![,.]\d|\s*(?:%|percent|per cent|tonnes|people|km|kilomet))/giu)) {
    const before = masked.slice(Math.max(0, m.index - 2), m.index);
    if (/[\d$€£]/.test(before)) continue;
    const since = /^(?:since|depuis)$/i.test(m[1] ?? '');
    add({ start: m.index, end: m.index + m[0].length, text: m[0], value: m[2]!, precision: 'year', ...(since ? { since } : {}) });
  }
  // "last year", "this year", "next year", "l'an dernier", "l'année prochaine".
  const yre = /\b(last|this|next|previous)\s+year\b|\bl[’'](?:an|année)\s+(dernier|dernière|prochain|prochaine)\b|\bcette\s+année\b/giu;
  for (const m of masked.matchAll(yre)) {
    const w = (m[1] ?? m[2] ?? 'this').toLowerCase();
    const y = /^(?:last|previous|dernier|dernière)$/.test(w) ? asOf.y - 1 : /^(?:next|prochain|prochaine)$/.test(w) ? asOf.y + 1 : asOf.y;
    add({ start: m.index, end: m.index + m[0].length, text: m[0], value: String(y), precision: 'year' });
  }
  // "last month", "this month", "le mois dernier": a month of the as-of date's calendar.
  for (const m of masked.matchAll(/\b(last|this|next|previous)\s+month\b|\ble\s+mois\s+(dernier|prochain)\b|\bce\s+mois-ci\b/giu)) {
    const w = (m[1] ?? m[2] ?? 'this').toLowerCase();
    const shift = /^(?:last|previous|dernier)$/.test(w) ? -1 : /^(?:next|prochain)$/.test(w) ? 1 : 0;
    const index = asOf.y * 12 + (asOf.m - 1) + shift;
    add({ start: m.index, end: m.index + m[0].length, text: m[0], value: `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`, precision: 'month' });
  }
  return found.sort((a, b) => a.start - b.start);
}

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The year that puts month/day closest to the as-of date (a date across a year boundary). */
export function nearestYear(asOf: Day, month: number, day: number): number {
  const ref = toUtc(asOf);
  let best = asOf.y;
  let bestGap = Infinity;
  for (const y of [asOf.y - 1, asOf.y, asOf.y + 1]) {
    const gap = Math.abs(Date.UTC(y, month - 1, Math.min(day, 28)) - ref);
    if (gap < bestGap) {
      best = y;
      bestGap = gap;
    }
  }
  return best;
}

function previousWeekday(asOf: Day, wd: number, strictlyBefore: boolean): Day {
  const t = toUtc(asOf);
  const cur = new Date(t).getUTCDay();
  let back = (cur - wd + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  return fromUtc(t - back * 86_400_000);
}

function nextWeekday(asOf: Day, wd: number): Day {
  const t = toUtc(asOf);
  const cur = new Date(t).getUTCDay();
  const ahead = (wd - cur + 7) % 7 || 7;
  return fromUtc(t + ahead * 86_400_000);
}

const FUTURE_EN = /\b(?:will|would|shall|due|next|to be \p{L}+|is expected|are expected|is planned|are planned|is scheduled|are scheduled|plans? to|to resume|to meet|could be held|upcoming|returns|reconvenes|convenes|resumes|opens|begins|starts)\b/giu;
const PAST_EN = /\b(?:was|were|had|has|have|did|\p{L}+ed|said|told|met|began|held|made|took|gave|spoke|fell|rose|cut|set|led|sent|won|lost|broke|paid|fought)\b/giu;
const FUTURE_FR = /\b(?:doit|doivent|devra|devront|devrait|prévue?s?|entend|sera|seront|aura|auront|va|vont|\p{L}{3,}(?:era|eront|ira|iront))\b/giu;
const PAST_FR = /\b(?:a|ont|avait|avaient|était|étaient|fut)\s+(?:\p{L}+\s+)?\p{L}+(?:é|és|ée|ées|i|is|u|us|it|its)\b|\b\p{L}+(?:é|ée)\b/giu;

/** Whether the clause around an offset speaks of the past or the future (nearest marker wins). */
export function tenseAt(text: string, at: number, language: 'en' | 'fr'): 'past' | 'future' | undefined {
  let a = at;
  while (a > 0 && !/[.!?\n;,]/.test(text[a - 1]!)) a--;
  let b = at;
  while (b < text.length && !/[.!?\n;,]/.test(text[b]!)) b++;
  // "told a committee on Wednesday that the curbs would be reviewed": the clause after "that"
  // (or "que") has a tense of its own. When the narrower clause has none ("a vote in March that
  // was held"), the whole one speaks.
  const subordinate = language === 'fr' ? /\b(?:que|qu[’'])/giu : /\bthat\b/giu;
  let a2 = a;
  let b2 = b;
  for (const m of text.slice(a, b).matchAll(subordinate)) {
    if (a + m.index < at) a2 = a + m.index;
    else {
      b2 = a + m.index;
      break;
    }
  }
  return tenseIn(text, a2, b2, at, language) ?? tenseIn(text, a, b, at, language);
}

function tenseIn(text: string, a: number, b: number, at: number, language: 'en' | 'fr'): 'past' | 'future' | undefined {
  const clause = text.slice(a, b);
  const pos = at - a;
  const nearest = (re: RegExp) => {
    let best = Infinity;
    for (const m of clause.matchAll(re)) best = Math.min(best, Math.abs(m.index - pos));
    return best;
  };
  const fut = nearest(language === 'fr' ? FUTURE_FR : FUTURE_EN);
  // "to be reviewed" looks ahead, though it ends in -ed.
  const past = nearest(language === 'fr' ? PAST_FR : new RegExp(`(?<!\\bto be )${PAST_EN.source}`, 'giu'));
  if (fut === Infinity && past === Infinity) return undefined;
  return fut < past ? 'future' : 'past';
}

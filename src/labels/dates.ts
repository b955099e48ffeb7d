import type { DateSpan, PartialDate } from '../facts/dates.js';

/**
 * Dates in a language, at each precision, through Intl.DateTimeFormat: "2019",
 * "février 2019", "13 février 2019", and a shorter form for tables ("13 févr. 2019").
 */
export function intlDates(locale: string): { date: (d: PartialDate) => string; dateShort: (d: PartialDate) => string } {
  const make = (month: 'long' | 'short') => {
    // Made on first use: every language's set is loaded, few decks use more than one.
    let f: Record<PartialDate['precision'], Intl.DateTimeFormat> | undefined;
    return (d: PartialDate) => {
      f ??= {
        year: new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }),
        month: new Intl.DateTimeFormat(locale, { month: month, year: 'numeric', timeZone: 'UTC' }),
        day: new Intl.DateTimeFormat(locale, { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' }),
      };
      return f[d.precision].format(new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1)));
    };
  };
  return { date: make('long'), dateShort: make('short') };
}

/** Plural category of a count in a language ("one", "few", "many", "other"…). */
export function pluralOf(locale: string): (n: number) => Intl.LDMLPluralRule {
  let rules: Intl.PluralRules | undefined;
  return (n) => (rules ??= new Intl.PluralRules(locale)).select(n);
}

/**
 * Ranges and ongoing periods from a language's own dates: "18 mai 2032 – 20 mai 2032",
 * "depuis 2020". English writes them more compactly (facts/dates.ts formatSpan).
 */
export function spansOf(format: (d: PartialDate) => string, since: (date: string) => string): (s: DateSpan) => string {
  return (s) => (s.since ? since(format(s.start)) : s.end ? `${format(s.start)} \u2013 ${format(s.end)}` : format(s.start));
}

import type { PartialDate } from '../facts/dates.js';

/**
 * Dates in a language, at each precision, through Intl.DateTimeFormat: "2019",
 * "février 2019", "13 février 2019", and a shorter form for tables ("13 févr. 2019").
 */
export function intlDates(locale: string): { date: (d: PartialDate) => string; dateShort: (d: PartialDate) => string } {
  const make = (month: 'long' | 'short') => {
    const f = {
      year: new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(locale, { month: month, year: 'numeric', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' }),
    };
    return (d: PartialDate) => f[d.precision].format(new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1)));
  };
  return { date: make('long'), dateShort: make('short') };
}

/** Plural category of a count in a language ("one", "few", "many", "other"…). */
export function pluralOf(locale: string): (n: number) => Intl.LDMLPluralRule {
  const rules = new Intl.PluralRules(locale);
  return (n) => rules.select(n);
}

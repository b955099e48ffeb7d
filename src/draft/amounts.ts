/**
 * Amounts as written: money, percentages, quantities with units, durations ("$414 million",
 * "80 %", "six-month", "3 200 mégawatts"). Found in the reporter's words (quotes blanked out),
 * never rewritten: the draft keeps the sentence that carries them.
 */
export interface AmountMention {
  start: number;
  end: number;
  text: string;
}

const NUM = String.raw`(?:\d{1,3}(?:[,\u00A0\u202F ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;
const WORD_NUM = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|cinquante|cent';
const SCALE = String.raw`(?:\s+(?:thousand|million|billion|trillion|millions?|milliards?|mille)(?:\s+d[e’'])?)?`;
const UNIT = String.raw`(?:%|percent|per\s+cent|pour\s+cent|tonnes?|tons?|kilomet(?:re|er)s?|km|nautical\s+miles?|miles?|met(?:re|er)s?|mètres?|kilomètres?|centimet(?:re|er)s?|centimètres?|megawatts?|mégawatts?|MW|gigawatts?|cubic\s+met(?:re|er)s?|mètres\s+cubes|m³(?:/s)?|kilograms?|kg|barrels?|euros?|dollars?|pounds?|yen|francs?|[a-z]{3,}s(?=\b)(?<=million\s+\p{Ll}+|billion\s+\p{Ll}+|trillion\s+\p{Ll}+|milliards?\s+de\s+\p{Ll}+|millions?\s+de\s+\p{Ll}+))`;
const DURATION = String.raw`(?:days?|weeks?|months?|years?|jours?|semaines?|mois|ans|années?)`;

const PATTERNS: RegExp[] = [
  // Money with a symbol: "$414 million", "€4.5 million", "£520 million", "$0.11 each".
  new RegExp(String.raw`(?:about\s+|roughly\s+|some\s+|nearly\s+|almost\s+|up\s+to\s+|more\s+than\s+|environ\s+|près\s+de\s+)?[$€£¥]\s?${NUM}${SCALE}(?:\s+(?:a|per|par)\s+[\p{L} ]{2,30}?(?=[,.;)]|\s+(?:and|or|in|for|on|to|from|over|until)\b))?`, 'giu'),
  // Number with a unit: "22 percent", "242,000 tonnes", "6,1 milliards d’euros", "420 m³/s".
  new RegExp(String.raw`(?:about\s+|roughly\s+|some\s+|nearly\s+|almost\s+|up\s+to\s+|more\s+than\s+|less\s+than\s+|larger\s+than\s+|below\s+|above\s+|environ\s+|plus\s+de\s+|moins\s+de\s+|between\s+${NUM}\s+and\s+|de\s+${NUM}\s+à\s+)?${NUM}${SCALE}\s?-?${UNIT}`, 'giu'),
  // Compound adjectives: "six-month", "1,240-kilometre", "300-million-euro", "25-year".
  new RegExp(String.raw`\b(?:${NUM}|${WORD_NUM})-(?:(?:million|billion)-)?(?:year|month|week|day|kilomet(?:re|er)|mile|metre|meter|euro|dollar|tonne|hour)\b`, 'giu'),
  // Durations: "six months", "trois ans", "eight weeks".
  new RegExp(String.raw`\b(?:${NUM}|${WORD_NUM})\s+${DURATION}\b`, 'giu'),
];

export function findAmounts(masked: string): AmountMention[] {
  const out: AmountMention[] = [];
  for (const re of PATTERNS) {
    for (const m of masked.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].trimEnd().length;
      if (out.some((o) => start < o.end && o.start < end)) continue;
      out.push({ start, end, text: masked.slice(start, end) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

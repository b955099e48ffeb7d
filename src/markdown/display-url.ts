import { domainToUnicode } from 'node:url';

/** Scripts that are written together in one language's names, counted as one. */
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
];

function scriptOf(letter: string): string {
  return SCRIPTS.find(([, re]) => re.test(letter))?.[0] ?? `other:${letter}`;
}

/** Whether the letters of `host` (all its labels) come from more than one script. */
export function mixesScripts(host: string): boolean {
  const scripts = new Set([...host].filter((c) => /\p{L}/u.test(c)).map(scriptOf));
  return scripts.size > 1;
}

/**
 * The text shown for a link, given markdown-it's (which shows an international host name in
 * its own letters): kept when those letters come from one script (münchen.de, пример.рф); a
 * host that mixes scripts, the mark of a look-alike such as "аpple.com" with a Cyrillic а, is
 * shown in its ASCII (punycode) form, xn--pple-43d.com, so it cannot pass for another.
 */
export function displayUrl(url: string, shown: string): string {
  let ascii: string;
  try {
    ascii = new URL(url).hostname;
  } catch {
    return shown;
  }
  const unicode = domainToUnicode(ascii);
  return unicode && unicode !== ascii && mixesScripts(unicode) ? shown.split(unicode).join(ascii) : shown;
}

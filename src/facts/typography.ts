/**
 * Typographic folding for quote verification: two texts that differ only in how a language
 * sets its punctuation fold to the same string, while any difference of letters, digits or
 * order survives. What folds:
 *
 * - every space character (no-break U+00A0, narrow no-break U+202F, thin, figure…) → a space;
 *   line breaks are kept, since a blank line separates paragraphs;
 * - spacing that only typography puts there: after « ‹ and before » › (French, Swiss), before
 *   ; : ! ? % (French), and the space that groups the thousands of a number (3 200);
 * - quotation marks: « » „ “ ” ‟ and ‹ › ‚ ‘ ’ ‛ to " and '; apostrophes (’ ʼ ＇) to ';
 * - Arabic punctuation and digits: ، ؛ ؟ ٪ ۔ to , ; ? % . and ٠–٩ ۰–۹ to 0–9;
 * - characters with no width of their own: soft hyphen, zero-width space and joiners, word
 *   joiner, byte-order mark, direction marks and embeddings, the Arabic tatweel (kashida);
 * - presentation forms (Latin ligatures ﬁ, Arabic contextual forms from PDFs) to the letters
 *   they stand for.
 *
 * Case, accents and Arabic vowel marks are not folded: they can change the word.
 */

/** The folded text, and for each of its offsets (and one past the end) the input offset it came from. */
export interface Folded {
  text: string;
  map: Int32Array;
}

/** Any space except line breaks (\n, \r), which the caller may need for paragraphs. */
const SPACE = /[^\S\n\r]/;
/** Invisible formatting characters and the tatweel, which only stretches a word. */
const INVISIBLE = /[\u00AD\u0640\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** Ligatures and presentation forms, unfolded with NFKC (which leaves everything else alone here). */
const PRESENTATION = /[\uFB00-\uFB06\uFB13-\uFB17\uFB1D-\uFB4F\uFB50-\uFDFF\uFE70-\uFEFC]/;

const CHARS: Readonly<Record<string, string>> = {
  '\u00AB': '"', '\u00BB': '"', '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\uFF02': '"',
  '\u2039': "'", '\u203A': "'", '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u02BC': "'", '\uFF07': "'", '\u0060': "'", '\u00B4': "'",
  '\u060C': ',', '\u061B': ';', '\u061F': '?', '\u066A': '%', '\u06D4': '.',
};
for (let d = 0; d < 10; d++) {
  (CHARS as Record<string, string>)[String.fromCharCode(0x0660 + d)] = String(d);
  (CHARS as Record<string, string>)[String.fromCharCode(0x06f0 + d)] = String(d);
}

/** Marks after which typography adds a space (opening guillemets). */
const SPACED_AFTER = new Set(['\u00AB', '\u2039']);
/** Marks before which typography adds a space: closing guillemets, French high punctuation (in any script). */
const SPACED_BEFORE = new Set(['\u00BB', '\u203A', ';', ':', '!', '?', '%', '\u061B', '\u061F', '\u066A']);

/** Folds `input` as described above, keeping a map back to the input's offsets. */
export function foldTypography(input: string): Folded {
  // Pass 1: one output unit per input character (or several, for a ligature), spaces kept.
  const chars: string[] = [];
  const from: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const code = input.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const at = i;
    if (code > 0xffff) i++;
    if (INVISIBLE.test(ch)) continue;
    if (PRESENTATION.test(ch)) {
      for (const part of ch.normalize('NFKC')) {
        chars.push(part);
        from.push(at);
      }
      continue;
    }
    chars.push(SPACE.test(ch) ? ' ' : ch);
    from.push(at);
  }
  // Pass 2: drop spaces typography alone put there; then map the characters.
  const out: string[] = [];
  const map: number[] = [];
  const isDigit = (k: number) => k >= 0 && k < chars.length && /\p{Nd}/u.test(chars[k]!);
  let k = 0;
  while (k < chars.length) {
    if (chars[k] !== ' ') {
      out.push(CHARS[chars[k]!] ?? chars[k]!);
      map.push(from[k]!);
      k++;
      continue;
    }
    let end = k;
    while (end < chars.length && chars[end] === ' ') end++;
    const before = chars[k - 1];
    const after = chars[end];
    const typographic =
      (before !== undefined && SPACED_AFTER.has(before)) ||
      (after !== undefined && SPACED_BEFORE.has(after)) ||
      (end - k === 1 && isDigit(k - 1) && isThousands(chars, end));
    if (!typographic || k === 0 || end === chars.length) {
      for (let s = k; s < end; s++) {
        out.push(' ');
        map.push(from[s]!);
      }
    }
    k = end;
  }
  map.push(input.length);
  return { text: out.join(''), map: Int32Array.from(map) };
}

/** True when `chars` holds exactly three digits at `at`, not followed by another digit. */
function isThousands(chars: readonly string[], at: number): boolean {
  for (let d = at; d < at + 3; d++) if (d >= chars.length || !/\p{Nd}/u.test(chars[d]!)) return false;
  return at + 3 >= chars.length || !/\p{Nd}/u.test(chars[at + 3]!);
}

/** `foldTypography(input).text`. */
export function normaliseTypography(input: string): string {
  return foldTypography(input).text;
}

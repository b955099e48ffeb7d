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
 * - Arabic punctuation and digits: ، ؛ ؟ ٪ ۔ to , ; ? % . and ٠–٩ ۰–۹ to 0–9; Hebrew geresh,
 *   gershayim and maqaf (׳ ״ ־) to ' " -;
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
const SPACE = '[^\\S\\n\\r]';
/** Invisible formatting characters and the tatweel, which only stretches a word. */
const INVISIBLE = '[\\u00AD\\u0640\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]';
/** Ligatures and presentation forms, unfolded with NFKC (which leaves everything else alone here). */
const PRESENTATION = '[\\uFB00-\\uFB06\\uFB13-\\uFB17\\uFB1D-\\uFB4F\\uFB50-\\uFDFF\\uFE70-\\uFEFC]';

const CHARS: Record<string, string> = {
  '\u00AB': '"', '\u00BB': '"', '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\uFF02': '"',
  '\u2039': "'", '\u203A': "'", '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u02BC': "'", '\uFF07': "'", '\u0060': "'", '\u00B4': "'",
  '\u060C': ',', '\u061B': ';', '\u061F': '?', '\u066A': '%', '\u06D4': '.',
  '\u05F3': "'", '\u05F4': '"', '\u05BE': '-',
};
for (let d = 0; d < 10; d++) {
  CHARS[String.fromCharCode(0x0660 + d)] = String(d);
  CHARS[String.fromCharCode(0x06f0 + d)] = String(d);
}
const MAPPED = `[${Object.keys(CHARS).join('')}]`;
/** Western, Arabic-Indic and Eastern Arabic-Indic digits. */
const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';

/**
 * What is rewritten, one alternative per group; everything else is copied as it is, in whole
 * stretches, so a source of megabytes folds in about the time it takes to read it.
 */
const SPECIAL = new RegExp(
  [
    // Spacing only typography puts there: after an opening guillemet; before a closing one and
    // before French high punctuation (in any script); between the thousands of a number. Each
    // starts with the character it looks at, so the scan skips ahead quickly.
    `([\\u00AB\\u2039])${SPACE}+`,
    `${SPACE}+(?=[\\u00BB\\u203A;:!?%\\u061B\\u061F\\u066A])`,
    `(${DIGIT})${SPACE}(?=${DIGIT}{3}(?!${DIGIT}))`,
    // Any other space character than the plain space.
    '[^\\S \\n\\r]',
    INVISIBLE,
    PRESENTATION,
    MAPPED,
  ]
    .map((alternative) => `(${alternative})`)
    .join('|'),
  'gu',
);

/** Folds `input` as described above, keeping a map back to the input's offsets. */
export function foldTypography(input: string): Folded {
  const out: string[] = [];
  let map = new Int32Array(input.length + 1);
  let n = 0;
  // The text only grows where a ligature or presentation form unfolds into several letters.
  const reserve = (extra: number) => {
    if (n + extra < map.length) return;
    const grown = new Int32Array(Math.max(map.length * 2, n + extra + 1));
    grown.set(map);
    map = grown;
  };
  const emit = (text: string, from: number) => {
    reserve(text.length);
    out.push(text);
    for (let k = 0; k < text.length; k++) map[n++] = from;
  };
  const copy = (from: number, to: number) => {
    reserve(to - from);
    out.push(input.slice(from, to));
    for (let i = from; i < to; i++) map[n++] = i;
  };
  let copied = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(input); m; m = SPECIAL.exec(input)) {
    const at = m.index;
    copy(copied, at);
    copied = at + m[0].length;
    const [, , opening, beforePunctuation, , digit, otherSpace, , presentation, mapped] = m;
    // The character a spacing alternative starts with is kept (mapped, for a guillemet or an Arabic digit).
    const first = opening ?? digit;
    const lead = first === undefined ? undefined : (CHARS[first] ?? first);
    if (lead !== undefined) emit(lead, at);
    if (opening !== undefined || beforePunctuation !== undefined || digit !== undefined) {
      // Spaces at the very start or end of the text are the caller's to trim.
      const spaces = at + (first?.length ?? 0);
      if (spaces === 0 || copied === input.length) for (let i = spaces; i < copied; i++) emit(' ', i);
    } else if (otherSpace !== undefined) emit(' ', at);
    else if (presentation !== undefined) emit(presentation.normalize('NFKC'), at);
    else if (mapped !== undefined) emit(CHARS[mapped]!, at);
    // An invisible character is left out.
  }
  copy(copied, input.length);
  map[n] = input.length;
  return { text: out.join(''), map: map.slice(0, n + 1) };
}

/** `foldTypography(input).text`. */
export function normaliseTypography(input: string): string {
  return foldTypography(input).text;
}

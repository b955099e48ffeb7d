import { distance } from 'fastest-levenshtein';
import { foldTypography, normaliseTypography } from './typography.js';

/**
 * Quote verification: a quote must stand word for word in the source's local copy. Whitespace,
 * curly versus straight quotes and dash variants are not differences; anything else is. Matches
 * are whole words ("acceptable" never matches inside "unacceptable").
 *
 * "…" (or "...") in a quote leaves words out. It may only leave out what cannot change the
 * meaning: at most `MAX_ELIDED_WORDS` words, inside one paragraph, with no negation among them,
 * and every part it joins must be at least `MIN_PART_WORDS` words long.
 */

export const MAX_ELIDED_WORDS = 20;
export const MIN_PART_WORDS = 3;
/** Fewer words than this can mean anything out of context ("dominate", "no"). */
export const MIN_QUOTE_WORDS = 2;

/** Where a quote stands in the source, as offsets into `SourceText.text`. */
export interface Span {
  start: number;
  end: number;
}

export type QuoteCheck =
  | { found: true; spans: Span[] }
  | { found: false; part: string; closest: string; reason?: undefined }
  /** Every part is in the source, but what the elision leaves out could change the meaning. */
  | { found: false; part: string; reason: string; passage: string; closest?: undefined };

export interface QuoteOptions {
  /** BCP 47 tag of the facts' language: which negations an elision may not leave out. */
  language?: string;
}

export function normaliseForQuote(text: string): string {
  return normaliseTypography(text.normalize('NFC'))
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits on ellipses and strips the surrounding quotation marks. A closing full stop, comma,
 * colon or semicolon is not compared: quoting conventions change it ("…our time," becomes
 * "…our time."); a question or exclamation mark is compared.
 */
export function quoteParts(quote: string): string[] {
  return normaliseForQuote(quote)
    .split(/\s*(?:\u2026|\.\.\.|\[\u2026\]|\[\.\.\.\])\s*/)
    .map((p) => p.replace(/^["'\s]+|["'\s.,;:]+$/g, ''))
    .filter((p) => p.length > 0);
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** The words of a (normalised) text, as the quote check counts them. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * A source copy prepared once for every quote that cites it: the text (NFC), its normalised
 * form with a map back to the text, and, built on the first misquote, a word index that finds
 * the closest passage without comparing against every window of the source.
 */
export class SourceText {
  readonly text: string;
  /** Normalised: one space for any run of whitespace, "\n" for a paragraph break. */
  readonly norm: string;
  private readonly toText: Int32Array;
  private index?: WordIndex;

  constructor(raw: string) {
    this.text = raw.normalize('NFC');
    // A language's typography folded first (as quotes are), then quotes, dashes and spacing;
    // the two maps compose back to offsets in the text.
    const folded = foldTypography(this.text);
    const { norm, map } = normaliseWithMap(folded.text);
    this.norm = norm;
    this.toText = map.map((i) => folded.map[i]!);
  }

  /** Offsets into `norm` → offsets into `text`. */
  span(start: number, end: number): Span {
    return { start: this.toText[start]!, end: end > start ? this.toText[end - 1]! + 1 : this.toText[start]! };
  }

  /** The whole paragraph (as normalised text) around the given normalised offsets. */
  paragraphAround(start: number, end: number): string {
    const from = this.norm.lastIndexOf('\n', start - 1) + 1;
    const to = this.norm.indexOf('\n', end);
    return this.norm.slice(from, to < 0 ? this.norm.length : to);
  }

  closestPassage(needle: string): string {
    this.index ??= new WordIndex(this.norm);
    return this.index.closest(needle);
  }
}

/** Paragraphs are separated by a blank line; other line breaks are only wrapping. */
function normaliseWithMap(text: string): { norm: string; map: Int32Array } {
  const out: string[] = [];
  const map = new Int32Array(text.length + 1);
  let n = 0;
  const end = text.trimEnd().length;
  let plainFrom = text.length - text.trimStart().length;
  // Plain stretches (single spaces included) are copied whole; only other whitespace runs and
  // folded characters are rewritten.
  const special = /\s{2,}|[^\S ]|[\u2018-\u201F\u2032\u2033\u0060\u00B4\u00AB\u00BB\u2010-\u2015\u2212]/g;
  special.lastIndex = plainFrom;
  const copyPlain = (to: number) => {
    if (to <= plainFrom) return;
    out.push(text.slice(plainFrom, to));
    for (let i = plainFrom; i < to; i++) map[n++] = i;
  };
  for (let m = special.exec(text); m && m.index < end; m = special.exec(text)) {
    copyPlain(m.index);
    plainFrom = m.index + m[0].length;
    const folded = foldChar(m[0].charCodeAt(0));
    out.push(folded ?? (/\n[^\n]*\n/.test(m[0]) ? '\n' : ' '));
    map[n++] = m.index;
  }
  copyPlain(end);
  map[n] = text.length;
  return { norm: out.join(''), map: map.subarray(0, n + 1) };
}

/** The same folding as normaliseForQuote, one character at a time. */
function foldChar(c: number): string | undefined {
  if ((c >= 0x2018 && c <= 0x201b) || c === 0x2032 || c === 0x60 || c === 0xb4) return "'";
  if ((c >= 0x201c && c <= 0x201f) || c === 0x2033 || c === 0xab || c === 0xbb) return '"';
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) return '-';
  return undefined;
}

/** Whole-word occurrences of `part` in `norm` at or after `from`, in order. */
function* occurrences(norm: string, part: string, from: number): Generator<number> {
  const wordStart = WORD_CHAR.test(part[0]!);
  const wordEnd = WORD_CHAR.test(part[part.length - 1]!);
  for (let at = norm.indexOf(part, from); at >= 0; at = norm.indexOf(part, at + 1)) {
    if (wordStart && at > 0 && WORD_CHAR.test(norm[at - 1]!)) continue;
    const after = at + part.length;
    if (wordEnd && after < norm.length && WORD_CHAR.test(norm[after]!)) continue;
    yield at;
  }
}

/**
 * Negations an elision may not leave out, by language; English always counts, since decks in
 * any language quote English sources. A word ending in n't is a negation too.
 */
const NEGATIONS: Record<string, readonly string[]> = {
  en: ['not', 'no', 'never', 'without', 'neither', 'nor', 'none', 'nobody', 'nothing', 'nowhere', 'cannot', 'nay'],
  fr: ['ne', 'n', 'pas', 'jamais', 'sans', 'ni', 'aucun', 'aucune', 'rien', 'non', 'nullement', 'guère'],
  de: ['nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals', 'ohne', 'weder', 'nichts', 'niemand'],
  es: ['no', 'nunca', 'sin', 'ni', 'jamás', 'tampoco', 'nada', 'nadie', 'ninguno', 'ninguna', 'ningún'],
  it: ['non', 'mai', 'senza', 'né', 'nessuno', 'nessuna', 'niente', 'nulla'],
  pt: ['não', 'nunca', 'sem', 'nem', 'nenhum', 'nenhuma', 'nada', 'ninguém', 'jamais'],
  nl: ['niet', 'geen', 'nooit', 'zonder', 'noch', 'niets', 'niemand'],
};

function negationsFor(language: string | undefined): Set<string> {
  const lang = (language ?? 'en').toLowerCase().split('-')[0]!;
  const own = NEGATIONS[lang];
  // A language without a list here: every list, so no negation slips through unnoticed.
  const lists = own ? [NEGATIONS.en!, own] : Object.values(NEGATIONS);
  return new Set(lists.flat());
}

/** The first negation among `words`, if any. */
export function negationIn(words: readonly string[], language?: string): string | undefined {
  const negations = negationsFor(language);
  for (const w of words) {
    const lower = w.toLowerCase();
    if (lower.endsWith("n't")) return "n't";
    // French elides "ne" before a vowel: n'a, n'est.
    if (/^n'/.test(lower) && negations.has('n')) return lower;
    if (negations.has(lower)) return w;
  }
  return undefined;
}

interface Gap {
  problem?: string;
}

function judgeGap(norm: string, from: number, to: number, language: string | undefined): Gap {
  const omitted = norm.slice(from, to);
  if (omitted.includes('\n')) return { problem: 'joins two paragraphs of the source: an elision must stay inside one paragraph' };
  const words = wordsOf(omitted);
  if (words.length > MAX_ELIDED_WORDS) {
    return { problem: `leaves out ${words.length} words of the source: an elision may leave out at most ${MAX_ELIDED_WORDS}` };
  }
  const negation = negationIn(words, language);
  if (negation) return { problem: `leaves out "${negation}": an elision may not leave out a negation, which would reverse the meaning` };
  return {};
}

export function verifyQuote(quote: string, source: string | SourceText, options: QuoteOptions = {}): QuoteCheck {
  const src = typeof source === 'string' ? new SourceText(source) : source;
  const parts = quoteParts(quote);
  // Each part alone first: a missing part is the clearest thing to report.
  for (const part of parts) {
    if (occurrences(src.norm, part, 0).next().done) {
      return { found: false, part, closest: src.closestPassage(part) };
    }
  }
  let firstProblem: { part: string; reason: string; from: number; to: number; gap: number } | undefined;
  let outOfOrder: string | undefined;
  const search = (k: number, from: number, starts: number[]): number[] | undefined => {
    if (k === parts.length) return starts;
    const part = parts[k]!;
    let any = false;
    for (const at of occurrences(src.norm, part, from)) {
      any = true;
      if (k > 0) {
        const gap = judgeGap(src.norm, from, at, options.language);
        if (gap.problem) {
          // Report the tightest failed join: it is the passage the quote most likely means.
          if (!firstProblem || at - from < firstProblem.gap) {
            firstProblem = { part, reason: gap.problem, from: starts[0]!, to: at + part.length, gap: at - from };
          }
          // A later occurrence leaves out even more.
          return undefined;
        }
      }
      const found = search(k + 1, at + part.length, [...starts, at]);
      if (found) return found;
      if (k > 0) return undefined;
    }
    if (!any) outOfOrder ??= part;
    return undefined;
  };
  const starts = search(0, 0, []);
  if (starts) return { found: true, spans: starts.map((at, k) => src.span(at, at + parts[k]!.length)) };
  const p = firstProblem;
  if (!p) {
    // Every part is in the source, but not in the quote's order.
    const part = outOfOrder ?? parts[parts.length - 1]!;
    return { found: false, part, closest: src.closestPassage(part) };
  }
  return { found: false, part: p.part, reason: p.reason, passage: src.norm.slice(p.from, p.to) };
}

/** The passage of `haystack` most like `needle`, aligned to word boundaries. */
export function closestPassage(needle: string, haystack: string): string {
  return new WordIndex(haystack).closest(needle);
}

/** Candidate places compared in full for the closest passage. */
const CANDIDATES = 24;
/** Occurrences of one word looked at: very common words add little and cost much. */
const MAX_POSTINGS = 20000;

/**
 * The words of a source with an inverted index (word → positions), so the closest passage to a
 * misquote is found by letting each quoted word vote for where the quote would start, then
 * comparing only the best-voted windows character by character. Cost grows with the quote and
 * the rarity of its words, not with the size of the source.
 */
class WordIndex {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Word key → its id; the positions of id k are `positions[offsets[k]..offsets[k+1]]`. */
  private readonly ids = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly positions: Int32Array;

  constructor(private readonly haystack: string) {
    // The haystack is normalised: words are separated by single spaces or paragraph breaks.
    const starts: number[] = [];
    const ends: number[] = [];
    const wordIds: number[] = [];
    const idOfWord = new Map<string, number>();
    let from = -1;
    for (let i = 0; i <= haystack.length; i++) {
      const c = i < haystack.length ? haystack.charCodeAt(i) : 32;
      if (c === 32 || c === 10) {
        if (from >= 0) {
          const word = haystack.slice(from, i);
          let id = idOfWord.get(word);
          if (id === undefined) {
            const key = wordKey(word);
            id = this.ids.get(key);
            if (id === undefined) this.ids.set(key, (id = this.ids.size));
            idOfWord.set(word, id);
          }
          starts.push(from);
          ends.push(i);
          wordIds.push(id);
          from = -1;
        }
      } else if (from < 0) {
        from = i;
      }
    }
    this.starts = Int32Array.from(starts);
    this.ends = Int32Array.from(ends);
    // Postings by counting sort: one array for all words, in order of position.
    const offsets = new Int32Array(this.ids.size + 1);
    for (const id of wordIds) offsets[id + 1]!++;
    for (let k = 0; k < this.ids.size; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, this.ids.size);
    const positions = new Int32Array(wordIds.length);
    wordIds.forEach((id, i) => (positions[fill[id]!++] = i));
    this.offsets = offsets;
    this.positions = positions;
  }

  private postingsOf(word: string): Int32Array {
    const id = this.ids.get(wordKey(word));
    return id === undefined ? new Int32Array(0) : this.positions.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  closest(needle: string): string {
    const total = this.starts.length;
    if (total === 0) return '';
    const words = needle.split(/\s+/).filter(Boolean);
    const wordCount = Math.max(1, words.length);
    const votes = new Map<number, number>();
    words
      .map((w, j) => ({ j, list: this.postingsOf(w) }))
      .sort((a, b) => a.list.length - b.list.length)
      .forEach(({ j, list }) => {
        const weight = 1 / Math.log2(2 + list.length);
        for (let k = 0; k < Math.min(list.length, MAX_POSTINGS); k++) {
          const start = Math.max(0, list[k]! - j);
          votes.set(start, (votes.get(start) ?? 0) + weight);
        }
      });
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES).map(([s]) => s);
    if (ranked.length === 0) ranked.push(0);
    const lower = needle.toLowerCase();
    let best = '';
    let bestScore = Infinity;
    for (const around of ranked) {
      // Quotes often drop or add a word: try starts and lengths one or two words either way.
      for (let i = Math.max(0, around - 2); i <= Math.min(total - 1, around + 2); i++) {
        const longest = Math.min(wordCount + 1, total - i);
        for (let n = Math.min(Math.max(1, wordCount - 1), longest); n <= longest; n++) {
          const candidate = this.haystack.slice(this.starts[i], this.ends[i + n - 1]);
          const score = distance(lower, candidate.toLowerCase());
          if (score < bestScore || (score === bestScore && candidate.length < best.length)) {
            bestScore = score;
            best = candidate;
          }
        }
      }
    }
    return best.replace(/\n/g, ' ');
  }
}

/** Words compared without case and surrounding punctuation, so "time." votes for "time". */
function wordKey(word: string): string {
  const lower = word.toLowerCase();
  return /^[\p{L}\p{N}].*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u.test(lower) ? lower : lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

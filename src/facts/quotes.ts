import { distance } from 'fastest-levenshtein';
import { normaliseTypography } from './typography.js';

/**
 * Quote verification: a quote must stand word for word in the source's local copy. Whitespace,
 * curly versus straight quotes and dash variants are not differences; anything else is.
 * "…" (or "...") in a quote joins parts that must appear in that order.
 */

export type QuoteCheck = { found: true } | { found: false; closest: string; part: string };

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

export function verifyQuote(quote: string, source: string): QuoteCheck {
  const haystack = normaliseForQuote(source);
  let from = 0;
  for (const part of quoteParts(quote)) {
    const at = haystack.indexOf(part, from);
    if (at < 0) return { found: false, part, closest: closestPassage(part, haystack) };
    from = at + part.length;
  }
  return { found: true };
}

/**
 * The passage of `haystack` most like `needle`, aligned to word boundaries, so the error can
 * show the analyst what the source really says.
 */
export function closestPassage(needle: string, haystack: string): string {
  const words = haystack.split(' ');
  const starts: number[] = [];
  let offset = 0;
  for (const w of words) {
    starts.push(offset);
    offset += w.length + 1;
  }
  const wordCount = Math.max(1, needle.split(' ').length);
  const lower = needle.toLowerCase();
  let best = '';
  let bestScore = Infinity;
  for (let i = 0; i < words.length; i++) {
    // Try windows one word shorter and longer than the quote: quotes often drop or add one.
    // A window never runs past the end of the source, so a quote longer than the whole copy
    // is still matched against what there is.
    const longest = Math.min(wordCount + 1, words.length - i);
    for (let n = Math.min(Math.max(1, wordCount - 1), longest); n <= longest; n++) {
      const end = starts[i + n - 1]! + words[i + n - 1]!.length;
      const candidate = haystack.slice(starts[i], end);
      const score = distance(lower, candidate.toLowerCase());
      if (score < bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
  }
  return best;
}

import type { QuoteSpan } from './types.js';
import { paragraphs, type Block } from './quotes.js';

/** A word or punctuation mark of the article, with its offset. */
export interface Token {
  text: string;
  /** Lower-case, apostrophes made straight. */
  lower: string;
  start: number;
  end: number;
  /** The blank left where a quoted passage was. */
  quote?: boolean;
  sentence: number;
}

export interface Sentence extends Block {
  paragraph: number;
  tokens: Token[];
}

/**
 * The article with every quoted passage blanked out, cut into sentences and tokens, so the
 * rules read only the reporter's own words around the quotes.
 */
export interface Frame {
  text: string;
  masked: string;
  sentences: Sentence[];
  tokens: Token[];
  language: 'en' | 'fr';
}

const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|Prof|No|Mme|Mlle|Jr|Sr|Inc|Corp|Co|Ltd|U\.S|U\.K|U\.N|etc|vs|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)$/u;

export function frame(text: string, spans: readonly QuoteSpan[]): Frame {
  // Offsets below are UTF-16; work on the string directly.
  let masked = text;
  const mask = (a: number, b: number, fill: string) => {
    masked = masked.slice(0, a) + fill.padEnd(b - a, ' ') + masked.slice(b);
  };
  for (const s of spans) {
    const end = s.close >= 0 ? s.close + 1 : s.end;
    if (s.role === 'term') {
      // A scare-quoted word stays a word of the sentence; only its marks go.
      mask(s.open, s.open + 1, ' ');
      if (s.close >= 0) mask(s.close, s.close + 1, ' ');
      continue;
    }
    if (s.role === 'title') {
      // A title is a name: one neutral word, so it neither ends nor splits a clause.
      mask(s.open, end, 'xtitlex');
      continue;
    }
    // A quote that ends its sentence ("…end it." She said) keeps the full stop as a boundary.
    const endsSentence = /[.!?]$/.test(text.slice(s.start, s.close >= 0 ? s.close : s.end).trimEnd()) &&
      /^[\s\u00A0]*(?:[\p{Lu}\u201C\u00AB"]|$)/u.test(text.slice(end, end + 3));
    mask(s.open, end, '\u2063' + ' '.repeat(Math.max(0, end - s.open - 2)) + (endsSentence ? '.' : ' '));
  }
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  paragraphs(masked).forEach((p, pi) => {
    let from = p.start;
    for (let i = p.start; i < p.end; i++) {
      const ch = masked[i]!;
      if (!/[.!?]/.test(ch)) continue;
      const rest = masked.slice(i + 1, i + 4);
      if (!/^[\s\u00A0]+(?:[\p{Lu}\d\u2063]|$)/u.test(rest) && i + 1 < p.end) continue;
      if (ch === '.' && ABBREVIATION.test(masked.slice(Math.max(from, i - 6), i))) continue;
      sentences.push({ start: from, end: i + 1, paragraph: pi, tokens: [] });
      from = i + 1;
    }
    if (masked.slice(from, p.end).trim()) sentences.push({ start: from, end: p.end, paragraph: pi, tokens: [] });
  });
  const re = /\u2063|\d{1,3}(?:[,\u202F\u00A0]\d{3})+(?:[.,]\d+)?|[\p{L}\p{M}\d](?:[\p{L}\p{M}\d.’'\-]*[\p{L}\p{M}\d])?[’']?|[,;:—–()]/gu;
  sentences.forEach((s, si) => {
    const seg = masked.slice(s.start, s.end);
    for (const m of seg.matchAll(re)) {
      let t = m[0];
      // "d’arbitrage", "l’Alliance": the elided article is a word of its own.
      const elided = /^([dlnsjcqu]|qu|jusqu|lorsqu|puisqu)[’']\p{L}/iu.exec(t);
      const at = s.start + m.index;
      if (elided) {
        const cut = elided[1]!.length + 1;
        const tok = { text: t.slice(0, cut), lower: t.slice(0, cut).toLowerCase().replace('’', "'"), start: at, end: at + cut, sentence: si };
        s.tokens.push(tok);
        tokens.push(tok);
        t = t.slice(cut);
        const tok2 = { text: t, lower: t.toLowerCase().replace(/’/g, "'"), start: at + cut, end: at + cut + t.length, sentence: si };
        s.tokens.push(tok2);
        tokens.push(tok2);
        continue;
      }
      const tok: Token = { text: t, lower: t.toLowerCase().replace(/’/g, "'"), start: at, end: at + t.length, sentence: si };
      if (t === '\u2063') tok.quote = true;
      s.tokens.push(tok);
      tokens.push(tok);
    }
  });
  return { text, masked, sentences, tokens, language: guessLanguage(text) };
}

export function guessLanguage(text: string): 'en' | 'fr' {
  const sample = text.slice(0, 4000).toLowerCase();
  const fr = (sample.match(/\b(?:le|la|les|des|du|une|est|dans|pour|qui|avec|sur|été)\b/g) ?? []).length;
  const en = (sample.match(/\b(?:the|and|of|is|was|with|for|that|said|has|have)\b/g) ?? []).length;
  return fr > en ? 'fr' : 'en';
}

export const isCapitalised = (t: Token | undefined): boolean => !!t && /^\p{Lu}/u.test(t.text);

/** "Dunmere's" → "Dunmere"; "Aurenne’s" → "Aurenne". */
export const stripPossessive = (s: string): string => s.replace(/[’']s?$/, '');

/** Accents off, lower case: for comparing names and stems. */
export const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");

const LETTER_AT_END = /\p{L}$/u;
const LETTER_AT_START = /^\p{L}/u;

/**
 * Where `word` next occurs in `text` from `from` on as a whole word (no letter right before or
 * after it), or -1: what `(?<!\p{L})word(?!\p{L})` finds, without compiling a Unicode regex
 * for every name, which costs more than the search itself.
 */
export function indexOfWord(text: string, word: string, from = 0): number {
  for (let at = text.indexOf(word, from); at >= 0; at = at < text.length ? text.indexOf(word, at + 1) : -1) {
    // Two code units either side: a letter outside the BMP is a surrogate pair.
    const before = text.slice(Math.max(0, at - 2), at);
    const after = text.slice(at + word.length, at + word.length + 2);
    if (!LETTER_AT_END.test(before) && !LETTER_AT_START.test(after)) return at;
  }
  return -1;
}

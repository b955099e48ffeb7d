import type { QuoteSpan } from './types.js';
import { SPEECH_VERBS_EN, SPEECH_PARTICIPLES_EN, SPEECH_PARTICIPLES_FR, SPEECH_PRESENT_FR } from './lexicon.js';

/**
 * Finds every passage in quotation marks: curly “…” and ‘…’, straight "…" and French « … ». A
 * paragraph that ends with a quote still open runs on into the next one, whose opening mark
 * continues it. A French said-clause inside one pair of guillemets (« A, a confié X. B ») splits
 * the pair into two quotes.
 */

export interface Block {
  start: number;
  end: number;
}

/** Paragraphs: blocks of text separated by blank lines. */
export function paragraphs(text: string): Block[] {
  const out: Block[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) {
    const s = m[0];
    if (s.trim() === '') continue;
    out.push({ start: m.index, end: m.index + s.length });
  }
  return out;
}

const OPENERS: Record<string, string> = { '\u201C': '\u201D', '\u00AB': '\u00BB', '\u201E': '\u201D', '"': '"', '\u2018': '\u2019' };
const SPACE = /[\s\u00A0\u202F\u2009]/;

/** The French incise inside guillemets: ", a confié un haut responsable." or ", a-t-elle ajouté,". */
const FRENCH_INCISE = new RegExp(
  String.raw`,[\s\u00A0]+(?:(?:a|ont|avait|avaient)(?:-t-(?:il|elle|ils|elles|on))?[\s\u00A0]+(?:\p{Ll}+[\s\u00A0]+)?(?:${[...SPEECH_PARTICIPLES_FR].join('|')})|(?:${[...SPEECH_PRESENT_FR].join('|')})(?:-t)?-(?:il|elle|ils|elles|on))(?!\p{L})[^.,;«»]*[.,;][\s\u00A0]+(?=\p{Lu})`,
  'u',
);

interface RawSpan {
  open: number;
  close: number;
  inner: [number, number];
  paragraph: number;
  runsOn: boolean;
  continues: boolean;
}

export function findQuotes(text: string): QuoteSpan[] {
  const raw: RawSpan[] = [];
  const paras = paragraphs(text);
  let prevRanOn = false;
  paras.forEach((p, pi) => {
    let i = p.start;
    let first = true;
    let ranOn = false;
    while (i < p.end) {
      const ch = text[i]!;
      const closer = OPENERS[ch];
      if (closer === undefined || ((ch === '"' || ch === '\u2018') && !isOpeningStraight(text, i))) {
        if (!SPACE.test(ch)) first = false;
        i++;
        continue;
      }
      let j = i + 1;
      if (closer === '\u2019') j = singleCloser(text, i + 1, p.end);
      else while (j < p.end && text[j] !== closer && !(closer === '\u201D' && text[j] === '\u201C')) j++;
      const closed = j < p.end && text[j] === closer;
      const span: RawSpan = {
        open: i,
        close: closed ? j : -1,
        inner: [i + 1, closed ? j : p.end],
        paragraph: pi,
        runsOn: !closed,
        continues: first && prevRanOn,
      };
      raw.push(...splitIncise(text, span));
      first = false;
      if (!closed) {
        ranOn = true;
        break;
      }
      i = j + 1;
    }
    prevRanOn = ranOn;
  });
  const spans: QuoteSpan[] = [];
  for (const r of raw) {
    const trimmed = trimQuote(text, r.inner[0], r.inner[1]);
    if (!trimmed) continue;
    const [start, end] = trimmed;
    spans.push({
      start,
      end,
      text: text.slice(start, end),
      open: r.open,
      close: r.close,
      paragraph: r.paragraph,
      runsOn: r.runsOn,
      continues: r.continues,
      role: 'quote',
    });
  }
  for (const s of spans) s.role = classify(text, s, spans);
  return spans;
}

/**
 * Where a quote in single marks (‘…’, as British papers write them) closes: a ’ not followed by
 * a letter, for ’ is also the apostrophe ("the world’s bread"). A plural possessive ("the
 * farmers’ union") is passed over when a later ’ could close the quote. `end` when none does.
 */
function singleCloser(text: string, from: number, end: number): number {
  const candidates: number[] = [];
  for (let j = from; j < end; j++) {
    if (text[j] === '\u2018' && isOpeningStraight(text, j)) break;
    if (text[j] === '\u2019' && !/\p{L}/u.test(text[j + 1] ?? '')) candidates.push(j);
  }
  const possessive = (j: number) => /s$/.test(text.slice(j - 1, j)) && /^ \p{Ll}/u.test(text.slice(j + 1, j + 3)) && !/^ (?:he|she|they|it|said|says|added|told|according)\b/.test(text.slice(j + 1, j + 12));
  return candidates.find((j, k) => !possessive(j) || k === candidates.length - 1) ?? end;
}

/** A straight double quote opens when it follows a space, a paragraph start or an opening bracket. */
function isOpeningStraight(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1]!;
  return /[\s(\[{\u2014\u2013-]/.test(before);
}

function splitIncise(text: string, span: RawSpan): RawSpan[] {
  if (text[span.open] !== '\u00AB') return [span];
  const inner = text.slice(span.inner[0], span.inner[1]);
  const m = FRENCH_INCISE.exec(inner);
  if (!m) return [span];
  const cut = span.inner[0] + m.index;
  const resume = cut + m[0].length;
  return [
    { ...span, close: cut, inner: [span.inner[0], cut], runsOn: false },
    { ...span, open: resume, inner: [resume, span.inner[1]], continues: false },
  ];
}

/** Drops spaces, a closing comma or full stop (and a colon or semicolon) from both ends. */
function trimQuote(text: string, start: number, end: number): [number, number] | undefined {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && (SPACE.test(text[end - 1]!) || /[,.;:]/.test(text[end - 1]!))) {
    // Keep an ellipsis: it is part of what was said.
    if (text[end - 1] === '.' && text.slice(end - 3, end) === '...') break;
    end--;
  }
  return end > start ? [start, end] : undefined;
}

const FUNCTION_WORDS = new Set('of the in on and de du des la le les l d et a an for to at by'.split(' '));
const TITLE_CUES =
  /\b(?:programme|program|show|newspaper|paper|daily|weekly|magazine|journal|broadcast|channel|radio|television|TV|book|film|report|émission|quotidien|hebdomadaire|journal|magazine|chaîne|station|selon|told the|told|wrote in|in an? (?:interview|article|op-ed|column) (?:with|in|for)|title|titled|entitled|headlined)\s*$/i;

function classify(text: string, span: QuoteSpan, all: QuoteSpan[]): QuoteSpan['role'] {
  const words = span.text.split(/[\s\u00A0\u202F]+/).filter(Boolean);
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w));
  const contentWords = words.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase().replace(/[’']$/, '')));
  const titleCase =
    // A long title-case run ("Temporary Measures for the Security of Medicine Supply") is a name, not speech.
    (words.length <= 6 || (words.length <= 12 && capitalised.length >= 4)) &&
    capitalised.length >= 1 &&
    contentWords.every((w) => /^\p{Lu}/u.test(w) || /^\d/.test(w)) &&
    !/[.!?,;:]/.test(span.text);
  if (titleCase) {
    const before = text.slice(Math.max(0, span.open - 60), span.open);
    const after = text.slice(span.close + 1, span.close + 20);
    if (capitalised.length >= 2 || TITLE_CUES.test(before) || /^\s*(?:programme|program|show|newspaper|de la radio)/i.test(after)) {
      return 'title';
    }
  }
  // "…," the official said. "Yet.": a short quote that is a sentence of its own, right after a
  // said-clause, is speech, not a term.
  const ownSentence = /^\p{Lu}/u.test(span.text) && /[.!?]/.test(text.slice(span.end, span.close + 1)) && /(?:[.!?]["”’]?\s+|^\s*)$/u.test(text.slice(Math.max(0, span.open - 40), span.open));
  if (words.length <= 2 && ownSentence && hasSpeechVerb(text.slice(Math.max(0, span.open - 120), span.open))) return 'quote';
  if (words.length <= 2 && !span.runsOn && !span.continues) {
    const sentence = sentenceAround(text, span, all);
    if (/\b(?:so-called|dit|dite|dits|dites|surnomm\w*|dubbed|nicknamed|the word|le mot|the term|le terme)\s*$/i.test(text.slice(Math.max(0, span.open - 20), span.open))) return 'term';
    if (!hasSpeechVerb(sentence)) return 'term';
  }
  return 'quote';
}

/** The sentence around a span with every quoted passage blanked out. */
function sentenceAround(text: string, span: QuoteSpan, all: QuoteSpan[]): string {
  let masked = text;
  for (const s of all) {
    if (s.close < 0) continue;
    masked = masked.slice(0, s.open) + ' '.repeat(s.close + 1 - s.open) + masked.slice(s.close + 1);
  }
  // A full stop ends a sentence only before a space: "3.5%" and "Dec. 22" do not.
  const ends = (i: number) => masked[i] === '\n' || (/[.!?]/.test(masked[i] ?? '') && /^(?:\s|$)/.test(masked[i + 1] ?? '') && !/\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St)$/.test(masked.slice(Math.max(0, i - 5), i)));
  let a = span.open;
  while (a > 0 && !ends(a - 1)) a--;
  let b = span.close < 0 ? span.end : span.close + 1;
  while (b < masked.length && !ends(b)) b++;
  return masked.slice(a, b);
}

export function hasSpeechVerb(s: string): boolean {
  for (const w of s.toLowerCase().match(/[\p{L}-]+/gu) ?? []) {
    if (SPEECH_VERBS_EN.has(w) || SPEECH_PARTICIPLES_EN.has(w) || SPEECH_PARTICIPLES_FR.has(w) || SPEECH_PRESENT_FR.has(w)) return true;
    if (w === 'selon' || w === 'according') return true;
  }
  return false;
}

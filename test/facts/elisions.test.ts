/**
 * Elisions built from every example article (copies in test/fixtures/articles): each one that
 * would reverse or stretch the meaning is refused, the harmless ones are accepted, and every
 * quote the articles' truth files list still stands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { negationIn, SourceText, verifyQuote, wordsOf } from '../../src/facts/quotes.js';
import { FIXTURES } from '../helpers.js';

const DIR = path.join(FIXTURES, 'articles');
/** Each article with the language its truth file gives (English when it gives none). */
const articles = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => {
    const name = f.replace(/\.txt$/, '');
    const truth = JSON.parse(readFileSync(path.join(DIR, 'truth', `${name}.json`), 'utf8')) as { language?: string };
    return { name, text: readFileSync(path.join(DIR, f), 'utf8'), language: truth.language ?? 'en' };
  });

interface Word {
  text: string;
  start: number;
  end: number;
}

/** The paragraphs of a source as the quote check sees them, with their words. */
function paragraphs(source: SourceText): { text: string; words: Word[] }[] {
  return source.norm.split('\n').map((text) => ({
    text,
    words: [...text.matchAll(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length })),
  }));
}

const slice = (p: { text: string; words: Word[] }, from: number, to: number) => p.text.slice(p.words[from]!.start, p.words[to]!.end);

it('has the example articles', () => {
  expect(articles.length).toBeGreaterThanOrEqual(8);
});

describe.each(articles)('$name', ({ text, language }) => {
  const source = new SourceText(text);
  const paras = paragraphs(source);

  it('refuses every elision that leaves out a negation', () => {
    let built = 0;
    for (const p of paras) {
      p.words.forEach((w, k) => {
        if (k < 3 || k + 3 >= p.words.length || !negationIn([w.text], language)) return;
        // Keep the parts themselves free of negations, so only the omission can reverse the meaning.
        if (negationIn(p.words.slice(k - 3, k + 4).filter((_, i) => i !== 3).map((x) => x.text), language)) return;
        const quote = `${slice(p, k - 3, k - 1)} … ${slice(p, k + 1, k + 3)}`;
        const check = verifyQuote(quote, source, { language });
        expect(check, quote).toMatchObject({ found: false, reason: expect.stringContaining('negation') });
        built++;
      });
    }
    expect(built).toBeGreaterThan(0);
  });

  it('refuses every elision across two paragraphs', () => {
    let built = 0;
    for (let i = 0; i + 1 < paras.length; i++) {
      const [a, b] = [paras[i]!, paras[i + 1]!];
      if (a.words.length < 3 || b.words.length < 3) continue;
      const quote = `${slice(a, a.words.length - 3, a.words.length - 1)} … ${slice(b, 0, 2)}`;
      expect(verifyQuote(quote, source, { language }), quote).toMatchObject({ found: false });
      built++;
    }
    expect(built).toBeGreaterThan(0);
  });

  it('refuses elisions of more than 20 words and accepts short ones without a negation', () => {
    let long = 0;
    let short = 0;
    for (const p of paras) {
      const n = p.words.length;
      if (n >= 27) {
        const quote = `${slice(p, 0, 2)} … ${slice(p, 24, 26)}`;
        expect(verifyQuote(quote, source, { language }), quote).toMatchObject({ found: false });
        long++;
      }
      for (let k = 0; k + 11 <= n; k += 11) {
        const omitted = p.words.slice(k + 3, k + 8).map((w) => w.text);
        if (negationIn(omitted, language)) continue;
        const quote = `${slice(p, k, k + 2)} … ${slice(p, k + 8, k + 10)}`;
        expect(verifyQuote(quote, source, { language }), quote).toMatchObject({ found: true });
        short++;
      }
    }
    expect(long).toBeGreaterThan(0);
    expect(short).toBeGreaterThan(0);
  });
});

describe('the truth files\' quotes', () => {
  const truths = readdirSync(path.join(DIR, 'truth')).map((f) => ({
    name: f,
    truth: JSON.parse(readFileSync(path.join(DIR, 'truth', f), 'utf8')) as { article: string; quotes: { text: string }[] },
  }));

  it.each(truths)('$name: every quote stands in its article, whole words only', ({ truth }) => {
    const text = readFileSync(path.join(DIR, path.basename(truth.article)), 'utf8');
    const source = new SourceText(text);
    for (const q of truth.quotes) {
      expect(verifyQuote(q.text, source), q.text).toMatchObject({ found: true });
      expect(wordsOf(q.text).length).toBeGreaterThan(0);
    }
  });
});

it('refuses the INF misquotes that reverse Stoltenberg\'s words, showing the source\'s passage', () => {
  const inf = articles.find((a) => a.name.startsWith('nato-inf'))!;
  // "We will" is far from the sentence, in another paragraph (and too short a part for check).
  expect(verifyQuote('We will … deploy new nuclear land-based weapon systems in Europe', inf.text)).toMatchObject({
    found: false,
    reason: expect.stringContaining('paragraph'),
  });
  const check = verifyQuote('reiterated that NATO allies … deploy new nuclear land-based weapon systems in Europe', inf.text);
  expect(check).toMatchObject({ found: false, reason: expect.stringContaining("n't") });
  expect(check.found === false && check.reason !== undefined && check.passage).toBe(
    'reiterated that NATO allies "don\'t have any intention to deploy new nuclear land-based weapon systems in Europe',
  );
});

import { describe, expect, it } from 'vitest';
import { closestPassage, normaliseForQuote, quoteParts, SourceText, verifyQuote } from '../../src/facts/quotes.js';

const SOURCE =
  'Stoltenberg said: \u201CThis is very serious. We will take our time.\u201D He added that the\n' +
  'answer \u201Cwill be measured and it will be defensive\u201D, and that allies don\u2019t want a new\n' +
  'arms race \u2013 \u201Cnot now, not ever\u201D.';

const found = (quote: string) => verifyQuote(quote, SOURCE).found;

describe('normaliseForQuote', () => {
  it('maps curly quotes and apostrophes to straight ones, dashes to hyphens, and collapses whitespace', () => {
    expect(normaliseForQuote('\u201Cdon\u2019t\u201D \u2018x\u2019 a\u2013b a\u2014b  \n\t c ')).toBe('"don\'t" \'x\' a-b a-b c');
  });

  it('composes accents the same whichever way they were typed (NFC)', () => {
    expect(normaliseForQuote('Jérôme')).toBe(normaliseForQuote('Je\u0301ro\u0302me'));
  });
});

describe('quoteParts', () => {
  it('splits on … and ..., and on bracketed ellipses', () => {
    expect(quoteParts('one … two ... three […] four [...] five')).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('strips surrounding quotation marks and a closing . , ; or :', () => {
    expect(quoteParts('"We will take our time."')).toEqual(['We will take our time']);
    expect(quoteParts('\u201Cat last,\u201D')).toEqual(['at last']);
    expect(quoteParts('first; … second:')).toEqual(['first', 'second']);
  });

  it('keeps a closing question or exclamation mark', () => {
    expect(quoteParts('Why now?')).toEqual(['Why now?']);
    expect(quoteParts('Never!')).toEqual(['Never!']);
  });
});

describe('verifyQuote', () => {
  it('finds a quote written with straight quotes in a source with curly ones', () => {
    expect(found("allies don't want a new arms race")).toBe(true);
  });

  it('ignores differences in whitespace, including a line break in the source', () => {
    expect(found('He   added that the answer')).toBe(true);
    expect(found('He added\nthat the\tanswer')).toBe(true);
  });

  it('treats an en dash in the source and a hyphen in the quote as the same', () => {
    expect(found('arms race - "not now')).toBe(true);
  });

  it('ignores a closing full stop, comma, semicolon or colon that the source does not have there', () => {
    expect(found('will be measured and it will be defensive.')).toBe(true);
    expect(found('will be measured and it will be defensive,')).toBe(true);
    expect(found('will be measured and it will be defensive;')).toBe(true);
    expect(found('Stoltenberg said:')).toBe(true);
  });

  it('compares a closing question or exclamation mark', () => {
    expect(found('We will take our time!')).toBe(false);
  });

  it('joins parts with … that must all appear, in order', () => {
    expect(found('This is very serious … take our time')).toBe(true);
    expect(found('This is very serious... take our time')).toBe(true);
    expect(found('take our time … This is very serious')).toBe(false);
    expect(found('This is very serious … not tomorrow')).toBe(false);
  });

  it('is case-sensitive and word-exact', () => {
    expect(found('this is very serious')).toBe(false);
    expect(found('We will take your time')).toBe(false);
  });

  it('names the part that failed and the closest passage of the source', () => {
    const check = verifyQuote('This is very serious … it will be offensive', SOURCE);
    expect(check).toEqual({
      found: false,
      part: 'it will be offensive',
      closest: 'it will be defensive",',
    });
  });
});

describe('closestPassage', () => {
  it('returns whole words from the source nearest to the needle', () => {
    const haystack = normaliseForQuote(SOURCE);
    expect(closestPassage('We will take our tim', haystack)).toBe('We will take our time."');
    expect(closestPassage('measured and it will be protective', haystack)).toBe('measured and it will be defensive",');
  });

  it('still shows a passage when the quote has more words than the whole source', () => {
    // A short or truncated copy: the error message should show what the copy does say.
    expect(closestPassage('we will not take one step back', 'not one step back')).toBe('not one step back');
  });
});

describe('verifyQuote: whole words only', () => {
  const farm = 'The minister said the plan was "unacceptable to our farmers" and would be fought.';

  it('does not match a quote inside a longer word', () => {
    expect(verifyQuote('acceptable to our farmers', farm).found).toBe(false);
    expect(verifyQuote('unacceptable to our farmers', farm).found).toBe(true);
    expect(verifyQuote('the plan was', farm).found).toBe(true);
    expect(verifyQuote('he plan was', farm).found).toBe(false);
    expect(verifyQuote('plan was "unaccept', farm).found).toBe(false);
  });

  it('gives the place of each part in the source text', () => {
    const check = verifyQuote('unacceptable to our farmers', farm);
    expect(check.found && check.spans.map((s) => farm.slice(s.start, s.end))).toEqual(['unacceptable to our farmers']);
  });
});

describe('verifyQuote: elisions that cannot change the meaning', () => {
  const text =
    'The minister said: "We will keep the border open for trade, and we will review the tariffs in spring."\n\n' +
    '"We don\u2019t have any intention to deploy new weapons in Europe," he said.\n\n' +
    Array.from({ length: 30 }, (_, i) => `a${i + 1}`).join(' ') + '.';

  it('accepts a short omission inside one paragraph', () => {
    expect(verifyQuote('We will keep the border open … we will review the tariffs', text).found).toBe(true);
  });

  it('refuses an omission that leaves out a negation, showing the passage', () => {
    const reversed = verifyQuote('he said. We … have any intention to deploy new weapons', 'he said. We do not have any intention to deploy new weapons');
    expect(reversed).toMatchObject({ found: false, reason: expect.stringContaining('"not"') });
    expect(reversed.found === false && reversed.reason !== undefined && reversed.passage).toBe(
      'he said. We do not have any intention to deploy new weapons',
    );
    const contracted = verifyQuote('said: "We will keep the border … have any intention to deploy', 'said: "We will keep the border. We don\'t have any intention to deploy');
    expect(contracted).toMatchObject({ found: false, reason: expect.stringContaining("n't") });
  });

  it('refuses an omission across paragraphs', () => {
    const check = verifyQuote('review the tariffs in spring … have any intention to deploy', text);
    expect(check).toMatchObject({ found: false, reason: expect.stringContaining('paragraph') });
  });

  it('refuses an omission of more than 20 words', () => {
    expect(verifyQuote('a1 a2 a3 … a25 a26 a27', text)).toMatchObject({
      found: false,
      reason: expect.stringContaining('leaves out 21 words'),
    });
    expect(verifyQuote('a1 a2 a3 … a24 a25 a26', text).found).toBe(true);
  });

  it('knows the negations of the deck\'s language, and English ones in any language', () => {
    const fr = 'Le ministre a dit que la France ne veut jamais fermer la frontière aux échanges.';
    const quote = 'que la France … fermer la frontière aux échanges';
    expect(verifyQuote(quote, fr, { language: 'fr' })).toMatchObject({ found: false, reason: expect.stringContaining('"ne"') });
    const de = 'Er sagte, Berlin werde die Grenze nicht schließen, sondern offen halten.';
    expect(verifyQuote('Berlin werde die … schließen, sondern offen', de, { language: 'de' })).toMatchObject({ found: false });
    expect(verifyQuote('Berlin werde die Grenze … sondern offen halten', de, { language: 'de' }).found).toBe(false);
  });
});

describe('closestPassage: indexed, fast at any source size', () => {
  it('answers ten misquotes against a 5 MB source in well under a second each', () => {
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words: string[] = [];
    let size = 0;
    while (size < 5 * 1024 * 1024) {
      const w = vocabulary[Math.floor(random() * vocabulary.length)]!;
      words.push(w);
      size += w.length + 1;
    }
    const planted = 'the dam takes nothing that belongs to anyone at all';
    words.splice(400000, 0, planted);
    const started = performance.now();
    const source = new SourceText(words.join(' '));
    for (let i = 0; i < 10; i++) {
      const check = verifyQuote(`the dam takes nothing that belongs to someone ${i}`, source);
      expect(check).toMatchObject({ found: false, closest: expect.stringContaining('takes nothing that belongs to') });
    }
    // Preparing the source (once) and all ten answers together.
    expect(performance.now() - started).toBeLessThan(5000);
    const again = performance.now();
    expect(verifyQuote('belongs to anyone at once', source).found).toBe(false);
    expect(performance.now() - again).toBeLessThan(250);
  });
});

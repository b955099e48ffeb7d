import { describe, expect, it } from 'vitest';
import { closestPassage, normaliseForQuote, quoteParts, verifyQuote } from '../../src/facts/quotes.js';

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
    expect(found('This is very serious … not now, not ever')).toBe(true);
    expect(found('This is very serious... not now, not ever')).toBe(true);
    expect(found('not now, not ever … This is very serious')).toBe(false);
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

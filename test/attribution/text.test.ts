import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexOfWord } from '../../src/attribution/text.js';

const wholeWord = (word: string) => new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');

describe('indexOfWord', () => {
  it('finds a name only where no letter touches it, accents and letters beyond the BMP included', () => {
    expect(indexOfWord('Petrov, Petrovna and Petrov', 'Petrov', 1)).toBe(21);
    expect(indexOfWord('éPetrov Petrov', 'Petrov')).toBe(8);
    expect(indexOfWord('Petrov𝐀 Petrov', 'Petrov')).toBe(9);
    expect(indexOfWord('«Petrov»', 'Petrov')).toBe(1);
    expect(indexOfWord('Petrovich', 'Petrov')).toBe(-1);
  });

  it('finds what the whole-word Unicode regex finds, match after match', () => {
    const alphabet = fc.constantFrom('a', 'b', 'é', ' ', '-', '.', '𝐀', '\u0301', '1');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 30 }), fc.string({ unit: alphabet, minLength: 1, maxLength: 3 }), (text, word) => {
        const expected = [...text.matchAll(wholeWord(word))].map((m) => m.index);
        const found: number[] = [];
        for (let at = indexOfWord(text, word); at >= 0; at = indexOfWord(text, word, at + word.length)) found.push(at);
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

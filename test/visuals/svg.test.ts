import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth, wrap } from '../../src/visuals/svg.js';

describe('wrap', () => {
  it('keeps every character: the lines joined give back the text, whatever its length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 60, max: 900 }), (s, width) => {
        const lines = wrap(s, width, 20);
        expect(lines.join(' ').replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
        expect(lines.join('').split('…').length).toBe(s.split('…').length);
      }),
    );
  });

  it('keeps each line within the width, breaking only words longer than a line', () => {
    const text = 'The International Maritime Transport Organisation (more than $4.2 billion) Supercalifragilisticexpialidociousnessandmore';
    for (const width of [120, 200, 320]) {
      const lines = wrap(text, width, 20, 'regular');
      for (const line of lines) expect(textWidth(line, 20, 'regular')).toBeLessThanOrEqual(width);
      const whole = lines.filter((l) => !l.includes('Supercali') && !/^[a-z]+$/.test(l));
      for (const line of whole) for (const word of line.split(' ')) expect(text.split(' ')).toContain(word);
    }
  });
});

describe('textWidth', () => {
  it('is wider in bold, grows with size, and counts characters outside Latin generously', () => {
    expect(textWidth('Estmark', 20, 'bold')).toBeGreaterThan(textWidth('Estmark', 20, 'regular'));
    expect(textWidth('Estmark', 40)).toBeGreaterThan(1.9 * textWidth('Estmark', 20));
    // A letter outside the measured tables (Vietnamese ẽ) as its base letter; Cyrillic and
    // Arabic letters wider than an em as measured; a script with no table wider than any letter.
    expect(textWidth('ẽ', 20)).toBeCloseTo(textWidth('e', 20));
    expect(textWidth('Щ', 20, 'bold')).toBeGreaterThan(26);
    expect(textWidth('س', 20, 'bold')).toBeGreaterThan(27);
    expect(textWidth('北京', 20)).toBeGreaterThanOrEqual(40);
    expect(textWidth('हिन्दी', 20)).toBeGreaterThanOrEqual(6 * 40);
  });
});

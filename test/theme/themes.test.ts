import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TEXT_PAIRS } from '../../src/theme/brand.js';
import { AA_TEXT, contrast, formatRatio, parseHex } from '../../src/theme/contrast.js';
import { BASE_CSS, builtinThemes, themeCssFile, themePalette } from '../../src/theme/theme.js';

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrast(parseHex('#000')!, parseHex('#fff')!)).toBeCloseTo(21, 5);
    expect(contrast(parseHex('#777777')!, parseHex('#ffffff')!)).toBeCloseTo(4.48, 2);
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(parseHex('blue')).toBeUndefined();
  });
});

describe('built-in themes', () => {
  it('are briefing and dark', async () => {
    expect(await builtinThemes()).toEqual(['briefing', 'dark']);
  });

  it.each(['briefing', 'dark'])('%s: every text colour meets WCAG AA on what it sits on, tags included', async (name) => {
    const palette = await themePalette(name);
    for (const [fg, bg] of TEXT_PAIRS) {
      const ratio = contrast(parseHex(palette[fg])!, parseHex(palette[bg])!);
      expect(ratio, `${name}: ${fg} ${palette[fg]} on ${bg} ${palette[bg]}: ${formatRatio(ratio)}`).toBeGreaterThanOrEqual(AA_TEXT);
    }
    const css = await readFile(themeCssFile(name), 'utf8');
    const variable = (v: string) => parseHex(new RegExp(`--bd-${v}:\\s*(#[0-9a-f]{3,6})`, 'i').exec(css)![1]!)!;
    for (const tag of ['new', 'updated']) {
      expect(contrast(variable(`tag-${tag}-text`), variable(`tag-${tag}-bg`))).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it('set colours and the font only: every size and space is in the shared base.css', async () => {
    for (const name of await builtinThemes()) {
      const css = (await readFile(themeCssFile(name), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '');
      expect(css.trim()).toMatch(/^:root \{[^}]*\}$/);
      expect(css).not.toMatch(/font-size|padding|margin|line-height|height|width/);
    }
    const base = await readFile(BASE_CSS, 'utf8');
    // The sizes src/model/compose.ts estimates with.
    expect(base).toContain('font-size: 26px;');
    expect(base).toContain('line-height: 1.35;');
    expect(base).toMatch(/\.reveal table \{[^}]*font-size: 23px;/);
    expect(base).not.toMatch(/#[0-9a-f]{3,6}\b/i);
  });
});

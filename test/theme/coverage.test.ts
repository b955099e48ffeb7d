import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { covers, describeChar, fontFaces, intersect, merge, tofuProblems, uncoveredText, unicodeRanges, woff2Ranges, type Ranges } from '../../src/theme/coverage.js';
import { fontAssets, fontRanges, SHIPPED_COVERAGE_FILE, shippedCoverageTable } from '../../src/theme/fonts.js';

const require = createRequire(import.meta.url);
const fontFile = async (pkg: string, file: string) => readFile(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file));
const codes = (text: string) => [...text].map((c) => c.codePointAt(0)!);

describe('fontFaces and intersect', () => {
  it('pairs each @font-face with its file and declared ranges; without unicode-range, everything', () => {
    const css =
      "@font-face { font-family: A; src: url(./files/a.woff2) format('woff2'); unicode-range: U+0041-005A, U+0061; }\n" +
      "@font-face { font-family: B; src: url('brand/b.woff2'); }\n@font-face { font-family: C; }";
    expect(fontFaces(css)).toEqual([
      { file: './files/a.woff2', ranges: [[0x41, 0x5a], [0x61, 0x61]] },
      { file: 'brand/b.woff2', ranges: [[0, 0x10ffff]] },
    ]);
  });

  it('keeps the code points in both sets of ranges', () => {
    expect(intersect([[0, 10], [20, 30], [40, 50]], [[5, 25], [28, 45]])).toEqual([[5, 10], [20, 25], [28, 30], [40, 45]]);
    expect(intersect([[0, 10]], [])).toEqual([]);
  });
});

describe('unicodeRanges', () => {
  it('reads single code points, ranges and wildcards from every @font-face, merged', () => {
    const css =
      '@font-face { font-family: A; unicode-range: U+0000-00FF, U+0131,U+0152-0153; }\n' +
      '@font-face { font-family: A; unicode-range: U+4??; }\n' +
      '@font-face { font-family: A; unicode-range: U+0100-012F; src: url(x.woff2); }';
    expect(unicodeRanges(css)).toEqual([[0, 0x12f], [0x131, 0x131], [0x152, 0x153], [0x400, 0x4ff]]);
  });

  it('finds a code point by binary search, at the edges of ranges too', () => {
    const ranges: Ranges = merge([[0x600, 0x6ff], [0x20, 0x7e], [0x1f600, 0x1f600]]);
    for (const c of [0x20, 0x7e, 0x600, 0x6ff, 0x1f600]) expect(covers(ranges, c)).toBe(true);
    for (const c of [0x1f, 0x7f, 0x5ff, 0x700, 0x1f601]) expect(covers(ranges, c)).toBe(false);
  });
});

describe('the shipped fonts', () => {
  it('draw French, German, Spanish, Russian, Ukrainian, Greek, Vietnamese and Arabic text', async () => {
    const ranges = await fontRanges(await fontAssets());
    const text =
      'Œuvre « déjà » – l’été ; Straße „Äpfel“ ¿Señor? «Ёлка» Їжак ґ є ʼ Ωμέγα Tiếng Việt ' +
      'قال الوزير، «لن نقبل؛ هل هذا واضح؟» ٣٥٪ ﻻ 3 200 € № 420 m³/s';
    expect(uncoveredText({ text }, ranges)).toEqual([]);
  });

  it('do not draw emoji, CJK, Hebrew or check marks', async () => {
    const ranges = await fontRanges(await fontAssets());
    for (const ch of ['\u{1F600}', '中', 'ש', '✓']) expect(covers(ranges, ch.codePointAt(0)!), ch).toBe(false);
  });

  it('draw only what a face is declared for and its file has a glyph for', async () => {
    const assets = await fontAssets();
    const declared = unicodeRanges(assets.find((a) => a.to === 'assets/fonts/fonts.css')!.content!);
    const drawn = await fontRanges(assets);
    // Cyrillic Extended-B is in the declared range of Source Sans 3's cyrillic-ext subset, without glyphs.
    expect(covers(declared, 0xa640)).toBe(true);
    expect(covers(drawn, 0xa640)).toBe(false);
    expect(covers(drawn, 'Ж'.codePointAt(0)!)).toBe(true);
  });

  it('are looked up in a table made at compile time that holds what their character maps say', async () => {
    const made = await readFile(SHIPPED_COVERAGE_FILE, 'utf8').catch(() => {
      throw new Error(`${SHIPPED_COVERAGE_FILE} is missing: run npm run compile`);
    });
    const table = await shippedCoverageTable();
    expect(JSON.parse(made)).toEqual(JSON.parse(JSON.stringify(table)));
    expect(table['source-sans-3-cyrillic-ext-400-normal.woff2']!.ranges.length).toBeGreaterThan(0);
  });

  it('are read from the file when it is not the one the table was made from', async () => {
    const assets = await fontAssets();
    const name = 'source-sans-3-cyrillic-ext-400-normal.woff2';
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-font-'));
    try {
      // Same name, other content: not a font at all, so the face counts for all it is declared for.
      await writeFile(path.join(dir, name), 'not a font');
      const swapped = assets.map((a) => (a.from && path.basename(a.from) === name ? { ...a, from: path.join(dir, name) } : a));
      expect(covers(await fontRanges(assets), 0xa640)).toBe(false);
      expect(covers(await fontRanges(swapped), 0xa640)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('are joined by the characters of a brand font file', async () => {
    // A font with the square root sign, which the shipped fonts lack.
    const math = path.join(path.dirname(require.resolve('@fontsource/noto-sans-arabic/package.json')), 'files', 'noto-sans-arabic-math-400-normal.woff2');
    const shipped = await fontAssets();
    expect(covers(await fontRanges(shipped), 0x221a)).toBe(false);
    const ranges = await fontRanges([...shipped, { to: 'assets/brand/font.woff2', from: math }]);
    expect(covers(ranges, 0x221a)).toBe(true);
    expect(covers(ranges, 0x1f600)).toBe(false);
  });
});

describe('uncoveredText', () => {
  const ascii: Ranges = [[0x20, 0x7e]];

  it('names each field with characters no font has, each character once, in order', () => {
    const facts = {
      meta: { title: 'Fine' },
      actors: [{ name: 'Ok', quotes: [{ text: 'Sure \u{1F600} and \u{1F44D}\u{1F3FD}, \u{1F600} again' }] }],
      bottom_line: [{ text: 'ok' }, { text: 'ë' }],
    };
    expect(uncoveredText(facts, ascii)).toEqual([
      { path: ['actors', 0, 'quotes', 0, 'text'], chars: ['\u{1F600}', '\u{1F44D}', '\u{1F3FD}'] },
      { path: ['bottom_line', 1, 'text'], chars: ['ë'] },
    ]);
  });

  it('ignores what draws nothing: line breaks, no-break spaces, joiners, direction marks, variation selectors', () => {
    expect(uncoveredText({ a: 'a\nb\u00A0c\u202Fd\u200D\u200Fe\uFE0F\t' }, ascii)).toEqual([]);
  });
});

describe('tofuProblems', () => {
  it('is a warning at the field, naming the character and its code point', () => {
    const [problem, ...rest] = tofuProblems({ meta: { title: 'Dam \u{1F600}' } }, [[0x20, 0x7e]], 'facts.yaml', (p) => ({ line: p.length, column: 3 }));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 'warning', file: 'facts.yaml', line: 2, column: 3, field: 'meta.title' });
    expect(problem!.message).toMatch(/^"\u{1F600}" \(U\+1F600\): no font of the deck can draw this character/u);
    expect(describeChar('é')).toBe('"é" (U+00E9)');
  });
});

describe('woff2Ranges', () => {
  it('reads the characters of a WOFF2 font from its cmap', async () => {
    const latin = woff2Ranges(await fontFile('@fontsource/source-sans-3', 'source-sans-3-latin-400-normal.woff2'))!;
    const css = await readFile(require.resolve('@fontsource/source-sans-3/400.css'), 'utf8');
    const declared = unicodeRanges(/@font-face\s*{[^}]*source-sans-3-latin-400-normal[^}]*}/.exec(css)![0]);
    for (const c of codes('AZaz09é€«»’')) expect(covers(latin, c), String.fromCodePoint(c)).toBe(true);
    for (const c of codes('Жاש')) expect(covers(latin, c)).toBe(false);
    // Every printable ASCII character the subset declares is in its character map.
    for (let c = 0x20; c <= 0x7e; c++) if (covers(declared, c)) expect(covers(latin, c), String.fromCodePoint(c)).toBe(true);
    const arabic = woff2Ranges(await fontFile('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff2'))!;
    for (const c of codes('ابتثجحخلمنهوي،؛؟٠٩')) expect(covers(arabic, c), String.fromCodePoint(c)).toBe(true);
    expect(covers(arabic, 0x41)).toBe(false);
  });

  it('is undefined for a file that is not WOFF2', () => {
    expect(woff2Ranges(new TextEncoder().encode('not a font at all, not at all'))).toBeUndefined();
    expect(woff2Ranges(new Uint8Array([0x77, 0x4f, 0x46, 0x32]))).toBeUndefined();
  });
});

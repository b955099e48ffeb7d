#!/usr/bin/env node
/**
 * Measures, in Chromium, the advance widths of the characters outside ASCII that briefdeck's
 * label sets and facts commonly use (Latin-1 and Latin Extended, Greek, Cyrillic, Arabic,
 * punctuation, currency, letterlike symbols and number forms; Hebrew) as the drawings set them, and
 * writes src/visuals/advances.ts. Run by hand after a font change: `npm run compile && node
 * scripts/measure-advances.mjs` (needs a built deck page for its fonts: it builds one).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(tmpdir(), 'briefdeck-advances-'));
execFileSync(process.execPath, [path.join(root, 'dist/cli/main.js'), 'build', path.join(root, 'slides/inf-treaty'), '--no-pdf', '-o', out, '--quiet']);

/** [first, end) code point ranges, each written as one table. */
const RANGES = [
  [0x00a0, 0x0250],
  [0x0370, 0x0530],
  [0x0590, 0x0700],
  [0x2000, 0x2070],
  [0x20a0, 0x20d0],
  [0x2100, 0x2190],
  [0xfdf0, 0xfe00],
  [0xfe70, 0xff00],
];
/** Arabic letters join: a letter takes the widest of its isolated, initial, medial and final forms. */
const TATWEEL = '\u0640';

const browser = await puppeteer.launch({ executablePath: process.env.BRIEFDECK_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(out, 'inf-treaty/index.html')).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  const tables = await page.evaluate(
    (ranges, tatweel) => {
      const fig = document.createElement('figure');
      fig.className = 'bd-visual';
      fig.style.cssText = 'position:fixed;left:0;top:0;width:1168px;z-index:99';
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 1168 100');
      fig.appendChild(svg);
      document.body.appendChild(fig);
      const el = document.createElementNS('http://www.w3.org/2000/svg', 'text');
      el.setAttribute('font-size', '100');
      svg.appendChild(el);
      const width = (s, weight, style) => {
        el.setAttribute('font-weight', weight);
        el.setAttribute('font-style', style);
        el.textContent = s;
        return el.getComputedTextLength();
      };
      const styles = { regular: [['400', 'normal'], ['400', 'italic']], bold: [['600', 'normal'], ['700', 'normal'], ['600', 'italic'], ['700', 'italic']] };
      const result = {};
      for (const [weight, faces] of Object.entries(styles)) {
        result[weight] = ranges.map(([a, b]) => {
          const row = [];
          for (let c = a; c < b; c++) {
            const ch = String.fromCodePoint(c);
            let em = 0;
            for (const [w, s] of faces) {
              // Between non-joining letters: the character's own advance, kerning aside.
              const alone = width(`x${ch}x`, w, s) - width('xx', w, s);
              let joined = 0;
              if ((c >= 0x620 && c < 0x700) || c >= 0xfe70) {
                const t = width(tatweel, w, s);
                joined = Math.max(width(tatweel + ch + tatweel, w, s) - 2 * t, width(tatweel + ch, w, s) - t, width(ch + tatweel, w, s) - t);
              }
              em = Math.max(em, alone, joined);
            }
            row.push(Math.ceil(em * 10));
          }
          return row;
        });
      }
      return result;
    },
    RANGES,
    TATWEEL,
  );
  const hex = (n) => `0x${n.toString(16).padStart(4, '0')}`;
  const rows = (weight) =>
    RANGES.map(([a, b], i) => `    [${hex(a)}, ${hex(b)}, [${tables[weight][i].join(', ')}]],`).join('\n');
  writeFileSync(
    path.join(root, 'src/visuals/advances.ts'),
    `/*
 * Advance widths, in thousandths of an em, of characters outside ASCII as Chromium sets them in
 * the drawings (Source Sans 3, Noto Sans Arabic for Arabic, the system's fallback for the rest),
 * rounded up: "regular" the wider of upright and italic 400, "bold" the widest of 600 and 700;
 * an Arabic letter the widest of its joining forms. Written by scripts/measure-advances.mjs.
 */
import type { Weight } from './svg.js';

/** [first code point, end, widths]. */
// prettier-ignore
export const ADVANCES: Record<Weight, readonly (readonly [number, number, readonly number[]])[]> = {
  regular: [
${rows('regular')}
  ],
  bold: [
${rows('bold')}
  ],
};
`,
  );
  console.log('wrote src/visuals/advances.ts');
} finally {
  await browser.close();
}

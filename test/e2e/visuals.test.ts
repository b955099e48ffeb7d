/**
 * The drawings as a room sees them: a deck whose timeline (12 events, each about 120
 * characters) and positions matrix (15 actors with names up to 60 characters × 6 options with
 * long titles) crowd, built with the real theme and opened in Chromium. On every drawing, every
 * <text> lies inside the SVG's viewBox, no two overlap, none is set below 20px, and no "…"
 * appears; and the layout's text-width estimate is never narrower than Chromium draws the text.
 * Set BRIEFDECK_VISUALS_SHOTS to a folder to keep a screenshot of each drawing's slide.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { textWidth } from '../../src/visuals/svg.js';
import { tempDir } from './helpers.js';

const WORDS = (
  'ministers agree to extend the maritime inspection regime after talks in Geneva while the ' +
  'coastal states ask for compensation (more than $4.2 billion) and a review of the shipping ' +
  'lanes by the International Maritime Transport Organisation before the winter session ends'
).split(' ');

/** About `chars` characters of plausible text, different for each `seed`, never cut mid-word. */
function sentence(seed: number, chars: number): string {
  const out: string[] = [];
  for (let i = 0; out.join(' ').length < chars - 12; i++) out.push(WORDS[(seed * 7 + i * 5) % WORDS.length]!);
  return out.join(' ');
}

const ACTORS = [
  'International Maritime Transport Organisation Secretariat',
  'United States',
  'European Union Council of Ministers for Transport and Energy',
  'Coastal States Bloc (five member states of the Gulf region)',
  'People’s Republic of China',
  'Russian Federation Ministry of Foreign Affairs',
  'Shipping Industry Association',
  'Japan',
  'Republic of Korea Ministry of Oceans and Fisheries',
  'United Kingdom',
  'India',
  'Brazil',
  'African Union Commission on Maritime Security and Safety',
  'Norway',
  'Independent Panel of Experts on Ocean Pollution and Salvage',
];

function factsYaml(): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    'meta:',
    '  title: Crowded drawings',
    '  as_of: 2025-03-10',
    '  prepared_by: Test desk',
    '  marking: UNCLASSIFIED',
    'sources:',
    '  - id: wire',
    '    publisher: Wire',
    '    title: A report',
    '    date: 2025-03-10',
    '    copy: sources/wire.txt',
    'bottom_line:',
    '  - text: The drawings must stay readable.',
    '    sources: [wire]',
    '  - text: No label is cut.',
    '    sources: [wire]',
    'timeline:',
  ];
  const dates = ['2019', '2024-01', '2024-06-02', '2024-06-03', '2024-06-03', '2024-11-20', '2025-02', '2025-03-01', '2025-03-09', '2025-04-15', '2025-06', '2026'];
  dates.forEach((d, i) => lines.push(`  - date: ${q(d)}`, `    event: ${q(sentence(i, 120))}`, '    sources: [wire]'));
  lines.push('actors:');
  ACTORS.forEach((name, i) => lines.push(`  - id: a${i}`, `    name: ${q(name)}`, `    stance: ${q(sentence(i, 60))}`, '    stance_sources: [wire]'));
  lines.push('options:');
  for (let o = 0; o < 6; o++) {
    const pick = (k: number) => ACTORS.map((_, i) => `a${i}`).filter((_, i) => (i + o) % 4 === k);
    lines.push(
      `  - id: o${o}`,
      `    title: ${q(sentence(o + 3, o % 2 ? 100 : 40))}`,
      `    summary: ${q(sentence(o, 80))}`,
      `    backers: [${pick(0).join(', ')}]`,
      `    opponents: [${pick(1).join(', ')}]`,
      `    undecided: [${pick(2).join(', ')}]`,
      '    sources: [wire]',
    );
  }
  return lines.join('\n') + '\n';
}

let pool: BrowserPool;
let built: BuildResult;

beforeAll(async () => {
  const dir = await tempDir('visuals');
  const deck = path.join(dir, 'crowded');
  await mkdir(path.join(deck, 'sources'), { recursive: true });
  await writeFile(path.join(deck, 'facts.yaml'), factsYaml());
  await writeFile(path.join(deck, 'sources', 'wire.txt'), 'A report.\n');
  built = await buildDeck(deck, { outRoot: path.join(dir, 'out') });
  pool = new BrowserPool({ timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await pool?.close();
});

interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  size: number;
}

describe('drawings on a crowded deck', () => {
  it('keeps every text inside its drawing, apart from the others, at 20px or more, uncut', async () => {
    const shots = process.env.BRIEFDECK_VISUALS_SHOTS;
    const drawings = await pool.withPage(async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(built.files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      await page.evaluate(() => document.fonts.ready);
      const indices = await page.evaluate(() => Reveal.getSlides().flatMap((s, i) => (s.querySelector('figure.bd-visual svg') ? [i] : [])));
      const out: { slide: string; viewBox: number[]; boxes: Box[] }[] = [];
      for (const i of indices) {
        await page.evaluate((n) => Reveal.slide(n), i);
        await page.waitForFunction((n) => Reveal.getIndices().h === n, {}, i);
        out.push(
          await page.evaluate(() => {
            const slide = Reveal.getCurrentSlide();
            const svg = slide.querySelector('figure.bd-visual svg') as SVGSVGElement;
            const boxes = [...svg.querySelectorAll('text')].map((t) => {
              const b = t.getBBox();
              const sizes = [t, ...t.querySelectorAll('tspan')].map((e) => parseFloat(getComputedStyle(e).fontSize));
              return { text: t.textContent ?? '', x: b.x, y: b.y, width: b.width, height: b.height, size: Math.min(...sizes) };
            });
            return { slide: slide.id, viewBox: svg.getAttribute('viewBox')!.split(' ').map(Number), boxes };
          }),
        );
        if (shots) {
          await mkdir(shots, { recursive: true });
          await page.screenshot({ path: path.join(shots, `${String(out.length).padStart(2, '0')}-${out[out.length - 1]!.slide}.png`) });
        }
      }
      return out;
    });

    expect(drawings.map((d) => d.slide)).toEqual(expect.arrayContaining(['timeline-chart', 'options']));
    for (const { slide, viewBox, boxes } of drawings) {
      const [, , width, height] = viewBox as [number, number, number, number];
      for (const b of boxes) {
        const where = `${slide}: "${b.text}"`;
        expect(b.size, where).toBeGreaterThanOrEqual(20);
        expect(b.text, where).not.toContain('…');
        expect(b.x, where).toBeGreaterThanOrEqual(-0.5);
        expect(b.y, where).toBeGreaterThanOrEqual(-0.5);
        expect(b.x + b.width, where).toBeLessThanOrEqual(width + 0.5);
        expect(b.y + b.height, where).toBeLessThanOrEqual(height + 0.5);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
          expect(apart, `${slide}: "${a.text}" overlaps "${b.text}"`).toBe(true);
        }
      }
    }
  }, 120_000);

  it('estimates every text no narrower than Chromium draws it, in both weights', async () => {
    const samples = [
      'The quick brown fox jumps over the lazy dog',
      'WWWW MMMM QQQQ OOOO @@@@ %%%%',
      'iiii llll jjjj .... ,,,, ||||',
      '0123456789 (more than $4.2 billion) 18–20 May',
      'Élysée Ünïcödé Łódź Ærøskøbing São Tomé',
      '“Quoted” ‘words’ — and… · •',
      '北京 東京 서울 Москва Αθήνα',
      'International Maritime Transport Organisation Secretariat',
      // The scripts of the label sets, with their widest letters.
      'Съешь же ещё этих мягких французских булок ЖЖЖ ШЩЮ Ы',
      'Ґанок їжака, Єва і Ї: щодо варіанта ЖЩЮ',
      'التسلسل الزمني بإيجاز: يؤيد بشروط ﻻ ـــ',
      'Ελληνικά ΩΨΦ Ξ ωψφ',
      'ǄǅǆǇǈǉ ŒÆœæ ‰ ™ №',
    ];
    const measured = await pool.withPage(async (page) => {
      await page.goto(pathToFileURL(built.files.html).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      return page.evaluate((texts) => {
        const svg = document.querySelector('figure.bd-visual svg')!;
        return texts.flatMap((t) =>
          (['v-label', 'v-date', 'm-name'] as const).map((cls) => {
            const el = document.createElementNS('http://www.w3.org/2000/svg', 'text');
            el.setAttribute('class', cls);
            el.textContent = t;
            svg.appendChild(el);
            const width = el.getComputedTextLength();
            el.remove();
            return { text: t, cls, width };
          }),
        );
      }, samples);
    });
    expect(measured).toHaveLength(samples.length * 3);
    for (const m of measured) {
      const estimate = textWidth(m.text, 20, m.cls === 'v-label' ? 'regular' : 'bold');
      expect(estimate, `${m.cls} "${m.text}": drawn ${m.width.toFixed(1)}px`).toBeGreaterThanOrEqual(m.width);
      // Safe but not wasteful: within a third of the drawn width for Latin and Cyrillic text.
      if (/^[\x20-\x7e\u0400-\u052f]+$/.test(m.text)) expect(estimate, `${m.cls} "${m.text}"`).toBeLessThan(m.width * 1.34);
    }
  }, 60_000);
});

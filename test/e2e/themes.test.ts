/**
 * Themes in real Chromium: every visible piece of text on every slide, in the briefing and
 * dark themes and the sample brand, measured from the colours Chromium computed against the
 * background it actually sits on (WCAG AA); reveal's controls and progress bar visible; the
 * same layout in every theme; and names in Latin Extended and Cyrillic set in the deck's own
 * font, in the page and in the PDF.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { copyDeck, readPdf, SLIDES, squash, tempDir } from './helpers.js';

/** Both examples, and the INF update, whose "What's new" slide and new/updated tags the others lack. */
const DECKS = ['inf-treaty', 'soren-basin', 'inf-treaty-update'] as const;
/** Theme name → the --theme value; the sample brand is the Soren basin deck's own. */
const THEMES = {
  briefing: 'briefing',
  dark: 'dark',
  brand: path.join(SLIDES, 'soren-basin', 'brand.yaml'),
} as const;
type ThemeName = keyof typeof THEMES;
/** The font family each sets: the sample brand picks the shipped serif. */
const FAMILY: Record<ThemeName, { css: string; pdf: RegExp }> = {
  briefing: { css: 'Source Sans 3', pdf: /^SourceSans3/ },
  dark: { css: 'Source Sans 3', pdf: /^SourceSans3/ },
  brand: { css: 'Source Serif 4', pdf: /^SourceSerif4/ },
};

/** Names the deck font must cover: Latin Extended (Ø, Ş, ı, é, ñ) and Cyrillic. */
const NAMES = ['Ølvir Dahl', 'Şebnem Yıldız-Okonjo', 'Jérôme Castaño', 'Юлия Смирнова'];

let pool: BrowserPool;
const built = new Map<string, BuildResult>();
const key = (theme: ThemeName, deck: string) => `${theme}/${deck}`;

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  const work = await tempDir('themes');
  // The Soren basin deck with a Cyrillic name added to its subtitle (the example has none).
  const soren = await copyDeck('soren-basin', work);
  const factsFile = path.join(soren, 'facts.yaml');
  const facts = await readFile(factsFile, 'utf8');
  const subtitle = 'subtitle: Estmark and Valdoria trade warnings as the reservoir nears filling';
  if (!facts.includes(subtitle)) throw new Error('test setup: the Soren basin subtitle changed');
  await writeFile(factsFile, facts.replace(subtitle, `subtitle: "Warnings traded; envoys ${NAMES[3]} and ${NAMES[0]} to mediate"`));
  const dirs = { 'inf-treaty': path.join(SLIDES, 'inf-treaty'), 'soren-basin': soren, 'inf-treaty-update': path.join(SLIDES, 'inf-treaty-update') };
  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    for (const deck of DECKS) {
      built.set(key(theme, deck), await buildDeck(dirs[deck], { outRoot: path.join(work, theme), pool, theme: THEMES[theme] }));
    }
  }
});

afterAll(async () => {
  await pool?.close();
});

interface Measured {
  slide: string;
  what: string;
  text: string;
  fg: string;
  bg: string;
  ratio: number;
  needed: number;
}

/** Lowest ratio per theme, for the record: text, and reveal's controls. */
const lowest = new Map<ThemeName, Measured>();
const lowestChrome = new Map<ThemeName, { what: string; ratio: number }>();

async function open(page: Page, html: string, print = false): Promise<void> {
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(html).href + (print ? '?view=print' : ''), { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Runs in the page: every visible text (elements with their own text, list markers, text in
 * pseudo-elements, SVG text) under `root`, with its computed colour, the background it sits
 * on (ancestors' background colours composited up to the first opaque one, or the page's),
 * its ratio and the ratio AA needs for its size.
 */
function measureText(rootSelector: string): Measured[] {
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba => {
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
    if (!m) throw new Error(`unexpected colour syntax: ${css}`);
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  };
  const over = (top: Rgba, under: Rgba): Rgba => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as Rgba;
  };
  const lum = (c: Rgba) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c: Rgba) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const page = (): Rgba => {
    for (const el of [document.body, document.documentElement]) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c[3] > 0) return over(c, [255, 255, 255, 1]);
    }
    return [255, 255, 255, 1];
  };
  const background = (el: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let cur: Element | null = el; cur; cur = cur.parentElement) {
      const c = parse(getComputedStyle(cur).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let result = layers.length > 0 && layers[layers.length - 1]![3] >= 1 ? layers.pop()! : page();
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const opacity = (el: Element) => {
    let o = 1;
    for (let cur: Element | null = el; cur; cur = cur.parentElement) o *= parseFloat(getComputedStyle(cur).opacity);
    return o;
  };
  const hidden = (el: Element) =>
    el.closest('.bd-sr, aside.notes, .speaker-notes') !== null ||
    !(el as HTMLElement).checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) ||
    el.getClientRects().length === 0;
  const slideOf = (el: Element) => el.closest('section')?.id ?? 'chrome';
  const needed = (style: CSSStyleDeclaration) => {
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    return size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  };
  const out: Measured[] = [];
  const record = (el: Element, what: string, text: string, colour: string, style: CSSStyleDeclaration) => {
    const bg = background(el);
    const fgRaw = parse(colour);
    const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacity(el)], bg);
    out.push({ slide: slideOf(el), what, text: text.trim().slice(0, 40), fg: hex(fg), bg: hex(bg), ratio: ratio(fg, bg), needed: needed(style) });
  };
  for (const el of document.querySelectorAll(`${rootSelector}, ${rootSelector} *`)) {
    if (hidden(el)) continue;
    const style = getComputedStyle(el);
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '').map((n) => n.textContent!).join(' ');
    const isSvg = el instanceof SVGElement;
    if (own) record(el, `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, own, isSvg ? style.fill : style.color, style);
    if (el.tagName === 'LI') {
      const marker = getComputedStyle(el, '::marker');
      record(el, 'li::marker', marker.content || 'marker', marker.color, marker);
    }
    for (const pseudo of ['::before', '::after']) {
      const p = getComputedStyle(el, pseudo);
      if (p.content && p.content !== 'none' && p.content !== 'normal' && p.content !== '""' && p.display !== 'none') {
        record(el, `${el.tagName.toLowerCase()}${pseudo}`, p.content, p.color, p);
      }
    }
  }
  return out;
}

/** Runs in the page: reveal's controls and progress bar against the page, 3:1 for visible parts of controls. */
function measureChrome(): { what: string; ratio: number; visible: boolean }[] {
  const rgb = (css: string) => (/\d+(\.\d+)?/g[Symbol.match](css) ?? []).slice(0, 3).map(Number);
  const lum = (c: number[]) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c[0]!) + 0.7152 * lin(c[1]!) + 0.0722 * lin(c[2]!);
  };
  const ratio = (a: number[], b: number[]) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  /** A colour as drawn: faded by the element's opacity (and its ancestors') over the page. */
  const drawn = (el: Element, colour: string) => {
    let o = 1;
    for (let cur: Element | null = el; cur; cur = cur.parentElement) o *= parseFloat(getComputedStyle(cur).opacity);
    return rgb(colour).map((c, i) => c * o + bg[i]! * (1 - o));
  };
  const measure = (what: string, el: Element, colour: string) => ({ what, ratio: ratio(drawn(el, colour), bg), visible: (el as HTMLElement).checkVisibility() });
  const next = document.querySelector('.reveal .controls .navigate-right.enabled')!;
  const back = document.querySelector('.reveal .controls .navigate-left.enabled')!;
  const bar = document.querySelector('.reveal .progress span')!;
  return [
    measure('next-slide arrow', next, getComputedStyle(next).color),
    measure('previous-slide arrow', back, getComputedStyle(back).color),
    measure('progress bar', bar, getComputedStyle(bar).backgroundColor),
  ];
}

describe.each(Object.keys(THEMES) as ThemeName[])('%s theme', (theme) => {
  it.each(DECKS)('%s: every visible text meets WCAG AA, on screen slide by slide and in the print view', async (deck) => {
    const result = built.get(key(theme, deck))!;
    const failures: Measured[] = [];
    let measured = 0;
    const tags = new Set<string>();
    const note = (all: Measured[]) => {
      measured += all.length;
      for (const m of all) {
        for (const tag of m.what.match(/tag-(new|updated)/g) ?? []) tags.add(tag);
        if (m.ratio < m.needed) failures.push(m);
        const low = lowest.get(theme);
        if (!low || m.ratio < low.ratio) lowest.set(theme, { ...m, slide: `${deck}#${m.slide}` });
      }
    };
    const slides = result.deck.slides.length;
    await pool.withPage(async (page) => {
      await open(page, result.files.html);
      for (let i = 0; i < slides; i++) {
        await page.evaluate((n) => Reveal.slide(n), i);
        await page.waitForFunction((n) => Reveal.getIndices().h === n, {}, i);
        note(await page.evaluate(measureText, '.reveal .slides > section.present'));
      }
      // On the second slide both arrows are enabled; let their fade-in finish.
      await page.evaluate(() => Reveal.slide(1));
      await page.waitForFunction(() => Reveal.getIndices().h === 1);
      await new Promise((r) => setTimeout(r, 400));
      const chrome = await page.evaluate(measureChrome);
      for (const c of chrome) {
        if (c.ratio < (lowestChrome.get(theme)?.ratio ?? Infinity)) lowestChrome.set(theme, c);
        expect(c.visible, `${c.what} shown`).toBe(true);
        expect(c.ratio, `${c.what} against the page: ${c.ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(3);
      }
      // The print view: what the PDF shows, every slide at once.
      await page.emulateMediaType('print');
      await open(page, result.files.html, true);
      await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
      note(await page.evaluate(measureText, '.reveal .slides'));
    });
    expect(measured).toBeGreaterThan(slides * 5);
    if (deck === 'inf-treaty-update') expect(tags).toEqual(new Set(['tag-new', 'tag-updated']));
    expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
  });

  it.each(DECKS)('%s: the layout of the briefing theme: the same header and body areas (and, in its font, the same line breaks)', async (deck) => {
    const layout = (html: string) =>
      pool.withPage(async (page) => {
        await open(page, html, true);
        await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
        return page.evaluate(() =>
          [...document.querySelectorAll('section.bd-slide')].map((s) => {
            const body = s.querySelector('.bd-body')!.getBoundingClientRect();
            const top = s.querySelector('.bd-top')!.getBoundingClientRect();
            return { id: s.id, body: [body.top - s.getBoundingClientRect().top, body.height], top: top.height, scroll: s.querySelector('.bd-body')!.scrollHeight };
          }),
        );
      });
    const mine = await layout(built.get(key(theme, deck))!.files.html);
    const reference = await layout(built.get(key('briefing', deck))!.files.html);
    if (FAMILY[theme].css === FAMILY.briefing.css) {
      expect(mine).toEqual(reference);
    } else {
      // Another font sets text differently (and fitting may split differently), but the
      // frame is the same: a logo in the header never makes it taller.
      const frame = (l: typeof mine) => [...new Set(l.map((s) => JSON.stringify([s.body, s.top])))];
      expect(frame(mine)).toEqual(frame(reference));
    }
  });

  it('sets Latin Extended and Cyrillic names in the deck\'s font, in the page and in the PDF', async () => {
    const result = built.get(key(theme, 'soren-basin'))!;
    const fonts = await pool.withPage(async (page) => {
      await open(page, result.files.html, true);
      await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
      const probes = await page.evaluate((names) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(document.querySelector('.reveal .slides')!, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          // Drawings are set in Source Sans 3 whatever the brand (their layout is measured in it).
          if (!n.parentElement || n.parentElement.closest('.bd-sr, aside.notes, .bd-visual')) continue;
          for (const name of names.filter((x) => n!.textContent!.includes(x) && !found.includes(x))) {
            n.parentElement.setAttribute(`data-font-probe-${found.length}`, '');
            found.push(name);
          }
        }
        return found;
      }, NAMES);
      expect(new Set(probes)).toEqual(new Set(NAMES));
      const cdp = await page.createCDPSession();
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const used: Record<string, string[]> = {};
      for (let i = 0; i < probes.length; i++) {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-font-probe-${i}]` });
        const { fonts: platform } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        // The shipped woff2 files name their instance (e.g. "Source Sans 3 ExtraLight" for the
        // variable font's default); what matters is that no fallback font drew any glyph.
        used[probes[i]!] = platform.map((f) => `${f.isCustomFont ? 'web font' : 'system font'}: ${f.familyName}`);
      }
      return used;
    });
    for (const name of NAMES) {
      expect(fonts[name]!.length, name).toBeGreaterThan(0);
      for (const font of fonts[name]!) expect(font, name).toMatch(new RegExp(`^web font: ${FAMILY[theme].css}\\b`));
    }

    const pdf = await readPdf(result.files.pdf!);
    const text = squash(pdf.pages.map((p) => p.text).join(' '));
    for (const name of NAMES) expect(text).toContain(name);
    const embedded = new Set([...Buffer.from(pdf.bytes).toString('latin1').matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/g)].map((m) => m[1]));
    expect(embedded.size).toBeGreaterThan(0);
    // Every font in the PDF is an instance of the deck's family, or Source Sans 3 of the drawings
    // (no fallback such as DejaVu).
    for (const font of embedded) expect(font).toMatch(new RegExp(`${FAMILY[theme].pdf.source}|^SourceSans3`));
  });
});

describe('theme records', () => {
  it('reports the lowest contrast measured per theme', () => {
    for (const [theme, m] of lowest) {
      const c = lowestChrome.get(theme);
      console.log(`${theme}: lowest ${m.ratio.toFixed(2)}:1 (needs ${m.needed}) — ${m.what} "${m.text}" ${m.fg} on ${m.bg} at ${m.slide}; controls: ${c?.what} ${c?.ratio.toFixed(2)}:1 (needs 3)`);
    }
    expect([...lowest.keys()].sort()).toEqual(['brand', 'briefing', 'dark']);
  });
});

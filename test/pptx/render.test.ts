import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFacts } from '../../src/facts/load.js';
import { layoutDeck } from '../../src/layout/deck.js';
import type { Deck, Slide } from '../../src/model/deck.js';
import { pdfInfo } from '../../src/pdf/metadata.js';
import { renderPptx } from '../../src/pptx/render.js';
import { styleOf } from '../../src/pptx/style.js';
import { clean, safeHref } from '../../src/pptx/text.js';
import { themePalette } from '../../src/theme/theme.js';
import { actorQuoting, append, factsYaml, FIXTURES, HOSTILE, replace, SLIDES, validFacts } from '../helpers.js';
import { all, factsTexts, paragraphTexts, readPptx, textOf, type Pptx } from './read.js';

const style = styleOf(await themePalette('briefing'));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function exampleDeck(name: string): Promise<Deck> {
  const loaded = await loadFacts(path.join(SLIDES, name));
  return layoutDeck(loaded.facts);
}

const made = new Map<string, Promise<{ deck: Deck; bytes: Uint8Array; p: Pptx }>>();
/** An example deck and its PowerPoint file, made once for the tests that only read it. */
function example(name: string) {
  if (!made.has(name)) {
    made.set(name, (async () => {
      const deck = await exampleDeck(name);
      const bytes = await renderPptx(deck, style);
      return { deck, bytes, p: await readPptx(bytes) };
    })());
  }
  return made.get(name)!;
}

/** Every shape, text box and table of every slide lies within the 13.333 × 7.5 in page. */
function expectInsideSlides(p: Pptx): void {
  for (const s of p.slides) {
    for (const xfrm of all(s.xml, 'a:xfrm')) {
      const off = all(xfrm, 'a:off')[0]!.attrs;
      const ext = all(xfrm, 'a:ext')[0]!.attrs;
      expect(Number(off.x), s.name).toBeGreaterThanOrEqual(0);
      expect(Number(off.y), s.name).toBeGreaterThanOrEqual(0);
      expect(Number(off.x) + Number(ext.cx), s.name).toBeLessThanOrEqual(12_192_000);
      expect(Number(off.y) + Number(ext.cy), s.name).toBeLessThanOrEqual(6_858_000);
    }
  }
}

const slideText = (p: Pptx, i: number) => squash(paragraphTexts(p.slides[i]!.xml).join('\n'));

describe.each(['inf-treaty', 'inf-treaty-update', 'soren-basin'])('the PowerPoint file of %s', (name) => {
  it('has one slide per deck slide, every facts text in a run, notes, marking and number on each, and only the sources as links', async () => {
    const { deck, p } = await example(name);
    expect(p.slides).toHaveLength(deck.slides.length);

    deck.slides.forEach((slide, i) => {
      const shown = slideText(p, i);
      expect(shown, `slide ${i + 1} title`).toContain(squash(slide.title));
      for (const text of factsTexts(slide)) expect(shown, `slide ${i + 1} (#${slide.id})`).toContain(text);

      // The marking twice (header and footer) and the slide number, on the slide's layout.
      const layout = p.slides[i]!.layout;
      expect(paragraphTexts(layout).filter((t) => t === deck.marking)).toHaveLength(2);
      expect(all(layout, 'a:fld').map((f) => f.attrs.type)).toContain('slidenum');
      expect(paragraphTexts(layout).join(' ')).toContain(deck.labels.asOfFooter(deck.labels.date(deck.asOf)));

      const notes = p.slides[i]!.notes;
      if (slide.notes) {
        const paras = paragraphTexts(notes!);
        for (const n of slide.notes) expect(paras, `notes of slide ${i + 1}`).toContain(clean(n).trim() === n.trim() ? n : clean(n));
      } else if (notes) {
        expect(paragraphTexts(notes).join('').replace(/\d+/g, '')).toBe('');
      }
    });

    const urls = new Set(deck.sources.flatMap((s) => (s.url ? [s.url] : [])));
    const external = [...p.parts].flatMap(([, xml]) => all(xml, 'Relationship').filter((r) => r.attrs.TargetMode === 'External'));
    for (const r of external) {
      expect(r.attrs.Type).toMatch(/\/hyperlink$/);
      expect(urls.has(r.attrs.Target!)).toBe(true);
    }
  });

  it('is the same file, byte for byte, for the same deck, dated as of the facts', async () => {
    const { deck, bytes: a, p } = await example(name);
    const b = await renderPptx(await exampleDeck(name), style);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const core = p.parts.get('docProps/core.xml')!;
    const info = pdfInfo(deck);
    const field = (n: string) => textOf(all(core, n)[0]!);
    expect(field('dc:title')).toBe(info.title);
    expect(field('dc:creator')).toBe(info.author);
    expect(field('dc:subject')).toBe(info.subject);
    expect(field('cp:keywords')).toBe(info.keywords.join('; '));
    expect(field('dcterms:created')).toBe(info.created.toISOString().replace(/\.000Z$/, 'Z'));
    for (const f of Object.values(p.zip.files)) expect(f.date.toISOString().slice(0, 10)).toBe(info.created.toISOString().slice(0, 10));
  });
});

describe('a right-to-left deck', () => {
  it('sets its paragraphs right to left, in its language, every facts text kept', async () => {
    const loaded = await loadFacts(path.join(FIXTURES, 'arabic'));
    const deck = layoutDeck(loaded.facts);
    expect(deck.labels.dir).toBe('rtl');
    const p = await readPptx(await renderPptx(deck, style));
    expect(p.slides).toHaveLength(deck.slides.length);
    deck.slides.forEach((slide, i) => {
      for (const text of factsTexts(slide)) expect(slideText(p, i)).toContain(text);
      const paras = all(p.slides[i]!.xml, 'a:pPr');
      expect(paras.length).toBeGreaterThan(0);
      expect(paras.some((pp) => pp.attrs.rtl === '1'), `slide ${i + 1}`).toBe(true);
      expect(all(p.slides[i]!.xml, 'a:rPr').some((r) => r.attrs.lang === deck.language)).toBe(true);
    });
  });
});

describe('the words inside the drawings', () => {
  const named = (xml: Parameters<typeof all>[0], name: RegExp) => all(xml, 'p:sp').filter((sp) => name.test(all(sp, 'p:cNvPr')[0]!.attrs.name ?? ''));

  it.each([
    ['the French example deck', path.join(SLIDES, 'barrage-tessaure')],
    ['the Arabic fixture', path.join(FIXTURES, 'arabic')],
  ])('are in the deck\'s language, as on its slides: %s', async (_name, dir) => {
    const deck = layoutDeck((await loadFacts(dir)).facts);
    const L = deck.labels;
    expect(L.drawing.past).not.toBe('past');
    const p = await readPptx(await renderPptx(deck, style));
    const index = (type: string) => deck.slides.findIndex((s) => s.blocks.some((b) => b.kind === 'drawing' && b.drawing.type === type));
    const timeline = p.slides[index('timeline')]!.xml;
    const legend = named(timeline, /^Legend/).map((sp) => paragraphTexts(sp).join(''));
    expect(legend).toEqual(expect.arrayContaining([L.drawing.past, L.drawing.upcoming]));
    const matrixSlide = deck.slides[index('matrix')]!;
    const matrix = matrixSlide.blocks.find((b) => b.kind === 'drawing' && b.drawing.type === 'matrix')!;
    const first = matrix.kind === 'drawing' && matrix.drawing.type === 'matrix' ? matrix.drawing.firstOption : 0;
    const shown = slideText(p, index('matrix'));
    expect(shown).toContain(squash(`${L.drawing.option} ${first}`));
    for (const word of [L.drawing.backs, L.drawing.opposes, L.drawing.open]) expect(shown).toContain(squash(word));
    expect(shown).not.toMatch(/\b(backs|opposes|undecided)\b/);
  });

  it('of a right-to-left deck are right-to-left paragraphs, labels aligned at the side the layout mirrors them to', async () => {
    const deck = layoutDeck((await loadFacts(path.join(FIXTURES, 'arabic'))).facts);
    const i = deck.slides.findIndex((s) => s.blocks.some((b) => b.kind === 'drawing' && b.drawing.type === 'timeline'));
    const p = await readPptx(await renderPptx(deck, style));
    const labels = named(p.slides[i]!.xml, /^Event \d+ label$/);
    expect(labels.length).toBeGreaterThan(0);
    for (const sp of labels) {
      const paras = all(sp, 'a:pPr');
      expect(paras.every((pp) => pp.attrs.rtl === '1' && pp.attrs.algn === 'r')).toBe(true);
    }
    // The matrix has its actors on the right, as the slide does.
    const m = deck.slides.findIndex((s) => s.blocks.some((b) => b.kind === 'drawing' && b.drawing.type === 'matrix'));
    const block = deck.slides[m]!.blocks.find((b) => b.kind === 'drawing' && b.drawing.type === 'matrix')!;
    const firstActor = block.kind === 'drawing' && block.drawing.type === 'matrix' ? block.drawing.actors[0]!.name : '';
    const row = all(p.slides[m]!.xml, 'a:tr')[1]!;
    expect(paragraphTexts(all(row, 'a:tc').at(-1)!).join('')).toBe(clean(firstActor));
  });
});

describe('facts text in the PowerPoint file', () => {
  it('stays text: markup, entities, field-like and control characters never become XML, fields or links', async () => {
    const hostile = [...HOSTILE, '</a:t></a:r><a:fld type="slidenum"/>', '"><Relationship TargetMode="External" Target="http://evil"/>'];
    let yaml = factsYaml(
      replace('First judgement.', hostile[0]!),
      replace('title: Test briefing', `title: "${JSON.stringify(hostile[hostile.length - 2]).slice(1, -1)}"`),
      replace('marking: UNCLASSIFIED', `marking: "${JSON.stringify(hostile[hostile.length - 1]).slice(1, -1)}"`),
      replace('    copy: sources/a.txt', '    copy: sources/a.txt\n    url: "https://example.org/a?x=1&y=\\"2\\"&z=<3>"'),
      actorQuoting('We will not retreat, not one step.'),
    );
    yaml += `background:\n  points:\n${hostile.map((h) => `    - text: "${JSON.stringify(h).slice(1, -1)}"\n      sources: [src-a]\n`).join('')}`;
    const deck = layoutDeck(validFacts(yaml));
    // Control characters: the facts refuse them, and the renderer drops them should a deck carry any.
    const control = 'a\u0007b\u001Bc\u000Bd';
    deck.slides[1]!.blocks.push({ kind: 'paragraph', runs: [{ kind: 'text', text: control }] });
    deck.slides[1]!.notes = [...(deck.slides[1]!.notes ?? []), control];
    const bytes = await renderPptx(deck, style);
    const p = await readPptx(bytes); // every part parses as XML
    const everything = p.slides.map((_, i) => slideText(p, i)).join('\n');
    for (const h of hostile) expect(everything).toContain(squash(h));
    expect(everything).toContain('abcd');
    expect(paragraphTexts(p.slides[1]!.notes!)).toContain('abcd');
    deck.slides.forEach((slide, i) => {
      for (const text of factsTexts(slide)) expect(slideText(p, i)).toContain(text);
    });
    expect(everything).not.toMatch(/[\u0007\u001B\u000B]/);
    // The only field is the slide number; the only external link the source's.
    for (const s of p.slides) expect(all(s.xml, 'a:fld').map((f) => f.attrs.type)).toEqual(['slidenum']);
    const external = [...p.parts].flatMap(([, xml]) => all(xml, 'Relationship').filter((r) => r.attrs.TargetMode === 'External'));
    expect(external.map((r) => r.attrs.Target)).toEqual(deck.sources.flatMap((s) => (s.url ? [s.url] : [])));
    expect(external.length).toBeGreaterThan(0);
    // No macros, no embedded objects.
    expect(Object.keys(p.zip.files).filter((f) => /vba|embeddings\/.|activeX/i.test(f))).toEqual([]);
    expect(textOf(all(p.parts.get('[Content_Types].xml')!, 'Types')[0] ?? p.parts.get('[Content_Types].xml')!)).not.toMatch(/macroEnabled/i);
  });

  it('links only http, https and mailto addresses', () => {
    expect(safeHref('https://example.org/a?b=1&c=2')).toBe('https://example.org/a?b=1&c=2');
    expect(safeHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('file:///etc/passwd')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });
});

describe('the PowerPoint slides', () => {
  it('number ordered lists natively, from the number the deck gives, and bullet the others', async () => {
    const { deck, p } = await example('inf-treaty');
    const bottom = deck.slides.findIndex((s) => s.section === 'bottom-line');
    const numbered = all(p.slides[bottom]!.xml, 'a:buAutoNum');
    const items = deck.slides[bottom]!.blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));
    expect(numbered).toHaveLength(items.length);
    expect(numbered.every((n) => n.attrs.startAt === String(items[0]!.number ?? 1))).toBe(true);
    const background = deck.slides.findIndex((s) => s.section === 'background');
    expect(all(p.slides[background]!.xml, 'a:buChar').length).toBeGreaterThan(0);
    // Each paragraph has its properties once, first, as the schema requires.
    for (const s of p.slides) for (const para of all(s.xml, 'a:p')) expect(para.children.filter((c) => typeof c !== 'string' && c.name === 'a:pPr').length).toBeLessThanOrEqual(1);
  });

  it('draw tables as tables, citations as superscript numbers, the timeline as shapes and the matrix as a table', async () => {
    const { deck, p } = await example('inf-treaty');
    const at = (pred: (s: Slide) => boolean) => p.slides[deck.slides.findIndex(pred)]!.xml;
    expect(all(at((s) => s.section === 'timeline' && s.blocks.some((b) => b.kind === 'table')), 'a:tbl')).toHaveLength(1);
    const chart = deck.slides.find((s) => s.blocks.some((b) => b.kind === 'drawing' && b.drawing.type === 'timeline'))!;
    const events = chart.blocks.flatMap((b) => (b.kind === 'drawing' && b.drawing.type === 'timeline' ? b.drawing.events : []));
    const shapes = at((s) => s === chart);
    // Native shapes, no table and no picture: each event's label a text box of its own, named
    // after the event (so a user finds it in the selection pane and moves it), beside its marker.
    expect(all(shapes, 'a:tbl')).toHaveLength(0);
    expect(all(shapes, 'p:pic')).toHaveLength(0);
    const sps = [...all(shapes, 'p:sp'), ...all(shapes, 'p:cxnSp')];
    const named = (name: string) => sps.filter((sp) => all(sp, 'p:cNvPr')[0]!.attrs.name === name);
    events.forEach((e, i) => {
      const [label] = named(`Event ${i + 1} label`);
      expect(label, `event ${i + 1}`).toBeDefined();
      expect(squash(paragraphTexts(label!).join(' ')), `event ${i + 1}`).toContain(squash(clean(e.label)));
      expect(named(`Event ${i + 1} marker`).map((sp) => all(sp, 'a:prstGeom')[0]!.attrs.prst)).toEqual(['ellipse']);
    });
    expect(sps.filter((sp) => all(sp, 'a:prstGeom')[0]?.attrs.prst === 'line').length).toBeGreaterThanOrEqual(events.length + 2);
    const matrix = at((s) => s.blocks.some((b) => b.kind === 'drawing' && b.drawing.type === 'matrix'));
    expect(all(matrix, 'a:tbl')).toHaveLength(1);
    expect(all(matrix, 'a:t').map(textOf)).toContain('●');
    const cited = all(at((s) => s.section === 'bottom-line'), 'a:rPr').filter((r) => r.attrs.baseline === '30000');
    expect(cited.length).toBeGreaterThan(0);
  });

  it('draw a crowded timeline with numbered markers, each number in the box of its event, as the HTML slide does', async () => {
    // 30 events of long labels over six years: too many to label, so the drawings number them.
    const events = Array.from({ length: 30 }, (_, i) => {
      const date = new Date(Date.UTC(2014, 0, 15) + i * 73 * 86_400_000).toISOString().slice(0, 10);
      return `  - date: ${date}\n    event: Event ${i + 1} of the crowded timeline, told at some length so that its label needs several lines.\n    sources: [src-a]\n`;
    });
    const deck = layoutDeck(validFacts(factsYaml(append(`timeline:\n${events.join('')}`))));
    const drawings = deck.slides.flatMap((slide, i) => slide.blocks.flatMap((b) => (b.kind === 'drawing' && b.drawing.type === 'timeline' ? [{ i, d: b.drawing }] : [])));
    expect(drawings.length).toBeGreaterThan(0);
    expect(drawings.every(({ d }) => d.numbers !== undefined)).toBe(true);
    const p = await readPptx(await renderPptx(deck, style));
    for (const { i, d } of drawings) {
      const sps = all(p.slides[i]!.xml, 'p:sp');
      for (const n of d.numbers!) {
        const box = sps.find((sp) => all(sp, 'p:cNvPr')[0]!.attrs.name === `Event ${n} label`);
        expect(box, `event ${n}`).toBeDefined();
        expect(paragraphTexts(box!).join(''), `event ${n}`).toBe(String(n));
      }
    }
    expect(drawings.flatMap(({ d }) => d.numbers!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expectInsideSlides(p);
  });

  it('keep text inside the slide: every box within 13.333 × 7.5 in', async () => {
    for (const name of ['inf-treaty', 'soren-basin']) expectInsideSlides((await example(name)).p);
  });
});

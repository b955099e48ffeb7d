import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/layout/metrics.js';
import { pack } from '../../src/layout/pack.js';
import type { Block } from '../../src/model/deck.js';
import type { Composed, Flow, Unit } from '../../src/model/flow.js';
import { LABEL_SETS } from '../../src/labels/index.js';

/** Units of given heights; `h` marks a heading that must go with what follows. */
function flowOf(heights: (number | 'h')[], key = 'background'): Flow {
  const units = heights.map((h, i): Unit => {
    const heading = h === 'h';
    const block: Block = heading ? { kind: 'heading', runs: [{ kind: 'text', text: `Heading ${i}` }] } : { kind: 'list', ordered: false, items: [{ runs: [{ kind: 'text', text: `Item ${i}` }] }] };
    return { id: `${key}.${i}`, block, ...(heading ? { keepWithNext: true } : { group: key }), fields: [`field[${i}]`] };
  });
  return { key, section: 'background', id: key, title: 'Background', units };
}

/** Metrics where every unit is as tall as its number, with no gaps, a 10px heading and 100px of room. */
function metrics(heights: Map<string, number>, capacity = 100): Metrics {
  return {
    capacity,
    heading: () => 10,
    height: (u) => heights.get(u.id)!,
    gap: () => 0,
    lead: () => 0,
    context: () => 0,
  };
}

function layout(heights: (number | 'h')[], capacity = 100) {
  const flow = flowOf(heights);
  const sizes = new Map(flow.units.map((u, i) => [u.id, heights[i] === 'h' ? 5 : (heights[i] as number)]));
  const composed: Composed = {
    title: 'T',
    asOf: { year: 2020, precision: 'year' },
    preparedBy: 'P',
    marking: 'M',
    language: 'en',
    labels: LABEL_SETS['en']!,
    keywords: [],
    sources: [],
    flows: [flow],
  };
  return pack(composed, metrics(sizes, capacity));
}

const counts = (l: ReturnType<typeof layout>) => l.slides.map((s) => s.units.flat().length);

describe('pack', () => {
  it('keeps a section that fits on one slide, untitled by page', () => {
    const l = layout([30, 30, 30]);
    expect(counts(l)).toEqual([3]);
    expect(l.slides[0]!.title).toBe('Background');
  });

  it('fills continuation slides evenly: 5 items as 3 + 2, never 4 + 1', () => {
    // Four fit a slide (4 × 22 + 10 = 98), five do not.
    const l = layout([22, 22, 22, 22, 22]);
    expect(counts(l)).toEqual([3, 2]);
    expect(l.slides.map((s) => s.title)).toEqual(['Background (1/2)', 'Background (2/2)']);
    expect(l.slides.map((s) => s.id)).toEqual(['background', 'background-2']);
  });

  it('never ends a slide with a heading: it moves with its first item', () => {
    // Greedy filling would leave the heading (unit 3) at the foot of the first slide.
    const l = layout([30, 30, 20, 'h', 40, 40]);
    for (const s of l.slides) {
      const last = s.blocks[s.blocks.length - 1]!;
      expect(last.kind).not.toBe('heading');
    }
    expect(l.slides.flatMap((s) => s.units.flat())).toEqual(['background.0', 'background.1', 'background.2', 'background.3', 'background.4', 'background.5']);
  });

  it('uses the fewest slides that hold every unit, each unit once and in order', () => {
    const heights = [40, 10, 60, 20, 20, 70, 5, 5, 5, 30];
    const l = layout(heights);
    const total = heights.reduce((a, b) => a + b, 0);
    expect(l.slides.length).toBeGreaterThanOrEqual(Math.ceil(total / 90));
    expect(l.slides.flatMap((s) => s.units.flat())).toEqual(heights.map((_, i) => `background.${i}`));
    expect(l.unfittable).toEqual([]);
  });

  it('sets one unit that alone is too tall smaller, down to 85%, and alone on its slide', () => {
    const l = layout([30, 100, 30]);
    const big = l.slides.find((s) => s.units.flat().includes('background.1'))!;
    expect(big.units.flat()).toEqual(['background.1']);
    expect(big.zoom).toBe(0.9);
    expect(l.slides.filter((s) => s.zoom !== undefined)).toHaveLength(1);
  });

  it('reports a unit that cannot fit even at 85%, naming its field', () => {
    const l = layout([30, 200]);
    expect(l.unfittable).toHaveLength(1);
    expect(l.unfittable[0]!.unit.fields).toEqual(['field[1]']);
    expect(l.unfittable[0]!.short).toBeGreaterThan(0.5);
  });
});

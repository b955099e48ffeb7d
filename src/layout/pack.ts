import type { Block, Slide } from '../model/deck.js';
import type { Composed, Flow, Unit } from '../model/flow.js';
import type { Metrics } from './metrics.js';

/** Text is never set smaller than this to make one item fit its slide. */
export const MIN_ZOOM = 0.85;
const ZOOM_STEPS = [0.95, 0.9, 0.85];

/** A unit that does not fit a slide of its own even with its text at the smallest size. */
export interface Unfittable {
  /** The slide it would stand on. */
  id: string;
  flow: Flow;
  unit: Unit;
  title: string;
  /** How much more room it needs at the smallest size, as a share of the slide (0.3 = 30%). */
  short: number;
}

export interface Layout {
  slides: Slide[];
  unfittable: Unfittable[];
}

/**
 * Lays each flow out on as few slides as hold it, by the heights in `metrics`, the way a
 * careful briefer would: never inside a unit; a heading never ends a slide (it goes with its
 * first item); a section that fits on one slide stays on one; when a section needs several,
 * they are filled evenly (5 items as 3 + 2, not 4 + 1), so no continuation slide holds a lone
 * item while its section has more. Text is set smaller (down to 85%) only for a unit that
 * alone cannot fit a slide. Pure: the same flows and metrics give the same slides.
 */
export function pack(composed: Composed, metrics: Metrics): Layout {
  const slides: Slide[] = [];
  const unfittable: Unfittable[] = [];
  for (const flow of composed.flows) {
    const parts = flow.titleSlide ? [{ from: 0, to: flow.units.length - 1, zoom: 1 }] : split(flow, metrics);
    parts.forEach((part, index) => {
      const title = flow.titleSlide || flow.fixedTitle ? flow.title : composed.labels.continued(flow.title, index, parts.length);
      const units = flow.units.slice(part.from, part.to + 1);
      if (part.zoom < MIN_ZOOM - 1e-9) {
        unfittable.push({ id: index === 0 ? flow.id : `${flow.id}-${index + 1}`, flow, unit: units[units.length - 1]!, title, short: (1 / part.zoom) * MIN_ZOOM - 1 });
      }
      slides.push({
        id: index === 0 ? flow.id : `${flow.id}-${index + 1}`,
        section: flow.section,
        title,
        ...merge(units, part.from > 0 ? flow.units[part.from - 1] : undefined),
        ...(index === 0 && flow.notes ? { notes: flow.notes, ...(flow.notesField ? { notesField: flow.notesField } : {}) } : {}),
        ...(part.zoom < 1 ? { zoom: Math.max(part.zoom, MIN_ZOOM) } : {}),
        ...(index === 0 && flow.outline !== undefined ? { outline: flow.outline } : {}),
        fields: units.flatMap((u) => u.fields),
      });
    });
  }
  distinctIds(slides);
  return { slides, unfittable };
}

interface Part {
  from: number;
  to: number;
  /** 1, or the text size a lone unit needs; below MIN_ZOOM when it cannot fit. */
  zoom: number;
}

/**
 * What the metrics say of a flow's heading and of each unit, asked once: `split` prices
 * O(n²) runs of units, and estimating a height wraps text.
 */
interface Sizes {
  heading: number;
  lead: number[];
  context: number[];
  height: number[];
  /** gap[k]: between unit k and unit k + 1. */
  gap: number[];
}

function sizesOf(flow: Flow, m: Metrics): Sizes {
  const units = flow.units;
  return {
    heading: m.heading(flow),
    lead: units.map((u) => m.lead(u)),
    context: units.map((u) => (u.context ? m.context(u) : 0)),
    height: units.map((u) => m.height(u)),
    gap: units.slice(1).map((b, k) => m.gap(units[k]!, b)),
  };
}

/** The height units `from`…`to` take on one slide, heading included. */
function cost(flow: Flow, z: Sizes, from: number, to: number): number {
  const units = flow.units;
  const first = units[from]!;
  const prev = from > 0 ? units[from - 1] : undefined;
  let h = z.heading + z.lead[from]!;
  // A slide that starts inside a list with a heading shows the heading again.
  if (first.context && prev !== undefined && prev.group === first.group) h += z.context[from]!;
  for (let k = from; k < to; k++) h += z.height[k]! + z.gap[k]!;
  return h + z.height[to]!;
}

/**
 * Scores a division: fewer lone continuation units first, then the fullest slide as low as
 * possible; on a tie, the later candidate wins, which fills earlier slides first (3 + 2).
 */
interface Score {
  lone: number;
  fullest: number;
  parts: Part[];
}

const better = (a: Score, b: Score | undefined) =>
  b === undefined || a.lone < b.lone || (a.lone === b.lone && a.fullest <= b.fullest + 0.5);

function split(flow: Flow, m: Metrics): Part[] {
  const n = flow.units.length;
  if (n === 0) return [{ from: 0, to: -1, zoom: 1 }];
  const room = m.capacity;
  const sizes = sizesOf(flow, m);
  const c = (i: number, j: number) => cost(flow, sizes, i, j);
  if (c(0, n - 1) <= room) return [{ from: 0, to: n - 1, zoom: 1 }];
  // A slide may end after unit j unless j is a heading that must go with what follows.
  const mayEnd = (j: number) => j === n - 1 || !flow.units[j]!.keepWithNext;
  const fits = (i: number, j: number) => c(i, j) <= room;
  // One unit, with the heading it goes with: it stands alone, set smaller if it must be.
  const alone = (i: number, j: number) => i === j || (j === i + 1 && flow.units[i]!.keepWithNext === true);
  const zoomFor = (i: number, j: number) => {
    const need = c(i, j) / room;
    if (need <= 1) return 1;
    const wanted = 1 / need;
    return ZOOM_STEPS.find((z) => z <= wanted + 1e-9) ?? wanted;
  };
  // The fewest slides: best[j] = fewest slides holding units 0…j-1.
  const fewest: number[] = [0, ...Array<number>(n).fill(Infinity)];
  for (let j = 1; j <= n; j++) {
    if (!mayEnd(j - 1)) continue;
    for (let i = 0; i < j; i++) {
      if (fewest[i] === Infinity) continue;
      // A unit that fits no slide stands alone (set smaller).
      if (fits(i, j - 1) || alone(i, j - 1)) fewest[j] = Math.min(fewest[j]!, fewest[i]! + 1);
    }
  }
  const k = fewest[n]!;
  // Among divisions into k slides, the most even one.
  const best: (Score | undefined)[][] = Array.from({ length: k + 1 }, () => Array<Score | undefined>(n + 1).fill(undefined));
  best[0]![0] = { lone: 0, fullest: 0, parts: [] };
  for (let s = 1; s <= k; s++) {
    for (let j = 1; j <= n; j++) {
      if (!mayEnd(j - 1)) continue;
      for (let i = s - 1; i < j; i++) {
        const before = best[s - 1]![i];
        if (!before) continue;
        const single = alone(i, j - 1);
        if (!fits(i, j - 1) && !single) continue;
        const zoom = single ? zoomFor(i, j - 1) : 1;
        const height = zoom < 1 ? room : c(i, j - 1);
        const lone = before.lone + (single && n > k && s > 1 && zoom === 1 ? 1 : 0);
        const score: Score = { lone, fullest: Math.max(before.fullest, height), parts: [...before.parts, { from: i, to: j - 1, zoom }] };
        if (better(score, best[s]![j])) best[s]![j] = score;
      }
    }
  }
  return best[k]![n]!.parts;
}

/**
 * The blocks of one slide: adjacent units of one group become one list or one table; a slide
 * that starts inside a list with a heading repeats the heading.
 */
function merge(units: readonly Unit[], before: Unit | undefined): { blocks: Block[]; units: string[][] } {
  const blocks: Block[] = [];
  const ids: string[][] = [];
  let group: string | undefined;
  units.forEach((u, i) => {
    if (i === 0 && u.context && before !== undefined && before.group === u.group) {
      blocks.push(u.context);
      ids.push([]);
    }
    const last = blocks[blocks.length - 1];
    if (last && u.group !== undefined && u.group === group && i > 0) {
      if (last.kind === 'list' && u.block.kind === 'list') {
        blocks[blocks.length - 1] = { ...last, items: [...last.items, ...u.block.items] };
        ids[ids.length - 1]!.push(u.id);
        return;
      }
      if (last.kind === 'table' && u.block.kind === 'table') {
        blocks[blocks.length - 1] = { ...last, rows: [...last.rows, ...u.block.rows] };
        ids[ids.length - 1]!.push(u.id);
        return;
      }
    }
    blocks.push(u.block);
    ids.push([u.id]);
    group = u.group;
  });
  return { blocks, units: ids };
}

/**
 * Slide ids come from facts ids ("actor-nato", "option-2"), so two can meet: an actor "nato-2"
 * beside NATO's second page, an option with id "2" beside the second unnamed option. Later
 * ones get a numeric suffix; the order of slides makes this deterministic.
 */
function distinctIds(slides: Slide[]): void {
  const used = new Set<string>();
  for (const slide of slides) {
    let id = slide.id;
    for (let n = 2; used.has(id); n++) id = `${slide.id}-${n}`;
    slide.id = id;
    used.add(id);
  }
}

import type { FitHints } from '../model/compose.js';
import type { Deck, Slide } from '../model/deck.js';

/** Text is never set smaller than this to make a slide fit. */
export const MIN_ZOOM = 0.85;
const ZOOM_STEPS = [0.95, 0.9, 0.85];

export interface Overflow {
  id: string;
  /** Pixels of content past the bottom of the slide's body. */
  by: number;
  /** Height of the body. */
  height: number;
}

export interface Unfittable {
  slide: Slide;
  /** How much more room the slide would need, as a share of the body (0.3 = 30%). */
  short: number;
}

export interface FitStep {
  hints: FitHints;
  /** What was done, one line per slide or section. */
  actions: string[];
  unfittable: Unfittable[];
}

export function noHints(): FitHints {
  return { room: {}, zoom: {} };
}

/**
 * One round of fitting: for each slide that overflowed, split its section more finely when
 * it holds more than one item (at item boundaries, never mid-item), otherwise set its text a
 * step smaller, down to the floor. What still cannot fit is returned for the error message.
 */
export function nextFit(deck: Deck, overflow: readonly Overflow[], hints: FitHints): FitStep {
  const next: FitHints = { room: { ...hints.room }, zoom: { ...hints.zoom } };
  const actions: string[] = [];
  const unfittable: Unfittable[] = [];
  const tightened = new Set<string>();
  for (const o of overflow) {
    const slide = deck.slides.find((s) => s.id === o.id);
    if (!slide) continue;
    const need = (o.height + o.by) / Math.max(1, o.height);
    const key = slide.fitKey;
    if (key && (slide.items ?? 0) > 1) {
      if (tightened.has(key)) continue;
      tightened.add(key);
      // The section's room shrinks by what this slide lacked, and at least by a step, so the
      // estimates (which decide where to split) move enough to change the split.
      next.room[key] = (next.room[key] ?? 1) / Math.max(need, 1.08);
      actions.push(`${slide.title.replace(/ \(\d+\/\d+\)$/, '')}: split at item boundaries to fit`);
      continue;
    }
    const zoom = hints.zoom[slide.id] ?? 1;
    const wanted = zoom / need;
    // The largest step that should be enough, or else the floor; at the floor, it cannot fit.
    const smaller = ZOOM_STEPS.filter((z) => z < zoom);
    const step = smaller.find((z) => z <= wanted + 0.001) ?? smaller[smaller.length - 1];
    if (step === undefined) {
      unfittable.push({ slide, short: need - 1 });
      continue;
    }
    next.zoom[slide.id] = step;
    actions.push(`${slide.title}: text set at ${Math.round(step * 100)}% to fit`);
  }
  return { hints: next, actions, unfittable };
}

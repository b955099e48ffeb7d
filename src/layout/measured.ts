import type { Composed, Flow, Unit } from '../model/flow.js';
import { estimated, type Metrics } from './metrics.js';

/** One slide as laid out in the browser (see `SlideMeasure` in pdf/export). */
export interface Measure {
  id: string;
  zoom: number;
  capacity: number;
  heading: number;
  bottom: number;
  units: { id: string; top: number; bottom: number }[];
}

/**
 * What the browser measured, kept across rounds of layout: every unit's height, the space
 * between units drawn together, what stands above a unit that starts a slide, each flow's
 * heading and the slide body's height, all at the designed text size.
 */
export class MeasuredMetrics implements Metrics {
  private readonly heights = new Map<string, number>();
  private readonly gaps = new Map<string, number>();
  private readonly leads = new Map<string, number>();
  private readonly headings = new Map<string, number>();
  private readonly groupGaps = new Map<string, number[]>();
  private readonly flowOf = new Map<string, Flow>();
  capacity = estimated.capacity;

  constructor(composed: Composed) {
    for (const flow of composed.flows) for (const unit of flow.units) this.flowOf.set(unit.id, flow);
  }

  /** Takes in the measurements of a layout; later ones replace earlier ones. */
  record(measures: readonly Measure[]): void {
    const capacities: number[] = [];
    for (const m of measures) {
      const z = m.zoom || 1;
      const flow = m.units[0] ? this.flowOf.get(m.units[0].id) : undefined;
      if (!flow || flow.titleSlide) continue;
      if (z === 1) capacities.push(m.capacity);
      this.headings.set(flow.key, Math.max(m.heading / z, this.headings.get(flow.key) ?? 0));
      m.units.forEach((u, i) => {
        this.heights.set(u.id, (u.bottom - u.top) / z);
        if (i === 0) this.leads.set(u.id, Math.max(0, (u.top - m.heading) / z));
        const next = m.units[i + 1];
        if (next) {
          const gap = (next.top - u.bottom) / z;
          this.gaps.set(`${u.id}\n${next.id}`, gap);
          const a = this.unit(u.id);
          const b = this.unit(next.id);
          if (a?.group !== undefined && a.group === b?.group) {
            const list = this.groupGaps.get(a.group) ?? [];
            list.push(gap);
            this.groupGaps.set(a.group, list);
          }
        }
      });
    }
    if (capacities.length) this.capacity = Math.min(...capacities);
  }

  private unit(id: string): Unit | undefined {
    return this.flowOf.get(id)?.units.find((u) => u.id === id);
  }

  heading(flow: Flow): number {
    return this.headings.get(flow.key) ?? estimated.heading(flow);
  }

  height(unit: Unit): number {
    return this.heights.get(unit.id) ?? estimated.height(unit);
  }

  gap(a: Unit, b: Unit): number {
    const measured = this.gaps.get(`${a.id}\n${b.id}`);
    if (measured !== undefined) return measured;
    const same = a.group !== undefined && a.group === b.group ? this.groupGaps.get(a.group) : undefined;
    return same?.length ? Math.max(...same) : estimated.gap(a, b);
  }

  lead(unit: Unit): number {
    return this.leads.get(unit.id) ?? estimated.lead(unit);
  }

  /** A measured lead already holds the repeated heading. */
  context(unit: Unit): number {
    return this.leads.has(unit.id) ? 0 : estimated.context(unit);
  }
}

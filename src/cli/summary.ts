import path from 'node:path';
import type { BuildAllResult, DeckEvent } from '../commands/build-all.js';
import type { BuildResult } from '../commands/build.js';
import { formatProblem } from '../errors.js';
import { displayPath } from '../facts/load.js';
import { readState } from '../output/build-state.js';

/** One line of `build --json`: what became of one deck. */
export interface DeckSummary {
  deck: string;
  dir: string;
  status: 'built' | 'up-to-date' | 'failed';
  slides?: number;
  /** The files written (or, up to date, in place). */
  outputs: string[];
  /** `file:line:col: field: message` lines. */
  warnings: string[];
  errors: string[];
  fitted?: string[];
  exitCode?: number;
  message?: string;
  /** Facts → HTML, then the PDF export, as this process saw them. */
  timings?: { totalMs: number; htmlMs: number; pdfMs?: number };
}

/** A built deck's warnings, one line each: facts, crowded handout pages, blocked requests. */
export function warningsOf(r: BuildResult): string[] {
  return [
    ...r.facts.problems.map(formatProblem),
    ...r.handoutCrowded.map(
      (c) => `${r.facts.file}: warning: the handout page of slide "${c.title}" (#${c.id}) cuts its speaker notes short to fit the page: shorten them`,
    ),
    ...r.blocked.map((url) => `${r.facts.file}: warning: blocked a request outside the deck folder: ${url}`),
  ];
}

/** Times each deck's phases from the build's events. */
export class DeckTimer {
  private readonly times = new Map<string, { start: number; export?: number; end?: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  update(event: DeckEvent): void {
    const t = this.times.get(event.deck);
    if (event.status === 'building') this.times.set(event.deck, { start: this.now() });
    else if (t && event.status === 'exporting') t.export = this.now();
    else if (t && (event.status === 'done' || event.status === 'failed')) t.end = this.now();
  }

  of(deck: string): DeckSummary['timings'] {
    const t = this.times.get(deck);
    if (t?.end === undefined) return undefined;
    return {
      totalMs: Math.round(t.end - t.start),
      htmlMs: Math.round((t.export ?? t.end) - t.start),
      ...(t.export !== undefined ? { pdfMs: Math.round(t.end - t.export) } : {}),
    };
  }
}

/** The `--json` lines of a build, one per deck, in the order the decks were given. */
export async function deckSummaries(dirs: readonly string[], result: BuildAllResult, outRoot: string, timer: DeckTimer): Promise<DeckSummary[]> {
  const summaries: DeckSummary[] = [];
  for (const dir of dirs) {
    const deck = path.basename(dir);
    const base = { deck, dir: displayPath(dir), timings: timer.of(deck) };
    const built = result.built.find((b) => b.name === deck);
    const failed = result.failed.find((f) => f.deck === deck);
    if (built) {
      const outputs = Object.values(built.files).filter((f): f is string => f !== undefined).map((f) => displayPath(f));
      summaries.push({ ...base, status: 'built', slides: built.deck.slides.length, outputs, warnings: warningsOf(built), errors: [], fitted: built.fitted });
    } else if (failed) {
      const of = (severity: string) => failed.error.problems.filter((p) => p.severity === severity).map(formatProblem);
      summaries.push({ ...base, status: 'failed', exitCode: failed.error.exitCode, message: failed.error.message, outputs: [], warnings: of('warning'), errors: of('error') });
    } else if (result.upToDate.includes(deck)) {
      const outDir = path.resolve(outRoot, deck);
      const outputs = ((await readState(outDir))?.outputs ?? []).map((o) => displayPath(path.join(outDir, o)));
      summaries.push({ deck, dir: base.dir, status: 'up-to-date', outputs, warnings: [], errors: [] });
    }
  }
  return summaries;
}

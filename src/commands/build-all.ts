import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { BrowserPool } from '../browser/pool.js';
import { BriefdeckError, UsageError } from '../errors.js';
import { loadPdfLib } from '../pdf/metadata.js';
import { isBrandPath } from '../theme/theme.js';
import { browserFor } from './browser.js';
import { buildDeck, checkOutDirs, deckIsUpToDate, type BuildOptions, type BuildResult } from './build.js';
import { resolveDecks } from './decks.js';
import { shardOf, type Shard } from './shard.js';

export type DeckEvent =
  | { deck: string; status: 'building' | 'exporting' | 'up-to-date' }
  | { deck: string; status: 'done'; result: BuildResult }
  | { deck: string; status: 'failed'; error: BriefdeckError };

export interface BuildAllOptions extends Omit<BuildOptions, 'onPhase' | 'onPrinted'> {
  /** Decks built at once; each holds at most one browser page. */
  jobs: number;
  /** Rebuild decks even when their inputs did not change. */
  force?: boolean;
  onEvent?: (event: DeckEvent) => void;
  /** Told when a deck needs the browser no more (see BuildOptions.onPrinted). */
  onDeckPrinted?: (deck: string) => void;
}

export interface BuildAllResult {
  built: BuildResult[];
  upToDate: string[];
  failed: { deck: string; error: BriefdeckError }[];
}

/**
 * Builds many decks with `jobs` workers pulling from one queue, sharing one browser. One
 * deck's failure is recorded and the others go on; an unexpected error (a bug) stops all.
 */
export async function buildAll(deckDirs: readonly string[], options: BuildAllOptions): Promise<BuildAllResult> {
  const built: BuildResult[] = [];
  const failed: BuildAllResult['failed'] = [];
  const emit = options.onEvent ?? (() => {});
  checkOutDirs(deckDirs, options.outRoot);

  // Decks whose inputs did not change are skipped before any browser is started.
  const fresh = options.force
    ? deckDirs.map(() => false)
    : await Promise.all(deckDirs.map((d) => deckIsUpToDate(d, options).catch(() => false)));
  const upToDate = deckDirs.filter((_, i) => fresh[i]).map((d) => path.basename(d));
  for (const deck of upToDate) emit({ deck, status: 'up-to-date' });
  const queue = deckDirs.filter((_, i) => !fresh[i]);
  // Start Chromium while the first facts are read and rendered: its launch is the largest
  // single cost. A launch failure is reported by the first deck that needs the browser.
  if (queue.length > 0 && options.pool) {
    // pdf-lib, which finishes each PDF, is loaded once Chromium runs: loaded before, it would
    // hold up Chromium's start; loaded then, it fills time spent waiting for Chromium.
    options.pool.browser().then(
      () => void loadPdfLib().catch(() => {}),
      () => {},
    );
  }

  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      const deck = path.basename(dir);
      emit({ deck, status: 'building' });
      try {
        const result = await buildDeck(dir, { ...options, onPhase: (status) => emit({ deck, status }), onPrinted: () => options.onDeckPrinted?.(deck) });
        built.push(result);
        emit({ deck, status: 'done', result });
      } catch (err) {
        if (!(err instanceof BriefdeckError)) throw err;
        failed.push({ deck, error: err });
        emit({ deck, status: 'failed', error: err });
      }
    }
  };
  const workers = Math.max(1, Math.min(options.jobs, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const order = (name: string) => deckDirs.findIndex((d) => path.basename(d) === name);
  built.sort((a, b) => order(a.name) - order(b.name));
  failed.sort((a, b) => order(a.deck) - order(b.deck));
  return { built, upToDate, failed };
}

/**
 * Closes `pool` as soon as every one of `decks` has printed its last page, failed or been found
 * up to date, instead of after the last PDF is finished and written: Chromium is stopped
 * meanwhile. Hand both callbacks to buildAll.
 */
export function closeWhenPrinted(pool: BrowserPool | undefined, decks: readonly string[]): Pick<BuildAllOptions, 'onEvent' | 'onDeckPrinted'> {
  const pending = new Set(decks.map((d) => path.basename(d)));
  const release = (deck: string) => {
    if (pending.delete(deck) && pending.size === 0) void pool?.close({ stop: true });
  };
  return {
    onDeckPrinted: release,
    onEvent: (event) => {
      if (event.status === 'done' || event.status === 'failed' || event.status === 'up-to-date') release(event.deck);
    },
  };
}

export interface BuildDecksOptions {
  /** Folder that receives one sub-folder per deck; default `build`. */
  out?: string;
  /** Also print the PDFs; default true. False needs no browser. */
  pdf?: boolean;
  /** A built-in theme (briefing, dark) or a brand file; overrides the facts' meta.theme. */
  theme?: string;
  /** Decks built at once; default the number of cores. */
  jobs?: number;
  /** Seconds allowed for each browser step; default 30. */
  timeout?: number;
  /** Rebuild decks even when nothing changed. */
  force?: boolean;
  /** Earlier facts to compare with: a facts file, a facts.json snapshot or a git revision. */
  changesSince?: string;
  /** Also print `<deck>-handout.pdf`. */
  handout?: boolean;
  /** Fail on quotes not checked against a source or not attributed by it, and on leftover TODO markers. */
  strict?: boolean;
  /** Also write `<deck>.pptx`. */
  pptx?: boolean;
  /** Build only this job's share of the decks (see `shardOf`). */
  shard?: Shard;
  /** Where deck folders, `out` and a brand file are resolved, and slides/ looked for; default the working directory. */
  cwd?: string;
  /** A browser to share; by default one is started for the PDFs and closed once they are printed. */
  pool?: BrowserPool;
  /** Close `pool` too once the last deck is printed: it is not used after this build. */
  releaseBrowser?: boolean;
  onEvent?: (event: DeckEvent) => void;
  /** Told what a build waits for (another build holding the deck's folder), one line each. */
  warn?: (line: string) => void;
}

/**
 * `build`, as the command line runs it: the named deck folders (default: every deck under
 * slides/), this shard's share of them, skipping decks that are up to date, `jobs` at a time
 * with one shared browser. Invalid facts and failed exports are reported per deck in `failed`;
 * a missing deck folder throws a UsageError.
 */
export async function build(decks: readonly string[] = [], options: BuildDecksOptions = {}): Promise<BuildAllResult & { decks: string[] }> {
  if (options.handout && options.pdf === false) throw new UsageError('--handout is a PDF: it cannot be combined with --no-pdf');
  const cwd = options.cwd ?? process.cwd();
  const all = await resolveDecks(decks, cwd);
  const dirs = options.shard ? shardOf(all, options.shard) : all;
  const pool = options.pool ?? browserFor({ pdf: options.pdf ?? true, timeout: options.timeout ?? 30 });
  // A browser of its own is closed as soon as the last deck is printed; one handed in is the caller's.
  const release = pool !== options.pool || options.releaseBrowser ? closeWhenPrinted(pool, dirs) : {};
  try {
    const result = await buildAll(dirs, {
      jobs: options.jobs ?? availableParallelism(),
      outRoot: path.resolve(cwd, options.out ?? 'build'),
      pool,
      theme: options.theme !== undefined && isBrandPath(options.theme) ? path.resolve(cwd, options.theme) : options.theme,
      force: options.force,
      changesSince: options.changesSince,
      handout: options.handout,
      strict: options.strict,
      pptx: options.pptx,
      onEvent: (event) => {
        release.onEvent?.(event);
        options.onEvent?.(event);
      },
      onDeckPrinted: release.onDeckPrinted,
      ...(options.warn ? { warn: options.warn } : {}),
    });
    return { ...result, decks: dirs };
  } finally {
    if (pool !== options.pool) await pool?.close();
  }
}

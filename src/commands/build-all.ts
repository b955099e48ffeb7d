import path from 'node:path';
import { BriefdeckError } from '../errors.js';
import { loadPdfLib } from '../pdf/metadata.js';
import { buildDeck, deckIsUpToDate, checkOutDirs, type BuildOptions, type BuildResult } from './build.js';

export type DeckEvent =
  | { deck: string; status: 'building' | 'exporting' | 'up-to-date' }
  | { deck: string; status: 'done'; result: BuildResult }
  | { deck: string; status: 'failed'; error: BriefdeckError };

export interface BuildAllOptions extends Omit<BuildOptions, 'onPhase'> {
  /** Decks built at once; each holds at most one browser page. */
  jobs: number;
  /** Rebuild decks even when their inputs did not change. */
  force?: boolean;
  onEvent?: (event: DeckEvent) => void;
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
    options.pool.browser().catch(() => {});
    void loadPdfLib().catch(() => {});
  }

  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      const deck = path.basename(dir);
      emit({ deck, status: 'building' });
      try {
        const result = await buildDeck(dir, { ...options, onPhase: (status) => emit({ deck, status }) });
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

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserPool } from '../browser/pool.js';
import { buildDeck, checkOutDirs, deckIsUpToDate, outDirOf, printMeasured, type BuildOptions, type BuildResult } from '../commands/build.js';
import { BriefdeckError, ExitCode } from '../errors.js';
import { THEMES_DIR } from '../html/assets.js';
import { StagedFile } from '../output/atomic.js';
import { fingerprint, recordOutput } from '../output/build-state.js';
import { lockBuildFolder } from '../output/lock.js';
import { FACTS_FILE } from '../facts/load.js';
import type { Deck } from '../model/deck.js';
import { renderPptx } from '../pptx/render.js';
import { pptxStyle } from '../pptx/style.js';
import { isBrandPath } from '../theme/theme.js';

export interface RebuildEvents {
  /** The deck's HTML and Markdown were rebuilt (the PDF may follow). */
  built?: (deck: string, result: BuildResult) => void;
  /** The facts are invalid, or the build failed; the last good build stays. */
  failed?: (deck: string, error: BriefdeckError) => void;
  /** A fresh PDF is in place; `relaid` when measuring changed the slides, and the page was rewritten to match. */
  pdf?: (deck: string, file: string, ms: number, relaid: boolean) => void;
  pdfFailed?: (deck: string, error: BriefdeckError) => void;
  /** A fresh .pptx is in place, made from the slides the PDF shows (with `pptx` and a `pool`). */
  pptx?: (deck: string, file: string, ms: number) => void;
  pptxFailed?: (deck: string, error: BriefdeckError) => void;
}

export interface RebuilderOptions extends Omit<BuildOptions, 'pool' | 'onPhase'> {
  /** When given, PDFs (and with `pptx` the .pptx) are re-exported in the background after each HTML build. */
  pool?: BrowserPool;
  /** A folder (slides/) whose new sub-folders with a facts file become decks. */
  discover?: string;
  /** Saves closer together than this are one change. */
  debounceMs?: number;
}

/**
 * The watcher reports one change per file in this window and drops the rest: a save right
 * after another (an editor's format-on-save, a script) is told of by no event.
 */
const WATCHER_QUIET_MS = 50;

/** A staged output (see output/atomic): never a change to rebuild for. */
const STAGED_FILE = /(^|[/\\])\.[^/\\]+\.tmp/;

/** One deck's build bookkeeping: at most one build at a time, and one more if changes arrive meanwhile. */
interface DeckState {
  dir: string;
  name: string;
  timer?: NodeJS.Timeout;
  /** The look at the inputs once the watcher can report changes to them again (see `settle`). */
  settle?: NodeJS.Timeout;
  /** sha256 of the inputs as the last build read them. */
  read?: string;
  html: SerialJob;
  pdf: SerialJob;
  /** sha256 of the index.html the current PDF was printed from. */
  printed?: string;
  /**
   * When measuring changed the slides: the estimated page it started from (its sha256) and
   * the measured page written instead, to put back when a rebuild gives the same estimate.
   */
  measured?: { from: string; markdown: string; html: string; deck: Deck };
  last?: BuildResult;
  error?: BriefdeckError;
}

/**
 * Keeps decks' build folders in step with their facts. Each deck builds alone: saves in
 * quick succession are coalesced, a save during a build queues exactly one more build (so no
 * stale build lands after a newer one), and the PDF follows in the background, only when the
 * page actually changed.
 */
export class Rebuilder {
  private readonly decks = new Map<string, DeckState>();
  private watcher?: { close(): Promise<void> };

  constructor(
    deckDirs: readonly string[],
    private readonly options: RebuilderOptions,
    private readonly events: RebuildEvents = {},
  ) {
    checkOutDirs(deckDirs, options.outRoot);
    for (const dir of deckDirs) this.add(dir);
  }

  private add(dir: string): DeckState {
    const full = path.resolve(dir);
    const d: DeckState = {
      dir: full,
      name: path.basename(full),
      html: new SerialJob(() => this.buildHtml(d)),
      pdf: new SerialJob(() => this.printOnce(d)),
    };
    this.decks.set(full, d);
    return d;
  }

  /** Builds what is out of date, then watches. Resolves once the HTML of every deck is built. */
  async start(): Promise<void> {
    await Promise.all(
      [...this.decks.values()].map(async (d) => {
        // The HTML is always rebuilt (it is quick, and gives the server each deck's details);
        // an up-to-date PDF is kept, since the rebuilt page is byte-identical.
        if (this.options.pool && (await deckIsUpToDate(d.dir, this.options).catch(() => false))) {
          d.printed = await this.indexHash(d).catch(() => undefined);
        }
        await this.rebuild(d);
      }),
    );
    const { watch } = await import('chokidar');
    // Each deck's parent folder is watched, not the deck folder itself: a deck folder renamed
    // and renamed back, or deleted and restored (git checkout), is then seen again rather than
    // leaving a watcher on a folder that is gone. The build folders are ignored, so a build
    // never triggers the next one.
    // With `discover`, its sub-folders are watched for a facts file too: a new deck is built
    // and served as soon as it has one.
    const root = this.options.discover && path.resolve(this.options.discover);
    const themes = this.themePaths();
    const under = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
    const candidate = (p: string) =>
      root !== undefined && (p === root || path.dirname(p) === root || (path.basename(p) === FACTS_FILE && path.dirname(path.dirname(p)) === root));
    const decks = [...this.decks.keys()];
    const watcher = watch([...new Set([...decks.map((d) => path.dirname(d)), ...(root ? [root] : [])]), ...themes], {
      ignoreInitial: true,
      ignored: (p: string) => {
        const full = path.resolve(p);
        const dirs = [...this.decks.keys()];
        if (STAGED_FILE.test(full) || dirs.some((d) => under(full, outDirOf(d, this.options.outRoot)))) return true;
        if (candidate(full)) return false;
        return !dirs.some((d) => under(full, d) || under(d, full)) && !themes.some((t) => under(full, t) || under(t, full));
      },
    });
    watcher.on('all', (_event, file) => this.changed(path.resolve(file)));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.watcher = watcher;
  }

  /** The latest good build of each deck, and its current error if the facts are broken. */
  status(): { name: string; last?: BuildResult; error?: BriefdeckError }[] {
    return [...this.decks.values()].map(({ name, last, error }) => ({ name, last, error }));
  }

  errorOf(deck: string): BriefdeckError | undefined {
    return [...this.decks.values()].find((d) => d.name === deck)?.error;
  }

  /** Waits for every build and export under way, for tests and orderly shutdown. */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.decks.values()].flatMap((d) => [d.html.running, d.pdf.running]).filter(Boolean);
      const timers = [...this.decks.values()].some((d) => d.timer || d.settle);
      if (busy.length === 0 && !timers) return;
      await Promise.all(busy);
      if (timers) await new Promise((r) => setTimeout(r, (this.options.debounceMs ?? 40) + 5));
    }
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    for (const d of this.decks.values()) {
      clearTimeout(d.timer);
      clearTimeout(d.settle);
    }
    await Promise.allSettled([...this.decks.values()].flatMap((d) => [d.html.running, d.pdf.running]));
  }

  private changed(file: string): void {
    const root = this.options.discover && path.resolve(this.options.discover);
    const dir = path.dirname(file);
    if (root && path.basename(file) === FACTS_FILE && path.dirname(dir) === root && !this.decks.has(dir)) {
      try {
        checkOutDirs([...this.decks.keys(), dir], this.options.outRoot);
      } catch (err) {
        this.events.failed?.(path.basename(dir), err as BriefdeckError);
        return;
      }
      this.add(dir);
    }
    const themeChanged = this.themePaths().some((p) => file === p || file.startsWith(p + path.sep));
    for (const d of this.decks.values()) {
      if (themeChanged || file === d.dir || file.startsWith(d.dir + path.sep)) {
        this.schedule(d);
        this.settleLater(d);
      }
    }
  }

  /**
   * Once the watcher can report changes again, compares the inputs with what the last build
   * read: a save it dropped, which landed after a quick build had read the files, still gets
   * its build. (A save during a build is caught by the build itself.)
   */
  private settleLater(d: DeckState): void {
    clearTimeout(d.settle);
    d.settle = setTimeout(() => {
      d.settle = undefined;
      if (d.timer || d.html.running) return;
      void fingerprint(inputsOf(d), '').then((now) => {
        if (now !== d.read && !d.timer && !d.html.running) this.schedule(d);
      });
    }, 2 * WATCHER_QUIET_MS);
  }

  /** Theme files every deck uses: the built-in themes, and a brand file given with --theme. */
  private themePaths(): string[] {
    const theme = this.options.theme;
    return [THEMES_DIR, ...(theme !== undefined && isBrandPath(theme) ? [path.resolve(theme)] : [])];
  }

  private schedule(d: DeckState): void {
    clearTimeout(d.timer);
    d.timer = setTimeout(() => {
      d.timer = undefined;
      void this.rebuild(d);
    }, this.options.debounceMs ?? 40);
  }

  private rebuild(d: DeckState): Promise<void> {
    return d.html.run();
  }

  private async buildHtml(d: DeckState): Promise<void> {
    const { pool: _pool, debounceMs: _debounce, ...buildOptions } = this.options;
    // The watcher drops changes that follow another too closely (WATCHER_QUIET_MS), so the
    // inputs are compared before and after the build: a save that landed meanwhile gets a
    // build of its own even if no event told of it.
    const inputs = inputsOf(d);
    const before = await fingerprint(inputs, '');
    try {
      // The PDF follows in the background: the old one stays until the fresh one replaces it.
      const result = await buildDeck(d.dir, { ...buildOptions, exportLater: this.options.pool !== undefined });
      await this.compareInputs(d, inputs, before);
      d.last = result;
      d.error = undefined;
      this.events.built?.(d.name, result);
      if (this.options.pool) void this.exportPdf(d);
    } catch (err) {
      // Nothing awaits a rebuild: any error, even a bug's, is shown and the session goes on.
      const error = failure(d, 'the build failed', err);
      await this.compareInputs(d, inputs, before);
      d.error = error;
      this.events.failed?.(d.name, error);
    }
  }

  /** Notes what the build read, and builds again if it was not what the build started from. */
  private async compareInputs(d: DeckState, inputs: readonly string[], before: string): Promise<void> {
    d.read = await fingerprint(inputs, '');
    if (d.read !== before) d.html.again();
  }

  private exportPdf(d: DeckState): Promise<void> {
    return d.pdf.run();
  }

  private async printOnce(d: DeckState): Promise<void> {
    const pool = this.options.pool!;
    const outDir = outDirOf(d.dir, this.options.outRoot);
    const html = path.join(outDir, 'index.html');
    const before = await this.indexHash(d);
    if (!d.last) return;
    let shown = before;
    if (before !== d.printed && d.measured && before === d.measured.from) {
      // The same deck as the PDF shows, laid out by estimate again: put the measured page back.
      await this.writePage(d, d.measured);
      shown = sha256(d.measured.html);
      if (shown !== d.printed) return;
    }
    if (shown === d.printed) {
      // The PDF shows this very page: it is this build's PDF too, and only the .pptx is made.
      if (await this.ifShown(d, shown, () => recordOutput(outDir, `${d.name}.pdf`, 'pdf'))) await this.writePptx(d, shown);
      return;
    }
    const started = performance.now();
    // Only the page of the latest print may be put back.
    d.measured = undefined;
    let expected = before;
    let relaid = false;
    try {
      const last = d.last;
      // Laid out from measurement as `build` does it; a changed layout is written to the
      // page and slides.md too, so the preview shows what the PDF shows.
      const result = await printMeasured(pool, {
        facts: last.facts,
        name: d.name,
        composed: last.composed,
        rendered: last.rendered,
        theme: last.theme,
        htmlFile: html,
        write: async (next) => {
          // A newer build landed meanwhile: its page is not overwritten with older facts.
          if ((await this.indexHash(d)) !== expected) throw new Superseded();
          await this.writePage(d, next);
          expected = sha256(next.html);
          d.measured = { from: before, markdown: next.markdown, html: next.html, deck: next.deck };
          relaid = true;
          return html;
        },
      });
      const pdfFile = path.join(outDir, `${d.name}.pdf`);
      const staged = new StagedFile(pdfFile);
      try {
        await staged.write(result.pdf);
        // A newer build landed while printing: print that one instead of keeping this PDF.
        const kept = await this.ifShown(d, expected, async () => {
          await staged.commit();
          await recordOutput(outDir, path.basename(pdfFile), 'pdf');
        });
        if (!kept) return;
      } finally {
        await staged.discard();
      }
      d.printed = expected;
      this.events.pdf?.(d.name, pdfFile, performance.now() - started, relaid);
    } catch (err) {
      if (err instanceof Superseded) {
        d.pdf.again();
        return;
      }
      this.events.pdfFailed?.(d.name, failure(d, 'PDF export failed', err));
      return;
    }
    await this.writePptx(d, expected);
  }

  /**
   * Writes the .pptx of the page `page` (a sha256 of index.html), laid out as the PDF shows it.
   * The build before removed the one from earlier facts; this one goes in only while the page
   * and the build are still those it was made from.
   */
  private async writePptx(d: DeckState, page: string): Promise<void> {
    const last = d.last;
    if (!this.options.pptx || !last) return;
    const deck = this.deckShowing(d, page);
    if (!deck) return; // a build is landing; its own export follows
    const started = performance.now();
    const outDir = outDirOf(d.dir, this.options.outRoot);
    const file = path.join(outDir, `${d.name}.pptx`);
    const staged = new StagedFile(file);
    try {
      await staged.write(await renderPptx(deck, await pptxStyle(last.theme)));
      const kept = await this.ifShown(
        d,
        page,
        async () => {
          await staged.commit();
          await recordOutput(outDir, path.basename(file));
        },
        last,
      );
      if (kept) this.events.pptx?.(d.name, file, performance.now() - started);
    } catch (err) {
      this.events.pptxFailed?.(d.name, failure(d, 'the .pptx could not be written', err));
    } finally {
      await staged.discard();
    }
  }

  /**
   * Commits an export of the page `page` (a sha256 of index.html) — and, given `last`, of that
   * build — under the build folder's lock, so that no build lands between the check and the
   * commit. When the page or build has changed, nothing is committed and the export runs again
   * for the newer one: no export of earlier facts ever sits beside a newer page.
   */
  private async ifShown(d: DeckState, page: string, commit: () => Promise<void>, last?: BuildResult): Promise<boolean> {
    await using _folder = await lockBuildFolder(outDirOf(d.dir, this.options.outRoot));
    if ((await this.indexHash(d)) !== page || (last !== undefined && d.last !== last)) {
      d.pdf.again();
      return false;
    }
    await commit();
    return true;
  }

  /** The deck laid out as the page `page` shows it: the last build's estimate, or the measured layout. */
  private deckShowing(d: DeckState, page: string): Deck | undefined {
    if (d.last && sha256(d.last.rendered.html) === page) return d.last.rendered.deck;
    if (d.measured && sha256(d.measured.html) === page) return d.measured.deck;
    return undefined;
  }

  /** Writes a deck's slides.md and index.html, each atomically. */
  private async writePage(d: DeckState, page: { markdown: string; html: string }): Promise<void> {
    const outDir = outDirOf(d.dir, this.options.outRoot);
    for (const [file, text] of [[path.join(outDir, 'slides.md'), page.markdown], [path.join(outDir, 'index.html'), page.html]] as const) {
      const staged = new StagedFile(file, path.extname(file));
      try {
        await (await staged.write(text)).commit();
      } finally {
        await staged.discard();
      }
    }
  }

  private async indexHash(d: DeckState): Promise<string> {
    return sha256(await readFile(path.join(outDirOf(d.dir, this.options.outRoot), 'index.html')));
  }
}

/** The files a deck's build reads: those of its last build, or its facts file before any. */
const inputsOf = (d: DeckState): readonly string[] => d.last?.facts.inputs ?? [path.join(d.dir, FACTS_FILE)];

/** A rebuild's error as shown: ours as they are, anything else (a bug's) named with the deck. */
const failure = (d: DeckState, what: string, err: unknown): BriefdeckError =>
  err instanceof BriefdeckError ? err : new BriefdeckError(`${d.name}: ${what}: ${String(err)}`, ExitCode.environment);

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The page being printed was replaced by a newer build. */
class Superseded extends Error {}

/**
 * A job that never runs twice at once: asked while running, it runs exactly once more after
 * the current run, however often it was asked, so the last request is always served.
 */
class SerialJob {
  running?: Promise<void>;
  private repeat = false;

  constructor(private readonly job: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.repeat = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.repeat = false;
          await this.job();
        } while (this.repeat);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** From inside the job: run once more when this run ends. */
  again(): void {
    this.repeat = true;
  }
}

import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserPool } from '../browser/pool.js';
import { loadBaseline, type BaselineSpec } from '../changes/baseline.js';
import { diffFacts, type ChangeSet } from '../changes/diff.js';
import { BriefdeckError, ExitCode, InvalidFactsError, UsageError, type Problem } from '../errors.js';
import { loadFacts, type LoadedFacts } from '../facts/load.js';
import { parseFieldPath } from '../facts/yaml.js';
import { deckAssets, manifestOf, stageAssets } from '../html/assets.js';
import { renderHtml } from '../html/render.js';
import { toMarkdown } from '../markdown/serialize.js';
import { composeDeck } from '../model/compose.js';
import type { Deck } from '../model/deck.js';
import type { Composed } from '../model/flow.js';
import { MeasuredMetrics } from '../layout/measured.js';
import { estimated } from '../layout/metrics.js';
import { MIN_ZOOM, pack, type Layout, type Unfittable } from '../layout/pack.js';
import { StagedFile } from '../output/atomic.js';
import { commitAll, placeAll, removeEmptyFolders, removeLeftovers, removeOutputs } from '../output/commit.js';
import { environmentError } from '../output/fs-errors.js';
import { displayPath } from '../paths.js';
import { fingerprint, isUpToDate, writeState } from '../output/build-state.js';
import { lockBuildFolder } from '../output/lock.js';
import { VERSION } from '../package-root.js';
import { brandPage, recordedTheme, resolveTheme, themeChoice, themeSetting, type ResolvedTheme } from '../theme/theme.js';
import { tofuProblems } from '../theme/coverage.js';
import { fontRanges } from '../theme/fonts.js';
import { exportPdf, type Relayout, type SlideMeasure } from '../pdf/export.js';
import { printHandout, type HandoutCrowding } from '../pdf/handout.js';
import { finishPdf, pdfMeta } from '../pdf/metadata.js';
import { preloadPptx, renderPptx } from '../pptx/render.js';
import { pptxStyle } from '../pptx/style.js';
import type { RenderOptions } from '../html/render.js';

export interface BuildOptions {
  /** Folder that receives one sub-folder per deck. */
  outRoot: string;
  /** The shared browser; omit to build HTML and Markdown only. */
  pool?: BrowserPool;
  theme?: string;
  /** Earlier facts to compare with (a path relative to the working directory, or a git revision). */
  changesSince?: string;
  /** Also print the handout, `<deck>-handout.pdf` (needs `pool`): each slide with its notes and sources. */
  handout?: boolean;
  /** Fail on quotes not checked or not attributed and on leftover TODO markers (see checkFacts). */
  strict?: boolean;
  /** Also write `<deck>.pptx`: the slides as the PDF lays them out (as estimated without `pool`), editable. */
  pptx?: boolean;
  /** Told when the build moves from Markdown and HTML to the PDF export. */
  onPhase?: (phase: 'exporting') => void;
  /** Told when the deck needs the browser no more: its last page is printed (the PDF is still being finished). */
  onPrinted?: () => void;
  /**
   * The PDF and the .pptx follow in the background, from the measured layout (a preview): an
   * existing PDF is kept until a fresh one replaces it; the .pptx is not made now, and one
   * made from earlier facts is removed.
   */
  exportLater?: boolean;
  /** Told what the build waits for (another build holding the deck's folder). */
  warn?: (line: string) => void;
}

export interface BuildResult {
  name: string;
  outDir: string;
  deck: Deck;
  /** The deck before layout, and as laid out: what a later PDF export lays out again. */
  composed: Composed;
  rendered: Rendered;
  theme: ResolvedTheme;
  facts: LoadedFacts;
  files: { markdown: string; html: string; pdf?: string; handout?: string; pptx?: string; snapshot: string };
  changes?: ChangeSet;
  /** Slides whose text is set smaller so that one long item fits, with their size. */
  fitted: string[];
  /** Handout pages whose speaker notes were cut short to fit the page. */
  handoutCrowded: HandoutCrowding[];
  blocked: string[];
  /** Outputs of an earlier build that this one did not make, removed (names in the build folder). */
  removed: string[];
  ms: number;
}

/** The build folder of a deck. */
export function outDirOf(deckDir: string, outRoot: string): string {
  return path.resolve(outRoot, path.basename(path.resolve(deckDir)));
}

/**
 * Refuses build folders that would clash: two decks sharing one (slides/x and other/x both
 * make build/x, overwriting each other), or a deck folder inside its own build folder (the
 * build would write among the facts).
 */
export function checkOutDirs(deckDirs: readonly string[], outRoot: string): void {
  const byOut = new Map<string, string[]>();
  for (const dir of new Set(deckDirs.map((d) => path.resolve(d)))) {
    const out = outDirOf(dir, outRoot);
    if ((dir + path.sep).startsWith(out + path.sep)) {
      throw new UsageError(`${displayPath(dir)} would be built into itself (${displayPath(out)}): choose an output folder outside the deck folders with -o`);
    }
    byOut.set(out, [...(byOut.get(out) ?? []), dir]);
  }
  const shared = [...byOut].filter(([, dirs]) => dirs.length > 1);
  if (shared.length === 0) return;
  const list = shared.map(([out, dirs]) => `${dirs.map((d) => displayPath(d)).join(' and ')} would both build ${displayPath(out)}`).join('; ');
  throw new UsageError(`${list}: rename one of the deck folders, or build them in separate runs with different -o folders`);
}

/**
 * A deck folder's name as it may appear inside the HTML comment heading slides.md: what could
 * end the comment (`-->`, `--!>`), open another, or break the line (and with it the slide
 * separators) is percent-encoded, as in a URL.
 */
export function commentSafe(text: string): string {
  return text.replace(/-(?=-)|[<>!\u0000-\u001F\u007F]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A deck laid out, and its Markdown and HTML. */
export interface Rendered {
  deck: Deck;
  layout: Layout;
  markdown: string;
  html: string;
}

/** Lays out a composed deck by `metrics` and renders it. Pure. */
export function renderLayout(composed: Composed, layout: Layout, name: string, theme?: ResolvedTheme): Rendered {
  const { flows: _flows, ...meta } = composed;
  const deck: Deck = { ...meta, slides: layout.slides };
  const markdown = toMarkdown(deck, commentSafe(`${name}/facts.yaml`));
  const html = renderHtml(deck, { generator: `briefdeck ${VERSION}`, ...renderOptions(theme) });
  return { deck, layout, markdown, html };
}

function renderOptions(theme?: ResolvedTheme): Pick<RenderOptions, 'brand'> {
  const brand = brandPage(theme);
  return brand ? { brand } : {};
}

/**
 * Everything a deck is made of before anything touches the build folder, laid out by
 * estimate (a PDF build then lays it out again from measurement). Pure.
 */
export function renderDeck(facts: LoadedFacts, name: string, changes?: ChangeSet, theme?: ResolvedTheme): Rendered & { composed: Composed } {
  const labels = theme?.brand?.labels;
  const composed = composeDeck(facts.facts, { ...(changes ? { changes } : {}), ...(labels ? { labels } : {}) });
  return { composed, ...renderLayout(composed, pack(composed, estimated), name, theme) };
}

/**
 * The code that builds: a hash of the module's content, so a changed briefdeck (not only a new
 * version number) makes decks out of date, while the same code compiled again (every CI run
 * installs and compiles afresh) keeps a cached build folder up to date.
 */
const CODE_STAMP = readFile(fileURLToPath(import.meta.url)).then(
  (bytes) => createHash('sha256').update(bytes).digest('hex'),
  () => 'unknown',
);

/** The settings that shape a deck's output besides its input files. */
async function settingsOf(
  options: BuildOptions,
  theme: ResolvedTheme,
  baselineSha?: string,
  /** The assets' manifest, when the build has just written them. */
  assetManifest?: string,
): Promise<string> {
  return JSON.stringify({
    version: VERSION,
    code: await CODE_STAMP,
    theme: themeSetting(theme),
    assets: assetManifest ?? (await manifestOf(await deckAssets(theme))),
    baseline: baselineSha ?? null,
    handout: options.handout === true,
    strict: options.strict === true,
    pptx: options.pptx === true,
  });
}

/**
 * True when the deck's last build in `outRoot` came from the same inputs and settings, the
 * earlier facts it is compared with (if any) included: they are read again, since a git
 * revision such as HEAD~1 can move.
 */
export async function deckIsUpToDate(deckDir: string, options: BuildOptions): Promise<boolean> {
  const outDir = outDirOf(deckDir, options.outRoot);
  return isUpToDate(
    outDir,
    async (state) => {
      if (options.changesSince && (state.baseline?.spec !== options.changesSince || state.baseline.base !== process.cwd())) {
        return undefined;
      }
      // The theme the last build used, unless --theme now asks for another.
      const theme = await recordedTheme(state.settings, deckDir, options.theme);
      if (!theme) return undefined;
      if (!state.baseline) return settingsOf(options, theme);
      const baseline = await loadBaseline(state.baseline, path.resolve(deckDir)).catch(() => undefined);
      return baseline && settingsOf(options, theme, baseline.sha256);
    },
    options.pool !== undefined,
    options.pptx ? [`${path.basename(outDir)}.pptx`] : [],
  );
}

function baselineSpec(facts: LoadedFacts, options: BuildOptions): BaselineSpec | undefined {
  if (options.changesSince) return { spec: options.changesSince, base: process.cwd() };
  const spec = facts.facts.meta.changes_since;
  return spec === undefined ? undefined : { spec, base: facts.deckDir, confine: path.dirname(facts.deckDir) };
}

async function changesFor(facts: LoadedFacts, spec: BaselineSpec | undefined) {
  if (!spec) return {};
  const baseline = await loadBaseline(spec, facts.deckDir);
  return { changes: diffFacts(baseline.facts, facts.facts), sha: baseline.sha256 };
}

/**
 * Builds one deck: facts → slides.md, index.html (+ assets), a snapshot of the facts and,
 * with a browser, the PDF. Invalid facts throw before anything is written. The outputs are
 * staged beside their targets and renamed into place only when all of them succeeded, so a
 * failure at any step leaves the previous build as it was.
 */
export async function buildDeck(deckDir: string, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const facts = await loadFacts(deckDir, { strict: options.strict });
  const name = path.basename(facts.deckDir);
  const theme = await resolveTheme(themeChoice(options.theme, facts.facts.meta.theme), facts.deckDir, facts.file);
  const spec = baselineSpec(facts, options);
  const { changes, sha } = await changesFor(facts, spec);
  if (options.pptx) preloadPptx();
  const first = renderDeck(facts, name, changes, theme);
  const { composed } = first;
  let rendered: Rendered = first;
  // Without a browser there is nothing to measure: what the estimate cannot fit is refused.
  if (!options.pool && first.layout.unfittable.length > 0) throw unfittableError(facts, first.layout.unfittable);

  const outDir = outDirOf(deckDir, options.outRoot);
  // Folders this build made: a failed first build removes them again.
  const created: string[] = [];
  try {
    const firstDir = await mkdir(outDir, { recursive: true });
    if (firstDir) for (let d = outDir; d.startsWith(firstDir); d = path.dirname(d)) created.push(d);
    return await writeDeck({ facts, name, outDir, options, theme, spec, sha, changes, composed, rendered, started, created });
  } catch (err) {
    await removeEmptyFolders(created);
    throw environmentError(err, name);
  }
}

/**
 * Writes a deck's outputs while holding its build folder: each is staged, and all of them,
 * assets included, are moved into place together only when every one succeeded.
 */
async function writeDeck(job: {
  facts: LoadedFacts;
  name: string;
  outDir: string;
  options: BuildOptions;
  theme: ResolvedTheme;
  spec: BaselineSpec | undefined;
  sha: string | undefined;
  changes: ChangeSet | undefined;
  composed: Composed;
  rendered: Rendered;
  started: number;
  created: string[];
}): Promise<BuildResult> {
  const { facts, name, outDir, options, theme, spec, sha, changes, composed, started } = job;
  let { rendered } = job;
  // One build at a time writes a deck's folder; another waits for it (released on return or throw).
  await using _folder = await lockBuildFolder(outDir, { onWait: options.warn });
  await removeLeftovers(outDir);
  const shipped = await deckAssets(theme);
  facts.problems.push(...tofuProblems(facts.facts, await fontRanges(shipped), facts.file, facts.locate));
  const assets = await stageAssets(outDir, shipped);
  job.created.push(...assets.created);
  // The assets go in place first, as the page printed to PDF loads them; if the build then
  // fails, the ones they replaced are put back.
  const placed = await placeAll(assets.staged).finally(() => Promise.all(assets.staged.map((f) => f.discard())));

  const files = {
    markdown: path.join(outDir, 'slides.md'),
    html: path.join(outDir, 'index.html'),
    snapshot: path.join(outDir, 'facts.json'),
    pdf: options.pool ? path.join(outDir, `${name}.pdf`) : undefined,
    handout: options.pool && options.handout ? path.join(outDir, `${name}-handout.pdf`) : undefined,
    pptx: options.pptx && !options.exportLater ? path.join(outDir, `${name}.pptx`) : undefined,
  };
  const staged = [new StagedFile(files.markdown), new StagedFile(files.html, '.html'), new StagedFile(files.snapshot)];
  const [stagedMarkdown, stagedHtml, stagedSnapshot] = staged as [StagedFile, StagedFile, StagedFile];
  let blocked: string[] = [];
  let handoutCrowded: HandoutCrowding[] = [];
  let removed: string[];
  try {
    await Promise.all([
      stagedMarkdown.write(rendered.markdown),
      stagedHtml.write(rendered.html),
      stagedSnapshot.write(JSON.stringify(facts.facts, null, 2) + '\n'),
    ]);
    if (options.pool && files.pdf) {
      options.onPhase?.('exporting');
      const printed = await printMeasured(options.pool, {
        facts,
        name,
        composed,
        rendered,
        theme,
        write: async (next) => {
          await Promise.all([stagedMarkdown.write(next.markdown), stagedHtml.write(next.html)]);
          return stagedHtml.temp;
        },
        htmlFile: stagedHtml.temp,
        onPrinted: files.handout ? undefined : options.onPrinted,
      });
      rendered = printed.rendered;
      blocked = printed.blocked;
      const stagedPdf = new StagedFile(files.pdf);
      staged.push(stagedPdf);
      await stagedPdf.write(printed.pdf);
      if (files.handout) {
        const handout = await printHandout(options.pool, { outDir, name, deck: rendered.deck, ...renderOptions(theme) });
        options.onPrinted?.();
        // Notes cut short would lose what the reader of the handout came for.
        if (handout.crowded.length > 0) throw crowdedError(facts, rendered.deck, handout.crowded);
        handoutCrowded = handout.crowded;
        blocked = [...blocked, ...handout.blocked];
        const stagedHandout = new StagedFile(files.handout);
        staged.push(stagedHandout);
        await stagedHandout.write(handout.pdf);
      }
    }
    if (files.pptx) {
      // From the deck as laid out for the PDF, so both have the same slides.
      const stagedPptx = new StagedFile(files.pptx);
      staged.push(stagedPptx);
      await stagedPptx.write(await renderPptx(rendered.deck, await pptxStyle(theme)));
    }
    await commitAll(staged);
    // Every output in the folder comes from these facts: older PDFs (and a .pptx) this build did not make go.
    const made = new Set(staged.map((f) => path.basename(f.target)));
    const others = [`${name}.pdf`, `${name}-handout.pdf`, `${name}.pptx`].filter((f) => !made.has(f) && !(options.exportLater && f === `${name}.pdf`));
    removed = await removeOutputs(outDir, others);
  } catch (err) {
    await placed.restore();
    throw err;
  } finally {
    await Promise.all(staged.map((f) => f.discard()));
  }
  await placed.keep();
  const settings = await settingsOf(options, theme, sha, assets.manifest);
  const inputs = [...facts.inputs, ...theme.inputs];
  await writeState(outDir, {
    fingerprint: await fingerprint(inputs, settings),
    inputs,
    settings,
    pdf: files.pdf !== undefined,
    outputs: staged.map((f) => path.relative(outDir, f.target)),
    ...(spec ? { baseline: spec } : {}),
  });
  const { deck } = rendered;
  const fitted = deck.slides.filter((sl) => sl.zoom !== undefined).map((sl) => `${sl.title}: text set at ${Math.round(sl.zoom! * 100)}% to fit`);
  return { name, outDir, deck, composed, rendered, theme, facts, files, changes, fitted, handoutCrowded, blocked, removed, ms: performance.now() - started };
}

/** Rounds of measuring and laying out again before a deck whose text runs off is refused. */
const LAYOUT_ROUNDS = 4;

/**
 * Prints a deck laid out from measurement: the page is opened in the print view, every unit
 * (list item, table row, quote, paragraph) is measured where it is drawn, the flows are packed
 * again from those heights and, when that changes the slides, the page is written (`write`)
 * and measured again. A slide whose content still runs past its body fails the build, naming
 * the facts it shows: nothing is ever printed cut off.
 */
export async function printMeasured(
  pool: BrowserPool,
  job: {
    facts: LoadedFacts;
    name: string;
    composed: Composed;
    rendered: Rendered;
    theme?: ResolvedTheme;
    htmlFile: string;
    write: (next: Rendered) => Promise<string>;
    /** Told as the last page is printed, before the PDF is finished. */
    onPrinted?: () => void;
  },
): Promise<{ rendered: Rendered; pdf: Uint8Array; blocked: string[] }> {
  const { facts, name, composed } = job;
  const metrics = new MeasuredMetrics(composed);
  let rendered = job.rendered;
  const relayout: Relayout = async (measures, round) => {
    metrics.record(measures);
    const over = overflowing(measures);
    let next = pack(composed, metrics);
    if (next.unfittable.length > 0) throw unfittableError(facts, next.unfittable);
    if (sameSlides(next, rendered.layout)) {
      if (over.length === 0) return undefined;
      // Measured heights said it fits, yet it runs over (a heading wraps, a row grows): be
      // stricter by what was missing, and lay out again.
      metrics.capacity -= Math.max(...over.map((o) => o.by)) + 2;
      next = pack(composed, metrics);
      if (next.unfittable.length > 0) throw unfittableError(facts, next.unfittable);
      if (sameSlides(next, rendered.layout)) throw overflowError(facts, rendered.deck, over);
    }
    if (round + 1 >= LAYOUT_ROUNDS) throw overflowError(facts, rendered.deck, over);
    rendered = renderLayout(composed, next, name, job.theme);
    return { file: await job.write(rendered), html: rendered.html };
  };
  const result = await printDeck(pool, job.htmlFile, name, relayout);
  job.onPrinted?.();
  const slides = rendered.deck.slides.length;
  if (result.pages !== slides) throw new Error(`${name}: print view laid out ${result.pages} pages for ${slides} slides`);
  const meta = pdfMeta(rendered.deck);
  const pdf = await finishPdf(result.pdf, meta.info, meta.outline, slides);
  return { rendered, pdf, blocked: result.blocked };
}

/** Prints a deck page, turning browser faults into an error that names the deck. */
export function printDeck(pool: BrowserPool, htmlFile: string, name: string, relayout?: Relayout) {
  return exportPdf(pool, htmlFile, relayout).catch((err: unknown) => {
    if (err instanceof BriefdeckError) throw err;
    throw new BriefdeckError(
      `${name}: PDF export failed: ${err instanceof Error ? err.message : String(err)}. ` +
        'The previous build was kept. Try again; if it recurs, raise --timeout or check the browser.',
      ExitCode.environment,
    );
  });
}

interface Overflow {
  id: string;
  /** Px past the bottom of the body (or past its right edge). */
  by: number;
  wide: boolean;
}

function overflowing(measures: readonly SlideMeasure[]): Overflow[] {
  return measures.flatMap((m) => (m.bottom > m.capacity + 1 || m.wide ? [{ id: m.id, by: Math.max(0, m.bottom - m.capacity), wide: m.wide }] : []));
}

const sameSlides = (a: Layout, b: Layout) =>
  a.slides.length === b.slides.length && a.slides.every((s, i) => s.id === b.slides[i]!.id && s.zoom === b.slides[i]!.zoom && JSON.stringify(s.units) === JSON.stringify(b.slides[i]!.units));

/** A layout problem, at the facts field it names (the top of the file when it names none). */
function layoutProblem(facts: LoadedFacts, field: string | undefined, message: string): Problem {
  const where = field ? facts.locate(parseFieldPath(field)) : { line: 0, column: 0 };
  return { severity: 'error', file: facts.file, ...where, field: field ?? '', message };
}

/** Slides whose content runs past their body after layout: the build fails, naming what they show. */
function overflowError(facts: LoadedFacts, deck: Deck, over: readonly Overflow[]): InvalidFactsError {
  const problems = over.map((o) => {
    const slide = deck.slides.find((s) => s.id === o.id);
    const shows = slide && slide.fields.length > 0 ? ` (it shows ${slide.fields.join(', ')})` : '';
    return layoutProblem(
      facts,
      slide?.fields[slide.fields.length - 1],
      `slide "${slide?.title ?? o.id}" (#${o.id}) ${o.wide ? 'is wider than the slide' : `runs ${Math.ceil(o.by)}px past the bottom`} ` +
        `and cannot be laid out to fit${shows}: shorten these texts, or split one into two entries`,
    );
  });
  return new InvalidFactsError(facts.file, problems);
}

/** Handout pages whose speaker notes do not fit below the slide even in the smallest type. */
function crowdedError(facts: LoadedFacts, deck: Deck, pages: readonly HandoutCrowding[]): InvalidFactsError {
  const problems = pages.map((p) =>
    layoutProblem(
      facts,
      deck.slides.find((s) => s.id === p.id)?.notesField,
      `the speaker notes of slide "${p.title}" (#${p.id}) do not fit its handout page even in 8 pt type: shorten them, or move part of them to the notes of the next section`,
    ),
  );
  return new InvalidFactsError(facts.file, problems);
}

/** Units that cannot fit a slide of their own even at the smallest text: name the facts. */
function unfittableError(facts: LoadedFacts, units: readonly Unfittable[]): InvalidFactsError {
  const problems = units.map(({ id, unit, title, short }) =>
    layoutProblem(
      facts,
      unit.fields[unit.fields.length - 1],
      `too long for one slide: slide "${title}" (#${id}) needs about ${Math.ceil(short * 100)}% more room ` +
        `even with its text at ${Math.round(MIN_ZOOM * 100)}%. Shorten it, or split it into two entries ` +
        '(a long quote can be two quotes, or keep its key words and join them with …)',
    ),
  );
  return new InvalidFactsError(facts.file, problems);
}



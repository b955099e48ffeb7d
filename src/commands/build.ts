import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserPool } from '../browser/pool.js';
import { loadBaseline, type BaselineSpec } from '../changes/baseline.js';
import { diffFacts, type ChangeSet } from '../changes/diff.js';
import { BriefdeckError, ExitCode, InvalidFactsError, type Problem } from '../errors.js';
import { MIN_ZOOM, nextFit, noHints, type Unfittable } from '../fit/fit.js';
import { loadFacts, type LoadedFacts } from '../facts/load.js';
import { deckAssets, manifestOf, writeAssets } from '../html/assets.js';
import { renderHtml } from '../html/render.js';
import { toMarkdown } from '../markdown/serialize.js';
import { composeSlides, type FitHints } from '../model/compose.js';
import type { Deck } from '../model/deck.js';
import { StagedFile } from '../output/atomic.js';
import { fingerprint, isUpToDate, writeState } from '../output/build-state.js';
import { lockBuildFolder } from '../output/lock.js';
import { VERSION } from '../package-root.js';
import { brandPage, recordedTheme, resolveTheme, themeChoice, themeSetting, type ResolvedTheme } from '../theme/theme.js';
import { exportPdf, type SlideOverflow } from '../pdf/export.js';
import { printHandout, type HandoutCrowding } from '../pdf/handout.js';
import { finishPdf, type OutlineItem, type PdfInfo, pdfMeta } from '../pdf/metadata.js';

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
  /** Told when the build moves from Markdown and HTML to the PDF export. */
  onPhase?: (phase: 'exporting') => void;
}

export interface BuildResult {
  name: string;
  outDir: string;
  deck: Deck;
  facts: LoadedFacts;
  files: { markdown: string; html: string; pdf?: string; handout?: string; snapshot: string };
  changes?: ChangeSet;
  overflow: SlideOverflow[];
  /** What fitting did, one line per slide or section ("split", "text at 90%"). */
  fitted: string[];
  /** Handout pages whose speaker notes were cut short to fit the page. */
  handoutCrowded: HandoutCrowding[];
  blocked: string[];
  ms: number;
}

/** The build folder of a deck. */
export function outDirOf(deckDir: string, outRoot: string): string {
  return path.resolve(outRoot, path.basename(path.resolve(deckDir)));
}

/** Everything a deck is made of before anything touches the build folder. Pure. */
export function renderDeck(
  facts: LoadedFacts,
  name: string,
  changes?: ChangeSet,
  fit?: FitHints,
  theme?: ResolvedTheme,
): { deck: Deck; markdown: string; html: string } {
  const deck = composeSlides(facts.facts, { changes, fit });
  const markdown = toMarkdown(deck, `${name}/facts.yaml`);
  const brand = brandPage(theme);
  const html = renderHtml(deck, { generator: `briefdeck ${VERSION}`, ...(brand ? { brand } : {}) });
  return { deck, markdown, html };
}

/**
 * The code that builds: the module's size and time, so a rebuilt briefdeck (not only a new
 * version number) makes decks out of date.
 */
const CODE_STAMP = stat(fileURLToPath(import.meta.url)).then(
  (s) => `${s.size}:${s.mtimeMs}`,
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
  let { deck, markdown, html } = renderDeck(facts, name, changes, undefined, theme);

  const outDir = outDirOf(deckDir, options.outRoot);
  await mkdir(outDir, { recursive: true });
  // One build at a time writes a deck's folder; another waits for it (released on return or throw).
  await using _folder = await lockBuildFolder(outDir);
  const assetManifest = await writeAssets(outDir, await deckAssets(theme));

  const files = {
    markdown: path.join(outDir, 'slides.md'),
    html: path.join(outDir, 'index.html'),
    snapshot: path.join(outDir, 'facts.json'),
    pdf: options.pool ? path.join(outDir, `${name}.pdf`) : undefined,
    handout: options.pool && options.handout ? path.join(outDir, `${name}-handout.pdf`) : undefined,
  };
  const staged = [new StagedFile(files.markdown), new StagedFile(files.html, '.html'), new StagedFile(files.snapshot)];
  const [stagedMarkdown, stagedHtml, stagedSnapshot] = staged as [StagedFile, StagedFile, StagedFile];
  let overflow: SlideOverflow[] = [];
  // What fitting did, by slide title: a later round's word on the same slide replaces an earlier one.
  const fitting = new Map<string, string>();
  let blocked: string[] = [];
  let handoutCrowded: HandoutCrowding[] = [];
  try {
    await stagedMarkdown.write(markdown);
    await stagedHtml.write(html);
    await stagedSnapshot.write(JSON.stringify(facts.facts, null, 2) + '\n');
    if (options.pool && files.pdf) {
      options.onPhase?.('exporting');
      // Print, measure every slide, and where text runs off, compose again with what was
      // learned (finer splits, smaller text within a floor) until everything fits.
      let hints = noHints();
      let result = await printDeck(options.pool, stagedHtml.temp, name, deck.slides.length);
      for (let round = 1; result.overflow.length > 0 && round <= FIT_ROUNDS; round++) {
        const step = nextFit(deck, result.overflow, hints);
        if (step.unfittable.length > 0) throw unfittableError(facts, step.unfittable);
        if (step.actions.length === 0) break;
        for (const action of step.actions) fitting.set(action.slice(0, action.indexOf(': ')), action);
        hints = step.hints;
        ({ deck, markdown, html } = renderDeck(facts, name, changes, hints, theme));
        await stagedMarkdown.write(markdown);
        await stagedHtml.write(html);
        result = await printDeck(options.pool, stagedHtml.temp, name, deck.slides.length);
      }
      overflow = result.overflow;
      blocked = result.blocked;
      const stagedPdf = new StagedFile(files.pdf);
      staged.push(stagedPdf);
      const meta = pdfMeta(deck, facts.facts);
      await stagedPdf.write(await finishPdf(result.pdf, meta.info, meta.outline, deck.slides.length));
      if (files.handout) {
        const handout = await printHandout(options.pool, { outDir, name, deck, facts: facts.facts, deckHtml: html });
        handoutCrowded = handout.crowded;
        blocked = [...blocked, ...handout.blocked];
        const stagedHandout = new StagedFile(files.handout);
        staged.push(stagedHandout);
        await stagedHandout.write(handout.pdf);
      }
    }
    for (const file of staged) await file.commit();
  } finally {
    await Promise.all(staged.map((f) => f.discard()));
  }
  const settings = await settingsOf(options, theme, sha, assetManifest);
  const inputs = [...facts.inputs, ...theme.inputs];
  await writeState(outDir, {
    fingerprint: await fingerprint(inputs, settings),
    inputs,
    settings,
    pdf: files.pdf !== undefined,
    outputs: staged.map((f) => path.relative(outDir, f.target)),
    ...(spec ? { baseline: spec } : {}),
  });
  const fitted = [...fitting.values()];
  return { name, outDir, deck, facts, files, changes, overflow, fitted, handoutCrowded, blocked, ms: performance.now() - started };
}

/** Rounds of measure-and-recompose before giving up on a deck whose text runs off. */
const FIT_ROUNDS = 4;

/** Slides that cannot fit even split to single items at the smallest text: name the facts. */
function unfittableError(facts: LoadedFacts, slides: Unfittable[]): InvalidFactsError {
  const problems: Problem[] = slides.map(({ slide, short }) => {
    const field = slide.fields?.[slide.fields.length - 1];
    const where = field ? facts.locate(parsePath(field)) : { line: 0, column: 0 };
    return {
      severity: 'error',
      file: facts.file,
      ...where,
      field: field ?? '',
      message:
        `too long for one slide: slide "${slide.title}" (#${slide.id}) needs about ${Math.ceil(short * 100)}% more room ` +
        `even with its text at ${Math.round(MIN_ZOOM * 100)}%. Shorten it, or split it into two entries ` +
        '(a long quote can be two quotes, or keep its key words and join them with …)',
    };
  });
  return new InvalidFactsError(facts.file, problems);
}

/** "actors[0].quotes[2].text" → ['actors', 0, 'quotes', 2, 'text']. */
function parsePath(field: string): (string | number)[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/**
 * Prints a built deck page to PDF, turning browser faults into an error that names the deck;
 * with `meta`, sets the PDF's document information and outline.
 */
export async function printDeck(
  pool: BrowserPool,
  htmlFile: string,
  name: string,
  slides: number,
  meta?: { info: PdfInfo; outline: OutlineItem[] },
) {
  const result = await exportPdf(pool, htmlFile).catch((err: unknown) => {
    if (err instanceof BriefdeckError) throw err;
    throw new BriefdeckError(
      `${name}: PDF export failed: ${err instanceof Error ? err.message : String(err)}. ` +
        'The previous build was kept. Try again; if it recurs, raise --timeout or check the browser.',
      ExitCode.environment,
    );
  });
  if (result.pages !== slides) {
    throw new Error(`${name}: print view laid out ${result.pages} pages for ${slides} slides`);
  }
  if (meta) result.pdf = await finishPdf(result.pdf, meta.info, meta.outline, slides);
  return result;
}

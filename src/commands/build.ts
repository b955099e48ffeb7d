import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserPool } from '../browser/pool.js';
import { BriefdeckError, ExitCode } from '../errors.js';
import { loadFacts, type LoadedFacts } from '../facts/load.js';
import { deckAssets, writeAssets } from '../html/assets.js';
import { renderHtml } from '../html/render.js';
import { toMarkdown } from '../markdown/serialize.js';
import { composeSlides } from '../model/compose.js';
import type { Deck } from '../model/deck.js';
import { StagedFile } from '../output/atomic.js';
import { exportPdf, type SlideOverflow } from '../pdf/export.js';
import { VERSION } from '../package-root.js';

export interface BuildOptions {
  /** Folder that receives one sub-folder per deck. */
  outRoot: string;
  /** The shared browser; omit to build HTML and Markdown only. */
  pool?: BrowserPool;
  theme?: string;
  /** Told when the build moves from Markdown and HTML to the PDF export. */
  onPhase?: (phase: 'exporting') => void;
}

export interface BuildResult {
  name: string;
  outDir: string;
  deck: Deck;
  facts: LoadedFacts;
  files: { markdown: string; html: string; pdf?: string };
  overflow: SlideOverflow[];
  blocked: string[];
  ms: number;
}

/** Everything a deck is made of before anything touches the build folder. Pure. */
export function renderDeck(facts: LoadedFacts, name: string): { deck: Deck; markdown: string; html: string } {
  const deck = composeSlides(facts.facts);
  const markdown = toMarkdown(deck, `${name}/facts.yaml`);
  const html = renderHtml(deck, { generator: `briefdeck ${VERSION}` });
  return { deck, markdown, html };
}

/**
 * Builds one deck: facts → slides.md, index.html (+ assets) and, with a browser, the PDF.
 * Invalid facts throw before anything is written. The three outputs are staged beside their
 * targets and renamed into place only when all of them succeeded, so a failure at any step
 * leaves the previous build as it was.
 */
export async function buildDeck(deckDir: string, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const facts = await loadFacts(deckDir);
  const name = path.basename(facts.deckDir);
  const { deck, markdown, html } = renderDeck(facts, name);

  const outDir = path.resolve(options.outRoot, name);
  await mkdir(outDir, { recursive: true });
  await writeAssets(outDir, await deckAssets(options.theme));

  const files = {
    markdown: path.join(outDir, 'slides.md'),
    html: path.join(outDir, 'index.html'),
    pdf: options.pool ? path.join(outDir, `${name}.pdf`) : undefined,
  };
  const staged = [new StagedFile(files.markdown), new StagedFile(files.html, '.html')];
  const [stagedMarkdown, stagedHtml] = staged as [StagedFile, StagedFile];
  let overflow: SlideOverflow[] = [];
  let blocked: string[] = [];
  try {
    await stagedMarkdown.write(markdown);
    await stagedHtml.write(html);
    if (options.pool && files.pdf) {
      options.onPhase?.('exporting');
      const result = await exportPdf(options.pool, stagedHtml.temp).catch((err: unknown) => {
        if (err instanceof BriefdeckError) throw err;
        throw new BriefdeckError(
          `PDF export failed: ${err instanceof Error ? err.message : String(err)}. ` +
            'The previous build was kept. Try again; if it recurs, raise --timeout or check the browser.',
          ExitCode.environment,
        );
      });
      if (result.pages !== deck.slides.length) {
        throw new Error(`${name}: print view laid out ${result.pages} pages for ${deck.slides.length} slides`);
      }
      overflow = result.overflow;
      blocked = result.blocked;
      const stagedPdf = new StagedFile(files.pdf);
      staged.push(stagedPdf);
      await stagedPdf.write(result.pdf);
    }
    for (const file of staged) await file.commit();
  } finally {
    await Promise.all(staged.map((f) => f.discard()));
  }
  return { name, outDir, deck, facts, files, overflow, blocked, ms: performance.now() - started };
}

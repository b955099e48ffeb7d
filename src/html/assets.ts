import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Asset } from '../asset.js';
import { StagedFile } from '../output/atomic.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { builtinTheme, themeAssets, type ResolvedTheme } from '../theme/theme.js';
import { DECK_SCRIPT } from './runtime.js';

const require = createRequire(import.meta.url);
export const THEMES_DIR = path.join(PACKAGE_ROOT, 'themes');

export type { Asset };

/**
 * Everything the deck page loads, so the build folder works offline and from file://: the
 * theme (a built-in name, or a resolved theme with its brand) brings its stylesheet and fonts.
 */
export async function deckAssets(theme: string | ResolvedTheme = 'briefing'): Promise<Asset[]> {
  const revealDir = path.dirname(require.resolve('reveal.js'));
  const assets: Asset[] = [
    { to: 'assets/reveal/reveal.css', from: path.join(revealDir, 'reveal.css') },
    { to: 'assets/reveal/reveal.js', from: path.join(revealDir, 'reveal.js') },
    { to: 'assets/reveal/plugin/notes.js', from: require.resolve('reveal.js/plugin/notes') },
    { to: 'assets/visuals.css', from: path.join(THEMES_DIR, 'visuals.css') },
    { to: 'assets/deck.js', content: DECK_SCRIPT },
  ];
  return [...assets, ...(await themeAssets(typeof theme === 'string' ? await builtinTheme(theme) : theme))];
}

export async function themeFile(theme = 'briefing'): Promise<string> {
  const file = path.join(THEMES_DIR, theme, 'theme.css');
  try {
    await readFile(file);
  } catch {
    const known = (await readdir(THEMES_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    throw new Error(`theme "${theme}" not found: choose one of ${known.join(', ')}`);
  }
  return file;
}

/** Records which assets a deck folder holds, so an unchanged set is not read and compared again. */
const MANIFEST = 'assets/.manifest.json';

/** The file that names the set of assets deck folder `outDir` holds. */
export const assetsManifest = (outDir: string) => path.join(outDir, MANIFEST);

/** Identifies an asset set by each source file's size and modification time, or its content. */
export async function manifestOf(assets: readonly Asset[]): Promise<string> {
  const hash = createHash('sha256');
  // Stated all at once: one after another, the few dozen round trips added up.
  const infos = await Promise.all(assets.map((a) => (a.content === undefined ? stat(a.from!) : undefined)));
  assets.forEach((a, i) => {
    const info = infos[i];
    if (info === undefined) hash.update(`${a.to}\0content\0${a.content}\0`);
    else hash.update(`${a.to}\0${a.from}\0${info.size}\0${info.mtimeMs}\0`);
  });
  return JSON.stringify({ files: assets.map((a) => a.to), sha256: hash.digest('hex') });
}

/**
 * Stages the assets that differ from what `outDir` holds, to be committed with the deck's
 * other outputs (so a failed build leaves the previous assets too). When the folder already
 * holds exactly this set (same manifest, every file present), nothing is read or staged.
 * `created` lists the folders made for them, for a failed first build to remove.
 */
export async function stageAssets(outDir: string, assets: readonly Asset[]): Promise<{ manifest: string; staged: StagedFile[]; created: string[] }> {
  const manifest = await manifestOf(assets);
  const manifestPath = path.join(outDir, MANIFEST);
  const current = await readFile(manifestPath, 'utf8').catch(() => undefined);
  if (current === manifest) {
    const present = await Promise.all(assets.map((a) => stat(path.join(outDir, a.to)).then(() => true, () => false)));
    if (present.every(Boolean)) return { manifest, staged: [], created: [] };
  }
  const dirs = [...new Set([manifestPath, ...assets.map((a) => path.join(outDir, a.to))].map((f) => path.dirname(f)))].sort();
  const created: string[] = [];
  for (const d of dirs) {
    const first = await mkdir(d, { recursive: true });
    if (first) created.push(...dirs.filter((x) => x === first || x.startsWith(first + path.sep)));
  }
  const staged = await Promise.all(
    assets.map(async (a) => {
      const target = path.join(outDir, a.to);
      const data = a.content !== undefined ? Buffer.from(a.content) : await readFile(a.from!);
      const existing = await readFile(target).catch(() => undefined);
      if (existing && existing.equals(data)) return undefined;
      return new StagedFile(target).write(data);
    }),
  );
  const stagedManifest = await new StagedFile(manifestPath).write(manifest);
  return { manifest, staged: [...staged.filter((f) => f !== undefined), stagedManifest], created: [...new Set(created)] };
}

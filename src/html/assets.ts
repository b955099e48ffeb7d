import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../output/atomic.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { DECK_SCRIPT } from './runtime.js';

const require = createRequire(import.meta.url);
export const THEMES_DIR = path.join(PACKAGE_ROOT, 'themes');

/** The font weights and styles the themes use. */
const FONT_FACES = ['400', '400-italic', '600', '700'];

export interface Asset {
  /** Path inside the deck's output folder. */
  to: string;
  /** File to copy, or content to write. */
  from?: string;
  content?: string;
}

/** Everything the deck page loads, so the build folder works offline and from file://. */
export async function deckAssets(theme = 'briefing'): Promise<Asset[]> {
  const revealDir = path.dirname(require.resolve('reveal.js'));
  const assets: Asset[] = [
    { to: 'assets/reveal/reveal.css', from: path.join(revealDir, 'reveal.css') },
    { to: 'assets/reveal/reveal.js', from: path.join(revealDir, 'reveal.js') },
    { to: 'assets/reveal/plugin/notes.js', from: require.resolve('reveal.js/plugin/notes') },
    { to: 'assets/theme.css', from: await themeFile(theme) },
    { to: 'assets/visuals.css', from: path.join(THEMES_DIR, 'visuals.css') },
    { to: 'assets/deck.js', content: DECK_SCRIPT },
  ];
  return [...assets, ...(await fontAssets())];
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

/**
 * Source Sans 3 from @fontsource: one CSS file with every subset (Latin, Latin Extended,
 * Cyrillic, Greek, Vietnamese) of the weights used, and the woff2 files it names.
 */
async function fontAssets(): Promise<Asset[]> {
  const fontDir = path.dirname(require.resolve('@fontsource/source-sans-3/package.json'));
  const css: string[] = [];
  const files = new Set<string>();
  for (const face of FONT_FACES) {
    const text = await readFile(path.join(fontDir, `${face}.css`), 'utf8');
    // Keep woff2 only: every browser that runs reveal.js reads it.
    css.push(
      text.replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(?:, url\([^)]+\) format\('woff'\))?/g, (_m, f: string) => {
        files.add(f);
        return `src: url(./files/${f}) format('woff2')`;
      }),
    );
  }
  return [
    { to: 'assets/fonts/fonts.css', content: css.join('\n') },
    ...[...files].sort().map((f) => ({ to: `assets/fonts/files/${f}`, from: path.join(fontDir, 'files', f) })),
  ];
}

/** Records which assets a deck folder holds, so an unchanged set is not read and compared again. */
const MANIFEST = 'assets/.manifest.json';

/** Identifies an asset set by each source file's size and modification time, or its content. */
export async function manifestOf(assets: readonly Asset[]): Promise<string> {
  const hash = createHash('sha256');
  for (const a of assets) {
    if (a.content !== undefined) {
      hash.update(`${a.to}\0content\0${a.content}\0`);
    } else {
      const info = await stat(a.from!);
      hash.update(`${a.to}\0${a.from}\0${info.size}\0${info.mtimeMs}\0`);
    }
  }
  return JSON.stringify({ files: assets.map((a) => a.to), sha256: hash.digest('hex') });
}

/**
 * Writes the assets into `outDir`, each atomically. When the folder already holds exactly this
 * set (same manifest, every file present), nothing is read or written.
 */
export async function writeAssets(outDir: string, assets: readonly Asset[]): Promise<void> {
  const manifest = await manifestOf(assets);
  const manifestPath = path.join(outDir, MANIFEST);
  const current = await readFile(manifestPath, 'utf8').catch(() => undefined);
  if (current === manifest) {
    const present = await Promise.all(assets.map((a) => stat(path.join(outDir, a.to)).then(() => true, () => false)));
    if (present.every(Boolean)) return;
  }
  const dirs = new Set(assets.map((a) => path.dirname(path.join(outDir, a.to))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  await Promise.all(
    assets.map(async (a) => {
      const target = path.join(outDir, a.to);
      const data = a.content !== undefined ? Buffer.from(a.content) : await readFile(a.from!);
      const existing = await readFile(target).catch(() => undefined);
      if (existing && existing.equals(data)) return;
      await writeFileAtomic(target, data);
    }),
  );
  await writeFileAtomic(manifestPath, manifest);
}

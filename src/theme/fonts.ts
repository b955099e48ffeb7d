import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Asset } from '../asset.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { fontFaces, intersect, merge, woff2Ranges, type Ranges } from './coverage.js';

const require = createRequire(import.meta.url);

/**
 * Font families shipped with briefdeck (npm @fontsource packages), copied into every deck so
 * HTML and PDF look the same on any machine, offline. Each has Latin, Latin Extended,
 * Cyrillic and Greek, so names such as Ølvir, Şebnem, Jérôme or Юлия stay in one family;
 * Arabic script is drawn by Noto Sans Arabic, shipped beside them (see arabicFaces).
 */
export const SHIPPED_FONTS: Readonly<Record<string, string>> = {
  'Source Sans 3': '@fontsource/source-sans-3',
  'Source Serif 4': '@fontsource/source-serif-4',
};

export const DEFAULT_FONT = 'Source Sans 3';

/** Fallbacks after the deck's family: for glyphs it lacks, and while a brand font loads. */
export const FONT_FALLBACKS = `'${DEFAULT_FONT}', 'Noto Sans', 'DejaVu Sans', sans-serif`;

/** The CSS font stack for a family: the family, then the fallbacks. */
export function fontStack(family: string): string {
  return family === DEFAULT_FONT ? FONT_FALLBACKS : `'${family}', ${FONT_FALLBACKS}`;
}

/** The font weights and styles the themes use. */
const FONT_FACES = ['400', '400-italic', '600', '700'];

/** The shipped family named `name`, compared without regard to case; undefined if none. */
export function shippedFamily(name: string): string | undefined {
  return Object.keys(SHIPPED_FONTS).find((f) => f.toLowerCase() === name.trim().toLowerCase());
}

/**
 * A shipped family's @font-face rules, every subset (Latin, Latin Extended, Cyrillic, Greek,
 * Vietnamese) of the weights used, in assets/fonts/fonts.css, and the woff2 files they name.
 */
export async function fontAssets(families: readonly string[] = [DEFAULT_FONT]): Promise<Asset[]> {
  const css: string[] = [];
  const files: Asset[] = [];
  for (const family of [...new Set(families)]) {
    const pkg = SHIPPED_FONTS[family];
    if (!pkg) throw new Error(`font "${family}" is not shipped with briefdeck`);
    const fontDir = path.dirname(require.resolve(`${pkg}/package.json`));
    const names = new Set<string>();
    for (const face of FONT_FACES) {
      const text = await readFile(path.join(fontDir, `${face}.css`), 'utf8');
      // Keep woff2 only: every browser that runs reveal.js reads it.
      css.push(
        text.replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(?:, url\([^)]+\) format\('woff'\))?/g, (_m, f: string) => {
          names.add(f);
          return `src: url(./files/${f}) format('woff2')`;
        }),
      );
    }
    files.push(...[...names].sort().map((f) => ({ to: `assets/fonts/files/${f}`, from: path.join(fontDir, 'files', f) })));
  }
  const arabic = await arabicFaces();
  // First, so that where the Arabic subset's range overlaps the Latin one (hyphens, joiners) the
  // family's own faces, defined later, win: the browser checks overlapping faces last to first.
  return [{ to: 'assets/fonts/fonts.css', content: [...arabic.css, ...css].join('\n') }, ...files, ...arabic.files];
}

/** The package of the Arabic font, and the weights shipped: 600 is drawn with the 700 face. */
const ARABIC_PACKAGE = '@fontsource/noto-sans-arabic';
const ARABIC_WEIGHTS = ['400', '700'];

/**
 * The Arabic subset of Noto Sans Arabic, declared as part of the default family so that every
 * font stack (built-in themes, brand families and brand files, which fall back to it) draws
 * Arabic script with it. Its unicode-range means a browser fetches it, and a PDF embeds it, only
 * when a slide has Arabic text. Arabic has no italic: the upright face serves emphasis too,
 * rather than a slanted imitation.
 */
async function arabicFaces(): Promise<{ css: string[]; files: Asset[] }> {
  const fontDir = path.dirname(require.resolve(`${ARABIC_PACKAGE}/package.json`));
  const css: string[] = [];
  const files: Asset[] = [];
  for (const weight of ARABIC_WEIGHTS) {
    const text = await readFile(path.join(fontDir, `${weight}.css`), 'utf8');
    const face = /@font-face\s*{[^}]*noto-sans-arabic-arabic-[^}]*}/.exec(text)?.[0];
    if (!face) throw new Error(`${ARABIC_PACKAGE}/${weight}.css has no Arabic subset`);
    const file = `noto-sans-arabic-arabic-${weight}-normal.woff2`;
    const rule = face
      .replace(/font-family: '[^']+'/, `font-family: '${DEFAULT_FONT}'`)
      .replace(/src: [^;]+;/, `src: url(./files/${file}) format('woff2');`);
    css.push(`/* ${file} */\n${rule}`, rule.replace('font-style: normal', 'font-style: italic'));
    files.push({ to: `assets/fonts/files/${file}`, from: path.join(fontDir, 'files', file) });
  }
  return { css, files };
}

/**
 * The characters each shipped font file draws, worked out when briefdeck is compiled (reading
 * the character map of a font means decompressing it, which a build would otherwise do for
 * every face on every start): file name → its size and code point ranges.
 */
export const SHIPPED_COVERAGE_FILE = path.join(PACKAGE_ROOT, 'dist', 'font-coverage.json');
type CoverageTable = Record<string, { size: number; ranges: Ranges }>;
let shippedCoverage: Promise<CoverageTable> | undefined;

/** The table for `SHIPPED_COVERAGE_FILE`: every file the shipped families' fonts.css names. */
export async function shippedCoverageTable(): Promise<CoverageTable> {
  const table: CoverageTable = {};
  for (const asset of await fontAssets(Object.keys(SHIPPED_FONTS))) {
    if (!asset.from?.endsWith('.woff2')) continue;
    const bytes = await readFile(asset.from);
    const ranges = woff2Ranges(bytes);
    if (ranges) table[path.basename(asset.from)] = { size: bytes.length, ranges };
  }
  return table;
}

/** Character maps of font files, read once per process: the shipped files do not change. */
const CMAPS = new Map<string, Promise<Ranges | undefined>>();
function cmapOf(file: string): Promise<Ranges | undefined> {
  let cmap = CMAPS.get(file);
  if (!cmap) {
    cmap = (async () => {
      shippedCoverage ??= readFile(SHIPPED_COVERAGE_FILE, 'utf8').then((text) => JSON.parse(text) as CoverageTable, () => ({}));
      const known = (await shippedCoverage)[path.basename(file)];
      // The size tells a font file updated since the table was made: that one is read.
      if (known && (await stat(file).catch(() => undefined))?.size === known.size) return known.ranges;
      return readFile(file).then(woff2Ranges, () => undefined);
    })();
    CMAPS.set(file, cmap);
  }
  return cmap;
}

/**
 * The characters a deck's fonts can draw: for each shipped face in its fonts.css, its
 * unicode-range where its file has a glyph (the whole range if the file cannot be read), and
 * the character map of a brand's own font file.
 */
export async function fontRanges(assets: readonly Asset[]): Promise<Ranges> {
  const css = assets.find((a) => a.to === 'assets/fonts/fonts.css')?.content ?? '';
  const files = new Map(assets.map((a) => [a.to, a.from]));
  const parts = await Promise.all(
    fontFaces(css).map(async (face) => {
      const file = files.get(path.posix.join('assets/fonts', face.file));
      const cmap = file ? await cmapOf(file) : undefined;
      return cmap ? intersect(face.ranges, cmap) : face.ranges;
    }),
  );
  const brand = files.get('assets/brand/font.woff2');
  // Read afresh: a brand's font can change while `serve` runs.
  const own = brand ? (woff2Ranges(await readFile(brand)) ?? []) : [];
  return merge([...parts.flat(), ...own]);
}

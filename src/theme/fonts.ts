import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Asset } from '../asset.js';

const require = createRequire(import.meta.url);

/**
 * Font families shipped with briefdeck (npm @fontsource packages), copied into every deck so
 * HTML and PDF look the same on any machine, offline. Each has Latin, Latin Extended,
 * Cyrillic and Greek, so names such as Ølvir, Şebnem, Jérôme or Юлия stay in one family.
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
  return [{ to: 'assets/fonts/fonts.css', content: css.join('\n') }, ...files];
}

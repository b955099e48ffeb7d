import { distance } from 'fastest-levenshtein';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidFactsError, UsageError, type Problem } from '../errors.js';
import type { Asset } from '../asset.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { BRAND_COLOURS, BrandPathError, brandCss, loadBrand, locateInYaml, type Brand, type ColourName, type Palette } from './brand.js';
import { DEFAULT_FONT, fontAssets } from './fonts.js';

export const THEMES_DIR = path.join(PACKAGE_ROOT, 'themes');
/** The layout every theme shares; a theme's own file sets colours only. */
export const BASE_CSS = path.join(THEMES_DIR, 'base.css');
export const DEFAULT_THEME = 'briefing';

/** A built-in theme by name; throws when there is none. */
export async function builtinTheme(name: string): Promise<ResolvedTheme> {
  const known = await builtinThemes();
  if (!known.includes(name)) throw new UsageError(`no theme "${name}": use one of ${known.join(', ')}`);
  return { choice: { spec: name, from: 'cli' }, base: name, inputs: [themeCssFile(name), BASE_CSS] };
}

/** Which theme a deck asked for, and where it was asked: `--theme` wins over the facts' meta.theme. */
export interface ThemeChoice {
  spec: string;
  from: 'cli' | 'facts' | 'default';
}

export interface ResolvedTheme {
  choice: ThemeChoice;
  /** The built-in theme whose colours and layout the deck uses (a brand starts from one). */
  base: string;
  brand?: Brand;
  /** Every file whose content shapes the deck's look: stylesheets, brand file, logo, font. */
  inputs: string[];
}

/** The theme a deck uses: the command line's, else the facts', else the default. */
export function themeChoice(cli: string | undefined, factsTheme: string | undefined): ThemeChoice {
  if (cli !== undefined) return { spec: cli, from: 'cli' };
  if (factsTheme !== undefined) return { spec: factsTheme, from: 'facts' };
  return { spec: DEFAULT_THEME, from: 'default' };
}

/** The names of the built-in themes: folders of themes/ with a theme.css. */
export async function builtinThemes(): Promise<string[]> {
  const dirs = await readdir(THEMES_DIR, { withFileTypes: true });
  const names = await Promise.all(
    dirs
      .filter((d) => d.isDirectory())
      .map(async (d) => ((await stat(path.join(THEMES_DIR, d.name, 'theme.css')).catch(() => undefined))?.isFile() ? d.name : undefined)),
  );
  return names.filter((n): n is string => n !== undefined).sort();
}

export function themeCssFile(name: string): string {
  return path.join(THEMES_DIR, name, 'theme.css');
}

/** A brand file is named by a path (with a folder, or ending in .yaml/.yml); anything else is a theme name. */
export function isBrandPath(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.ya?ml$/i.test(spec);
}

/**
 * Resolves a deck's theme. A name must be a built-in theme; a path is a brand file, relative
 * to the working directory when given on the command line (its logo and font confined to its
 * own folder) or to the deck folder when named by the facts (confined to the deck folder).
 * Problems in the facts' meta.theme are located in the facts file; problems in a brand file,
 * in the brand file. `factsFile` is the facts file as shown in messages.
 */
export async function resolveTheme(choice: ThemeChoice, deckDir: string, factsFile?: string): Promise<ResolvedTheme> {
  const fail = async (message: string): Promise<never> => {
    if (choice.from !== 'facts' || !factsFile) throw new UsageError(`--theme ${choice.spec}: ${message}`);
    const where = await locateInYaml(path.join(deckDir, path.basename(factsFile)), ['meta', 'theme']);
    const problem: Problem = { severity: 'error', file: factsFile, ...where, field: 'meta.theme', message };
    throw new InvalidFactsError(factsFile, [problem]);
  };
  const spec = choice.spec.trim();
  if (!isBrandPath(spec)) {
    const known = await builtinThemes();
    if (!known.includes(spec)) {
      const guess = known.find((name) => distance(name, spec.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3)));
      const mean = guess ? `did you mean "${guess}"? ` : '';
      await fail(`no theme "${spec}": ${mean}use one of ${known.join(', ')}, or the path of a brand file such as brand.yaml`);
    }
    return { choice, base: spec, inputs: [themeCssFile(spec), BASE_CSS] };
  }
  // From the facts: inside the deck folder. From the command line: wherever the user says.
  const root = choice.from === 'cli' ? undefined : path.resolve(deckDir);
  const file = choice.from === 'cli' ? path.resolve(spec) : path.resolve(deckDir, spec);
  const known = await builtinThemes();
  const palettes = Object.fromEntries(await Promise.all(known.map(async (name) => [name, await themePalette(name)] as const)));
  const brand = await loadBrand(file, { root, known, palettes }).catch((err: unknown) => {
    if (err instanceof BrandPathError) return fail(err.message);
    throw err;
  });
  return { choice, base: brand.base, brand, inputs: [themeCssFile(brand.base), BASE_CSS, ...brand.inputs] };
}

/** A built-in theme's colours, read from its theme.css (`--bd-accent: #123f73;`). */
export async function themePalette(name: string): Promise<Palette> {
  const css = await readFile(themeCssFile(name), 'utf8');
  const entries = Object.entries(BRAND_COLOURS).map(([colour, variable]) => {
    const value = new RegExp(`${variable}\\s*:\\s*(#[0-9a-fA-F]{3,6})\\s*;`).exec(css)?.[1];
    if (!value) throw new Error(`themes/${name}/theme.css does not set ${variable} to a #rrggbb colour`);
    return [colour as ColourName, value.toLowerCase()] as const;
  });
  return Object.fromEntries(entries) as Palette;
}

/** The deck's theme stylesheet, fonts and, for a brand, brand.css with its logo and font. */
export async function themeAssets(theme: ResolvedTheme): Promise<Asset[]> {
  const [colours, layout] = await Promise.all([readFile(themeCssFile(theme.base), 'utf8'), readFile(BASE_CSS, 'utf8')]);
  const assets: Asset[] = [
    { to: 'assets/theme.css', content: `${colours.trimEnd()}\n\n${layout}` },
    ...(await fontAssets([DEFAULT_FONT, ...(theme.brand?.font && 'family' in theme.brand.font ? [theme.brand.font.family] : [])])),
  ];
  const brand = theme.brand;
  if (brand) {
    assets.push({ to: 'assets/brand.css', content: brandCss(brand) });
    if (brand.logo) assets.push({ to: `assets/brand/logo.${brand.logo.type}`, from: brand.logo.file });
    if (brand.font && 'file' in brand.font) assets.push({ to: 'assets/brand/font.woff2', from: brand.font.file });
  }
  return assets;
}

/** What the deck page needs to know of the theme: whether to load brand.css, and the footer. */
export function brandPage(theme: ResolvedTheme | undefined): { stylesheet: boolean; footer?: string } | undefined {
  if (!theme?.brand) return undefined;
  return { stylesheet: true, ...(theme.brand.footer ? { footer: theme.brand.footer } : {}) };
}

/** The theme as recorded in a build's settings, so an unchanged deck is recognised. */
export function themeSetting(theme: ResolvedTheme): { spec: string; from: ThemeChoice['from']; file?: string } {
  return { ...theme.choice, ...(theme.brand ? { file: theme.brand.file } : {}) };
}

/**
 * The theme a deck's last build used, re-resolved from its recorded settings, or the one
 * `--theme` asks for now; undefined when that cannot be the same theme (the last build was
 * themed from the command line and now is not) or the theme no longer resolves.
 */
export async function recordedTheme(settings: string, deckDir: string, cli: string | undefined): Promise<ResolvedTheme | undefined> {
  try {
    if (cli !== undefined) return await resolveTheme({ spec: cli, from: 'cli' }, deckDir);
    const recorded = (JSON.parse(settings) as { theme?: { spec?: unknown; from?: unknown } }).theme;
    if (typeof recorded?.spec !== 'string' || (recorded.from !== 'facts' && recorded.from !== 'default')) return undefined;
    return await resolveTheme({ spec: recorded.spec, from: recorded.from }, deckDir);
  } catch {
    return undefined;
  }
}

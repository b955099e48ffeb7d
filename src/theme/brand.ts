import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { confinedRealPath } from '../confine.js';
import { InvalidFactsError, type Problem } from '../errors.js';
import { displayPath } from '../paths.js';
import { closest, formatPath, knownKeys, type FieldPath, type Position } from '../facts/parse.js';
import { offsetOf, readYamlMap, type Locator } from '../facts/yaml.js';
import { overridableKeys } from '../labels/index.js';
import { LabelOverridesSchema, unknownLabelKeys } from '../labels/overrides.js';
import { AA_TEXT, contrast, formatRatio, luminance, parseHex } from './contrast.js';
import { FONT_FALLBACKS, fontStack, SHIPPED_FONTS, shippedFamily } from './fonts.js';

/**
 * Brand files: an organisation's colours, font, logo and footer text over a built-in theme,
 * without forking it. Validated with the care given to facts: every problem with its line,
 * column and field, "did you mean" for unknown keys, paths confined, and every colour pair
 * that carries text checked against WCAG AA.
 */

const MAX_BRAND_BYTES = 64 * 1024;
const MAX_LOGO_BYTES = 1024 * 1024;
const MAX_FONT_BYTES = 4 * 1024 * 1024;
const MAX_FOOTER = 120;

/** Brand colour names and the theme variables they set. */
export const BRAND_COLOURS = {
  background: '--bd-bg',
  text: '--bd-text',
  muted: '--bd-muted',
  accent: '--bd-accent',
  marking: '--bd-marking',
  fill: '--bd-fill',
  rule: '--bd-rule',
  upcoming: '--bd-upcoming',
} as const;
export type ColourName = keyof typeof BRAND_COLOURS;

const COLOUR_ROLES: Record<ColourName, string> = {
  background: 'the slide background',
  text: 'body text',
  muted: 'header, footer and subtitle text',
  accent: 'headings, links, citations and table headers',
  marking: 'the handling marking',
  fill: 'the background of table headers and quotes',
  rule: 'thin lines and the progress track',
  upcoming: '"upcoming" dates',
};

/** Every pair of colours where text of the first sits on the second. */
export const TEXT_PAIRS: readonly (readonly [ColourName, ColourName])[] = [
  ['text', 'background'],
  ['muted', 'background'],
  ['accent', 'background'],
  ['marking', 'background'],
  ['upcoming', 'background'],
  ['text', 'fill'],
  ['muted', 'fill'],
  ['accent', 'fill'],
];

const text = (description: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : iss.input === null ? 'is empty: write a value or remove the line' : 'must be text') })
    .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
    .describe(description);

const colour = (name: ColourName) =>
  z
    .string({
      error: (iss) =>
        iss.input === null
          ? 'is empty: write the colour in quotes, e.g. "#123f73" (an unquoted # starts a YAML comment)'
          : 'must be a colour written as "#rrggbb" or "#rgb", in quotes',
    })
    .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { message: 'must be a colour written as "#rrggbb" or "#rgb", e.g. "#123f73"' })
    .describe(`Colour of ${COLOUR_ROLES[name]} (CSS variable ${BRAND_COLOURS[name]}), as "#rrggbb".`)
    .optional();

export const BrandSchema = z
  .strictObject({
    base: text('The built-in theme the brand starts from: briefing (light, the default) or dark.').optional(),
    colours: z
      .strictObject(Object.fromEntries(Object.keys(BRAND_COLOURS).map((k) => [k, colour(k as ColourName)])) as Record<ColourName, ReturnType<typeof colour>>)
      .describe('Colours that replace the base theme\'s; every text colour must keep 4.5:1 contrast on the background and fill.')
      .optional(),
    font: text(`A shipped font family (${Object.keys(SHIPPED_FONTS).join(', ')}) or the path of a .woff2 file, relative to this file.`).optional(),
    logo: text('The path of an SVG or PNG logo, relative to this file: small in every slide header, large on the title slide.').optional(),
    footer: text('Text shown in every slide footer, e.g. the organisation\'s name.').optional(),
    labels: LabelOverridesSchema.optional(),
  })
  .describe('A briefdeck brand file.');

type BrandInput = z.infer<typeof BrandSchema>;

export type Palette = Record<ColourName, string>;

export interface Brand {
  /** Absolute path of the brand file. */
  file: string;
  base: string;
  /** Only the colours the brand sets; the rest are the base theme's. */
  colours: Partial<Palette>;
  /** The brand's colours over the base theme's: what the deck shows. */
  palette: Palette;
  font?: { family: string } | { file: string };
  logo?: { file: string; type: 'svg' | 'png'; width: number; height: number };
  footer?: string;
  /** The organisation's own wording for words the deck adds ("Key judgements"). */
  labels?: Record<string, string>;
  /** The brand file and the files it names, for rebuild decisions. */
  inputs: string[];
}

export interface BrandOptions {
  /** Folder the brand file and the files it names must stay inside; default: the brand file's folder. */
  root?: string;
  /** Built-in theme names, for `base:`. */
  known: readonly string[];
  /** Each built-in theme's colours. */
  palettes: Readonly<Record<string, Palette>>;
}

/** A brand file path that is refused before it is read (missing, outside the deck folder). */
export class BrandPathError extends Error {}

/** Reads and validates a brand file; throws InvalidFactsError with every problem found. */
export async function loadBrand(file: string, options: BrandOptions): Promise<Brand> {
  const root = options.root ?? path.dirname(file);
  const shown = displayPath(file);
  const realFile = await confine(root, file, path.relative(root, file) || path.basename(file)).catch((err: unknown) => {
    throw new BrandPathError(`brand file ${(err as Error).message}`);
  });
  const info = await stat(realFile);
  if (!info.isFile()) throw new BrandPathError(`brand file "${shown}" is not a file`);
  if (info.size > MAX_BRAND_BYTES) {
    throw new InvalidFactsError(shown, [wholeFile(shown, `is ${Math.round(info.size / 1024)} KB; a brand file is a few lines (at most ${MAX_BRAND_BYTES / 1024} KB)`)]);
  }
  const parsed = parseBrand(await readFile(realFile), shown);
  if (!parsed.value) throw new InvalidFactsError(shown, parsed.problems);
  const { value, locate } = parsed;
  // Shape problems (unknown keys, malformed values) are reported with the checks below, which
  // run on the fields that are well formed: every problem at once, not one per attempt.
  const problems: Problem[] = [...parsed.problems];
  const problem = (field: FieldPath, message: string, at: 'key' | 'value' = 'value') =>
    problems.push({ severity: 'error', file: shown, ...locate(field, at), field: formatPath(field), message });

  const base = value.base?.trim() ?? 'briefing';
  if (!options.known.includes(base)) {
    const guess = closest(base, options.known);
    problem(['base'], `no built-in theme "${base}": ${guess ? `did you mean "${guess}"?` : `use one of ${options.known.join(', ')}`}`);
  }
  const basePalette = options.palettes[base] ?? options.palettes['briefing']!;
  const colours: Partial<Palette> = {};
  for (const [name, hex] of Object.entries(value.colours ?? {})) if (hex !== undefined) colours[name as ColourName] = normaliseHex(hex);
  const palette: Palette = { ...basePalette, ...colours };
  problems.push(...contrastProblems(colours, palette, basePalette === options.palettes[base] ? base : 'briefing').map((p) => ({ ...p, file: shown, ...locate(p.path) })));

  const dir = path.dirname(realFile);
  const inputs = [realFile];
  let font: Brand['font'];
  if (value.font !== undefined) {
    const family = shippedFamily(value.font);
    if (family) font = { family };
    else if (/\.woff2$/i.test(value.font.trim())) {
      const found = await fileIn(root, dir, value.font.trim(), MAX_FONT_BYTES);
      if ('error' in found) problem(['font'], found.error);
      else if (Buffer.from(found.bytes.subarray(0, 4)).toString('latin1') !== 'wOF2') problem(['font'], `"${value.font}" is not a WOFF2 font file: convert the font to .woff2`);
      else {
        font = { file: found.file };
        inputs.push(found.file);
      }
    } else {
      const families = Object.keys(SHIPPED_FONTS);
      const guess = closest(value.font, families);
      problem(['font'], `"${value.font}" is not a shipped font: ${guess ? `did you mean "${guess}"? ` : ''}use one of ${families.join(', ')}, or the path of a .woff2 file inside the deck folder`);
    }
  }

  let logo: Brand['logo'];
  if (value.logo !== undefined) {
    const rel = value.logo.trim();
    const type = /\.svg$/i.test(rel) ? 'svg' : /\.png$/i.test(rel) ? 'png' : undefined;
    if (!type) problem(['logo'], `"${rel}" is not an SVG or PNG image: give a .svg or .png file`);
    else {
      const found = await fileIn(root, dir, rel, MAX_LOGO_BYTES);
      if ('error' in found) problem(['logo'], found.error);
      else {
        const size = type === 'png' ? pngSize(found.bytes) : await svgSize(found.bytes);
        if ('error' in size) problem(['logo'], `"${rel}": ${size.error}`);
        else {
          logo = { file: found.file, type, ...size };
          inputs.push(found.file);
        }
      }
    }
  }

  const footer = value.footer?.trim();
  if (footer !== undefined && /[\r\n]/.test(footer)) problem(['footer'], 'must be one line: the footer has room for a single line');
  else if (footer !== undefined && footer.length > MAX_FOOTER) problem(['footer'], `is ${footer.length} characters; the footer has room for ${MAX_FOOTER}`);

  for (const key of unknownLabelKeys(value.labels ?? {})) {
    const guess = closest(key, overridableKeys());
    problem(['labels', key], `no word of the deck has the key "${key}": ${guess ? `did you mean "${guess}"?` : 'see the keys in the JSON Schema'}`);
  }

  if (problems.length > 0) throw new InvalidFactsError(shown, problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return { file: realFile, base, colours, palette, ...(font ? { font } : {}), ...(logo ? { logo } : {}), ...(footer ? { footer } : {}), ...(value.labels ? { labels: value.labels } : {}), inputs };
}

/** Colour pairs that carry text and fall short of WCAG AA, each named by the field to change. */
export function contrastProblems(
  colours: Partial<Palette>,
  palette: Palette,
  baseName: string,
): (Omit<Problem, 'file' | 'line' | 'column'> & { path: FieldPath })[] {
  const out: (Omit<Problem, 'file' | 'line' | 'column'> & { path: FieldPath })[] = [];
  for (const [fg, bg] of TEXT_PAIRS) {
    if (colours[fg] === undefined && colours[bg] === undefined) continue;
    const ratio = contrast(parseHex(palette[fg])!, parseHex(palette[bg])!);
    if (ratio >= AA_TEXT) continue;
    const towards = luminance(parseHex(palette[bg])!) > 0.18 ? 'darker' : 'lighter';
    const field = colours[fg] !== undefined ? fg : bg;
    const bgWord = bg === 'background' ? 'the background' : 'the fill (table headers, quotes)';
    const message =
      field === fg
        ? `${palette[fg]} on ${bgWord} ${palette[bg]} has a contrast of ${formatRatio(ratio)}; WCAG AA needs ${AA_TEXT}:1 for ${COLOUR_ROLES[fg]}: choose a ${towards} ${fg} colour` +
          // The brand changed the other surface but left this one: it may be this one that is off.
          (colours[bg] === undefined && (colours.background ?? colours.fill) !== undefined ? `, or set colours.${bg} (the ${baseName} theme's) to match` : '')
        : `the ${baseName} theme's ${fg} colour ${palette[fg]} on this ${bg} ${palette[bg]} has a contrast of ${formatRatio(ratio)}; WCAG AA needs ${AA_TEXT}:1: set colours.${fg} to a ${towards} colour too, or change the ${bg}`;
    out.push({ severity: 'error', field: formatPath(['colours', field]), message, path: ['colours', field] });
  }
  return out;
}

function normaliseHex(hex: string): string {
  const rgb = parseHex(hex)!;
  return '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');
}

/** brand.css: the brand's colour variables and font over the theme, and its logo. */
export function brandCss(brand: Brand): string {
  const vars = (Object.keys(brand.colours) as ColourName[]).map((name) => `  ${BRAND_COLOURS[name]}: ${brand.colours[name]};`);
  const rules: string[] = [];
  if (brand.font && 'family' in brand.font) vars.push(`  --bd-font: ${fontStack(brand.font.family)};`);
  if (brand.font && 'file' in brand.font) {
    vars.push(`  --bd-font: 'Brand Font', ${FONT_FALLBACKS};`);
    rules.push(
      `@font-face { font-family: 'Brand Font'; src: url(brand/font.woff2) format('woff2'); font-weight: 400; font-style: normal; font-display: block; }`,
    );
  }
  if (brand.logo) {
    const ratio = brand.logo.width / brand.logo.height;
    const url = `url(brand/logo.${brand.logo.type})`;
    // Small: 24px tall, in the header's 18px line without making it taller (negative margins).
    const small = Math.min(Math.round(24 * ratio), 160);
    // Large: up to 96px tall above the title, at most 480px wide.
    const large = Math.min(Math.round(96 * ratio), 480);
    rules.push(
      `.bd-kicker::before { content: ''; display: inline-block; vertical-align: top; width: ${small}px; height: 24px; margin: -3px 12px -3px 0; background: ${url} left center / contain no-repeat; }`,
      `.bd-title .bd-kicker::before { display: none; }`,
      `.bd-title .bd-body::before { content: ''; display: block; flex: none; width: ${large}px; height: 96px; margin-bottom: 28px; background: ${url} left center / contain no-repeat; }`,
    );
  }
  return [
    '/* briefdeck brand: written from the deck\'s brand file at build time; edit that file, not this one. */',
    `:root {\n${vars.join('\n')}\n}`,
    ...rules,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// YAML with positions

function wholeFile(file: string, message: string): Problem {
  return { severity: 'error', file, line: 0, column: 0, field: '', message };
}

/** Parses brand-file bytes: YAML (no duplicate keys, few aliases) checked against the schema. */
export function parseBrand(bytes: Uint8Array, file: string): { value?: BrandInput; problems: Problem[]; locate: Locator } {
  const read = readYamlMap(bytes, file, {
    what: 'brand file',
    content: 'the brand file',
    emptyHint: 'see "Themes and branding" in the README for an example',
    maxAliases: 20,
    mapOf: 'fields (colours:, font:, logo:, footer:)',
    valuesAre: 'the values',
  });
  const { problems, locate } = read;
  if (!read.value) return { problems, locate };
  const value = read.value;
  const result = BrandSchema.safeParse(value);
  if (result.success) return { value: result.data, problems, locate };
  const salvaged = wellFormed(value);
  for (const issue of result.error.issues) {
    const p = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(BrandSchema, p);
      for (const key of issue.keys) {
        const guess = closest(key, known);
        problems.push({
          severity: 'error',
          file,
          ...locate([...p, key], 'key'),
          field: formatPath([...p, key]),
          message: `unknown field: ${guess ? `did you mean "${guess}"?` : `allowed here: ${known.join(', ')}`}`,
        });
      }
      continue;
    }
    const message = issue.code === 'invalid_type' && issue.expected === 'object' ? 'must be a map of fields (key: value lines, indented under this key)' : issue.message;
    problems.push({ severity: 'error', file, ...locate(p), field: formatPath(p), message });
  }
  return { value: salvaged, problems, locate };
}

/** The fields of a brand file that are well formed on their own, for checks past a shape problem. */
function wellFormed(raw: Record<string, unknown>): BrandInput {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(BrandSchema.shape)) {
    if (key === 'colours') continue;
    const field = (schema as z.ZodType).safeParse(raw[key]);
    if (field.success && field.data !== undefined) out[key] = field.data;
  }
  const colours = raw['colours'];
  if (colours && typeof colours === 'object' && !Array.isArray(colours)) {
    const kept = Object.entries(colours as Record<string, unknown>).filter(
      ([name, hex]) => name in BRAND_COLOURS && colour(name as ColourName).safeParse(hex).success && hex !== undefined,
    );
    out['colours'] = Object.fromEntries(kept);
  }
  return out as BrandInput;
}

/** Where `fieldPath` is written in a YAML file; 0:0 when the file or field cannot be read. */
export async function locateInYaml(file: string, fieldPath: FieldPath): Promise<Position> {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(await readFile(file, 'utf8'), { lineCounter });
    const { line, col } = lineCounter.linePos(offsetOf(doc, fieldPath, 'value'));
    return { line, column: col };
  } catch {
    return { line: 0, column: 0 };
  }
}

// ---------------------------------------------------------------------------------------------
// Files the brand names

/** The real path of `full`, refused when it is (or links) outside `root`. `shown` names it in messages. */
function confine(root: string, full: string, shown: string): Promise<string> {
  const where = displayPath(root);
  return confinedRealPath(root, full, shown, {
    outside: `is outside ${where}: keep brand files, logos and fonts inside the deck folder`,
    where,
    bound: where,
  });
}

/** A file named in the brand file (relative to it), read whole when inside `root` and small enough. */
async function fileIn(root: string, dir: string, rel: string, max: number): Promise<{ file: string; bytes: Uint8Array } | { error: string }> {
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel)) return { error: `"${rel}" is an absolute path: give a path relative to the brand file, inside the deck folder` };
  try {
    const file = await confine(root, path.resolve(dir, rel), rel);
    const info = await stat(file);
    if (!info.isFile()) return { error: `"${rel}" is not a file` };
    if (info.size > max) return { error: `"${rel}" is ${Math.round(info.size / 1024)} KB; the limit is ${max / 1024} KB` };
    return { file, bytes: await readFile(file) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | { error: string } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return { error: 'is not a PNG image' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : { error: 'has no size' };
}

/**
 * An SVG logo's proportions, from its viewBox or width and height. Logos are drawings: only
 * the elements and attributes of one are allowed (see svg-logo), so scripts, animations,
 * embedded HTML, entities and references to other files are refused (a deck loads nothing
 * from outside its folder, and an image that needs them would not show as drawn).
 */
async function svgSize(bytes: Uint8Array): Promise<{ width: number; height: number } | { error: string }> {
  let svg: string;
  try {
    svg = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'is not an SVG text file (not UTF-8)' };
  }
  // The XML parser is loaded for SVG logos only.
  const { checkSvgLogo } = await import('./svg-logo.js');
  const checked = checkSvgLogo(svg);
  if ('error' in checked) return checked;
  const attr = (name: string) => checked.root.getAttribute(name) ?? undefined;
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (box && box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0) return { width: box[2]!, height: box[3]! };
  const width = parseFloat(attr('width') ?? '');
  const height = parseFloat(attr('height') ?? '');
  if (width > 0 && height > 0 && !/%/.test(attr('width')! + attr('height')!)) return { width, height };
  return { error: 'has no viewBox (nor width and height): add viewBox="0 0 W H" to the <svg> element' };
}


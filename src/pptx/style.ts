import { readFile } from 'node:fs/promises';
import type { ColourName, Palette } from '../theme/brand.js';
import type { Labels } from '../labels/index.js';
import { DEFAULT_FONT } from '../theme/fonts.js';
import { themePalette, type ResolvedTheme } from '../theme/theme.js';

/** The theme as the PowerPoint file uses it: colours without '#', the font, the logo, the footer. */
export interface PptxStyle {
  colour: Record<ColourName, string>;
  /** The deck's font family, named in the file's theme. */
  font: string;
  /** The font PowerPoint uses where the deck's is not installed: one every Office install has. */
  fallback: 'Arial' | 'Times New Roman';
  logo?: { data: string; width: number; height: number };
  footer?: string;
  /** The deck's language (for spelling and fonts) and writing direction. */
  lang?: string;
  rtl?: boolean;
  /** The deck's words, for those inside the drawings (legends, option heads); English when absent. */
  labels?: Labels;
}

/** Families whose fallback is a serif face; every other family falls back to Arial. */
const SERIF = /serif(?! ?sans)|times|georgia|garamond|roman/i;

/** The style of a palette and font, without touching the disk. */
export function styleOf(palette: Palette, font = DEFAULT_FONT, extra: Pick<PptxStyle, 'logo' | 'footer'> = {}): PptxStyle {
  const colour = Object.fromEntries(Object.entries(palette).map(([k, v]) => [k, hex6(v)])) as Record<ColourName, string>;
  return { colour, font, fallback: SERIF.test(font) && !/sans/i.test(font) ? 'Times New Roman' : 'Arial', ...extra };
}

/** The style of a resolved theme: its palette, its brand's font, logo and footer. */
export async function pptxStyle(theme: ResolvedTheme): Promise<PptxStyle> {
  const brand = theme.brand;
  const palette = brand?.palette ?? (await themePalette(theme.base));
  // A brand's own .woff2 cannot be installed from a .pptx: the text is set in the fallback.
  const font = brand?.font ? ('family' in brand.font ? brand.font.family : 'Arial') : DEFAULT_FONT;
  const extra: Pick<PptxStyle, 'logo' | 'footer'> = {};
  if (brand?.footer) extra.footer = brand.footer;
  if (brand?.logo) {
    const bytes = await readFile(brand.logo.file);
    const mime = brand.logo.type === 'svg' ? 'image/svg+xml' : 'image/png';
    extra.logo = { data: `${mime};base64,${bytes.toString('base64')}`, width: brand.logo.width, height: brand.logo.height };
  }
  return styleOf(palette, font, extra);
}

/** "#1b2333" or "#abc" → "1B2333". */
function hex6(colour: string): string {
  const h = colour.replace('#', '');
  return (h.length === 3 ? [...h].map((c) => c + c).join('') : h).toUpperCase();
}

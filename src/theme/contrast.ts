/**
 * WCAG 2.x contrast: relative luminance of sRGB colours and the ratio between two of them.
 * AA asks 4.5:1 for normal text and 3:1 for large text (24px, or 18.66px bold) and for the
 * visible parts of controls.
 */

export type Rgb = readonly [number, number, number];

export const AA_TEXT = 4.5;
export const AA_LARGE = 3;

/** `#rgb` or `#rrggbb` (any case) to 0–255 channels; undefined for anything else. */
export function parseHex(colour: string): Rgb | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio, from 1 (none) to 21 (black on white). */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A ratio as people write it: 4.48:1, rounded down so a reported pass is never a fail. */
export function formatRatio(ratio: number): string {
  return `${Math.floor(ratio * 100) / 100}:1`;
}

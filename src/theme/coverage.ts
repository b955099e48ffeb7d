import type { Problem } from '../errors.js';
import { formatPath, type FieldPath, type Locator } from '../facts/parse.js';

/**
 * Which characters a deck's fonts can draw, so that a character none of them has is reported
 * at build time with its field, instead of printing as an empty box (tofu) in the PDF. A
 * shipped font draws what the unicode-range of one of its @font-face rules in the @fontsource
 * CSS declares (each subset lists its ranges) and its file has a glyph for — a subset is
 * declared for more than it holds (Source Sans 3's Latin Extended: 1,166 code points, 553
 * glyphs), and a browser that finds no glyph there falls back to a system font, or to a box.
 * A brand's own font file draws what its character map has. Pure.
 */

/** Inclusive code point ranges, sorted and merged. */
export type Ranges = readonly (readonly [number, number])[];

/** The union of every unicode-range in a stylesheet. */
export function unicodeRanges(css: string): Ranges {
  const ranges: [number, number][] = [];
  for (const [, list] of css.matchAll(/unicode-range\s*:\s*([^;}]+)/gi)) {
    for (const item of list!.split(',')) {
      const m = /^\s*U\+([0-9a-f?]{1,6})(?:-([0-9a-f]{1,6}))?\s*$/i.exec(item);
      if (!m) continue;
      const first = m[1]!;
      // U+4?? is the range U+400–4FF.
      const start = parseInt(first.replace(/\?/g, '0'), 16);
      const end = m[2] !== undefined ? parseInt(m[2], 16) : parseInt(first.replace(/\?/g, 'f'), 16);
      ranges.push([start, end]);
    }
  }
  return merge(ranges);
}

export function merge(ranges: readonly (readonly [number, number])[]): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

export function covers(ranges: Ranges, codePoint: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** One @font-face rule: the file it loads (its first url) and the characters it is declared for. */
export interface Face {
  file: string;
  ranges: Ranges;
}

/** Every @font-face of a stylesheet that loads a file; one without unicode-range is declared for everything. */
export function fontFaces(css: string): Face[] {
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap(([, body]) => {
    const file = /url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(body!)?.[1];
    if (!file) return [];
    const declared = /unicode-range/i.test(body!) ? unicodeRanges(body!) : [[0, 0x10ffff] as const];
    return [{ file, ranges: declared }];
  });
}

/** The code points in both `a` and `b`. */
export function intersect(a: Ranges, b: Ranges): Ranges {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (start <= end) out.push([start, end]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** Characters that draw nothing of their own: spaces, line breaks, controls, joiners, direction marks, variation selectors. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

export interface Uncovered {
  path: FieldPath;
  /** The distinct characters no font has, in order of first appearance. */
  chars: string[];
}

/** Every text field of `value` (the facts) with characters outside `ranges`. */
export function uncoveredText(value: unknown, ranges: Ranges, path: FieldPath = []): Uncovered[] {
  return uncoveredIn(value, path, coverageTest(ranges));
}

/**
 * `covers` for `ranges`, remembered per code point below U+3000 (every script the shipped fonts
 * draw): a facts file is tens of thousands of characters of a few dozen distinct ones.
 */
function coverageTest(ranges: Ranges): (codePoint: number) => boolean {
  const known = new Uint8Array(0x3000);
  return (c) => {
    if (c >= known.length) return covers(ranges, c);
    if (known[c] === 0) known[c] = covers(ranges, c) ? 1 : 2;
    return known[c] === 1;
  };
}

function uncoveredIn(value: unknown, path: FieldPath, drawn: (codePoint: number) => boolean): Uncovered[] {
  if (typeof value === 'string') {
    const chars = new Set<string>();
    for (const ch of value) {
      if (!drawn(ch.codePointAt(0)!) && !INVISIBLE.test(ch)) chars.add(ch);
    }
    return chars.size > 0 ? [{ path, chars: [...chars] }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => uncoveredIn(v, [...path, i], drawn));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => uncoveredIn(v, [...path, k], drawn));
  }
  return [];
}

/** "😀" (U+1F600). */
export function describeChar(ch: string): string {
  return `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** One warning per facts field that has characters no font of the deck can draw. */
export function tofuProblems(facts: unknown, ranges: Ranges, file: string, locate: Locator): Problem[] {
  return uncoveredText(facts, ranges).map(({ path, chars }) => ({
    severity: 'warning',
    file,
    ...locate(path),
    field: formatPath(path),
    message:
      `${chars.map(describeChar).join(', ')}: no font of the deck can draw ${chars.length === 1 ? 'this character' : 'these characters'}, ` +
      'so the PDF would show an empty box: write it another way (words, or a character of the same script as the text), or use a brand font that has it',
  }));
}

/**
 * The characters a WOFF2 font maps to a glyph, read from its cmap table; undefined when the
 * file cannot be read as one (a collection, or damaged), so the caller can say so.
 */
export function woff2Ranges(bytes: Uint8Array): Ranges | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== 0x774f4632 /* wOF2 */ || view.getUint32(4) === 0x74746366 /* ttcf */) return undefined;
    const numTables = view.getUint16(12);
    const compressedLength = view.getUint32(20);
    let at = 48;
    const base128 = () => {
      let value = 0;
      for (let i = 0; i < 5; i++) {
        const b = view.getUint8(at++);
        value = value * 128 + (b & 0x7f);
        if ((b & 0x80) === 0) return value;
      }
      throw new Error('bad UIntBase128');
    };
    let offset = 0;
    let cmap: { offset: number; length: number } | undefined;
    for (let t = 0; t < numTables; t++) {
      const flags = view.getUint8(at++);
      const tagIndex = flags & 0x3f;
      const version = flags >> 6;
      if (tagIndex === 63) at += 4;
      const origLength = base128();
      // glyf (10) and loca (11) are transformed unless version 3; any other table when version ≠ 0.
      const transformed = tagIndex === 10 || tagIndex === 11 ? version !== 3 : version !== 0;
      const length = transformed ? base128() : origLength;
      if (tagIndex === 0) cmap = { offset, length };
      offset += length;
    }
    if (!cmap) return undefined;
    // zlib is loaded only here: the shipped fonts' maps are read from a table made at compile time.
    const { brotliDecompressSync } = process.getBuiltinModule('node:zlib');
    const data = brotliDecompressSync(bytes.subarray(at, at + compressedLength));
    return cmapRanges(new DataView(data.buffer, data.byteOffset + cmap.offset, cmap.length));
  } catch {
    return undefined;
  }
}

/** Code points a cmap table maps to a glyph other than .notdef (formats 4 and 12). */
function cmapRanges(cmap: DataView): Ranges {
  const count = cmap.getUint16(2);
  const subtables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const rec = 4 + i * 8;
    subtables.set(`${cmap.getUint16(rec)}/${cmap.getUint16(rec + 2)}`, cmap.getUint32(rec + 4));
  }
  const full = subtables.get('3/10') ?? subtables.get('0/4') ?? subtables.get('0/6');
  if (full !== undefined && cmap.getUint16(full) === 12) {
    const groups = cmap.getUint32(full + 12);
    const ranges: [number, number][] = [];
    for (let g = 0; g < groups; g++) {
      const rec = full + 16 + g * 12;
      ranges.push([cmap.getUint32(rec), cmap.getUint32(rec + 4)]);
    }
    return merge(ranges);
  }
  const bmp = subtables.get('3/1') ?? subtables.get('0/3') ?? subtables.get('0/1') ?? subtables.get('0/0');
  if (bmp === undefined || cmap.getUint16(bmp) !== 4) return [];
  const segments = cmap.getUint16(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const ranges: [number, number][] = [];
  for (let s = 0; s < segments; s++) {
    const start = cmap.getUint16(starts + s * 2);
    const end = cmap.getUint16(ends + s * 2);
    const delta = cmap.getUint16(deltas + s * 2);
    const rangeOffset = cmap.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = cmap.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) ranges.push([c, c]);
    }
  }
  return merge(ranges);
}

/** Reading drawn SVG back the way a test needs it: its texts, their font sizes, its size. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CSS = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../themes/visuals.css'), 'utf8');

/** Font size in px of each class the drawings' stylesheet sizes. */
export const CLASS_SIZES: ReadonlyMap<string, number> = (() => {
  const sizes = new Map<string, number>();
  for (const [, selectors, body] of CSS.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const size = /font-size:\s*([\d.]+)px/.exec(body!);
    if (!size) continue;
    for (const sel of selectors!.split(',')) {
      const last = /\.([\w-]+)\s*$/.exec(sel.trim());
      if (last) sizes.set(last[1]!, Number(size[1]));
    }
  }
  return sizes;
})();

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const classesOf = (tag: string) => (/class="([^"]*)"/.exec(tag)?.[1] ?? '').split(' ').filter(Boolean);

export interface DrawnText {
  content: string;
  /** Font size from the stylesheet: the tspan's class, else its text element's; undefined if neither sets one. */
  size: number | undefined;
}

/** Every run of text in the SVG (each tspan, or a text element without tspans). */
export function textsOf(svg: string): DrawnText[] {
  const out: DrawnText[] = [];
  const sizeOf = (classes: string[]) => classes.map((c) => CLASS_SIZES.get(c)).find((s) => s !== undefined);
  for (const [, open, inner] of svg.matchAll(/(<text[^>]*>)([\s\S]*?)<\/text>/g)) {
    const outer = sizeOf(classesOf(open!));
    const spans = [...inner!.matchAll(/(<tspan[^>]*>)([\s\S]*?)<\/tspan>/g)];
    if (spans.length === 0) out.push({ content: unescape(inner!), size: outer });
    for (const [, tag, content] of spans) out.push({ content: unescape(content!), size: sizeOf(classesOf(tag!)) ?? outer });
  }
  return out;
}

/** All words drawn, as a set. */
export function wordsOf(svg: string): Set<string> {
  return new Set(textsOf(svg).flatMap((t) => t.content.split(/\s+/).filter(Boolean)));
}

export const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean);

export function heightOf(svg: string): number {
  return Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svg)![1]);
}

const VOCABULARY = (
  'ministers agree extend maritime inspection regime after talks Geneva coastal states ask ' +
  'compensation (more than $4.2 billion) review shipping lanes International Transport ' +
  'Organisation before winter session ends sanctions ceasefire monitors withdraw envoys summit ' +
  'Brussels tariff quota élection reservoir filling tranche loan Commission hydrologists'
).split(' ');

/** Realistic text of about `chars` characters (whole words), different for each seed. */
export function prose(seed: number, chars: number): string {
  const out: string[] = [];
  for (let i = 0; out.join(' ').length < chars - 10; i++) out.push(VOCABULARY[(seed * 11 + i * 7 + ((seed * i) % 5)) % VOCABULARY.length]!);
  return out.join(' ');
}

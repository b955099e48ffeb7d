/** Small helpers for SVG drawn at build time. Every text passes through `text()`. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The same escaping as the rest of the page (markdown-it's), so text reads the same everywhere. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? round(v) : v!)}"`)
    .join('');
}

/** Coordinates rounded to a tenth of a pixel: stable output, smaller files. */
export function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function el(name: string, a: Attrs, children = ''): string {
  return children ? `<${name}${attrs(a)}>${children}</${name}>` : `<${name}${attrs(a)}/>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

/** Estimated width of a line of Source Sans 3 at `size` px (a little generous, never narrow). */
export function textWidth(content: string, size: number): number {
  return content.length * size * 0.52;
}

/** Greedy word wrap into at most `maxLines` lines of `width` px; the last line ends in "…" if cut. */
export function wrap(content: string, width: number, size: number, maxLines: number): string[] {
  const words = content.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) <= width || !line) {
      line = next;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => clip(l, width, size));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = clip(`${kept[maxLines - 1]} ${lines[maxLines]}`, width, size, true);
  return kept;
}

function clip(line: string, width: number, size: number, force = false): string {
  if (!force && textWidth(line, size) <= width) return line;
  let out = line;
  while (out.length > 1 && textWidth(out + '…', size) > width) out = out.slice(0, -1);
  return out.trimEnd() + '…';
}

export interface Visual {
  /** The SVG element, to be placed inline in the slide. */
  svg: string;
  /** The same information as text, one entry per line, for screen readers and the Markdown. */
  alt: string[];
  /** A one-sentence summary, the figure's accessible name. */
  label: string;
}

/**
 * Facts text is data. Everything an analyst writes passes through these functions before it is
 * placed in Markdown, so it renders as the literal characters written and can never start a
 * slide, a note, a list, a heading, a link, HTML or a footnote marker.
 */
import { oneLine } from '../text.js';

export { oneLine };

/** Characters with inline meaning anywhere in a line. */
const INLINE = /[\\`*_[\]<>&|~^]/g;

/** A first character that could open a block: heading, quote, list, rule, setext underline. */
const BLOCK_START = /^[-+=#>]/;
/** "1." or "1)" at the start would open an ordered list. */
const ORDERED_START = /^(\d{1,9})([.)])/;
/** reveal.js's Markdown flavour starts speaker notes at a line beginning "Note:". */
const NOTE_START = /^(n)(otes?\s*:)/i;

/**
 * Text inside a line: whitespace folded to single spaces (ends kept), inline syntax escaped.
 * No-break spaces stay: French sets them before colons and inside « guillemets », and they
 * break no Markdown line.
 */
export function escapeInline(text: string): string {
  return text.replace(/[^\S\u00a0\u202f]+/g, ' ').replace(INLINE, (c) => `\\${c}`);
}

/** Escapes what would open a block or a note at the start of a line already escaped inline. */
export function escapeLineStart(line: string): string {
  return line
    .replace(BLOCK_START, (c) => `\\${c}`)
    .replace(ORDERED_START, '$1\\$2')
    .replace(NOTE_START, (_m, n: string, rest: string) => `&#${n.charCodeAt(0)};${rest}`);
}

/** One line of facts text, safe anywhere a Markdown line can start. */
export function escapeText(text: string): string {
  return escapeLineStart(escapeInline(oneLine(text)));
}

/** Tag for an item that is new or changed since the last briefing: `[!new]`, `[!updated]`. */
export function changeTag(mark: 'new' | 'updated' | undefined): string {
  return mark ? ` [!${mark}]` : '';
}

/** Footnote marker citing sources by number: `[^1,3]`. The renderer turns it into a superscript. */
export function citation(numbers: readonly number[]): string {
  if (numbers.length === 0) return '';
  return `[^${[...new Set(numbers)].sort((a, b) => a - b).join(',')}]`;
}

/**
 * Multi-paragraph text (speaker notes): paragraphs are kept, each escaped as one line so none
 * of them can read as `---`, `Note:` or any other structure.
 */
export function escapeParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => escapeText(p))
    .filter((p) => p.length > 0)
    .join('\n\n');
}

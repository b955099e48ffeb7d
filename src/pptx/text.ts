import type { TextProps } from './lib.js';
import type { Run } from '../model/deck.js';
import type { PptxStyle } from './style.js';

export type TextRun = TextProps;
export type RunOptions = NonNullable<TextRun['options']>;

/**
 * Characters XML 1.0 cannot carry (control characters, lone surrogates): pptxgenjs escapes
 * markup, but one of these would make the whole file unreadable, so they are dropped.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a slide shows it: facts text stays text, whatever it contains. Line breaks join
 * like spaces, as on the HTML slide (pptxgenjs would start a new paragraph, or a new bullet).
 */
export function clean(text: string): string {
  return text.replace(NOT_XML, '').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Speaker notes: one paragraph per line. */
export function cleanNotes(notes: readonly string[]): string {
  return notes.map((n) => n.replace(NOT_XML, '').replace(/\r\n?/g, '\n')).join('\n');
}

const LINKABLE = new Set(['http:', 'https:', 'mailto:']);

/** A link target: http, https or mailto only (pptxgenjs escapes it); anything else stays text. */
export function safeHref(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (!LINKABLE.has(url.protocol)) return undefined;
  return url.href;
}

/**
 * Inline runs as PowerPoint text runs: emphasis kept, citations as superscript source
 * numbers, change tags as small capitals, links clickable. `base` is what every run carries
 * (size, colour); the caller adds paragraph options to the first run.
 */
export function textRuns(runs: readonly Run[], style: PptxStyle, options: RunOptions = {}): TextRun[] {
  const base = { ...direction(style), ...options };
  const out: TextRun[] = [];
  for (const r of runs) {
    switch (r.kind) {
      case 'text':
        out.push({ text: clean(r.text), options: { ...base, ...(r.style === 'strong' ? { bold: true } : r.style === 'em' ? { italic: true } : {}) } });
        break;
      case 'cite':
        if (r.sources.length > 0) {
          const numbers = [...new Set(r.sources)].sort((a, b) => a - b).join(',');
          out.push({ text: numbers, options: { ...base, superscript: true, bold: true, color: style.colour.accent } });
        }
        break;
      case 'tag':
        out.push({ text: ` ${r.mark.toUpperCase()}`, options: { ...base, bold: true, color: style.colour[r.mark === 'new' ? 'accent' : 'upcoming'] } });
        break;
      case 'link': {
        const url = safeHref(r.href);
        out.push({
          text: clean(r.text),
          options: { ...base, ...(url ? { hyperlink: { url }, color: style.colour.accent, underline: { style: 'sng' } } : {}) },
        });
        break;
      }
    }
  }
  return out.length > 0 ? out : [{ text: '', options: { ...base } }];
}

/** What every run carries for the deck's language: its tag and, right to left, the direction. */
export function direction(style: PptxStyle): RunOptions {
  return { ...(style.lang ? { lang: style.lang } : {}), ...(style.rtl ? { rtlMode: true, align: 'right' as const } : {}) };
}

/** The text a reader sees in runs, with citations as numbers: for estimating its size. */
export function runsLength(runs: readonly Run[]): string {
  return runs.map((r) => (r.kind === 'cite' ? ' 00' : r.kind === 'tag' ? ' updated' : r.text)).join('');
}

/** Paragraphs: each list of runs starts a new paragraph with `options` on its first run. */
export function paragraphs(parts: readonly { runs: TextRun[]; options?: RunOptions }[]): TextRun[] {
  const out: TextRun[] = [];
  parts.forEach((part, i) => {
    part.runs.forEach((run, j) => {
      const options: RunOptions = { ...(j === 0 ? part.options : {}), ...run.options };
      if (j === part.runs.length - 1 && i < parts.length - 1) options.breakLine = true;
      out.push({ text: run.text ?? '', options });
    });
  });
  return out;
}

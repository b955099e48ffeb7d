import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DECK_HEIGHT, DECK_MARGIN, DECK_WIDTH } from './runtime.js';

const require = createRequire(import.meta.url);

/**
 * The deck page's Content-Security-Policy: it may load scripts, styles, fonts, images and
 * frames from its own origin only, never run inline script or eval, and never send a form.
 * The only inline code allowed is reveal.js's own, each piece by its SHA-256 hash:
 *
 * - the two style elements the print view adds (the `@page` size of the PDF, and a cap on
 *   media size), whose text follows from the deck's fixed size;
 * - the speaker view that the notes plugin writes into its pop-up window, which inherits this
 *   policy: one script, one style element and `style="display: none"` attributes.
 *
 * Over file:// Chromium counts every local file as the page's own origin; over http only the
 * server's. The PDF export narrows this further to the deck's build folder.
 */
export function deckCsp(): string {
  cached ??= buildCsp();
  return cached;
}
let cached: string | undefined;

function buildCsp(): string {
  const speaker = speakerViewInline(readFileSync(require.resolve('reveal.js/plugin/notes'), 'utf8'));
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'", ...speaker.scripts.map(sha256)],
    [
      'style-src',
      "'self'",
      ...(speaker.styleAttributes.length > 0 ? ["'unsafe-hashes'"] : []),
      ...[...printViewStyles(), ...speaker.styles, ...speaker.styleAttributes].map(sha256),
    ],
    ['img-src', "'self'"],
    ['font-src', "'self'"],
    // The speaker view previews the deck in frames of the same page.
    ['frame-src', "'self'"],
    // `briefdeck serve` reloads the deck over its own origin.
    ['connect-src', "'self'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, ...sources]) => [name, ...new Set(sources)].join(' ')).join('; ');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The style elements reveal.js's print view adds, character for character (reveal.js
 * `PrintView.setupPDF`): the page size is the slide size plus its margin, rounded down.
 */
export function printViewStyles(): string[] {
  const pageWidth = Math.floor(DECK_WIDTH * (1 + DECK_MARGIN));
  const pageHeight = Math.floor(DECK_HEIGHT * (1 + DECK_MARGIN));
  return [
    `@page{size:${pageWidth}px ${pageHeight}px; margin: 0px;}`,
    `.reveal section>img, .reveal section>video, .reveal section>iframe{max-width: ${DECK_WIDTH}px; max-height:${DECK_HEIGHT}px}`,
  ];
}

export interface InlineCode {
  scripts: string[];
  styles: string[];
  styleAttributes: string[];
}

/**
 * The inline script, style and style attributes of the speaker view page, read from the notes
 * plugin's source: it writes the page with `document.write(`…`)` from one template literal.
 * Throws when the plugin no longer looks like that, so an upgrade of reveal.js cannot quietly
 * break the speaker view.
 */
export function speakerViewInline(pluginSource: string): InlineCode {
  const open = 'document.write(`';
  const start = pluginSource.indexOf(open);
  const end = start < 0 ? -1 : pluginSource.indexOf('</html>`', start);
  if (start < 0 || end < 0) throw new Error('reveal.js notes plugin: speaker view template not found; update src/html/csp.ts');
  const raw = pluginSource.slice(start + open.length, end + '</html>'.length);
  if (/(^|[^\\])(\\\\)*(`|\$\{)/.test(raw)) {
    throw new Error('reveal.js notes plugin: speaker view template is not plain text; update src/html/csp.ts');
  }
  const html = cookTemplate(raw);
  const all = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
  const inline = {
    scripts: all(/<script>([\s\S]*?)<\/script>/g),
    styles: all(/<style>([\s\S]*?)<\/style>/g),
    styleAttributes: [...new Set(all(/\sstyle="([^"]*)"/g))],
  };
  if (inline.scripts.length === 0 || /<script\s[^>]*>|\son[a-z]+=/i.test(html)) {
    throw new Error('reveal.js notes plugin: unexpected speaker view scripts; update src/html/csp.ts');
  }
  return inline;
}

/** The string a JavaScript template literal without substitutions stands for. */
function cookTemplate(raw: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|\r\n|[\s\S])/g, (_m, e: string) => {
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u' && e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e === '\n' || e === '\r\n' || e === '\r' || e === '\u2028' || e === '\u2029') return '';
    return simple[e] ?? e;
  });
}

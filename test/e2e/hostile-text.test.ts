/**
 * Facts text is data: a property-based test. Arbitrary strings — hostile markup, Markdown and
 * reveal.js syntax, control characters, any Unicode, 10,000 characters without a space — go
 * into every text field at once; the deck is composed and rendered, then parsed by Chromium
 * (one page, reused across runs). For every run:
 *
 * - composing and rendering succeed;
 * - the slides are exactly those of the same facts written with harmless text of the same
 *   shape (same length, whitespace and escaped length, so the same page splits): the hostile
 *   text adds, removes and reorders nothing, and the page has one section per slide;
 * - the page's elements and attribute names are exactly those of that harmless twin: no
 *   script, image, handler or link came from the text, and nothing in it ran;
 * - the DOM text of every field, wherever it is shown, equals the field as written (with
 *   runs of whitespace collapsed);
 * - every link is http(s), mailto or a jump inside the deck.
 */
import { composeSlides } from '../helpers.js';
import fc from 'fast-check';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import type { Facts } from '../../src/facts/schema.js';
import { renderHtml } from '../../src/html/render.js';
import { escapeParagraphs, escapeText } from '../../src/markdown/escape.js';

/** Kept modest so the suite stays fast; raise with BRIEFDECK_PROPERTY_RUNS to search harder. */
const RUNS = Number(process.env.BRIEFDECK_PROPERTY_RUNS ?? 40);

/** Text an analyst might paste that means something to HTML, Markdown, reveal.js or a template. */
const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '</section></div><section>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'">',
  '---',
  '\n---\n',
  '===',
  'Note: read this aloud',
  '\nNotes: hidden\n',
  '<!-- .slide: data-background="red" -->',
  '<!-- .element: class="x" -->',
  '[x](javascript:window.__pwned="link")',
  '[x](data:text/html,<script>alert(1)</script>)',
  '![x](http://127.0.0.1:9/x.png)',
  '<http://127.0.0.1:9/>',
  '<mailto:a@example.org>',
  '{{ constructor.constructor("alert(1)")() }}',
  '${alert(1)}',
  '`code` and ``more`` and ```',
  '```js\nalert(1)\n```',
  '# heading',
  '> quoted',
  '- item',
  '1. item',
  '2) item',
  '[^1]',
  '[^1,2]',
  '[!new]',
  '*em* __strong__ ~~struck~~',
  '| a | b |\n| --- | --- |',
  '\\',
  '\\|',
  '&amp; &lt; &#x3C; &#0;',
  '    indented code',
  '\t\ttabbed',
  '  trailing  \n',
  '\u2028\u2029\u00a0\ufeff',
  'Şebnem Yıldız-Okonjo, Ølvir Dahl, Jérôme, Ιωάννης, Дмитрий, 北京, عربى, 🙂👩‍👩‍👧',
];

/** 10,000 characters without a space, of a few kinds. */
const LONG = fc.constantFrom('x', '<', '`', '*', 'é', '🙂', '\\|').map((c) => c.repeat(Math.ceil(10_000 / c.length)));

/**
 * Any string a facts file can hold. A NUL cannot be shown by a web page (nor written in a
 * facts file, which the loader refuses as binary); ⟦ and ⟧ are this test's field markers.
 */
const anyText = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), fc.constantFrom(' ', '\n', '\n\n', '\t')), {
          maxLength: 6,
        })
        .map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: LONG },
  )
  .map((s) => s.replace(/[\0⟦⟧]/g, ''));

/** The text fields of the facts, with how they are escaped (one line, or notes paragraphs). */
type FieldKind = 'line' | 'notes';
interface Field {
  value: string;
  kind: FieldKind;
}

/**
 * Facts with every text field given by `text(kind)`, in a fixed order (so field i is the same
 * field in every deck built from the same list). One source: a source line is weighed by its
 * escaped text, and the Sources slide is then always one.
 */
function factsWith(text: (kind: FieldKind) => string): Facts {
  const line = () => text('line');
  const notes = () => text('notes');
  const speaker = line();
  return {
    meta: { title: line(), subtitle: line(), as_of: '2019-02-13', prepared_by: line(), marking: line(), audience: line() },
    sources: [{ id: 'src', publisher: line(), title: line(), url: 'https://example.org/a?b=1&c=2#d', date: '2019-02-13' }],
    bottom_line: [
      { text: line(), sources: ['src'] },
      { text: line(), sources: ['src'] },
    ],
    background: {
      points: [{ text: line(), sources: ['src'] }],
      terms: [{ term: line(), definition: line(), sources: ['src'] }],
    },
    timeline: [
      { date: 1987, event: line(), sources: ['src'] },
      { date: '2019-08', event: line(), sources: ['src'] },
    ],
    actors: [
      {
        id: 'one',
        name: line(),
        kind: 'country',
        speakers: [{ name: speaker, role: line() }],
        stance: line(),
        stance_sources: ['src'],
        quotes: [{ text: line(), speaker, date: '2019-02-13', source: 'src' }],
        actions: [{ text: line(), date: '2019-02-01', sources: ['src'] }],
        notes: notes(),
      },
      { id: 'two', name: line(), stance: line(), stance_sources: ['src'] },
    ],
    options: [
      { id: 'a', title: line(), summary: line(), pros: [line()], cons: [line()], backers: ['one'], opponents: ['two'], sources: ['src'] },
      { id: 'b', title: line(), summary: line(), sources: ['src'] },
    ],
    next_steps: [
      { what: line(), when: '2019-02-15', who: ['one', 'two'], sources: ['src'] },
      { what: line(), sources: ['src'] },
    ],
    notes: {
      title: notes(),
      bottom_line: notes(),
      background: notes(),
      timeline: notes(),
      positions: notes(),
      options: notes(),
      next_steps: notes(),
      sources: notes(),
    },
  } as Facts;
}

/** Which field (by index) is the preparer's name, shown in the author meta tag too. */
const PREPARED_BY = (() => {
  let n = 0;
  return Number(factsWith(() => String(n++)).meta.prepared_by);
})();

const open = (i: number) => `⟦${i}⟧`;
const close = (i: number) => `⟦/${i}⟧`;

/** Facts whose field i is `⟦i⟧ + text + ⟦/i⟧`, so its rendering can be found in the page. */
function markedFacts(fields: Field[]): Facts {
  let i = 0;
  return factsWith(() => {
    const f = fields[i]!;
    const marked = `${open(i)}${f.value}${close(i)}`;
    i++;
    return marked;
  });
}

/**
 * Harmless text laid out exactly like `text`: whitespace where it has whitespace, letters
 * elsewhere, and as many "&" (escaped, but shown as itself) as it takes to match the escaped
 * length too — page splits are estimated from both lengths.
 */
function twin(text: string, kind: FieldKind): string {
  const escape = kind === 'notes' ? escapeParagraphs : escapeText;
  const chars = [...text].map((c) => (/\s/.test(c) ? c : c.length === 2 ? 'xx' : 'x'));
  let extra = escape(text).length - escape(chars.join('')).length;
  for (let i = chars.length - 1; i >= 0 && extra > 0; i--) {
    if (chars[i] === 'x') {
      chars[i] = '&';
      extra--;
    }
  }
  const result = chars.join('');
  if (result.length !== text.length || escape(result).length !== escape(text).length) {
    throw new Error(`test setup: no twin for ${JSON.stringify(text)}`);
  }
  return result;
}

function twinFacts(fields: Field[]): Facts {
  let i = 0;
  return factsWith(() => {
    const f = fields[i]!;
    i++;
    // The markers are plain text: they become letters like the rest.
    return twin(`${open(i - 1)}${f.value}${close(i - 1)}`, f.kind);
  });
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

interface Seen {
  ids: string[];
  elements: string[];
  /** The kinds of element on drawings' slides (their number follows how labels wrap). */
  drawn: string[];
  text: string;
  title: string;
  author: string;
  hrefs: string[];
  pwned: unknown;
}

/** Loads `html` into the page and reads what a reader (and an attacker) would care about. */
async function look(page: Page, html: string): Promise<Seen> {
  // The policy is taken out: this test is about escaping, and must see injected code run if
  // escaping ever failed.
  await page.setContent(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), { waitUntil: 'load' });
  return page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 0));
    const describe = (e: Element) => `${e.tagName}[${[...e.attributes].map((a) => a.name).sort().join(',')}]`;
    // A crowded timeline numbers its events, and its table gains a "#" column: like the drawing
    // itself, that follows the widths of the letters, so the column is set aside.
    for (const table of document.querySelectorAll('table')) {
      if (table.querySelector('thead th')?.textContent?.trim() !== '#') continue;
      table.querySelectorAll('tr').forEach((row) => row.firstElementChild?.remove());
      table.querySelector('col')?.remove();
    }
    const all = [...document.querySelectorAll('*')];
    // A drawing's slides go apart: how many there are, and their elements, follow how labels wrap.
    const inDrawing = (e: Element) => e.closest('section')?.querySelector('figure.bd-visual') != null;
    const elements = all.filter((e) => !inDrawing(e)).map(describe);
    const drawn = [...new Set(all.filter(inDrawing).map(describe))].sort();
    const body = document.body.cloneNode(true) as HTMLElement;
    // Drawings abbreviate their labels by design; their full text is in the text alternative.
    body.querySelectorAll('figure.bd-visual').forEach((f) => f.remove());
    return {
      ids: [...document.querySelectorAll('.slides > section')].map((s) => s.id),
      elements,
      drawn,
      text: body.textContent ?? '',
      title: document.querySelector('title')?.textContent ?? '',
      author: document.querySelector<HTMLMetaElement>('meta[name="author"]')?.content ?? '',
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    };
  });
}

let pool: BrowserPool;
let page: Page;
beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  page = await (await pool.browser()).newPage();
  // Nothing leaves the page: an injected image or script would fail rather than fetch.
  await page.setRequestInterception(true);
  page.on('request', (r) => void (r.url().startsWith('data:') ? r.continue() : r.abort('blockedbyclient')));
});
afterAll(() => pool?.close());

/** What the two drawings are made of: nothing else may appear inside a drawing. */
const DRAWING_TAGS = ['figure', 'svg', 'title', 'text', 'tspan', 'line', 'path', 'rect', 'circle', 'g'];
const DRAWING_ATTRIBUTES = ['class', 'aria-label', 'role', 'viewbox', 'viewBox', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'd', 'text-anchor', 'data-u'];

describe('facts text in every field is shown as written and changes nothing else', () => {
  it(`holds for ${RUNS} runs of arbitrary and hostile text`, async () => {
    const kinds: FieldKind[] = [];
    factsWith((kind) => (kinds.push(kind), ''));

    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: kinds.length, maxLength: kinds.length }), async (values) => {
        const fields = values.map((value, i) => ({ value, kind: kinds[i]! }));
        const hostile = composeSlides(markedFacts(fields));
        const harmless = composeSlides(twinFacts(fields));
        const html = renderHtml(hostile, { generator: 'test' });

        // The same slides, in the same order, as harmless text of the same shape (drawings aside:
        // they are split by the widths of the letters drawn).
        const undrawn = (deck: typeof hostile) => deck.slides.filter((s) => !s.blocks.some((b) => b.kind === 'drawing')).map((s) => s.id);
        expect(undrawn(hostile)).toEqual(undrawn(harmless));

        const seen = await look(page, html);
        const baseline = await look(page, renderHtml(harmless, { generator: 'test' }));
        expect(seen.pwned).toBeUndefined();
        expect(seen.ids).toEqual(hostile.slides.map((s) => s.id));
        expect(seen.elements).toEqual(baseline.elements);
        // Drawings lay text out by its width (a long title goes to a key, a long name wraps), so
        // their elements vary with the letters; what may never vary is that they are drawing
        // elements with drawing attributes only.
        const parse = (element: string) => {
          const [, tag, attrs] = /^([^[]+)\[([^\]]*)\]$/.exec(element)!;
          return { tag: tag!.toLowerCase(), attrs: attrs!.split(',').filter(Boolean) };
        };
        const allowed = new Map<string, Set<string>>(DRAWING_TAGS.map((t) => [t, new Set(DRAWING_ATTRIBUTES)]));
        for (const { tag, attrs } of baseline.drawn.map(parse)) {
          const known = allowed.get(tag) ?? new Set<string>();
          for (const attr of attrs) known.add(attr);
          allowed.set(tag, known);
        }
        for (const element of seen.drawn) {
          const { tag, attrs } = parse(element);
          expect([...allowed.keys()], element).toContain(tag);
          for (const attr of attrs) expect([...allowed.get(tag)!], element).toContain(attr);
        }
        expect(baseline.drawn.length).toBeGreaterThan(0);
        for (const href of seen.hrefs) expect(href).toMatch(/^(https?:|mailto:|#)/);

        // Each field's text, wherever it shows, is the text as written.
        const text = collapse(`${seen.title}\n${seen.text}\n${seen.author}`);
        fields.forEach((field, i) => {
          const shown = [...text.matchAll(new RegExp(`${open(i)}([\\s\\S]*?)${close(i)}`, 'g'))].map((m) => m[1]);
          expect(shown.length, `field ${i} is shown`).toBeGreaterThan(0);
          for (const s of shown) expect(s, `field ${i}`).toBe(collapse(field.value));
        });
        // The author meta tag carries the preparer's name as one line (its no-break spaces kept).
        expect(seen.author).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(collapse(seen.author).trim()).toBe(collapse(`${open(PREPARED_BY)}${fields[PREPARED_BY]!.value}${close(PREPARED_BY)}`).trim());
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 240_000);
});

/**
 * What a built deck shows, read in Chromium from reveal.js's print view (the view the PDF is
 * printed from), and the checks the corpus test makes of it slide by slide.
 */
import type { Page } from 'puppeteer-core';

/** One run of text as laid out on a slide. */
export interface TextBox {
  text: string;
  /** Effective size in px of the 1280 × 720 slide: computed font-size × every zoom and scale on the way. */
  px: number;
  /** How far the box passes its slide's edges (or the body's, for body text), in slide px; 0 when inside. */
  out: number;
  /** In the slide body (not the header or footer), and not a citation marker. */
  content: boolean;
  svg: boolean;
  /** Text cut by CSS (`text-overflow: ellipsis` on an element whose text is wider than its box). */
  cssEllipsis: boolean;
}

export interface SeenSlide {
  id: string;
  index: number;
  /** Content past the body's bottom edge (its lowest box), and past its right edge (scrollWidth − clientWidth). */
  scrollsBy: { y: number; x: number };
  boxes: TextBox[];
  /** Visible text of the slide outside drawings (HTML text, tables included). */
  visible: string;
  /** Text alternatives of drawings: aria-label, SVG title, text kept for screen readers. */
  alternative: string;
  /** Subheadings (h3) with nothing shown after them on the slide. */
  trailingHeadings: string[];
}

export interface SeenDeck {
  slides: SeenSlide[];
  width: number;
}

const prepared = new WeakSet<Page>();

/** Opens a built deck's print view and reads every slide. */
export async function readDeck(page: Page, htmlUrl: string): Promise<SeenDeck> {
  if (!prepared.has(page)) {
    prepared.add(page);
    // reveal.js lays out the print view after load and says so with `pdf-ready`; until then,
    // every slide but the first is hidden.
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { corpusReady: Promise<void> }).corpusReady = new Promise((resolve) =>
        window.addEventListener('pdf-ready', () => resolve(), { once: true }),
      );
    });
  }
  await page.goto(`${htmlUrl}?view=print`, { waitUntil: 'load' });
  await page.evaluate(() => (window as unknown as { corpusReady: Promise<void> }).corpusReady);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(inPage);
}

/** Runs in the page. Kept free of outside references: puppeteer sends its source text. */
function inPage(): SeenDeck {
  const config = (window as unknown as { Reveal: { getConfig(): { width: number } } }).Reveal.getConfig();
  const slideWidth = Number(config.width) || 1280;
  // Print view wraps each slide in a page (.slides > .pdf-page > section); the normal view does not.
  const sections = [...document.querySelectorAll<HTMLElement>('.slides section')].filter((s) => !s.parentElement?.closest('section'));

  const hiddenCache = new Map<Element, boolean>();
  const hidden = (el: Element | null): boolean => {
    if (!el || el === document.body) return false;
    const known = hiddenCache.get(el);
    if (known !== undefined) return known;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const clipped =
      (s.position === 'absolute' || s.position === 'fixed') &&
      ((s.clip !== 'auto' && s.clip !== '') || s.clipPath !== 'none' || (r.width <= 1 && r.height <= 1));
    const result = s.display === 'none' || s.visibility === 'hidden' || clipped || hidden(el.parentElement);
    hiddenCache.set(el, result);
    return result;
  };
  /** Every CSS zoom between the element and the document, multiplied. */
  const zoomOf = (el: Element | null): number => {
    let z = 1;
    for (let cur = el; cur; cur = cur.parentElement) z *= Number(getComputedStyle(cur).zoom) || 1;
    return z;
  };

  const slides = sections.map((section, index): SeenSlide => {
    const sRect = section.getBoundingClientRect();
    const scale = sRect.width / slideWidth;
    const body = section.querySelector<HTMLElement>('.bd-body') ?? section;
    const bRect = body.getBoundingClientRect();
    const boxes: TextBox[] = [];
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    const visibleParts: string[] = [];
    const altParts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const raw = node.textContent ?? '';
      if (!el || !raw.trim()) continue;
      const inSvg = el.closest('svg') !== null;
      if (el.closest('aside.notes')) continue;
      if (hidden(el)) {
        altParts.push(raw);
        continue;
      }
      if (inSvg) {
        // SVG <title> is the drawing's text alternative, not drawn text.
        if (el.closest('title')) {
          altParts.push(raw);
          continue;
        }
      } else {
        visibleParts.push(raw);
      }
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      const inBody = body !== section && body.contains(el);
      const box = inBody ? bRect : sRect;
      const out = Math.max(
        0,
        ...rects.map((r) => Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom)),
      );
      const style = getComputedStyle(el);
      let px: number;
      if (inSvg) {
        // Drawn size: the font-size in the drawing's units times the drawing's scale on screen.
        const owner = el.closest('text') as SVGGraphicsElement | null;
        const ctm = (owner ?? (el as unknown as SVGGraphicsElement)).getScreenCTM?.();
        const svgScale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
        px = (parseFloat(style.fontSize) * svgScale) / scale;
      } else {
        px = parseFloat(style.fontSize) * zoomOf(el);
      }
      const cssEllipsis =
        style.textOverflow === 'ellipsis' && (el as HTMLElement).scrollWidth > (el as HTMLElement).clientWidth + 1;
      boxes.push({
        text: raw.replace(/\s+/g, ' ').trim(),
        px: Math.round(px * 10) / 10,
        out: Math.round((out / scale) * 10) / 10,
        content: inBody && el.closest('sup') === null,
        svg: inSvg,
        cssEllipsis,
      });
    }
    for (const el of section.querySelectorAll('[aria-label]')) altParts.push(el.getAttribute('aria-label') ?? '');

    const trailingHeadings = [...body.querySelectorAll('h3')]
      .filter((h) => !hidden(h))
      .filter((h) => {
        for (let next = h.nextElementSibling; next; next = next.nextElementSibling) {
          if (!hidden(next) && (next.textContent ?? '').trim()) return false;
        }
        return true;
      })
      .map((h) => (h.textContent ?? '').trim());

    // Content below the body's bottom edge: the lowest box of any shown element. (The body's
    // scrollHeight would also count the last element's bottom margin, which hides nothing.)
    let lowest = bRect.top;
    for (const el of body.querySelectorAll('*')) {
      if (hidden(el) || el.closest('svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) lowest = Math.max(lowest, r.bottom);
    }
    return {
      id: section.id,
      index,
      scrollsBy: {
        y: Math.round((Math.max(0, lowest - bRect.bottom) / scale) * 10) / 10,
        x: body.scrollWidth - body.clientWidth,
      },
      boxes,
      visible: visibleParts.join(''),
      alternative: altParts.join(' '),
      trailingHeadings,
    };
  });
  return { slides, width: slideWidth };
}

/** One failed check, precise enough to find it: the deck, the slide, the check and the text. */
export interface Finding {
  slide: string;
  check: 'inside-slide' | 'scrolls' | 'ellipsis' | 'trailing-subheading' | 'text-size' | 'lost';
  text: string;
}

/** The text of every facts item that must be shown somewhere, with its field path. */
export function factsItems(facts: Record<string, unknown>): { field: string; text: string }[] {
  const f = facts as {
    bottom_line: { text: string }[];
    background?: { points?: { text: string }[]; terms?: { term: string; definition: string }[] };
    timeline?: { event: string }[];
    actors?: { stance: string; quotes?: { text: string }[]; actions?: { text: string }[] }[];
    options?: { title: string; summary: string; pros?: string[]; cons?: string[] }[];
    next_steps?: { what: string }[];
    sources: { title: string }[];
  };
  const items: { field: string; text: string }[] = [];
  const add = (field: string, text: string) => items.push({ field, text });
  f.bottom_line.forEach((b, i) => add(`bottom_line[${i}].text`, b.text));
  f.background?.points?.forEach((p, i) => add(`background.points[${i}].text`, p.text));
  f.background?.terms?.forEach((t, i) => {
    add(`background.terms[${i}].term`, t.term);
    add(`background.terms[${i}].definition`, t.definition);
  });
  f.timeline?.forEach((e, i) => add(`timeline[${i}].event`, e.event));
  f.actors?.forEach((a, i) => {
    add(`actors[${i}].stance`, a.stance);
    a.quotes?.forEach((q, k) => add(`actors[${i}].quotes[${k}].text`, q.text));
    a.actions?.forEach((q, k) => add(`actors[${i}].actions[${k}].text`, q.text));
  });
  f.options?.forEach((o, i) => {
    add(`options[${i}].title`, o.title);
    add(`options[${i}].summary`, o.summary);
    o.pros?.forEach((p, k) => add(`options[${i}].pros[${k}]`, p));
    o.cons?.forEach((p, k) => add(`options[${i}].cons[${k}]`, p));
  });
  f.next_steps?.forEach((s, i) => add(`next_steps[${i}].what`, s.what));
  f.sources.forEach((s, i) => add(`sources[${i}].title`, s.title));
  return items;
}

/** Compared without whitespace: a line break or a text run boundary is not a difference. */
const bare = (s: string) => s.replace(/\s+/g, '');

/** Every string anywhere in the facts, for telling a "…" the facts hold from one the deck added. */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

const MIN_PX = 18;

/** Every check, slide by slide. Returns what failed; empty when the deck shows every fact whole. */
export function checkDeck(seen: SeenDeck, facts: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const factsText = allStrings(facts).map(bare);
  for (const s of seen.slides) {
    const at = `#${s.id} (slide ${s.index + 1})`;
    for (const b of s.boxes) {
      if (b.out > 1) findings.push({ slide: at, check: 'inside-slide', text: `${b.out}px past the edge: "${clip(b.text)}"` });
      if (b.content && b.px < MIN_PX) {
        findings.push({ slide: at, check: 'text-size', text: `${b.px}px${b.svg ? ' (drawing)' : ''}: "${clip(b.text)}"` });
      }
      if (b.cssEllipsis) findings.push({ slide: at, check: 'ellipsis', text: `cut by CSS with "…": "${clip(b.text)}"` });
      for (let i = b.text.indexOf('…'); i >= 0; i = b.text.indexOf('…', i + 1)) {
        // The facts hold this "…" when they hold it with the words before it, or after it: a
        // label cut short ends at the "…" with words the facts do not have before it. One side
        // at a time, and shorter spans too, because the deck may add quotation marks or a
        // citation number right next to the facts text.
        const spans = [12, 10, 8, 6].flatMap((k) => [b.text.slice(Math.max(0, i - k), i + 1), b.text.slice(i, i + 1 + k)]);
        const holds = spans.map(bare).some((part) => part.length >= 6 && factsText.some((t) => t.includes(part)));
        if (!holds) {
          findings.push({ slide: at, check: 'ellipsis', text: `"…" not in the facts: "${clip(b.text)}"` });
        }
      }
    }
    if (s.scrollsBy.y > 1 || s.scrollsBy.x > 1) {
      findings.push({ slide: at, check: 'scrolls', text: `body content passes its box by ${s.scrollsBy.y}px down, ${s.scrollsBy.x}px across` });
    }
    for (const h of s.trailingHeadings) findings.push({ slide: at, check: 'trailing-subheading', text: `"${h}" ends the slide` });
  }
  const visible = seen.slides.map((s) => bare(s.visible));
  const alternative = seen.slides.map((s) => bare(s.alternative));
  for (const item of factsItems(facts)) {
    const needle = bare(item.text);
    if (!visible.some((t) => t.includes(needle)) && !alternative.some((t) => t.includes(needle))) {
      findings.push({ slide: '(none)', check: 'lost', text: `${item.field} is on no slide: "${clip(item.text)}"` });
    }
  }
  return findings;
}

/** Facts items found only in a drawing's text alternative, not in any visible text. */
export function onlyInAlternative(seen: SeenDeck, facts: Record<string, unknown>): string[] {
  const visible = seen.slides.map((s) => bare(s.visible));
  const alternative = seen.slides.map((s) => bare(s.alternative));
  return factsItems(facts)
    .filter((item) => {
      const needle = bare(item.text);
      return !visible.some((t) => t.includes(needle)) && alternative.some((t) => t.includes(needle));
    })
    .map((item) => item.field);
}

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 97)}...` : s);

/**
 * Reads a .pptx the way a checker does: unzips it (jszip) and parses each XML part into a small
 * element tree, failing on anything that is not well-formed XML, so a test sees exactly what
 * PowerPoint would.
 */
import JSZip from 'jszip';
import type { Run, Slide } from '../../src/model/deck.js';
import { clean } from '../../src/pptx/text.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  return text.replace(/&([^;]*);|[<&]/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`${where}: bare "${m}" in text`);
    if (name in ENTITY) return ENTITY[name]!;
    const code = /^#x([0-9a-f]+)$/i.exec(name) ? parseInt(name.slice(2), 16) : /^#(\d+)$/.exec(name) ? Number(name.slice(1)) : NaN;
    if (Number.isNaN(code)) throw new Error(`${where}: unknown entity &${name};`);
    return String.fromCodePoint(code);
  });
}

/** A strict, small XML parser: elements, attributes, text; throws on unbalanced or malformed markup. */
export function parseXml(source: string, where = 'xml'): XmlElement {
  const body = source.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  let m: RegExpExecArray | null;
  while (token.lastIndex < body.length && (m = token.exec(body))) {
    const [, close, name, attrText, selfClose, text, stray] = m;
    if (stray) throw new Error(`${where}: malformed markup at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      top.children.push(decode(text, where));
      continue;
    }
    if (close) {
      if (top.name !== name) throw new Error(`${where}: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? '', where);
    const el: XmlElement = { name: name!, attrs, children: [] };
    top.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (token.lastIndex !== body.length && body.slice(token.lastIndex).trim() !== '') throw new Error(`${where}: could not parse from ${token.lastIndex}`);
  if (stack.length !== 1) throw new Error(`${where}: <${stack[stack.length - 1]!.name}> is never closed`);
  const elements = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (elements.length !== 1) throw new Error(`${where}: ${elements.length} root elements`);
  return elements[0]!;
}

/** Every element named `name` under `el`, in document order. */
export function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) out.push(c);
      visit(c);
    }
  };
  visit(el);
  return out;
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** The text of each paragraph (`a:p`) under `el`: its runs' text joined. */
export function paragraphTexts(el: XmlElement): string[] {
  return all(el, 'a:p').map((p) => all(p, 'a:t').map(textOf).join(''));
}

export interface Pptx {
  zip: JSZip;
  /** Every XML part, parsed (all of them must parse). */
  parts: Map<string, XmlElement>;
  /** The slides in presentation order. */
  slides: { name: string; xml: XmlElement; rels: XmlElement; layout: XmlElement; notes?: XmlElement }[];
}

export async function readPptx(bytes: Uint8Array): Promise<Pptx> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const parts = new Map<string, XmlElement>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    parts.set(name, parseXml(await entry.async('string'), name));
  }
  const part = (name: string) => {
    const p = parts.get(name);
    if (!p) throw new Error(`no part ${name}`);
    return p;
  };
  const presRels = all(part('ppt/_rels/presentation.xml.rels'), 'Relationship');
  const ids = all(part('ppt/presentation.xml'), 'p:sldId').map((s) => s.attrs['r:id']!);
  const slides = ids.map((id) => {
    const target = presRels.find((r) => r.attrs.Id === id)!.attrs.Target!;
    const name = `ppt/${target}`;
    const rels = part(name.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels'));
    const rel = (type: string) => all(rels, 'Relationship').find((r) => r.attrs.Type!.endsWith(`/${type}`))?.attrs.Target;
    const layout = part(`ppt/slideLayouts/${rel('slideLayout')!.split('/').pop()}`);
    const notesTarget = rel('notesSlide');
    const notes = notesTarget ? part(`ppt/notesSlides/${notesTarget.split('/').pop()}`) : undefined;
    return { name, xml: part(name), rels, layout, ...(notes ? { notes } : {}) };
  });
  return { zip, parts, slides };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every text a slide shows from the facts, block by block: what must reach a text run. */
export function factsTexts(slide: Slide): string[] {
  const texts: string[] = [];
  const runs = (rs: readonly Run[]) => {
    for (const r of rs) if ((r.kind === 'text' || r.kind === 'link') && r.text.trim() !== '') texts.push(squash(clean(r.text)));
  };
  for (const b of slide.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') runs(b.runs);
    else if (b.kind === 'list') b.items.forEach((i) => runs(i.runs));
    else if (b.kind === 'table') b.rows.forEach((row) => row.forEach(runs));
    else if (b.kind === 'quote') (runs(b.runs), runs(b.attribution));
    else if (b.drawing.type === 'matrix') texts.push(...b.drawing.actors.map((a) => a.name), ...b.drawing.options.map((o) => o.title));
    // A timeline with labels shows each event's label (a numbered one, numbers keyed to the table).
    else if (b.drawing.numbers === undefined) texts.push(...b.drawing.events.map((e) => squash(clean(e.label))));
  }
  return texts;
}


import { cp, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SLIDES = path.join(ROOT, 'slides');

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `briefdeck-${prefix}-`));
}

/** A copy of an example deck that a test may change freely. */
export async function copyDeck(name: string, into: string): Promise<string> {
  const dir = path.join(into, name);
  await cp(path.join(SLIDES, name), dir, { recursive: true });
  return dir;
}

export interface PdfPage {
  text: string;
  width: number;
  height: number;
  links: { url?: string; dest?: unknown }[];
}

export interface ParsedPdf {
  title: string | undefined;
  pages: PdfPage[];
  bytes: Uint8Array;
}

/** Reads a PDF the way a viewer does: pages, their text, size and link annotations. */
export async function readPdf(file: string): Promise<ParsedPdf> {
  const bytes = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
      .join('');
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const links = (await page.getAnnotations())
      .filter((a: { subtype: string }) => a.subtype === 'Link')
      .map((a: { url?: string; dest?: unknown }) => ({ url: a.url, dest: a.dest }));
    pages.push({ text, width: x1 - x0, height: y1 - y0, links });
  }
  const info = (await doc.getMetadata()).info as { Title?: string };
  await doc.destroy();
  return { title: info.Title, pages, bytes };
}

/** Font descriptors in the PDF and how many of them carry an embedded font program. */
export function fontEmbedding(bytes: Uint8Array): { descriptors: number; embedded: number } {
  const raw = Buffer.from(bytes).toString('latin1');
  const descriptors = raw.match(/\/Type\s*\/FontDescriptor[\s\S]*?>>/g) ?? [];
  return {
    descriptors: descriptors.length,
    embedded: descriptors.filter((d) => /\/FontFile[23]?\s/.test(d)).length,
  };
}

/** Collapses whitespace so text split across PDF text runs can be searched. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

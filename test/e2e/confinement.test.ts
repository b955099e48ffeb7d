/**
 * During the PDF export the page may load only files from its own build folder. A deck page
 * that asks for anything else — a remote image, a file elsewhere on the disk — prints without
 * it, and every such request is reported; none reaches its server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { exportPdf } from '../../src/pdf/export.js';
import { readPdf, SLIDES, tempDir } from './helpers.js';

let pool: BrowserPool;
let built: BuildResult;
let work: string;
let server: Server;
let remote: string;
const hits: string[] = [];

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  work = await tempDir('confine');
  built = await buildDeck(path.join(SLIDES, 'soren-basin'), { outRoot: path.join(work, 'build') });
  // A real server on this machine: if the export let a request out, it would arrive here.
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  remote = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await pool?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A copy of the built deck folder whose index.html is changed by `edit`. */
async function tamperedCopy(name: string, edit: (html: string) => string): Promise<string> {
  const dir = path.join(work, name);
  await cp(built.outDir, dir, { recursive: true });
  const html = path.join(dir, 'index.html');
  await writeFile(html, edit(await readFile(html, 'utf8')));
  return html;
}

/** Puts `markup` at the start of the first slide's body. */
const intoFirstSlide = (markup: string) => (html: string) => html.replace('<div class="bd-body">', `<div class="bd-body">${markup}`);

const outside = () => path.join(work, 'outside.png');

describe('PDF export confinement', () => {
  it('blocks and reports a remote image and a file outside the build folder; prints the rest', async () => {
    await writeFile(outside(), 'not really a PNG');
    const html = await tamperedCopy(
      'with-csp',
      intoFirstSlide(
        `<img src="${remote}/remote.png"><img src="../outside.png"><link rel="stylesheet" href="${remote}/remote.css">`,
      ),
    );
    const result = await exportPdf(pool, html);
    expect(hits).toEqual([]);
    expect(result.blocked).toEqual(
      expect.arrayContaining([`${remote}/remote.png`, `${remote}/remote.css`, expect.stringMatching(/^file:\/\/.*\/outside\.png$/)]),
    );
    expect(result.pages).toBe(built.deck.slides.length);
    const pdf = path.join(path.dirname(html), 'out.pdf');
    await writeFile(pdf, result.pdf);
    expect((await readPdf(pdf)).pages.length).toBe(built.deck.slides.length);
  });

  it('blocks them even in a page without the Content-Security-Policy', async () => {
    const html = await tamperedCopy('without-csp', (h) =>
      intoFirstSlide(`<img src="${remote}/no-csp.png"><img src="../outside.png">`)(h.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '')),
    );
    expect(await readFile(html, 'utf8')).not.toContain('Content-Security-Policy');
    const result = await exportPdf(pool, html);
    expect(hits).toEqual([]);
    expect(result.blocked).toEqual(expect.arrayContaining([`${remote}/no-csp.png`, expect.stringMatching(/\/outside\.png$/)]));
  });

  it('reports nothing for the deck as built', async () => {
    const result = await exportPdf(pool, built.files.html);
    expect(result.blocked).toEqual([]);
  });

  it('reports inline script in the page as refused, and does not run it', async () => {
    const html = await tamperedCopy('inline', intoFirstSlide(`<script>document.title = 'ran'</script>`));
    const result = await exportPdf(pool, html);
    expect(result.blocked).toEqual([expect.stringMatching(/^inline code \(script-src-elem, refused by the page's Content-Security-Policy\)$/)]);
    const pdf = path.join(path.dirname(html), 'out.pdf');
    await writeFile(pdf, result.pdf);
    expect((await readPdf(pdf)).title).not.toBe('ran');
  });
});

import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/commands/build.js';
import { deckCsp } from '../../src/html/csp.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { MINIMAL_FACTS, removeTemp, tempDir, writeDeck } from '../helpers.js';

let work: string;
let out: string;
let server: RunningServer;

beforeAll(async () => {
  work = await tempDir('server');
  out = path.join(work, 'build');
  const deck = await writeDeck(path.join(work, 'slides', 'x'), MINIMAL_FACTS);
  await buildDeck(deck, { outRoot: out });
  await writeFile(path.join(out, 'x', 'x.pdf'), '%PDF-1.7\n');
  await writeFile(path.join(out, 'x', 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
  await writeFile(path.join(out, 'x', '.index.html.123-abcdef12.tmp.html'), '<p>staged</p>');
  await writeFile(path.join(out, 'x', '.briefdeck.lock'), '{}');
  server = await startServer({ root: out, host: '127.0.0.1', port: 0, decks: () => [{ name: 'x', title: 'X', asOf: '', pdf: true, build: 1 }] });
});
afterAll(async () => {
  await server?.close();
  await removeTemp(work);
});

/** A raw HTTP/1.1 request to `port` on `address`, as written; the status line and headers back. */
function request(port: number, target: string, host: string, address = '127.0.0.1'): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, address, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('end', () => {
      const [head] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head!.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers });
    });
    socket.on('error', reject);
  });
}
const get = (target: string) => request(server.port, target, `127.0.0.1:${server.port}`);

describe('serve: every response says what it may do', () => {
  it.each(['/', '/x/', '/x/assets/theme.css', '/x/assets/logo.svg', '/x/x.pdf', '/x/slides.md', '/__briefdeck/live.js', '/nothing-here'])(
    '%s has a Content-Security-Policy and nosniff',
    async (target) => {
      const { headers } = await get(target);
      expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('a deck page gets the deck policy; an SVG or other file opened directly runs nothing (sandbox)', async () => {
    expect((await get('/x/')).headers['content-security-policy']).toBe(deckCsp());
    expect((await get('/x/assets/logo.svg')).headers['content-security-policy']).toMatch(/\bsandbox\b/);
  });
});

describe('serve: what a viewer needs, not the build internals', () => {
  it.each(['/x/.briefdeck-build.json', '/x/assets/.manifest.json', '/x/facts.json', '/x/.index.html.123-abcdef12.tmp.html', '/x/.briefdeck.lock'])(
    'refuses %s with 404',
    async (target) => {
      expect((await get(target)).status).toBe(404);
    },
  );

  it.each(['/x/index.html', '/x/slides.md', '/x/x.pdf', '/x/assets/reveal/reveal.js'])('serves %s', async (target) => {
    expect((await get(target)).status).toBe(200);
  });

  it('redirects a deck folder without its slash to the folder, so its assets load', async () => {
    const { status, headers } = await get('/x');
    expect(status).toBe(301);
    expect(headers.location).toBe('/x/');
  });
});

const lan = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe.skipIf(!lan)('serve --host 0.0.0.0', () => {
  it("accepts the machine's own addresses and still refuses other host names", async () => {
    const open = await startServer({ root: out, host: '0.0.0.0', port: 0, decks: () => [] });
    try {
      expect((await request(open.port, '/', `${lan}:${open.port}`, lan)).status).toBe(200);
      expect((await request(open.port, '/', `127.0.0.1:${open.port}`)).status).toBe(200);
      expect((await request(open.port, '/', `attacker.example:${open.port}`, lan)).status).toBe(421);
    } finally {
      await open.close();
    }
  });
});

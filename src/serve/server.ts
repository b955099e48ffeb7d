import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { BriefdeckError, ExitCode } from '../errors.js';
import { deckCsp } from '../html/csp.js';
import { LIVE_SCRIPT } from './client.js';

export interface DeckListing {
  name: string;
  title: string;
  asOf: string;
  pdf: boolean;
  /** Whether its .pptx is there (serve --pptx). */
  pptx?: boolean;
  error?: string[];
  /** Increases with every successful build of the deck. */
  build: number;
}

export interface ServerOptions {
  /** The build folder; only files inside it are served. */
  root: string;
  host: string;
  port: number;
  decks: () => DeckListing[];
}

export interface RunningServer {
  url: string;
  port: number;
  /** Sends an event to the pages showing `deck`. */
  send: (deck: string, event: 'built' | 'failed', data: object) => void;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.pdf': 'application/pdf',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The preview server: the build folder read-only, an index of decks, and a live-reload event
 * stream. It serves nothing outside the build folder (no `..`, no encoded `..`, no absolute
 * paths, no symlinks leading out), and accepts the event stream only from its own pages.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const root = await realpath(options.root);
  const clients = new Map<string, Set<ServerResponse>>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (!hostAllowed(req, server)) return void res.writeHead(421).end('misdirected request');
    const raw = (req.url ?? '/').split('?')[0]!;
    if (raw === '/' || raw === '/index.html') return send(res, 200, TYPES['.html']!, indexPage(options.decks()), INDEX_CSP);
    if (raw === '/__briefdeck/live.js') return send(res, 200, TYPES['.js']!, LIVE_SCRIPT);
    if (raw === '/__briefdeck/events') return events(req, res);

    // A deck's folder without its slash would load the page's assets from the wrong folder.
    const folder = /^\/([^/]+)$/.exec(raw)?.[1];
    if (folder !== undefined && (await resolveSafe(root, `${raw}/`)) !== undefined && !(await isFile(path.join(root, safeDecode(folder))))) {
      res.writeHead(301, { Location: `${raw}/`, 'Cache-Control': 'no-store', 'Content-Security-Policy': ASSET_CSP, 'X-Content-Type-Options': 'nosniff' });
      return void res.end();
    }
    const file = await resolveSafe(root, raw);
    if (!file || !servable(root, file)) return notFound(res);
    const info = await stat(file);
    const deck = path.relative(root, file).split(path.sep)[0]!;
    if (path.basename(file) === 'index.html' && path.dirname(file) === path.join(root, deck)) {
      const listing = options.decks().find((d) => d.name === deck);
      const html = await readFile(file, 'utf8');
      const tag = `<script src="/__briefdeck/live.js" data-deck="${escapeAttr(deck)}" data-build="${listing?.build ?? 0}"></script>`;
      return send(res, 200, TYPES['.html']!, html.replace('</body>', `${tag}\n</body>`), deckCsp());
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': type === 'application/pdf' ? PDF_CSP : ASSET_CSP,
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    // Browsers send Origin on cross-origin EventSource requests: only our own pages may listen.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) return void res.writeHead(403).end('forbidden');
    const deck = new URL(req.url ?? '/', 'http://localhost').searchParams.get('deck') ?? '';
    const listing = options.decks().find((d) => d.name === deck);
    if (!listing) return notFound(res);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`event: hello\ndata: ${JSON.stringify({ build: listing.build, problems: listing.error ?? null })}\n\n`);
    let set = clients.get(deck);
    if (!set) clients.set(deck, (set = new Set()));
    set.add(res);
    req.on('close', () => set.delete(res));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new BriefdeckError(
            `port ${options.port} on ${options.host} is already in use (another briefdeck serve?): stop that server, or choose another port with --port ${options.port + 1}`,
            ExitCode.environment,
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(new BriefdeckError(`not allowed to listen on port ${options.port}: choose a port above 1023 with --port`, ExitCode.environment));
      } else reject(err);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}/`,
    port,
    send(deck, event, data) {
      const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of clients.get(deck) ?? []) res.write(payload);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const set of clients.values()) for (const res of set) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Maps a request path to a file inside `root`, or undefined. Every segment is decoded once and
 * must be a plain name; the real path (symlinks resolved) must stay inside `root`.
 */
export async function resolveSafe(root: string, rawPath: string): Promise<string | undefined> {
  if (!rawPath.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const part of rawPath.slice(1).split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name) || /^[a-zA-Z]:/.test(name)) {
      if (name === '' && segments.length > 0) continue; // trailing slash
      return undefined;
    }
    segments.push(name);
  }
  if (segments.length === 0) return undefined;
  let file = path.join(root, ...segments);
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const real = await realpath(file);
    if (!real.startsWith(root + path.sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses requests addressed to another host name (DNS rebinding): only the loopback names and
 * the addresses the server listens on, which for 0.0.0.0 or :: are every address of this
 * machine (so a colleague can open http://<LAN address>:8080/, but no other name resolves here).
 */
function hostAllowed(req: IncomingMessage, server: Server): boolean {
  const host = req.headers.host ?? '';
  const port = (server.address() as { port: number } | null)?.port;
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  const address = (server.address() as { address: string } | null)?.address ?? '';
  const allowed = ['127.0.0.1', 'localhost', '::1', address];
  if (address === '0.0.0.0' || address === '::') {
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) allowed.push(a.address.replace(/%.*$/, '').toLowerCase());
  }
  return allowed.includes(name) && (host.endsWith(`:${port}`) || port === 80);
}

/** A viewer's files of a deck folder: the page and its assets, the Markdown, the PDFs, the .pptx. */
function servable(root: string, file: string): boolean {
  const [deck, ...rest] = path.relative(root, file).split(path.sep);
  if (!deck || rest.length === 0 || [deck, ...rest].some((part) => part.startsWith('.'))) return false;
  if (rest[0] === 'assets') return rest.length > 1;
  // Not facts.json (the facts, speaker notes included, for --changes-since), nor the build's
  // state, lock and staged files.
  return rest.length === 1 && ['index.html', 'slides.md', `${deck}.pdf`, `${deck}-handout.pdf`, `${deck}.pptx`].includes(rest[0]!);
}

/** What a page the server makes itself may do: show its own styles and links, nothing more. */
const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'";
/** Any other file: never a page that runs code in the server's origin (an SVG opened directly). */
const ASSET_CSP = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; sandbox";
/** PDFs: sandboxing a PDF would stop the browser's viewer from showing it. */
const PDF_CSP = "default-src 'none'; object-src 'self'";

function send(res: ServerResponse, status: number, type: string, body: string, csp = ASSET_CSP): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

function notFound(res: ServerResponse): void {
  send(res, 404, 'text/plain; charset=utf-8', 'not found');
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function indexPage(decks: DeckListing[]): string {
  const rows = decks
    .map((d) => {
      const name = escapeAttr(d.name);
      const status = d.error ? `<span class="err">facts have errors (${d.error.length})</span>` : '';
      const file = (ext: string) => `/${encodeURIComponent(d.name)}/${encodeURIComponent(d.name)}.${ext}`;
      const pdf = (d.pdf ? ` · <a href="${file('pdf')}">PDF</a>` : '') + (d.pptx ? ` · <a href="${file('pptx')}" download>PowerPoint</a>` : '');
      return `<li><a href="/${encodeURIComponent(d.name)}/"><strong>${escapeAttr(d.title)}</strong></a><br><span class="meta">${name} · as of ${escapeAttr(d.asOf)}${pdf}</span> ${status}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>briefdeck: decks</title>
<style>body{font:17px/1.5 system-ui,sans-serif;margin:40px auto;max-width:760px;color:#1b2333}h1{font-size:24px}
ul{list-style:none;padding:0}li{padding:12px 0;border-bottom:1px solid #c9d2de}a{color:#123f73}.meta{color:#4a5568;font-size:15px}.err{color:#8a1c1c;font-weight:600}</style>
</head><body><h1>Decks</h1><ul>
${rows}
</ul></body></html>
`;
}

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { browserFor } from '../commands/browser.js';
import { formatProblem } from '../errors.js';
import { displayPath } from '../facts/load.js';
import { startServer, type DeckListing, type RunningServer } from '../serve/server.js';
import { Rebuilder } from '../watch/rebuilder.js';

export interface LiveOptions {
  out: string;
  theme?: string;
  pdf: boolean;
  /** Also write each deck's .pptx: after the PDF, from its layout, when there is a browser. */
  pptx?: boolean;
  timeout: number;
  changesSince?: string;
  debounceMs?: number;
  /** A folder (slides/) whose new sub-folders with a facts file are picked up as decks. */
  discover?: string;
}

export interface LiveIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface LiveSession {
  rebuilder: Rebuilder;
  server?: RunningServer;
  close: () => Promise<void>;
}

const time = () => new Date().toTimeString().slice(0, 8);

/**
 * Keeps decks rebuilt as their facts change (`build --watch`), and with `serve` also serves
 * them with live reload. One browser stays warm for the background PDF exports.
 */
export async function startLive(
  deckDirs: string[],
  options: LiveOptions,
  io: LiveIO,
  serve?: { host: string; port: number },
): Promise<LiveSession> {
  const pool = browserFor(options);
  const builds = new Map<string, number>();
  let server: RunningServer | undefined;
  const rebuilder: Rebuilder = new Rebuilder(
    deckDirs,
    {
      outRoot: options.out,
      theme: options.theme,
      pool,
      pptx: options.pptx,
      changesSince: options.changesSince,
      debounceMs: options.debounceMs,
      discover: options.discover,
    },
    {
      built: (deck, r) => {
        builds.set(deck, (builds.get(deck) ?? 0) + 1);
        r.facts.problems.forEach((p) => io.err(formatProblem(p)));
        io.out(`${time()} ✓ ${deck}: ${r.deck.slides.length} slides in ${Math.round(r.ms)} ms`);
        server?.send(deck, 'built', { build: builds.get(deck) });
      },
      failed: (deck, error) => {
        error.problems.forEach((p) => io.err(formatProblem(p)));
        io.err(`${time()} ✗ ${deck}: ${error.message} (the last good build stays)`);
        server?.send(deck, 'failed', { problems: problemLines(error) });
      },
      pdf: (deck, file, ms, relaid) => {
        io.out(`${time()}   ${deck}: PDF ${displayPath(file)} in ${Math.round(ms)} ms${relaid ? ', slides laid out from measurement' : ''}`);
        // The page now has the measured layout the PDF shows: the open preview swaps it in.
        if (relaid) server?.send(deck, 'built', { build: builds.get(deck) });
      },
      pdfFailed: (deck, error) => io.err(`${time()} ✗ ${deck}: ${error.message}`),
      pptx: (deck, file, ms) => io.out(`${time()}   ${deck}: PowerPoint ${displayPath(file)} in ${Math.round(ms)} ms`),
      pptxFailed: (deck, error) => io.err(`${time()} ✗ ${deck}: ${error.message}`),
    },
  );
  const close = async () => {
    await server?.close();
    await rebuilder.close();
    await pool?.close();
  };
  try {
    // Take the port first: if it is busy, nothing is built and the user hears at once.
    if (serve) {
      server = await startServer({
        root: await ensureDir(options.out),
        host: serve.host,
        port: serve.port,
        decks: () =>
          rebuilder.status().map(({ name, last, error }): DeckListing => ({
            name,
            title: last?.deck.title ?? name,
            asOf: last ? last.deck.labels.date(last.deck.asOf) : '',
            pdf: last !== undefined && existsSync(path.join(last.outDir, `${name}.pdf`)),
            pptx: last !== undefined && existsSync(path.join(last.outDir, `${name}.pptx`)),
            build: builds.get(name) ?? 0,
            ...(error ? { error: problemLines(error) } : {}),
          })),
      });
    }
    await rebuilder.start();
  } catch (err) {
    await close();
    throw err;
  }
  return { rebuilder, server, close };
}

async function ensureDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return path.resolve(dir);
}

function problemLines(error: { message: string; problems: readonly Parameters<typeof formatProblem>[0][] }): string[] {
  const lines = error.problems.filter((p) => p.severity === 'error').map(formatProblem);
  return lines.length > 0 ? lines : [error.message];
}

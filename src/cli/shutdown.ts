import os from 'node:os';
import type { BrowserPool } from '../browser/pool.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Until the returned function is called, Ctrl-C (SIGINT), SIGTERM and SIGHUP end the process
 * cleanly: the browser is closed (and killed if it does not quit in time), then the process
 * exits with 128 + the signal's number, which removes staged files and locks on the way out
 * (see output/cleanup). A second signal while closing exits at once; puppeteer still kills
 * the browser as the process exits.
 */
export function closeOnSignals(pool: BrowserPool | undefined): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = 128 + (os.constants.signals[signal] ?? 0);
    if (stopping) process.exit(code);
    stopping = true;
    void (pool?.close() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}

/**
 * For the commands that run until stopped (serve, build --watch): resolves with 128 + the
 * signal's number once Ctrl-C, SIGTERM or SIGHUP arrived and `close` (server, watcher,
 * browser) has run. A second signal while closing exits at once.
 */
export function untilSignal(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      const code = 128 + (os.constants.signals[signal] ?? 0);
      if (stopping) process.exit(code);
      stopping = true;
      void close().finally(() => {
        for (const s of SIGNALS) process.off(s, onSignal);
        resolve(code);
      });
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
  });
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { findBrowser } from '../browser/find.js';
import { BrowserPool } from '../browser/pool.js';
import type { BrowserChoice } from '../commands/browser.js';
import { BriefdeckError, ExitCode } from '../errors.js';
import type { CliIO } from '../cli/run.js';
import { VERSION } from '../package-root.js';
import { daemonAddress, isPrivateDir, type DaemonAddress } from './address.js';
import { routable } from './client.js';
import { lineReader, type DaemonReply, type DaemonRequest, type DaemonStatus } from './protocol.js';

/** The signals that stop the daemon, as they end any briefdeck command. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Chromium is closed after this long without a PDF: it holds most of the daemon's memory. */
const BROWSER_IDLE_MS = 5 * 60_000;

/**
 * What Chromium takes from its environment when it starts (time zone, locale, fonts, profile
 * folder): a command whose values differ from those of the warm Chromium gets one of its own,
 * as it would without the daemon.
 */
const CHROMIUM_ENV = ['TZ', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'FONTCONFIG_FILE', 'FONTCONFIG_PATH', 'HOME', 'XDG_CONFIG_HOME', 'TMPDIR'];

export interface DaemonOptions {
  /** The hash of the CLI bundle the daemon runs (see daemonAddress). */
  bundleId: string;
  /** The daemon stops after this long without a command. */
  idleMs: number;
  /** Runs one command line, as the CLI does. */
  run: (argv: string[], io: CliIO) => Promise<number>;
  /** The daemon's own messages (started, stopped). */
  log: (line: string) => void;
}

export interface RunningDaemon {
  address: DaemonAddress;
  /** Resolves once the daemon has stopped: by `stop`, by idling out or by a signal. */
  stopped: Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The build daemon: a process that stays up between commands, so `build` and `check` run in
 * warm code (and print with a warm Chromium) instead of starting Node, briefdeck and Chromium
 * each time. It listens on a socket in a folder only this user can enter, runs one command at a
 * time with the client's working folder and environment, sends back its output and exit code,
 * and stops after `idleMs` without a command.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const address = daemonAddress(options.bundleId);
  prepareDir(address.dir);
  if (await answers(address.socket)) {
    throw new BriefdeckError(`a daemon is already running for this briefdeck (${address.socket}); stop it with: briefdeck daemon stop`, ExitCode.usage);
  }
  rmSync(address.socket, { force: true });

  const token = randomBytes(24).toString('hex');
  const home = { cwd: process.cwd(), env: { ...process.env }, umask: process.umask() };
  const startedAt = new Date().toISOString();
  let runs = 0;
  let browserLaunches = 0;
  let pool: BrowserPool | undefined;
  let browserTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  let busy = 0;

  let poolKey: string | undefined;
  const browsers = (choice: BrowserChoice): BrowserPool | undefined => {
    if (!choice.pdf) return undefined;
    let executablePath: string;
    try {
      executablePath = findBrowser();
    } catch {
      // No browser for this command's environment: its launch fails, as it would anywhere.
      return new BrowserPool({ timeoutMs: choice.timeout * 1000, handleSignals: false });
    }
    const key = JSON.stringify([executablePath, choice.timeout, CHROMIUM_ENV.map((name) => process.env[name] ?? null)]);
    if (poolKey !== key) {
      if (pool) {
        browserLaunches += pool.launches;
        void pool.close();
      }
      pool = new BrowserPool({ executablePath, timeoutMs: choice.timeout * 1000, handleSignals: false });
      poolKey = key;
    }
    clearTimeout(browserTimer);
    return pool;
  };

  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void stop(), options.idleMs);
    idleTimer.unref();
    if (pool) {
      clearTimeout(browserTimer);
      const idlePool = pool;
      browserTimer = setTimeout(() => void idlePool.close(), BROWSER_IDLE_MS);
      browserTimer.unref();
    }
  };

  const runOne = async (request: Extract<DaemonRequest, { kind: 'run' }>, send: (reply: DaemonReply) => void): Promise<void> => {
    runs++;
    // The command runs as it would have in the client: its folder, its environment, its umask.
    const umask = process.umask(Number.isInteger(request.umask) && request.umask >= 0 && request.umask <= 0o777 ? request.umask : home.umask);
    replaceEnv(request.env);
    let code: number;
    try {
      process.chdir(request.cwd);
      const io: CliIO = {
        out: (line) => send({ out: line }),
        err: (line) => send({ err: line }),
        progress: { write: (text: string) => send({ progress: text }), isTTY: request.stdout.isTTY, ...(request.stdout.columns ? { columns: request.stdout.columns } : {}) },
        cwd: request.cwd,
        browsers,
      };
      code = await options.run(request.argv, io);
    } catch (err) {
      send({ err: `briefdeck: ${err instanceof Error ? err.message : String(err)}` });
      code = ExitCode.usage;
    } finally {
      replaceEnv(home.env);
      process.chdir(home.cwd);
      process.umask(umask);
    }
    send({ exit: code });
  };

  const server = net.createServer((socket) => {
    const send = (reply: DaemonReply) => {
      // A client stopped with Ctrl-C: the command still finishes, its output is dropped.
      if (!socket.destroyed) socket.write(JSON.stringify(reply) + '\n');
    };
    socket.on('error', () => {});
    // A client stopped (Ctrl-C) while its command waits: the command is dropped.
    let gone = false;
    socket.on('close', () => (gone = true));
    let asked = false;
    const read = lineReader((message) => {
      if (asked) return;
      asked = true;
      const request = message as DaemonRequest;
      if (typeof request.token !== 'string' || !sameToken(request.token, token)) {
        send({ refused: 'wrong token' });
        socket.end();
        return;
      }
      if (request.kind === 'status') {
        const status: DaemonStatus = { pid: process.pid, version: VERSION, node: process.version, startedAt, runs, browserLaunches: browserLaunches + (pool?.launches ?? 0), idleMinutes: options.idleMs / 60_000 };
        send({ status });
        socket.end();
      } else if (request.kind === 'stop') {
        send({ exit: 0 });
        socket.end();
        void stop();
      } else if (request.kind === 'run' && Array.isArray(request.argv) && routable(request.argv)) {
        if (busy > 0) send({ err: 'briefdeck: waiting for the daemon to finish the command before this one' });
        busy++;
        clearTimeout(idleTimer);
        queue = queue
          .then(() => (gone ? undefined : runOne(request, send)))
          .finally(() => {
            busy--;
            socket.end();
            if (busy === 0) armIdle();
          });
      } else {
        send({ refused: 'unknown request' });
        socket.end();
      }
    });
    socket.on('data', (chunk) => {
      try {
        read(chunk);
      } catch {
        socket.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  writePrivate(address.tokenFile, token);

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | undefined;
  const onSignal = () => void stop();
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearTimeout(idleTimer);
      clearTimeout(browserTimer);
      for (const signal of SIGNALS) process.off(signal, onSignal);
      // The token goes first: no new client finds the daemon while it stops.
      rmSync(address.tokenFile, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      await pool?.close();
      options.log(`briefdeck daemon ${process.pid} stopped after ${runs} command${runs === 1 ? '' : 's'}`);
      resolveStopped();
    })();
    return stopping;
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  armIdle();
  options.log(`briefdeck daemon ${process.pid} listening on ${address.socket}`);
  return { address, stopped, stop };
}

/**
 * Makes the user's folder for daemons, or checks the one there: it must be this user's own
 * folder, not a link, and closed to everyone else. Nothing is written in it before this.
 */
export function prepareDir(dir: string): void {
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // A folder of this user's left open (an older umask) is closed; a link or someone else's is refused.
  const stat = lstatSync(dir);
  if (stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  if (!isPrivateDir(dir)) {
    throw new BriefdeckError(`${dir} is not a folder of yours that only you can enter: remove it (or set XDG_RUNTIME_DIR to a private folder) and start the daemon again`, ExitCode.usage);
  }
}

/** Makes process.env hold `values` and nothing else (child processes, Chromium, inherit it). */
function replaceEnv(values: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in values)) delete process.env[key];
  Object.assign(process.env, values);
}

function writePrivate(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether something listens on `socket`. */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socket);
    probe.on('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
}

import { readFileSync } from 'node:fs';
import net from 'node:net';
import { DAEMON_ENV, daemonAddress, DAEMONS_SUPPORTED, isPrivateDir, type DaemonAddress } from './address.js';
import { lineReader, type DaemonReply, type DaemonRequest } from './protocol.js';

/**
 * Whether a command line may run in the daemon: a one-off `build` or `check`. Commands that run
 * until stopped (`build --watch`, `serve`) or create files (`new`, `draft`) run where they were
 * typed. When in doubt (a bundle of short options holding a `w`), the command runs here too:
 * running it here is always right, only slower.
 */
export function routable(argv: readonly string[]): boolean {
  if (argv[0] !== 'build' && argv[0] !== 'check') return false;
  for (const arg of argv.slice(1)) {
    if (arg === '--') break;
    if (arg === '--watch' || arg.startsWith('--watch=')) return false;
    if (/^-[^-]/.test(arg) && arg.includes('w')) return false;
  }
  return true;
}

export interface ClientStreams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * Runs the command in this user's daemon for this bundle, if one is running, and resolves
 * with its exit code; resolves with undefined when there is none (or it refuses, or stops
 * before answering), and the caller runs the command itself. A daemon that stops in the middle
 * of a command is reported, and the command is run here again: builds write atomically, so
 * running one twice is safe.
 */
export function viaDaemon(argv: readonly string[], bundleId: string, streams: ClientStreams = process): Promise<number | undefined> {
  if (!DAEMONS_SUPPORTED || process.env[DAEMON_ENV] === 'off' || !routable(argv)) return Promise.resolve(undefined);
  const address = daemonAddress(bundleId);
  const token = tokenOf(address);
  if (token === undefined) return Promise.resolve(undefined);

  return new Promise((resolve) => {
    let asked = false;
    let done = false;
    const finish = (code: number | undefined, refused = false) => {
      if (done) return;
      done = true;
      socket.destroy();
      if (code === undefined && asked && !refused) {
        streams.stderr.write('briefdeck: the build daemon stopped during this command; running it here instead\n');
      }
      resolve(code);
    };
    const socket = net.connect(address.socket);
    const request: DaemonRequest = {
      token,
      kind: 'run',
      argv: [...argv],
      cwd: process.cwd(),
      env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
      stdout: { isTTY: streams.stdout.isTTY === true, ...(streams.stdout.columns ? { columns: streams.stdout.columns } : {}) },
      umask: process.umask(),
    };
    socket.on('connect', () => {
      asked = true;
      socket.write(JSON.stringify(request) + '\n');
    });
    const read = lineReader((message) => {
      const reply = message as DaemonReply;
      if ('exit' in reply) return finish(reply.exit);
      if ('refused' in reply) return finish(undefined, true);
      if ('out' in reply) streams.stdout.write(reply.out + '\n');
      else if ('err' in reply) streams.stderr.write(reply.err + '\n');
      else if ('progress' in reply) streams.stdout.write(reply.progress);
    });
    socket.on('data', (chunk) => {
      try {
        read(chunk);
      } catch {
        finish(undefined);
      }
    });
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
  });
}

/**
 * Asks the daemon at `address` (see daemonAddress) for its status, or to stop. Resolves with
 * its answer, or undefined when none is running there.
 */
export function askDaemon(kind: 'status' | 'stop', address: DaemonAddress): Promise<DaemonReply | undefined> {
  const token = tokenOf(address);
  if (token === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let reply: DaemonReply | undefined;
    const socket = net.connect(address.socket);
    const read = lineReader((message) => {
      reply = message as DaemonReply;
      socket.end();
    });
    socket.on('connect', () => socket.write(JSON.stringify({ token, kind } satisfies DaemonRequest) + '\n'));
    socket.on('data', (chunk) => {
      try {
        read(chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => resolve(reply));
  });
}

/** The token of a daemon that started, if its folder is private: usually there is none. */
function tokenOf(address: DaemonAddress): string | undefined {
  try {
    const token = readFileSync(address.tokenFile, 'utf8').trim();
    return isPrivateDir(address.dir) ? token : undefined;
  } catch {
    return undefined;
  }
}

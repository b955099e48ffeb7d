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
export async function viaDaemon(argv: readonly string[], bundleId: string, streams: ClientStreams = process): Promise<number | undefined> {
  if (!DAEMONS_SUPPORTED || process.env[DAEMON_ENV] === 'off' || !routable(argv)) return undefined;
  const address = daemonAddress(bundleId);
  const token = tokenOf(address);
  if (token === undefined) return undefined;
  const request: DaemonRequest = {
    token,
    kind: 'run',
    argv: [...argv],
    cwd: process.cwd(),
    env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
    stdout: { isTTY: streams.stdout.isTTY === true, ...(streams.stdout.columns ? { columns: streams.stdout.columns } : {}) },
    umask: process.umask(),
  };
  let code: number | undefined;
  let refused = false;
  const { sent } = await exchange(address, request, (reply) => {
    if ('exit' in reply) code = reply.exit;
    else if ('refused' in reply) refused = true;
    else if ('out' in reply) streams.stdout.write(reply.out + '\n');
    else if ('err' in reply) streams.stderr.write(reply.err + '\n');
    else if ('progress' in reply) streams.stdout.write(reply.progress);
    return code !== undefined || refused;
  });
  if (code === undefined && sent && !refused) {
    streams.stderr.write('briefdeck: the build daemon stopped during this command; running it here instead\n');
  }
  return code;
}

/**
 * Asks the daemon at `address` (see daemonAddress) for its status, or to stop. Resolves with
 * its answer, or undefined when none is running there.
 */
export async function askDaemon(kind: 'status' | 'stop', address: DaemonAddress): Promise<DaemonReply | undefined> {
  const token = tokenOf(address);
  if (token === undefined) return undefined;
  let answer: DaemonReply | undefined;
  await exchange(address, { token, kind }, (reply) => {
    answer = reply;
    return true;
  });
  return answer;
}

/**
 * Sends one request to the daemon at `address` and hands it each reply until `onReply` says
 * the conversation is over, the daemon closes the socket, or what it sends is not the protocol.
 * Resolves with whether the request was sent at all (false: no one listens there).
 */
function exchange(address: DaemonAddress, request: DaemonRequest, onReply: (reply: DaemonReply) => boolean): Promise<{ sent: boolean }> {
  return new Promise((resolve) => {
    let sent = false;
    let over = false;
    const socket = net.connect(address.socket);
    const end = () => {
      if (over) return;
      over = true;
      socket.destroy();
      resolve({ sent });
    };
    const read = lineReader((message) => {
      if (!over && onReply(message as DaemonReply)) end();
    });
    socket.on('connect', () => {
      sent = true;
      socket.write(JSON.stringify(request) + '\n');
    });
    socket.on('data', (chunk) => {
      try {
        read(chunk);
      } catch {
        end();
      }
    });
    socket.on('error', end);
    socket.on('close', end);
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

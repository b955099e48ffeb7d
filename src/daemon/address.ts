import { lstatSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the build daemon of one briefdeck bundle under one Node listens, and where it keeps
 * the token a client must show. Both live in a folder only this user may enter: the daemon
 * runs builds with the client's working folder and environment, so no one else may talk to it.
 * The launcher reads this before it loads anything else: it must stay small.
 *
 * POSIX systems only: there a socket in a folder of mode 0700 is private. A Windows named pipe
 * is a name anyone may take first, so on Windows there is no daemon (yet) and every command runs
 * where it is typed.
 */
export interface DaemonAddress {
  /** The user's private folder for daemons (mode 0700). */
  dir: string;
  /** The socket. */
  socket: string;
  /** A random token written by the daemon once it listens; the client sends it back. */
  tokenFile: string;
  /** The daemon's log: what it printed on its own, not for a client. */
  logFile: string;
}

/** Set to `off`, builds and checks never go through a daemon. */
export const DAEMON_ENV = 'BRIEFDECK_DAEMON';

export const DAEMONS_SUPPORTED = process.platform !== 'win32';

/** The user's folder for daemons: `$XDG_RUNTIME_DIR/briefdeck-<uid>`, else in the temporary folder. */
export function daemonDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_RUNTIME_DIR || os.tmpdir(), `briefdeck-${userKey()}`);
}

/**
 * `bundleId` is the hash of the CLI bundle: a daemon serves only clients of the very same code,
 * so an upgrade never talks to the daemon of the version before it (which then idles out).
 */
export function daemonAddress(bundleId: string, env: NodeJS.ProcessEnv = process.env): DaemonAddress {
  // Socket paths are limited to about 100 bytes: the key is kept short.
  return addressIn(daemonDir(env), `${bundleId.slice(0, 12)}-${process.version.slice(1)}`);
}

/** Every daemon address with a token in the user's folder: this bundle's, and older ones'. */
export function daemonAddresses(env: NodeJS.ProcessEnv = process.env): DaemonAddress[] {
  const dir = daemonDir(env);
  if (!isPrivateDir(dir)) return [];
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.token'))
      .sort()
      .map((name) => addressIn(dir, name.slice(0, -'.token'.length)));
  } catch {
    return [];
  }
}

function addressIn(dir: string, key: string): DaemonAddress {
  return {
    dir,
    socket: path.join(dir, `${key}.sock`),
    tokenFile: path.join(dir, `${key}.token`),
    logFile: path.join(dir, `${key}.log`),
  };
}

function userKey(): string {
  return String(process.getuid?.() ?? 'user');
}

/** Whether `dir` is a real folder (not a link) of this user that no one else may write to or enter. */
export function isPrivateDir(dir: string): boolean {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    return false;
  }
  return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o077) === 0;
}

import { lstatSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the build daemon of one briefdeck bundle under one Node listens, and where it keeps
 * the token a client must show. Both live in a folder only this user may enter: the daemon
 * runs builds with the client's working folder and environment, so no one else may talk to it.
 * The launcher reads this before it loads anything else: it must stay small.
 */
export interface DaemonAddress {
  /** The user's private folder for daemons (0700 on POSIX systems). */
  dir: string;
  /** The socket (a named pipe on Windows). */
  socket: string;
  /** A random token written by the daemon once it listens; the client sends it back. */
  tokenFile: string;
  /** The daemon's log: what it printed on its own, not for a client. */
  logFile: string;
}

/** Set to `off`, builds and checks never go through a daemon. */
export const DAEMON_ENV = 'BRIEFDECK_DAEMON';

/**
 * `bundleId` is the hash of the CLI bundle: a daemon serves only clients of the very same code,
 * so an upgrade never talks to the daemon of the version before it (which then idles out).
 */
export function daemonAddress(bundleId: string, env: NodeJS.ProcessEnv = process.env): DaemonAddress {
  const user = userKey();
  const base = process.platform !== 'win32' && env.XDG_RUNTIME_DIR ? env.XDG_RUNTIME_DIR : os.tmpdir();
  const dir = path.join(base, `briefdeck-${user}`);
  // Socket paths are limited to about 100 bytes: the key is kept short.
  const key = `${bundleId.slice(0, 12)}-${process.version.slice(1)}`;
  return {
    dir,
    socket: process.platform === 'win32' ? `\\\\.\\pipe\\briefdeck-${user}-${key}` : path.join(dir, `${key}.sock`),
    tokenFile: path.join(dir, `${key}.token`),
    logFile: path.join(dir, `${key}.log`),
  };
}

function userKey(): string {
  const uid = process.getuid?.();
  if (uid !== undefined) return String(uid);
  try {
    return os.userInfo().username.replace(/[^\w.-]/g, '_');
  } catch {
    return 'user';
  }
}

/**
 * Whether `dir` is a real folder (not a link) of this user that no one else may write to or
 * enter. On Windows, where modes say little, the per-user temporary folder and the token stand
 * in for it.
 */
export function isPrivateDir(dir: string): boolean {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    return false;
  }
  if (!stat.isDirectory()) return false;
  if (process.platform === 'win32') return true;
  return stat.uid === process.getuid?.() && (stat.mode & 0o077) === 0;
}

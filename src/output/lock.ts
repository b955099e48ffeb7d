import { randomBytes } from 'node:crypto';
import { open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BriefdeckError, ExitCode } from '../errors.js';
import { displayPath } from '../paths.js';
import { removeOnExit } from './cleanup.js';

/** The lock file of a deck's build folder while a build writes it. */
export const LOCK_FILE = '.briefdeck.lock';

export interface LockOptions {
  /** How long to wait for another build to finish before giving up. */
  waitMs?: number;
  pollMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

/** A lock file that no process writes to any more is stale after this long. */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Takes the build folder `dir` for this build: creates `dir/.briefdeck.lock` exclusively
 * (O_EXCL), holding this process's id. A second build of the same deck — another process or
 * this one — waits until the first releases it, so two builds never interleave their outputs.
 * A lock left by a process that no longer runs (killed with SIGKILL, a crash) is taken over.
 * Dispose of the result (`await using`) or call `release` to let the next build in.
 */
export async function lockBuildFolder(dir: string, options: LockOptions = {}): Promise<AsyncDisposable & { release(): Promise<void> }> {
  const file = path.join(dir, LOCK_FILE);
  const waitMs = options.waitMs ?? 5 * 60_000;
  const pollMs = options.pollMs ?? 50;
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const text = JSON.stringify(me) + '\n';
  const deadline = Date.now() + waitMs;
  let wait = pollMs;

  for (;;) {
    try {
      const handle = await open(file, 'wx');
      // Registered only once the lock is ours: exiting a moment earlier leaves a lock of a dead
      // process, which the next build takes over, rather than removing another build's lock.
      const forget = removeOnExit(file);
      try {
        await handle.writeFile(text);
      } catch (err) {
        await rm(file, { force: true });
        forget();
        throw err;
      } finally {
        await handle.close();
      }
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        forget();
        // Only our own lock: never one that another build took over meanwhile.
        if ((await readFile(file, 'utf8').catch(() => '')) === text) await rm(file, { force: true });
      };
      return { release, [Symbol.asyncDispose]: release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }

    const seen = await readFile(file, 'utf8').catch(() => undefined);
    if (seen === undefined) continue; // released between our attempt and the read
    const holder = parseHolder(seen);
    if (await isStale(file, holder)) {
      // Remove it only if it is still the lock we judged, not one taken since.
      if ((await readFile(file, 'utf8').catch(() => undefined)) === seen) await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another build';
      throw new BriefdeckError(
        `${displayPath(dir)} is being written by ${who}. Wait for that build to finish, ` +
          `or delete ${displayPath(file)} if no briefdeck build is running.`,
        ExitCode.environment,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(0, deadline - Date.now()))));
    wait = Math.min(wait * 2, 500);
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as Holder) : undefined;
  } catch {
    return undefined;
  }
}

async function isStale(file: string, holder: Holder | undefined): Promise<boolean> {
  if (!holder) {
    // Being written this very moment, or left half-written by a crash.
    const info = await stat(file).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > UNREADABLE_STALE_MS;
  }
  // A process on another machine (a shared folder) cannot be checked: wait for it.
  if (holder.host !== os.hostname()) return false;
  return !isRunning(holder.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

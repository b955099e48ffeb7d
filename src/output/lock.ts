import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BriefdeckError, ExitCode } from '../errors.js';
import { displayPath } from '../paths.js';
import { processRuns, removeOnExit } from './cleanup.js';

/** The lock file of a deck's build folder while a build writes it. */
export const LOCK_FILE = '.briefdeck.lock';

export interface LockOptions {
  /** How long to wait for another build to finish before giving up. */
  waitMs?: number;
  pollMs?: number;
  /** Told once, when the folder is held by another build and this one starts waiting. */
  onWait?: (line: string) => void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
  /** The holder's boot and start time (Linux), so a reused pid is told apart. */
  started?: string;
}

/** A lock file that no process writes to any more is stale after this long. */
const UNREADABLE_STALE_MS = 10_000;
/** A holder touches its lock this often; one untouched for `HEARTBEAT_STALE_MS` is stale. */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_STALE_MS = 60_000;

/** Tokens of the locks this process holds: a lock of ours is waited for, never taken over. */
const heldHere = new Set<string>();

/**
 * Takes the build folder `dir` for this build: creates `dir/.briefdeck.lock` exclusively
 * (O_EXCL), naming this process (id, host, start time) and refreshed every few seconds. A
 * second build of the same deck waits until the first releases it, so two builds never
 * interleave their outputs, and says whom it waits for. A lock is taken over when its process
 * no longer runs, when its pid now belongs to another process (another start time, or this
 * very process in a new container), or when it has not been refreshed for a minute.
 * Dispose of the result (`await using`) or call `release` to let the next build in.
 */
export async function lockBuildFolder(dir: string, options: LockOptions = {}): Promise<AsyncDisposable & { release(): Promise<void> }> {
  const file = path.join(dir, LOCK_FILE);
  const waitMs = options.waitMs ?? 5 * 60_000;
  const pollMs = options.pollMs ?? 50;
  const started = processStarted(process.pid);
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    ...(started ? { started } : {}),
  };
  const text = JSON.stringify(me) + '\n';
  const deadline = Date.now() + waitMs;
  let wait = pollMs;
  let told = false;

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
      heldHere.add(me.token);
      const heartbeat = setInterval(() => {
        const now = new Date();
        void utimes(file, now, now).catch(() => {});
      }, HEARTBEAT_MS).unref();
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        heldHere.delete(me.token);
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
    const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another build';
    if (!told) {
      told = true;
      options.onWait?.(`${displayPath(dir)} is being written by ${who}: waiting for it to finish (at most ${Math.round(waitMs / 1000)} s)`);
    }
    if (Date.now() >= deadline) {
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
  const info = await stat(file).catch(() => undefined);
  if (!info) return false; // gone: try again
  const quiet = Date.now() - info.mtimeMs;
  // Being written this very moment, or left half-written by a crash.
  if (!holder) return quiet > UNREADABLE_STALE_MS;
  if (heldHere.has(holder.token)) return false; // another build of this process: wait for it
  if (quiet > HEARTBEAT_STALE_MS) return true; // its holder stopped refreshing it, wherever it ran
  // A process on another machine (a shared folder) cannot be checked: trust its heartbeat.
  if (holder.host !== os.hostname()) return false;
  // Our own pid, but not a lock of ours: left by an earlier process that had the same pid.
  if (holder.pid === process.pid) return true;
  if (!processRuns(holder.pid)) return true;
  const now = processStarted(holder.pid);
  return holder.started !== undefined && now !== undefined && now !== holder.started;
}

const BOOT_ID = (() => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
})();

/** When process `pid` started, as `<boot id>:<clock ticks since boot>` (Linux); undefined elsewhere. */
export function processStarted(pid: number): string | undefined {
  if (!BOOT_ID) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return ticks ? `${BOOT_ID}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}

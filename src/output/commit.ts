import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { BriefdeckError, ExitCode } from '../errors.js';
import { displayPath } from '../paths.js';
import type { StagedFile } from './atomic.js';
import { processRuns, removeOnExit } from './cleanup.js';

/**
 * Moves every staged file into place, or none: targets are checked first (a folder where a
 * file goes fails before anything moves), and if a rename still fails, the files already
 * moved are put back as they were. Readers may see the old set or the new one, and after a
 * failure the old one.
 */
export async function commitAll(staged: readonly StagedFile[]): Promise<void> {
  await (await placeAll(staged)).keep();
}

/**
 * Moves staged files into place as `commitAll` does, keeping what they replaced until told:
 * `keep` drops the old files, `restore` puts them back (and removes files that were new).
 * For outputs that must be in place before the rest is made (the assets a page is printed
 * with), yet go back if the build fails.
 */
export async function placeAll(staged: readonly StagedFile[]): Promise<{ keep(): Promise<void>; restore(): Promise<void> }> {
  for (const file of staged) {
    const info = await lstat(file.target).catch(() => undefined);
    if (info?.isDirectory()) {
      throw new BriefdeckError(
        `${displayPath(file.target)} is a folder, where the build writes a file: move or remove it, then build again. ` +
          'The previous build was kept.',
        ExitCode.environment,
      );
    }
  }
  const done: { file: StagedFile; backup?: string }[] = [];
  const restore = async () => {
    for (const { file, backup } of done.reverse()) {
      if (backup) await rename(backup, file.target).catch(() => {});
      else await rm(file.target, { force: true }).catch(() => {});
    }
    done.length = 0;
  };
  try {
    for (const file of staged) {
      const backup = path.join(path.dirname(file.target), `.${path.basename(file.target)}.${process.pid}-${randomBytes(4).toString('hex')}.bak.tmp`);
      const moved = await rename(file.target, backup).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return false;
          throw err;
        },
      );
      done.push({ file, ...(moved ? { backup } : {}) });
      await file.commit();
    }
  } catch (err) {
    await restore();
    throw err;
  }
  const forget = done.map(({ backup }) => (backup ? removeOnExit(backup) : () => {}));
  return {
    restore: async () => {
      await restore();
      forget.forEach((f) => f());
    },
    keep: async () => {
      await Promise.all(done.map(({ backup }) => (backup ? rm(backup, { force: true }) : undefined)));
      forget.forEach((f) => f());
    },
  };
}

/** Removes outputs of an earlier build that this build did not make (a handout of older facts). */
export async function removeOutputs(outDir: string, names: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const name of names) {
    const info = await lstat(path.join(outDir, name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    await rm(path.join(outDir, name));
    removed.push(name);
  }
  return removed;
}

/** `.<name>.<pid>-<hex>.tmp…`: a staged file or a backup, named by the process that made it. */
const STAGED = /^\..+\.(\d+)-[0-9a-f]{8}\.(?:bak\.)?tmp/;

/**
 * Removes staged files left in `dir` (and its sub-folders) by a build that was killed before
 * it could clean up: those of processes that no longer run.
 */
export async function removeLeftovers(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries.map(async (entry) => {
      const pid = Number(STAGED.exec(entry.name)?.[1] ?? NaN);
      if (!entry.isFile() || !Number.isInteger(pid) || pid === process.pid || processRuns(pid)) return;
      await rm(path.join(entry.parentPath, entry.name), { force: true });
    }),
  );
}

/** Removes folders a failed build created, deepest first, if they are empty. */
export async function removeEmptyFolders(dirs: readonly string[]): Promise<void> {
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => {});
}

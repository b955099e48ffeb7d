import { existsSync } from 'node:fs';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefdeckError, ExitCode } from '../../src/errors.js';
import { StagedFile } from '../../src/output/atomic.js';
import { removePending } from '../../src/output/cleanup.js';
import { LOCK_FILE, lockBuildFolder, processStarted } from '../../src/output/lock.js';
import { removeTemp, tempDir } from '../helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('lock');
});
afterEach(() => removeTemp(dir));

const lockFile = () => path.join(dir, LOCK_FILE);
const holder = (fields: Record<string, unknown>) =>
  JSON.stringify({ pid: process.pid, host: os.hostname(), since: '2020-01-01T00:00:00.000Z', token: 'other', ...fields });

/** A pid that certainly runs no process: far above any pid_max. */
const DEAD_PID = 2 ** 30;

describe('lockBuildFolder', () => {
  it('holds the folder with a lock file naming this process, and removes it on release', async () => {
    const lock = await lockBuildFolder(dir);
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('makes a second build wait until the first releases the folder', async () => {
    const first = await lockBuildFolder(dir);
    const order: string[] = [];
    const second = lockBuildFolder(dir, { pollMs: 10 }).then((l) => {
      order.push('second has it');
      return l;
    });
    await new Promise((r) => setTimeout(r, 200));
    order.push('first releases');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['first releases', 'second has it']);
  });

  it('is released by `await using` when the build throws', async () => {
    const build = async () => {
      await using _lock = await lockBuildFolder(dir);
      throw new Error('export failed');
    };
    await expect(build()).rejects.toThrow('export failed');
    expect(existsSync(lockFile())).toBe(false);
  });

  it('takes over a lock whose process no longer runs', async () => {
    await writeFile(lockFile(), holder({ pid: DEAD_PID }));
    const lock = await lockBuildFolder(dir, { waitMs: 1000 });
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over an unreadable lock only once it is old', async () => {
    await writeFile(lockFile(), '');
    await expect(lockBuildFolder(dir, { waitMs: 150, pollMs: 10 })).rejects.toBeInstanceOf(BriefdeckError);
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFile(), old, old);
    await (await lockBuildFolder(dir, { waitMs: 1000 })).release();
  });

  it('gives up on a live holder after the wait, saying who holds it and what to do', async () => {
    await writeFile(lockFile(), holder({ pid: process.ppid }));
    const error = await lockBuildFolder(dir, { waitMs: 150, pollMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect(error).toMatchObject({
      exitCode: ExitCode.environment,
      message: expect.stringMatching(
        new RegExp(`is being written by process ${process.ppid} on .*, since 2020-01-01.*Wait for that build to finish, or delete .*\\${LOCK_FILE} if no briefdeck build is running\\.$`),
      ),
    });
    // Not ours: left alone.
    expect(await readFile(lockFile(), 'utf8')).toBe(holder({ pid: process.ppid }));
  });

  it('does not judge a holder on another machine by its pid', async () => {
    await writeFile(lockFile(), holder({ pid: DEAD_PID, host: 'elsewhere.invalid' }));
    await expect(lockBuildFolder(dir, { waitMs: 150, pollMs: 10 })).rejects.toThrow(/process \d+ on elsewhere\.invalid/);
  });

  it('never waits on itself: a lock naming this pid that this process does not hold is taken over at once', async () => {
    // As after a restart in a container, where every run is pid 1.
    await writeFile(lockFile(), holder({ token: 'an earlier process with this pid' }));
    const started = Date.now();
    const lock = await lockBuildFolder(dir, { waitMs: 5000 });
    expect(Date.now() - started).toBeLessThan(1000);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to a process started at another time (pid reused)', async () => {
    const now = processStarted(process.ppid);
    expect(now).toBeDefined();
    await writeFile(lockFile(), holder({ pid: process.ppid, started: now!.replace(/:\d+$/, ':1') }));
    await (await lockBuildFolder(dir, { waitMs: 1000, pollMs: 10 })).release();
  });

  it('takes over a lock its holder stopped refreshing, even if the pid runs', async () => {
    await writeFile(lockFile(), holder({ pid: process.ppid, started: processStarted(process.ppid) }));
    await expect(lockBuildFolder(dir, { waitMs: 100, pollMs: 10 })).rejects.toBeInstanceOf(BriefdeckError);
    const old = new Date(Date.now() - 120_000);
    await utimes(lockFile(), old, old);
    await (await lockBuildFolder(dir, { waitMs: 1000, pollMs: 10 })).release();
  });

  it('says at once that it waits, and for whom', async () => {
    await writeFile(lockFile(), holder({ pid: process.ppid }));
    const told: string[] = [];
    await lockBuildFolder(dir, { waitMs: 300, pollMs: 10, onWait: (line) => told.push(line) }).catch(() => {});
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(new RegExp(`is being written by process ${process.ppid} on .*: waiting for it to finish`));
  });

  it('never removes a lock another build took over meanwhile', async () => {
    const lock = await lockBuildFolder(dir);
    await writeFile(lockFile(), holder({ token: 'taken over' }));
    await lock.release();
    expect(await readFile(lockFile(), 'utf8')).toBe(holder({ token: 'taken over' }));
  });
});

describe('removing what an interrupted build leaves', () => {
  it('removes held locks and staged files that were neither committed nor discarded', async () => {
    await lockBuildFolder(dir);
    const staged = await new StagedFile(path.join(dir, 'index.html')).write('<html>');
    const committed = await new StagedFile(path.join(dir, 'slides.md')).write('# slides');
    await committed.commit();
    expect((await readdir(dir)).sort()).toEqual([path.basename(staged.temp), LOCK_FILE, 'slides.md'].sort());
    // What process.on('exit') runs: the committed file is the build's, the rest goes.
    removePending();
    expect(await readdir(dir)).toEqual(['slides.md']);
  });
});

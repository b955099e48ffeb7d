/**
 * The build daemon as a user runs it: `briefdeck daemon start`, then ordinary `build` and
 * `check` commands, which must give what they give without it (files, output, exit codes),
 * in the folder and with the environment they were typed in.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDeck, readPdf, ROOT, tempDir } from './helpers.js';
import { until } from './processes.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'dist', 'briefdeck.mjs');

type Outcome = { code: number; stdout: string; stderr: string };

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('the build daemon', () => {
  let runtime: string;
  let work: string;
  // The daemon's folder is the test's own, so a daemon of the developer's is never touched.
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const { BRIEFDECK_DAEMON: _off, ...rest } = process.env;
    return { ...rest, XDG_RUNTIME_DIR: runtime, ...extra };
  };
  const briefdeck = (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Outcome> =>
    run(process.execPath, [BIN, ...args], { cwd: options.cwd ?? work, env: env(options.env) }).then(
      (r) => ({ code: 0, ...r }),
      (e: Outcome) => e,
    );
  const status = async () => (await briefdeck(['daemon', 'status'])).stdout;
  const runsSoFar = async () => Number(/(\d+) commands? run/.exec(await status())?.[1]);
  const pidOf = async () => Number(/^daemon (\d+)/.exec(await status())?.[1]);
  // Timings differ from run to run; all else must be equal.
  const untimed = (text: string) => text.replace(/ in \d+(\.\d+)? m?s/g, ' in …');

  beforeAll(async () => {
    runtime = await tempDir('daemon-runtime');
    work = await tempDir('daemon-work');
    await copyDeck('inf-treaty', path.join(work, 'slides'));
    await copyDeck('soren-basin', path.join(work, 'slides'));
    expect((await briefdeck(['daemon', 'status'])).stdout).toMatch(/^no daemon running/);
    const started = await briefdeck(['daemon', 'start']);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^started: daemon \d+ /);
  });
  afterAll(async () => {
    await briefdeck(['daemon', 'stop']);
  });

  it('builds the same files and prints the same lines as a build without it', async () => {
    const before = await runsSoFar();
    const through = await briefdeck(['build', '--force', '--no-pdf', '--out', 'a']);
    expect(await runsSoFar()).toBe(before + 1);
    const alone = await briefdeck(['build', '--force', '--no-pdf', '--out', 'b'], { env: { BRIEFDECK_DAEMON: 'off' } });
    expect(await runsSoFar()).toBe(before + 1);
    expect(through.code).toBe(0);
    expect(untimed(through.stdout).replaceAll('a/', 'b/')).toBe(untimed(alone.stdout));
    expect(through.stderr).toBe(alone.stderr);
    for (const deck of ['inf-treaty', 'soren-basin']) {
      const files = (await readdir(path.join(work, 'b', deck))).filter((f) => f !== 'assets' && !f.startsWith('.')).sort();
      expect(files).toEqual(['facts.json', 'index.html', 'slides.md']);
      for (const file of files) {
        expect(await readFile(path.join(work, 'a', deck, file), 'utf8'), `${deck}/${file}`).toBe(await readFile(path.join(work, 'b', deck, file), 'utf8'));
      }
    }
  });

  it('reports invalid facts with the same messages and exit code', async () => {
    const broken = await copyDeck('soren-basin', path.join(work, 'broken'));
    const facts = path.join(broken, 'facts.yaml');
    await writeFile(facts, (await readFile(facts, 'utf8')).replace('source: wire-2031-03-04', 'source: wire-2031'));
    for (const command of [['check', broken], ['build', '--no-pdf', '--out', 'c', broken]]) {
      const through = await briefdeck(command);
      const alone = await briefdeck(command, { env: { BRIEFDECK_DAEMON: 'off' } });
      expect(through.code).toBe(1);
      expect(alone.code).toBe(1);
      expect(through.stderr).toMatch(/no source has the id "wire-2031": did you mean "wire-2031-03-04"\?/);
      expect(untimed(through.stderr)).toBe(untimed(alone.stderr));
      expect(untimed(through.stdout)).toBe(untimed(alone.stdout));
    }
  });

  it('runs each command in its own folder, with its config file and environment', async () => {
    const project = await tempDir('daemon-project');
    await copyDeck('inf-treaty', path.join(project, 'slides'));
    await writeFile(path.join(project, 'briefdeck.config.json'), JSON.stringify({ out: 'handouts', pdf: false }));
    const built = await briefdeck(['build'], { cwd: project });
    expect(built.code).toBe(0);
    expect((await stat(path.join(project, 'handouts', 'inf-treaty', 'index.html'))).isFile()).toBe(true);
    // The environment is the client's: a browser named there is the one used.
    const missing = path.join(project, 'no-such-chrome');
    const noBrowser = await briefdeck(['build', '--force', '--out', 'd', path.join(work, 'slides', 'inf-treaty')], { env: { BRIEFDECK_BROWSER: missing } });
    expect(noBrowser.code).toBe(3);
    expect(noBrowser.stderr).toContain(missing);
    // The daemon is still up, back in its own environment.
    expect(await pidOf()).toBeGreaterThan(0);
    expect((await briefdeck(['build', '--no-pdf', '--force', '--out', 'e', 'slides/inf-treaty'])).code).toBe(0);
  });

  it('prints PDFs with one warm Chromium, the same text as a build without it', async () => {
    const launches = async () => Number(/Chromium launched (\d+) time/.exec(await status())?.[1]);
    const first = await launches();
    for (const out of ['p1', 'p2']) expect((await briefdeck(['build', '--force', '--out', out, 'slides/inf-treaty'])).code).toBe(0);
    // Launched for the first of these two builds at most, not for the second.
    expect(await launches()).toBeLessThanOrEqual(first + 1);
    expect(await launches()).toBeGreaterThanOrEqual(1);
    const alone = await briefdeck(['build', '--force', '--out', 'p3', 'slides/inf-treaty'], { env: { BRIEFDECK_DAEMON: 'off' } });
    expect(alone.code).toBe(0);
    const texts = await Promise.all(['p1', 'p2', 'p3'].map(async (out) => (await readPdf(path.join(work, out, 'inf-treaty', 'inf-treaty.pdf'))).pages.map((p) => p.text)));
    expect(texts[0]!.length).toBeGreaterThan(10);
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    // With Chromium warm, a command naming another browser still gets that one, as it would alone.
    const missing = path.join(work, 'no-such-chrome');
    const other = await briefdeck(['build', '--force', '--out', 'p4', 'slides/inf-treaty'], { env: { BRIEFDECK_BROWSER: missing } });
    expect(other.code).toBe(3);
    expect(other.stderr).toContain(missing);
  });

  it('writes files with the client’s umask', async () => {
    if (process.platform === 'win32') return;
    const modes = async (out: string) => {
      const file = await stat(path.join(work, out, 'inf-treaty', 'index.html'));
      const dir = await stat(path.join(work, out, 'inf-treaty'));
      return [file.mode & 0o777, dir.mode & 0o777];
    };
    const strict = (out: string, extra: Record<string, string> = {}) =>
      run('/bin/sh', ['-c', `umask 027 && exec "$0" "$@"`, process.execPath, BIN, 'build', '--no-pdf', '--out', out, 'slides/inf-treaty'], { cwd: work, env: env(extra) });
    await strict('u1');
    await strict('u2', { BRIEFDECK_DAEMON: 'off' });
    expect(await modes('u1')).toEqual([0o640, 0o750]);
    expect(await modes('u2')).toEqual([0o640, 0o750]);
  });

  it('leaves --watch, new and draft to the command line', async () => {
    const before = await runsSoFar();
    expect((await briefdeck(['new', path.join(work, 'fresh')])).code).toBe(0);
    expect(await runsSoFar()).toBe(before);
  });

  it('builds without it when it was killed, and starts again over what it left', async () => {
    const pid = await pidOf();
    process.kill(pid, 'SIGKILL');
    await until('the daemon to die', () => gone(pid));
    const built = await briefdeck(['build', '--force', '--no-pdf', '--out', 'f', 'slides/inf-treaty']);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^✓ inf-treaty: \d+ slides/m);
    expect(await status()).toMatch(/^no daemon running/);
    const again = await briefdeck(['daemon', 'start']);
    expect(again.code).toBe(0);
    expect(await pidOf()).not.toBe(pid);
  });

  it('never writes through a link planted where its log goes', async () => {
    if (process.platform === 'win32') return;
    await briefdeck(['daemon', 'stop']);
    const id = createHash('sha256').update(await readFile(path.join(ROOT, 'dist', 'briefdeck-cli.cjs'))).digest('hex');
    const victim = path.join(work, 'precious.txt');
    await writeFile(victim, 'precious');
    const log = path.join(runtime, `briefdeck-${process.getuid!()}`, `${id.slice(0, 12)}-${process.version.slice(1)}.log`);
    await rm(log, { force: true });
    await symlink(victim, log);
    expect((await briefdeck(['daemon', 'start'])).code).toBe(0);
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(log)).isSymbolicLink()).toBe(false);
  });

  it('stops when told, and by itself once idle', async () => {
    expect((await briefdeck(['daemon', 'stop'])).stdout).toBe('daemon stopped\n');
    expect(await status()).toMatch(/^no daemon running/);
    expect((await briefdeck(['daemon', 'start', '--idle', '0.01'])).code).toBe(0);
    const pid = await pidOf();
    await until('the idle daemon to stop', async () => /^no daemon running/.test(await status()), 10_000);
    await until('its process to exit', () => gone(pid));
  });
});

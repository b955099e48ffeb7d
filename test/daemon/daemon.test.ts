import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/run.js';
import { daemonAddress, daemonAddresses, DAEMON_ENV, isPrivateDir } from '../../src/daemon/address.js';
import { askDaemon, routable, viaDaemon, type ClientStreams } from '../../src/daemon/client.js';
import { startDaemon, type RunningDaemon } from '../../src/daemon/server.js';

const ID = 'f'.repeat(64);

function captured(): ClientStreams & { text: () => { out: string; err: string } } {
  let out = '';
  let err = '';
  const stream = (add: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        add(chunk.toString());
        done();
      },
    }) as unknown as NodeJS.WriteStream;
  return { stdout: stream((s) => (out += s)), stderr: stream((s) => (err += s)), text: () => ({ out, err }) };
}

describe('which commands go to the daemon', () => {
  it('takes one-off build and check, never watch, serve, new or draft', () => {
    expect(routable(['build', '--no-pdf', 'slides/a'])).toBe(true);
    expect(routable(['check', '--json'])).toBe(true);
    expect(routable(['build', '-j', '2', '-q'])).toBe(true);
    expect(routable(['build', '--watch'])).toBe(false);
    expect(routable(['build', '-w'])).toBe(false);
    // A bundle of short options with a w in it: maybe --watch, so it runs here.
    expect(routable(['build', '-qw'])).toBe(false);
    expect(routable(['build', '--', '-w'])).toBe(true);
    for (const command of ['serve', 'new', 'draft', 'daemon', 'schema', '--help', '-v']) expect(routable([command])).toBe(false);
    expect(routable([])).toBe(false);
  });
});

describe('the build daemon', () => {
  let runtime: string;
  let daemon: RunningDaemon | undefined;
  const saved = { runtime: process.env.XDG_RUNTIME_DIR, off: process.env[DAEMON_ENV] };

  beforeEach(async () => {
    runtime = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-daemon-'));
    process.env.XDG_RUNTIME_DIR = runtime;
    delete process.env[DAEMON_ENV];
  });
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
    process.env.XDG_RUNTIME_DIR = saved.runtime;
    if (saved.off === undefined) delete process.env[DAEMON_ENV];
    else process.env[DAEMON_ENV] = saved.off;
  });

  it('runs a command in the client’s folder and environment, sends its output and exit code, then puts its own back', async () => {
    const work = await realpath(await mkdtemp(path.join(os.tmpdir(), 'briefdeck-client-')));
    const seen: { argv: string[]; cwd: string; marker: string | undefined; io: CliIO }[] = [];
    daemon = await startDaemon({
      bundleId: ID,
      idleMs: 60_000,
      log: () => {},
      run: async (argv, io) => {
        seen.push({ argv, cwd: process.cwd(), marker: process.env.BRIEFDECK_TEST_MARKER, io });
        io.out('first line');
        io.err('a warning');
        io.progress?.write('\r… progress');
        return 1;
      },
    });
    const streams = captured();
    const cwd = process.cwd();
    process.env.BRIEFDECK_TEST_MARKER = 'from the client';
    process.chdir(work);
    let code: number | undefined;
    try {
      code = await viaDaemon(['build', '--no-pdf'], ID, streams);
    } finally {
      process.chdir(cwd);
      delete process.env.BRIEFDECK_TEST_MARKER;
    }
    expect(code).toBe(1);
    expect(streams.text()).toEqual({ out: 'first line\n\r… progress', err: 'a warning\n' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.argv).toEqual(['build', '--no-pdf']);
    expect(seen[0]!.cwd).toBe(work);
    expect(seen[0]!.marker).toBe('from the client');
    expect(seen[0]!.io.progress?.isTTY).toBe(false);
    // In process here, the daemon's folder and environment are this test's: both are restored.
    expect(process.cwd()).toBe(cwd);
    expect(process.env.BRIEFDECK_TEST_MARKER).toBeUndefined();
  });

  it('runs one command at a time, in the order asked', async () => {
    const order: string[] = [];
    daemon = await startDaemon({
      bundleId: ID,
      idleMs: 60_000,
      log: () => {},
      run: async (argv) => {
        order.push(`start ${argv[1]}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push(`end ${argv[1]}`);
        return 0;
      },
    });
    const streams = ['a', 'b', 'c'].map(() => captured());
    const codes = await Promise.all(['a', 'b', 'c'].map((deck, i) => viaDaemon(['build', deck], ID, streams[i])));
    expect(codes).toEqual([0, 0, 0]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    // Who waits is told why.
    expect(streams[0]!.text().err).toBe('');
    expect(streams[2]!.text().err).toBe('briefdeck: waiting for the daemon to finish the command before this one\n');

    // A client stopped (Ctrl-C) while its command waits: the command never runs.
    order.length = 0;
    const first = viaDaemon(['build', 'd'], ID, captured());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const token = await readFile(daemonAddress(ID).tokenFile, 'utf8');
    await new Promise<void>((resolve) => {
      const socket = net.connect(daemonAddress(ID).socket, () => {
        socket.write(JSON.stringify({ token, kind: 'run', argv: ['build', 'abandoned'], cwd: process.cwd(), env: {}, stdout: { isTTY: false }, umask: 0o022 }) + '\n');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 5);
      });
    });
    expect(await first).toBe(0);
    expect(await viaDaemon(['build', 'e'], ID, captured())).toBe(0);
    expect(order).toEqual(['start d', 'end d', 'start e', 'end e']);
  });

  it('keeps its token in a folder only this user can enter, and refuses a client without it', async () => {
    let runs = 0;
    daemon = await startDaemon({ bundleId: ID, idleMs: 60_000, log: () => {}, run: async () => ++runs });
    const address = daemonAddress(ID);
    expect(isPrivateDir(address.dir)).toBe(true);
    if (process.platform !== 'win32') {
      expect((await stat(address.dir)).mode & 0o777).toBe(0o700);
      expect((await stat(address.tokenFile)).mode & 0o777).toBe(0o600);
    }
    const token = await readFile(address.tokenFile, 'utf8');
    await writeFile(address.tokenFile, token.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    // Refused: the caller runs the command itself.
    expect(await viaDaemon(['check'], ID, captured())).toBeUndefined();
    expect(runs).toBe(0);
    await writeFile(address.tokenFile, token);
    expect(await viaDaemon(['check'], ID, captured())).toBe(1);
    // Only what a client may hand over is run, whoever asks.
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(address.socket, () => socket.write(JSON.stringify({ token, kind: 'run', argv: ['serve'], cwd: '/', env: {}, stdout: { isTTY: false } }) + '\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
    });
    expect(JSON.parse(reply)).toEqual({ refused: 'unknown request' });
    expect(runs).toBe(1);
  });

  it('is not used when its folder is open to others, when turned off, or for another bundle', async () => {
    daemon = await startDaemon({ bundleId: ID, idleMs: 60_000, log: () => {}, run: async () => 0 });
    expect(await viaDaemon(['check'], 'e'.repeat(64), captured())).toBeUndefined();
    process.env[DAEMON_ENV] = 'off';
    expect(await viaDaemon(['check'], ID, captured())).toBeUndefined();
    delete process.env[DAEMON_ENV];
    if (process.platform !== 'win32') {
      await chmod(daemonAddress(ID).dir, 0o777);
      expect(await viaDaemon(['check'], ID, captured())).toBeUndefined();
      await chmod(daemonAddress(ID).dir, 0o700);
    }
    expect(await viaDaemon(['check'], ID, captured())).toBe(0);
  });

  it('refuses a folder that is a link, without touching what it points to', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-elsewhere-'));
    await chmod(elsewhere, 0o755);
    await symlink(elsewhere, daemonAddress(ID).dir);
    await expect(startDaemon({ bundleId: ID, idleMs: 60_000, log: () => {}, run: async () => 0 })).rejects.toThrow(/is not a folder of yours that only you can enter/);
    expect((await stat(elsewhere)).mode & 0o777).toBe(0o755);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('makes its folder private when it finds it open to others', async () => {
    if (process.platform === 'win32') return;
    const dir = daemonAddress(ID).dir;
    await mkdir(dir, { mode: 0o777 });
    await chmod(dir, 0o777);
    daemon = await startDaemon({ bundleId: ID, idleMs: 60_000, log: () => {}, run: async () => 0 });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('stops when asked, and after its idle time, removing its token and socket', async () => {
    daemon = await startDaemon({ bundleId: ID, idleMs: 60_000, log: () => {}, run: async () => 0 });
    const address = daemonAddress(ID);
    const status = await askDaemon('status', address);
    expect(status && 'status' in status && status.status.pid).toBe(process.pid);
    expect(await askDaemon('stop', address)).toEqual({ exit: 0 });
    await daemon.stopped;
    await expect(stat(address.tokenFile)).rejects.toThrow();
    if (process.platform !== 'win32') await expect(stat(address.socket)).rejects.toThrow();
    expect(await viaDaemon(['check'], ID, captured())).toBeUndefined();

    // Every daemon of the user's is found, this bundle's and another's, for `daemon stop`.
    const other = await startDaemon({ bundleId: 'e'.repeat(64), idleMs: 60_000, log: () => {}, run: async () => 0 });
    expect(daemonAddresses().map((a) => a.socket)).toEqual([other.address.socket]);
    await other.stop();
    expect(daemonAddresses()).toEqual([]);

    const started = performance.now();
    daemon = await startDaemon({ bundleId: ID, idleMs: 200, log: () => {}, run: async () => 0 });
    expect(await viaDaemon(['check'], ID, captured())).toBe(0);
    await daemon.stopped;
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    await expect(stat(address.tokenFile)).rejects.toThrow();
  });

  it('says so and lets the client run the command itself when the daemon stops in the middle of one', async () => {
    // Stands for a daemon killed mid-build: some output, then the socket closes with no exit code.
    const address = daemonAddress(ID);
    await mkdir(address.dir, { recursive: true, mode: 0o700 });
    await writeFile(address.tokenFile, 'token');
    let quiet = false;
    const server = net.createServer((socket) => {
      socket.on('data', () => {
        if (!quiet) socket.write(JSON.stringify({ out: 'half' }) + '\n');
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(address.socket, resolve));
    try {
      const streams = captured();
      expect(await viaDaemon(['build'], ID, streams)).toBeUndefined();
      expect(streams.text().out).toBe('half\n');
      expect(streams.text().err).toMatch(/the build daemon stopped during this command; running it here instead/);
      // Before any output too (a quiet build): the command was asked, so the rerun is told.
      quiet = true;
      const silent = captured();
      expect(await viaDaemon(['build', '-q'], ID, silent)).toBeUndefined();
      expect(silent.text()).toEqual({ out: '', err: 'briefdeck: the build daemon stopped during this command; running it here instead\n' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

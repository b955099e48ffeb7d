import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../cli/run.js';
import { BriefdeckError, ExitCode, UsageError } from '../errors.js';
import { daemonAddress, daemonAddresses, DAEMONS_SUPPORTED } from './address.js';
import { askDaemon } from './client.js';
import type { DaemonStatus } from './protocol.js';
import { prepareDir, startDaemon } from './server.js';

const ACTIONS = ['start', 'stop', 'status', 'run'] as const;
/** How long `start` waits for the new daemon to answer. */
const START_TIMEOUT_MS = 15_000;

/**
 * `briefdeck daemon start|stop|status|run`. The daemon is the installed command's bundle kept
 * running: it serves the launcher that shares its bundle (see daemonAddress), so it can only be
 * started from that bundle, not from the library or the sources.
 */
export async function daemonCommand(
  action: string,
  options: { idleMs: number },
  io: CliIO,
  run: (argv: string[], io: CliIO) => Promise<number>,
): Promise<number> {
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`daemon takes one of ${ACTIONS.join(', ')}, not "${action}"`);
  }
  if (!DAEMONS_SUPPORTED) {
    throw new UsageError('the build daemon needs a POSIX system (Linux, macOS): on Windows every command runs by itself');
  }
  const bundle = runningBundle();
  const id = createHash('sha256').update(readFileSync(bundle)).digest('hex');
  const address = daemonAddress(id);
  const others = () => daemonAddresses().filter((a) => a.socket !== address.socket);

  if (action === 'status') {
    const reply = await askDaemon('status', address);
    io.out(reply && 'status' in reply ? describe(reply.status) : 'no daemon running: build and check start afresh each time (start one with: briefdeck daemon start)');
    for (const other of others()) {
      const old = await askDaemon('status', other);
      if (old && 'status' in old) io.out(`also running, for another briefdeck build (stopped by: briefdeck daemon stop): ${describe(old.status)}`);
    }
    return ExitCode.ok;
  }
  if (action === 'stop') {
    // Every daemon of this user's: after an upgrade, the older one is stopped too.
    const stopped = await askDaemon('stop', address);
    let older = 0;
    for (const other of others()) if (await askDaemon('stop', other)) older++;
    io.out(stopped ? 'daemon stopped' : 'no daemon running');
    if (older > 0) io.out(`also stopped ${older} daemon${older === 1 ? '' : 's'} of another briefdeck build`);
    return ExitCode.ok;
  }
  if (action === 'run') {
    const daemon = await startDaemon({ bundleId: id, idleMs: options.idleMs, run, log: io.out });
    await daemon.stopped;
    return ExitCode.ok;
  }

  const running = await askDaemon('status', address);
  if (running && 'status' in running) {
    io.out(`already running: ${describe(running.status)}`);
    return ExitCode.ok;
  }
  // Checked before anything is written in it; the log is made afresh, never through a link left there.
  prepareDir(address.dir);
  rmSync(address.logFile, { force: true });
  const log = openSync(address.logFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  const child = spawn(process.execPath, [path.join(path.dirname(bundle), 'briefdeck.mjs'), 'daemon', 'run', '--idle', String(options.idleMs / 60_000)], {
    detached: true,
    stdio: ['ignore', log, log],
    cwd: path.parse(process.cwd()).root,
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && exited === undefined) {
    const reply = await askDaemon('status', address);
    if (reply && 'status' in reply) {
      io.out(`started: ${describe(reply.status)}`);
      io.out('build and check now run in it; stop it with: briefdeck daemon stop');
      return ExitCode.ok;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (exited === undefined) child.kill();
  const said = readFileSync(address.logFile, 'utf8').trim();
  throw new BriefdeckError(`the daemon did not start${said ? `: ${said}` : ''} (its log: ${address.logFile})`, ExitCode.environment);
}

/** The CLI bundle this code runs from: the daemon is that file kept running. */
function runningBundle(): string {
  const file = fileURLToPath(import.meta.url);
  if (path.basename(file) !== 'briefdeck-cli.cjs') {
    throw new UsageError('the daemon runs the installed briefdeck command: start it with `briefdeck daemon start` (or `npx briefdeck daemon start`)');
  }
  return file;
}

function describe(status: DaemonStatus): string {
  const launches = status.browserLaunches;
  return `daemon ${status.pid} (briefdeck ${status.version}, Node ${status.node.replace(/^v/, '')}) since ${status.startedAt}, ${status.runs} command${status.runs === 1 ? '' : 's'} run, Chromium launched ${launches} time${launches === 1 ? '' : 's'}; stops after ${status.idleMinutes} min without a command`;
}

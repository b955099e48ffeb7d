/**
 * Linux process inspection for the fault tests: which Chromium processes a CLI run started,
 * and whether any of them is still alive after it exited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const HAS_PROC = existsSync('/proc/self/stat');

interface Proc {
  pid: number;
  ppid: number;
  /** The command line as one string: Chromium rewrites its own, joining the arguments with spaces. */
  cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      if (fields[0] === 'Z') continue; // a zombie is dead, only not yet reaped
      out.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Chromium processes whose parent chain leads to `root`. */
export function chromiumUnder(root: number): Proc[] {
  const all = processes();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const descends = (p: Proc): boolean => {
    for (let cur: Proc | undefined = p, hops = 0; cur && hops < 64; cur = byPid.get(cur.ppid), hops++) {
      if (cur.ppid === root) return true;
    }
    return false;
  };
  return all.filter((p) => isChromium(p) && descends(p));
}

/** Processes (of any parent: orphans are adopted by init) whose command line mentions `needle`. */
export function processesMentioning(needle: string): Proc[] {
  return processes().filter((p) => p.cmdline.includes(needle));
}

function isChromium(p: Proc): boolean {
  return /^\S*chrom/i.test(p.cmdline);
}

/** The --user-data-dir of a Chromium run: every process of that browser carries it. */
export function userDataDir(procs: Proc[]): string | undefined {
  for (const p of procs) {
    const arg = /--user-data-dir=(\S+)/.exec(p.cmdline);
    if (arg) return arg[1];
  }
  return undefined;
}

export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export function spawnNode(args: string[], options: { cwd?: string } = {}): Spawned {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ms: performance.now() - started })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

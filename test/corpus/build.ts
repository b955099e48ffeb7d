/**
 * Builds many generated decks through the real CLI, a batch of decks per `build` call sharing
 * one browser (`--jobs`), and tells for each deck whether it was built or refused, and why.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, type Node } from 'yaml';

export interface DeckBuild {
  name: string;
  /** Exit code of the `build` call the deck was in (or of its own call, when the batch crashed). */
  code: number;
  built: boolean;
  /** `file:line:col: field: message` error lines naming this deck's facts file (warnings left out). */
  problems: { line: number; col: number; field: string; message: string }[];
  output: string;
  ms: number;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(bin: string, args: string[], timeoutMs: number): Promise<Run> {
  const start = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

const PROBLEM = /^(.*facts\.yaml):(\d+):(\d+): ([^:\s]+): (.*)$/;

function attribute(dir: string, run: Run): DeckBuild {
  const name = path.basename(dir);
  const file = path.join(dir, 'facts.yaml');
  const output = `${run.stdout}\n${run.stderr}`;
  const problems = output
    .split('\n')
    .map((line) => PROBLEM.exec(line.replace(/^.*?(?=\/)/, '')))
    .filter((m): m is RegExpExecArray => m !== null && path.resolve(m[1]!) === file && m[4] !== 'warning' && !m[5]!.startsWith('warning: '))
    .map((m) => ({ line: Number(m[2]), col: Number(m[3]), field: m[4]!, message: m[5]! }));
  const built = new RegExp(`^✓ ${name}:`, 'm').test(run.stdout);
  const mine = output.split('\n').filter((l) => l.includes(name) || l.includes(file)).join('\n');
  return { name, code: run.code, built, problems, output: mine, ms: run.ms };
}

/**
 * Builds `dirs` into `out`, `batch` decks per call. A call that ends with anything but 0 or 1
 * is a crash: its decks are built again one by one, so each one's own exit code is known.
 */
export async function buildDecks(bin: string, dirs: string[], out: string, { batch = 10, jobs = 2, timeoutMs = 600_000 } = {}): Promise<DeckBuild[]> {
  const results: DeckBuild[] = [];
  for (let i = 0; i < dirs.length; i += batch) {
    const group = dirs.slice(i, i + batch);
    const run = await cli(bin, ['build', '--jobs', String(jobs), '--out', out, ...group], timeoutMs);
    if (run.code === 0 || run.code === 1) {
      results.push(...group.map((d) => attribute(d, { ...run, ms: run.ms / group.length })));
      continue;
    }
    for (const d of group) {
      const alone = await cli(bin, ['build', '--out', out, d], timeoutMs);
      results.push(attribute(d, alone));
    }
  }
  return results;
}

/** What of a refused deck's outputs is on disk: anything at all is half-written. */
export async function leftovers(out: string, name: string): Promise<string[]> {
  if (!existsSync(out)) return [];
  const entries = await readdir(out);
  const strays = entries.filter((e) => e !== name && e.includes(name) && !/^\.?[^.]*\.lock$/.test(e));
  const own = existsSync(path.join(out, name)) ? (await readdir(path.join(out, name), { recursive: true })).map((e) => `${name}/${e}`) : [];
  return [...strays, ...own];
}

/**
 * Whether `field` (as `a.b[0].c`) names a value that exists in the facts file, and whether the
 * reported line falls on it. Returns a reason when it does not.
 */
export function fieldProblem(yamlText: string, field: string, line: number): string | undefined {
  const keys = field.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const doc = parseDocument(yamlText, { keepSourceTokens: false });
  const node = doc.getIn(keys, true) as Node | undefined;
  if (node === undefined) return `${field} is not a field of the file`;
  const [start, , end] = node.range ?? [0, 0, 0];
  const lineOf = (offset: number) => yamlText.slice(0, offset).split('\n').length;
  // The key of a field stands on its value's line or the line before (a block scalar).
  if (line < lineOf(start) - 1 || line > lineOf(end)) return `line ${line} is not where ${field} is (lines ${lineOf(start)}–${lineOf(end)})`;
  return undefined;
}

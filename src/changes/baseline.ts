import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { confinedRealPath } from '../confine.js';
import { InvalidFactsError, UsageError } from '../errors.js';
import { displayPath, FACTS_FILE } from '../facts/load.js';
import { parseFacts } from '../facts/parse.js';
import { Facts } from '../facts/schema.js';

/** Where earlier facts come from: a path (relative to `base`) or a git revision. */
export interface BaselineSpec {
  spec: string;
  /** Folder a relative path is resolved against. */
  base: string;
  /** A path must stay inside this folder (for specs written in facts files). */
  confine?: string;
}

export interface Baseline {
  facts: Facts;
  /** sha256 of the bytes read, so a rebuild notices when the baseline moved. */
  sha256: string;
}

/**
 * Reads the earlier facts a deck is compared with: a facts.yaml, a build snapshot
 * (build/<deck>/facts.json), or the deck's facts.yaml at a git revision.
 */
export async function loadBaseline({ spec, base, confine }: BaselineSpec, deckDir: string): Promise<Baseline> {
  const file = path.resolve(base, spec);
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  if (isFile) {
    // Written in a facts file: confined like source copies and logos, symlinks resolved.
    const real = confine
      ? await confinedRealPath(confine, file, spec, {
          outside: `is outside ${displayPath(confine)}: compare with facts inside the project`,
          where: displayPath(confine),
          bound: displayPath(confine),
        }).catch((err: Error) => {
          throw new UsageError(`changes_since: ${err.message}`);
        })
      : file;
    const bytes = await readFile(real);
    return { facts: parseBaseline(bytes, displayPath(file), file.endsWith('.json')), sha256: sha(bytes) };
  }
  const bytes = await gitShow(spec, deckDir);
  return { facts: parseBaseline(bytes, `${spec}:${FACTS_FILE}`, false), sha256: sha(bytes) };
}

function parseBaseline(bytes: Uint8Array, label: string, json: boolean): Facts {
  if (json) {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new UsageError(`${label} is not a facts snapshot (JSON): use build/<deck>/facts.json or a facts.yaml`);
    }
    const result = Facts.safeParse(value);
    if (!result.success) throw new UsageError(`${label} is not a facts snapshot of this briefdeck version: compare with a facts.yaml instead`);
    return result.data;
  }
  const parsed = parseFacts(bytes, label);
  if (!parsed.facts) throw new InvalidFactsError(label, parsed.problems);
  return parsed.facts;
}

async function gitShow(revision: string, deckDir: string): Promise<Uint8Array> {
  if (!/^[\w./~^@{}-]+$/.test(revision) || revision.startsWith('-')) {
    throw new UsageError(`changes since "${revision}": not a file, and not a git revision`);
  }
  try {
    // child_process (with net and dgram) only for a git revision: it is slow to load.
    const run = promisify((await import('node:child_process')).execFile);
    const { stdout } = await run('git', ['-C', deckDir, 'show', `${revision}:./${FACTS_FILE}`], {
      encoding: 'buffer',
      maxBuffer: 8 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const reason = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim().split('\n')[0];
    throw new UsageError(
      `changes since "${revision}": no such file, and git cannot show ${displayPath(path.join(deckDir, FACTS_FILE))} at that revision (${reason}). ` +
        'Give a facts.yaml, a build/<deck>/facts.json snapshot, or a revision where the deck existed.',
    );
  }
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

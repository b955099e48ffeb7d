import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

/**
 * What a deck's last build was made from, kept in its build folder. A deck whose inputs hash
 * the same, with every output in place, is up to date and is not rebuilt.
 */
export interface BuildState {
  /** sha256 over every input file and the settings that shape the output. */
  fingerprint: string;
  /** Input files, absolute. */
  inputs: string[];
  /** Settings, as hashed (version, theme, assets, baseline). */
  settings: string;
  /** Whether that build made the PDF. */
  pdf: boolean;
  /** Output files, relative to the build folder. */
  outputs: string[];
  /** The earlier facts the deck was compared with, if any. */
  baseline?: { spec: string; base: string; confine?: string };
}

export const STATE_FILE = '.briefdeck-build.json';

export async function fingerprint(inputs: readonly string[], settings: string): Promise<string> {
  const hash = createHash('sha256').update(settings).update('\0');
  for (const file of [...inputs].sort()) {
    const bytes = await readFile(file).catch(() => undefined);
    hash.update(file).update('\0').update(bytes ? createHash('sha256').update(bytes).digest('hex') : 'missing').update('\0');
  }
  return hash.digest('hex');
}

export async function readState(outDir: string): Promise<BuildState | undefined> {
  try {
    return JSON.parse(await readFile(path.join(outDir, STATE_FILE), 'utf8')) as BuildState;
  } catch {
    return undefined;
  }
}

export function writeState(outDir: string, state: BuildState): Promise<void> {
  return writeFileAtomic(path.join(outDir, STATE_FILE), JSON.stringify(state, null, 2) + '\n');
}

/**
 * True when the last build used the same inputs and settings and all its outputs are there.
 * `settingsFor` computes today's settings given what the last build recorded; `files` are
 * outputs asked for that the last build (or the export after it) must have recorded making.
 */
export async function isUpToDate(
  outDir: string,
  settingsFor: (state: BuildState) => Promise<string | undefined>,
  pdf: boolean,
  files: readonly string[] = [],
): Promise<boolean> {
  const state = await readState(outDir);
  if (!state || (pdf && !state.pdf) || files.some((f) => !state.outputs.includes(f))) return false;
  const settings = await settingsFor(state);
  if (settings === undefined || settings !== state.settings) return false;
  const present = await Promise.all(state.outputs.map((o) => stat(path.join(outDir, o)).then(() => true, () => false)));
  if (!present.every(Boolean)) return false;
  return (await fingerprint(state.inputs, settings)) === state.fingerprint;
}

/**
 * Records that an output made after the deck's last build (the PDF, the .pptx, exported in
 * the background after the HTML) now matches it.
 */
export async function recordOutput(outDir: string, file: string, kind: 'pdf' | 'other' = 'other'): Promise<void> {
  const state = await readState(outDir);
  if (!state) return;
  await writeState(outDir, { ...state, ...(kind === 'pdf' ? { pdf: true } : {}), outputs: [...new Set([...state.outputs, file])] });
}

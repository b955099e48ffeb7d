import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FACTS_FILE } from '../facts/load.js';

export const SLIDES_DIR = 'slides';

/**
 * The deck folders a command works on: those named, or every folder under slides/ that holds
 * a facts file. A named facts.yaml stands for its folder.
 */
export async function resolveDecks(named: readonly string[], cwd = process.cwd()): Promise<string[]> {
  if (named.length > 0) {
    return named.map((d) => {
      const full = path.resolve(cwd, d);
      return path.basename(full) === FACTS_FILE ? path.dirname(full) : full;
    });
  }
  const root = path.resolve(cwd, SLIDES_DIR);
  const entries = await readdir(root, { withFileTypes: true }).catch(() => {
    throw new UsageError(`no deck named and no ${SLIDES_DIR}/ folder here: run from the project folder, or name a deck folder`);
  });
  const decks: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(root, entry.name);
    if (await stat(path.join(dir, FACTS_FILE)).then((s) => s.isFile(), () => false)) decks.push(dir);
  }
  if (decks.length === 0) {
    throw new UsageError(`no ${SLIDES_DIR}/*/${FACTS_FILE} found: create a deck with \`npx briefdeck new ${SLIDES_DIR}/my-topic\``);
  }
  return decks;
}

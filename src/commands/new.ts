import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FACTS_FILE, displayPath } from '../facts/load.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const STARTER_DIR = path.join(PACKAGE_ROOT, 'templates', 'starter');

/** Creates a deck folder with a commented starter facts file that builds as it is. */
export async function createDeck(deckDir: string, today = new Date()): Promise<string[]> {
  const dir = path.resolve(deckDir);
  const target = path.join(dir, FACTS_FILE);
  if (await readFile(target).then(() => true, () => false)) {
    throw new UsageError(`${displayPath(target)} already exists: choose another folder, or edit that file`);
  }
  const date = today.toISOString().slice(0, 10);
  const facts = (await readFile(path.join(STARTER_DIR, FACTS_FILE), 'utf8')).replaceAll('{{date}}', date);
  const source = await readFile(path.join(STARTER_DIR, 'sources', 'example-report.txt'), 'utf8');
  await mkdir(path.join(dir, 'sources'), { recursive: true });
  await writeFile(target, facts, { flag: 'wx' });
  await writeFile(path.join(dir, 'sources', 'example-report.txt'), source, { flag: 'wx' });
  return [target, path.join(dir, 'sources', 'example-report.txt')];
}

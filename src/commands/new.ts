import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FACTS_FILE, displayPath } from '../facts/load.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { schemaText } from './schema.js';

export const STARTER_DIR = path.join(PACKAGE_ROOT, 'templates', 'starter');
export const SCHEMA_FILE = 'facts.schema.json';
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;

/**
 * Where a new deck's `$schema=` line points. A deck in the project that holds briefdeck (this
 * repository, or a project with briefdeck in its node_modules) points at the package's copy,
 * by a relative path that works for everyone who checks the project out; anywhere else (a
 * global install) the schema is written beside the facts.
 */
export function schemaReference(deckDir: string, packageRoot = PACKAGE_ROOT): { line: string; copy: boolean } {
  const marker = `${path.sep}node_modules${path.sep}`;
  // The project: the folder whose node_modules holds briefdeck, or briefdeck's own folder.
  const project = packageRoot.includes(marker) ? packageRoot.slice(0, packageRoot.lastIndexOf(marker)) : packageRoot;
  const fromProject = path.relative(project, deckDir);
  const inside = fromProject !== '..' && !fromProject.startsWith(`..${path.sep}`) && !path.isAbsolute(fromProject);
  if (!inside || project.includes(marker)) return { line: `# yaml-language-server: $schema=${SCHEMA_FILE}`, copy: true };
  const relative = path.relative(deckDir, path.join(packageRoot, 'schema', SCHEMA_FILE)).split(path.sep).join('/');
  return { line: `# yaml-language-server: $schema=${relative}`, copy: false };
}

/**
 * Creates a deck folder with a commented starter facts file that builds as it is, its example
 * source and, where the schema cannot be reached from the deck, a copy of the schema.
 */
export async function createDeck(deckDir: string, today = new Date()): Promise<string[]> {
  const dir = path.resolve(deckDir);
  const target = path.join(dir, FACTS_FILE);
  if (await readFile(target).then(() => true, () => false)) {
    throw new UsageError(`${displayPath(target)} already exists: choose another folder, or edit that file`);
  }
  const date = today.toISOString().slice(0, 10);
  const schema = schemaReference(dir);
  const facts = (await readFile(path.join(STARTER_DIR, FACTS_FILE), 'utf8')).replaceAll('{{date}}', date).replace(SCHEMA_LINE, () => schema.line);
  const source = await readFile(path.join(STARTER_DIR, 'sources', 'example-report.txt'), 'utf8');
  await mkdir(path.join(dir, 'sources'), { recursive: true });
  await writeFile(target, facts, { flag: 'wx' });
  const written = [target, path.join(dir, 'sources', 'example-report.txt')];
  await writeFile(written[1]!, source, { flag: 'wx' });
  if (schema.copy) {
    written.push(path.join(dir, SCHEMA_FILE));
    await writeFile(written[2]!, schemaText());
  }
  return written;
}

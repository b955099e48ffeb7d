import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { confinedRealPath } from '../confine.js';
import { BriefdeckError, InvalidFactsError, UsageError, type Problem } from '../errors.js';
import { checkFacts, type SourceCopy } from './check.js';
import { formatPath, MAX_FACTS_BYTES, parseFacts, tooLargeMessage, type Locator } from './parse.js';
import { parseFieldPath } from './yaml.js';
import type { Facts } from './schema.js';
import { displayPath } from '../paths.js';

export const FACTS_FILE = 'facts.yaml';
/** Source copies are read whole into memory; a news article is a few kilobytes. */
const MAX_COPY_BYTES = 5 * 1024 * 1024;

export interface LoadedFacts {
  facts: Facts;
  /** Absolute path of the deck folder. */
  deckDir: string;
  /** The facts file as the user sees it (relative to the working directory). */
  file: string;
  /** Warnings only: any error throws. */
  problems: Problem[];
  /** Absolute paths of every input read, for rebuild decisions and watching. */
  inputs: string[];
  /** Where a field is written in the facts file, for problems found after loading. */
  locate: Locator;
}

export { displayPath };

/**
 * Reads, validates and cross-checks a deck's facts and the local copies of its sources.
 * Throws InvalidFactsError carrying every problem found when any of them is an error.
 */
export async function loadFacts(deckDir: string): Promise<LoadedFacts> {
  const dir = path.resolve(deckDir);
  const factsPath = path.join(dir, FACTS_FILE);
  const file = displayPath(factsPath);
  let bytes: Uint8Array;
  try {
    const info = await stat(factsPath);
    if (!info.isFile()) throw new UsageError(`${file} is not a file`);
    // A huge file is refused by its size alone, without reading it into memory.
    if (info.size > MAX_FACTS_BYTES) {
      throw new InvalidFactsError(file, [{ severity: 'error', file, line: 0, column: 0, field: '', message: tooLargeMessage(info.size) }]);
    }
    bytes = await readFile(factsPath);
  } catch (err) {
    if (err instanceof BriefdeckError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(
        `${file} not found: a deck is a folder with a ${FACTS_FILE}. Create one with \`npx briefdeck new ${displayPath(dir)}\``,
      );
    }
    throw err;
  }

  const parsed = parseFacts(bytes, file);
  const fail = (problems: Problem[]) => {
    if (problems.some((p) => p.severity === 'error')) throw new InvalidFactsError(file, problems);
  };
  const readCopies = async (facts: Facts) => {
    const copies = new Map<string, SourceCopy>();
    const inputs = [factsPath];
    for (const source of facts.sources) {
      if (source.copy === undefined) continue;
      const read = await readSourceCopy(dir, source.copy);
      copies.set(source.id, read.copy);
      if (read.path) inputs.push(read.path);
    }
    return { copies, inputs };
  };
  if (!parsed.facts && parsed.salvaged) {
    // Every error at once: what the schema accepted is cross-checked too.
    const { facts, original, setAside } = parsed.salvaged;
    const { copies } = await readCopies(facts);
    const locate: Locator = (p, at) => parsed.locate(original(p), at);
    const more = checkFacts({ facts, file, locate, copies })
      .filter((p) => !setAside.some((id) => p.message.includes(`"${id}"`)))
      .map((p) => ({ ...p, field: formatPath(original(parseFieldPath(p.field))) }));
    fail([...parsed.problems, ...more]);
  }
  fail(parsed.problems);
  const facts = parsed.facts!;

  const { copies, inputs } = await readCopies(facts);
  const problems = [...parsed.problems, ...checkFacts({ facts, file, locate: parsed.locate, copies })];
  fail(problems);
  return { facts, deckDir: dir, file, problems, inputs, locate: parsed.locate };
}

/** Resolves a path written in facts, refusing anything that leaves the deck folder. */
export async function resolveInDeck(deckDir: string, relative: string): Promise<string> {
  if (path.isAbsolute(relative) || /^[a-zA-Z]:[\\/]/.test(relative)) {
    throw new Error(`"${relative}" is an absolute path: give a path inside the deck folder, e.g. sources/article.txt`);
  }
  return confinedRealPath(deckDir, path.resolve(deckDir, relative), relative, {
    outside: 'points outside the deck folder: keep source copies inside it, e.g. sources/article.txt',
    where: displayPath(deckDir),
    bound: 'the deck folder',
  });
}

async function readSourceCopy(deckDir: string, relative: string): Promise<{ copy: SourceCopy; path?: string }> {
  let full: string;
  try {
    full = await resolveInDeck(deckDir, relative);
  } catch (err) {
    return { copy: { error: (err as Error).message } };
  }
  const info = await stat(full);
  if (!info.isFile()) return { copy: { error: `"${relative}" is not a file` }, path: full };
  if (info.size > MAX_COPY_BYTES) {
    return { copy: { error: `"${relative}" is over ${MAX_COPY_BYTES / 1048576} MB: keep only the article text` }, path: full };
  }
  const bytes = await readFile(full);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { copy: { text }, path: full };
  } catch {
    return { copy: { error: `"${relative}" is not UTF-8 text: save the source copy as plain UTF-8 text` }, path: full };
  }
}

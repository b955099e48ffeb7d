import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FACTS_FILE, displayPath } from '../facts/load.js';
import type { Chrono } from '../draft/dates.js';
import { draftFacts, slug, type Article } from '../draft/draft.js';

/** Articles larger than this are not news copy: refuse rather than draft from a book. */
const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export interface DraftOutcome {
  factsFile: string;
  written: string[];
  todos: number;
}

/**
 * `briefdeck draft <article.txt>… [slides/<deck>]`: a new deck folder with the articles as
 * source copies and a drafted facts.yaml. The last argument is the deck folder when it is not
 * a .txt file; by default slides/<first article's name>.
 */
export async function draftDeck(args: readonly string[], today = new Date()): Promise<DraftOutcome> {
  if (!args.length) throw new UsageError('name at least one article (a plain-text file), e.g. npx briefdeck draft article.txt slides/my-topic');
  const last = args.at(-1)!;
  const deckGiven = args.length > 1 && !/\.(?:txt|text|md)$/i.test(last) && !(await isFile(last));
  const files = deckGiven ? args.slice(0, -1) : [...args];
  const deck = path.resolve(deckGiven ? last : path.join('slides', slug(path.basename(files[0]!).replace(/\.[^.]+$/, '')) || 'draft'));
  const target = path.join(deck, FACTS_FILE);
  if (await isFile(target)) throw new UsageError(`${displayPath(target)} already exists: choose another deck folder, or edit that file`);

  const articles: Article[] = [];
  const names = new Set<string>();
  for (const f of files) {
    let info;
    try {
      info = await stat(f);
    } catch {
      throw new UsageError(`${f}: no such file: name a plain-text copy of the article`);
    }
    if (!info.isFile()) throw new UsageError(`${f} is not a file: name a plain-text copy of the article`);
    if (info.size > MAX_ARTICLE_BYTES) throw new UsageError(`${f} is ${Math.round(info.size / 1024)} KB: an article copy must be under ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
    const bytes = await readFile(f);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\r\n?/g, '\n');
    if (text.includes('\u0000')) throw new UsageError(`${f} is not plain text: save the article as a .txt file`);
    let name = path.basename(f).replace(/[^\p{L}\p{N}._-]+/gu, '-');
    if (!/\.txt$/i.test(name)) name += '.txt';
    while (names.has(name)) name = name.replace(/(\.txt)$/i, '-2$1');
    names.add(name);
    articles.push({ name, text });
  }
  // chrono-node is loaded here only: the build never pays for it.
  const chrono = (await import('chrono-node')) as unknown as Chrono;
  const day = { y: today.getUTCFullYear(), m: today.getUTCMonth() + 1, d: today.getUTCDate() };
  const { yaml, todos } = draftFacts(articles, chrono, day);

  await mkdir(path.join(deck, 'sources'), { recursive: true });
  const written: string[] = [];
  for (const a of articles) {
    const copy = path.join(deck, 'sources', a.name);
    await writeFile(copy, a.text);
    written.push(copy);
  }
  await writeFile(target, yaml, { flag: 'wx' });
  return { factsFile: target, written: [target, ...written], todos };
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

import { cp, mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefdeckError, ExitCode, InvalidFactsError, type Problem } from '../../src/errors.js';
import { loadFacts } from '../../src/facts/load.js';
import { verifyQuote } from '../../src/facts/quotes.js';
import { actorQuoting, factsYaml, MINIMAL_FACTS, positionOf, problemAt, removeTemp, replace, SLIDES, tempDir, writeDeck } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('load');
});
afterEach(() => removeTemp(tmp));

/** loadFacts must fail with InvalidFactsError; returns its error problems. */
async function loadErrors(dir: string): Promise<Problem[]> {
  const err = await loadFacts(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidFactsError);
  const invalid = err as InvalidFactsError;
  expect(invalid.exitCode).toBe(ExitCode.invalidFacts);
  return invalid.problems.filter((p) => p.severity === 'error');
}

/** A deck whose src-a copy is written as `copyPath` in the facts. */
function withCopyPath(copyPath: string): string {
  return factsYaml(actorQuoting('We will not retreat'), replace('copy: sources/a.txt', `copy: ${copyPath}`));
}

describe('loadFacts', () => {
  it('loads a valid deck and lists the facts and the source copy as inputs', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), factsYaml(actorQuoting('We will not retreat, not one step')));
    const loaded = await loadFacts(dir);
    expect(loaded.problems).toEqual([]);
    expect(loaded.deckDir).toBe(dir);
    expect(loaded.facts.actors?.[0]?.quotes).toHaveLength(1);
    expect(loaded.inputs).toEqual([path.join(dir, 'facts.yaml'), path.join(dir, 'sources', 'a.txt')]);
  });

  it('throws a usage error when the folder has no facts file', async () => {
    const err = await loadFacts(path.join(tmp, 'missing')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BriefdeckError);
    expect((err as BriefdeckError).exitCode).toBe(ExitCode.usage);
    expect((err as Error).message).toMatch(/facts\.yaml not found: .*briefdeck new/);
  });

  it('reports schema problems with the file path, and says nothing was written', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), factsYaml(replace('  title: Test', '  titel: Test'), replace('Second judgement.', '42')));
    const err = (await loadFacts(dir).catch((e: unknown) => e)) as InvalidFactsError;
    expect(err).toBeInstanceOf(InvalidFactsError);
    expect(err.message).toBe(`${path.join(dir, 'facts.yaml')}: 2 errors; nothing was written`);
    expect(err.problems.every((p) => p.file === path.join(dir, 'facts.yaml'))).toBe(true);
  });

  it('reads a facts file with a BOM and CRLF line ends', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), '\uFEFF' + MINIMAL_FACTS.replace(/\n/g, '\r\n'));
    expect((await loadFacts(dir)).facts.meta.title).toBe('Test briefing');
  });

  it('refuses a facts file over the size limit by its size, before reading it', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), '');
    // A sparse 3 GB file: reading it would take seconds and more memory than a briefing needs.
    await truncate(path.join(dir, 'facts.yaml'), 3 * 1024 ** 3);
    const started = performance.now();
    const [problem, ...rest] = await loadErrors(dir);
    expect(performance.now() - started).toBeLessThan(500);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 0, field: '', message: expect.stringMatching(/^is 3072\.0 MB; facts files are limited to 2 MB/) });
  });

  it('refuses a source copy over 5 MB at its copy field, and answers a misquote in a copy just under it quickly', async () => {
    const filler = 'The delegates met again and the talks went on into the night without a result. '.repeat(65000);
    const big = await writeDeck(path.join(tmp, 'big'), factsYaml(actorQuoting('as long as it takes')), { 'sources/a.txt': filler + 'x'.repeat(300000) });
    expect(problemAt(await loadErrors(big), 'sources[0].copy').message).toMatch(/is over 5 MB: keep only the article text/);

    const near = await writeDeck(path.join(tmp, 'near'), factsYaml(actorQuoting('the talks went on into the day')), { 'sources/a.txt': filler });
    const started = performance.now();
    const p = problemAt(await loadErrors(near), 'actors[0].quotes[0].text');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(p.message).toMatch(/closest passage is "the talks went on into the/);
  });

  it('reports a quote with a changed word, showing the closest passage of the copy', async () => {
    const yaml = factsYaml(actorQuoting('as long as we like'));
    const dir = await writeDeck(path.join(tmp, 'deck'), yaml);
    const p = problemAt(await loadErrors(dir), 'actors[0].quotes[0].text');
    expect(p).toMatchObject(positionOf(yaml, '"as long as we like"'));
    expect(p.message).toContain('quote not found in source "src-a": "as long as we like"');
    expect(p.message).toMatch(/closest passage is ""as long as it/);
  });
});

describe('loadFacts: source copies', () => {
  it('reports a missing copy file at sources[i].copy', async () => {
    const yaml = withCopyPath('sources/missing.txt');
    const dir = await writeDeck(path.join(tmp, 'deck'), yaml);
    const errors = await loadErrors(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'sources[0].copy', ...positionOf(yaml, 'sources/missing.txt') });
    expect(errors[0]!.message).toMatch(/"sources\/missing\.txt" does not exist/);
  });

  it('refuses a copy path that climbs out of the deck folder', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), withCopyPath('../../etc/passwd'));
    const p = problemAt(await loadErrors(dir), 'sources[0].copy');
    expect(p.message).toMatch(/"\.\.\/\.\.\/etc\/passwd" points outside the deck folder/);
  });

  it('refuses a sibling folder whose name starts like the deck folder', async () => {
    await writeDeck(path.join(tmp, 'deck-other'), MINIMAL_FACTS);
    const dir = await writeDeck(path.join(tmp, 'deck'), withCopyPath('../deck-other/sources/a.txt'));
    expect(problemAt(await loadErrors(dir), 'sources[0].copy').message).toMatch(/points outside the deck folder/);
  });

  it('refuses an absolute copy path', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), withCopyPath('/etc/passwd'));
    expect(problemAt(await loadErrors(dir), 'sources[0].copy').message).toMatch(/"\/etc\/passwd" is an absolute path/);
  });

  it('refuses a symbolic link that leads out of the deck folder', async () => {
    const outside = path.join(tmp, 'outside.txt');
    await writeFile(outside, 'We will not retreat');
    const dir = await writeDeck(path.join(tmp, 'deck'), withCopyPath('sources/link.txt'), {});
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    await symlink(outside, path.join(dir, 'sources', 'link.txt'));
    expect(problemAt(await loadErrors(dir), 'sources[0].copy').message).toMatch(/links outside the deck folder/);
  });

  it('refuses a copy that is a folder or not UTF-8', async () => {
    const dir = await writeDeck(path.join(tmp, 'deck'), withCopyPath('sources'));
    expect(problemAt(await loadErrors(dir), 'sources[0].copy').message).toBe('"sources" is not a file');

    const dir2 = await writeDeck(path.join(tmp, 'deck2'), withCopyPath('sources/a.txt'), {});
    await mkdir(path.join(dir2, 'sources'));
    await writeFile(path.join(dir2, 'sources', 'a.txt'), Buffer.from([0x57, 0x65, 0xff, 0xfe]));
    expect(problemAt(await loadErrors(dir2), 'sources[0].copy').message).toMatch(/is not UTF-8 text/);
  });
});

describe('the example decks', () => {
  /** Every quote of a deck with the text of its source's local copy. */
  async function quotesWithCopies(deck: string) {
    const loaded = await loadFacts(path.join(SLIDES, deck));
    const copyOf = new Map(loaded.facts.sources.map((s) => [s.id, s.copy]));
    const quotes = (loaded.facts.actors ?? []).flatMap((a) => a.quotes ?? []);
    return {
      loaded,
      quotes: await Promise.all(
        quotes.map(async (q) => {
          const copy = copyOf.get(q.source);
          expect(copy, `source ${q.source} has a copy`).toBeDefined();
          return { quote: q.text, copy: await readFile(path.join(loaded.deckDir, copy!), 'utf8') };
        }),
      ),
    };
  }

  it.each([
    ['inf-treaty', 11],
    ['soren-basin', 6],
  ])('%s: loads with no problems and every one of its %i quotes stands in its source copy', async (deck, count) => {
    const { loaded, quotes } = await quotesWithCopies(deck);
    expect(loaded.problems).toEqual([]);
    expect(loaded.facts.sources.every((s) => s.copy !== undefined)).toBe(true);
    expect(quotes).toHaveLength(count);
    for (const { quote, copy } of quotes) expect(verifyQuote(quote, copy), quote).toMatchObject({ found: true });
  });

  it('inf-treaty: a one-word change in the source copy makes loading fail at that quote', async () => {
    const dir = path.join(tmp, 'inf-treaty');
    await cp(path.join(SLIDES, 'inf-treaty'), dir, { recursive: true });
    const copy = path.join(dir, 'sources', 'nato-inf-2019-02-13.txt');
    const text = await readFile(copy, 'utf8');
    expect(text).toContain('We will take our time');
    await writeFile(copy, text.replace('We will take our time', 'We will take our chances'));
    const errors = await loadErrors(dir);
    expect(errors.map((e) => e.field)).toEqual(['actors[0].quotes[0].text']);
  });
});

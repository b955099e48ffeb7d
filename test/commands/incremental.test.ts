import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAll, type DeckEvent } from '../../src/commands/build-all.js';
import { buildDeck } from '../../src/commands/build.js';
import { BriefdeckError } from '../../src/errors.js';
import { removeTemp, SLIDES, tempDir } from '../helpers.js';

let work: string;
let inf: string;
let soren: string;
let out: string;

beforeEach(async () => {
  work = await tempDir('incremental');
  inf = path.join(work, 'slides', 'inf-treaty');
  soren = path.join(work, 'slides', 'soren-basin');
  await cp(path.join(SLIDES, 'inf-treaty'), inf, { recursive: true });
  await cp(path.join(SLIDES, 'soren-basin'), soren, { recursive: true });
  out = path.join(work, 'build');
});
afterEach(() => removeTemp(work));

async function build(options: { force?: boolean; theme?: string } = {}) {
  const events: DeckEvent[] = [];
  const result = await buildAll([inf, soren], { outRoot: out, jobs: 2, ...options, onEvent: (e) => events.push(e) });
  return { ...result, statuses: Object.fromEntries(events.filter((e) => e.status !== 'building').map((e) => [e.deck, e.status])) };
}

describe('incremental builds', () => {
  it('skips decks whose inputs did not change, and says so', async () => {
    expect((await build()).built.map((r) => r.name)).toEqual(['inf-treaty', 'soren-basin']);
    const mtime = (await stat(path.join(out, 'inf-treaty', 'index.html'))).mtimeMs;
    const again = await build();
    expect(again.built).toEqual([]);
    expect(again.upToDate).toEqual(['inf-treaty', 'soren-basin']);
    expect(again.statuses).toEqual({ 'inf-treaty': 'up-to-date', 'soren-basin': 'up-to-date' });
    expect((await stat(path.join(out, 'inf-treaty', 'index.html'))).mtimeMs).toBe(mtime);
  });

  it('stamps a build with a hash of the code that made it, not its file time (CI compiles afresh)', async () => {
    await build();
    const state = JSON.parse(await readFile(path.join(out, 'inf-treaty', '.briefdeck-build.json'), 'utf8')) as { settings: string };
    const code = (JSON.parse(state.settings) as { code: string }).code;
    const module = await readFile(new URL('../../src/commands/build.ts', import.meta.url));
    expect(code).toBe(createHash('sha256').update(module).digest('hex'));
  });

  it('rebuilds only the deck whose facts or source copy changed', async () => {
    await build();
    const facts = path.join(soren, 'facts.yaml');
    await writeFile(facts, (await readFile(facts, 'utf8')).replace('Water Security Unit', 'Water Security Desk'));
    expect((await build()).statuses).toEqual({ 'inf-treaty': 'up-to-date', 'soren-basin': 'done' });

    const copy = path.join(inf, 'sources', 'nato-inf-2019-02-13.txt');
    await writeFile(copy, (await readFile(copy, 'utf8')) + '\nA line added to the source copy.\n');
    expect((await build()).statuses).toEqual({ 'inf-treaty': 'done', 'soren-basin': 'up-to-date' });
  });

  it('rebuilds everything with --force, and when an output is missing', async () => {
    await build();
    expect((await build({ force: true })).built.length).toBe(2);
    await writeFile(path.join(out, 'inf-treaty', 'slides.md'), '');
    await (await import('node:fs/promises')).rm(path.join(out, 'soren-basin', 'index.html'));
    const again = await build();
    expect(again.statuses).toEqual({ 'inf-treaty': 'up-to-date', 'soren-basin': 'done' });
  });

  it('keeps a snapshot of the facts it was built from', async () => {
    const result = await buildDeck(inf, { outRoot: out });
    const snapshot = JSON.parse(await readFile(result.files.snapshot, 'utf8'));
    expect(snapshot.meta.as_of).toBe('2019-02-13');
    expect(snapshot.actors.map((a: { id: string }) => a.id)).toEqual(['nato', 'us', 'russia', 'germany', 'uk', 'poland']);
  });
});

describe('changes since earlier facts', () => {
  const moveMunich = async () => {
    const facts = path.join(inf, 'facts.yaml');
    const text = await readFile(facts, 'utf8');
    await writeFile(facts, text.replace('  - date: 2019-02-15\n    event: Munich Security Conference opens', '  - date: 2019-02-16\n    event: Munich Security Conference opens'));
  };
  const whatsNew = (markdown: string) => markdown.slice(markdown.indexOf("## What's new"), markdown.indexOf('---', markdown.indexOf("## What's new")));

  it('compares with a build snapshot (facts.json)', async () => {
    const first = await buildDeck(inf, { outRoot: out });
    const snapshot = path.join(work, 'previous.json');
    await cp(first.files.snapshot, snapshot);
    await moveMunich();
    const second = await buildDeck(inf, { outRoot: out, changesSince: snapshot });
    const md = await readFile(second.files.markdown, 'utf8');
    expect(whatsNew(md)).toContain("## What's new since 13 February 2019");
    expect(whatsNew(md)).toContain('- Date moved: Munich Security Conference opens; Stoltenberg is to hold talks with Lavrov, from 15 Feb 2019 to 16 Feb 2019');
  });

  it('compares with the facts at a git revision', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'first');
    await moveMunich();
    const result = await buildDeck(inf, { outRoot: out, changesSince: 'HEAD' });
    expect(result.changes?.changes.map((c) => c.sentence)).toEqual([
      'Date moved: Munich Security Conference opens; Stoltenberg is to hold talks with Lavrov, from 15 Feb 2019 to 16 Feb 2019',
    ]);
    await expect(buildDeck(inf, { outRoot: out, changesSince: 'no-such-revision' })).rejects.toThrow(
      /changes since "no-such-revision": no such file, and git cannot show .*facts\.yaml at that revision/,
    );
  });

  it('reads changes_since from the facts, confined to the slides folder', async () => {
    const facts = path.join(inf, 'facts.yaml');
    const text = await readFile(facts, 'utf8');
    await writeFile(facts, text.replace('  as_of: 2019-02-13', '  as_of: 2019-02-13\n  changes_since: ../soren-basin/facts.yaml'));
    const result = await buildDeck(inf, { outRoot: out });
    expect(result.changes?.since).toBe('4 March 2031');
    await writeFile(facts, text.replace('  as_of: 2019-02-13', '  as_of: 2019-02-13\n  changes_since: ../../../etc/hostname'));
    const error = await buildDeck(inf, { outRoot: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as Error).message).toMatch(/outside|no such file/);
  });

  it('shows the checked-in update example with its changes slide', async () => {
    const update = path.join(work, 'slides', 'inf-treaty-update');
    await cp(path.join(SLIDES, 'inf-treaty-update'), update, { recursive: true });
    const result = await buildDeck(update, { outRoot: out });
    const sentences = result.changes!.changes.map((c) => c.sentence);
    expect(sentences).toContain('Done: Stoltenberg and Lavrov meet at the Munich Security Conference (was due 15 Feb 2019)');
    expect(sentences).toContain('Now past: Munich Security Conference opens; Stoltenberg is to hold talks with Lavrov (15 Feb 2019)');
    expect(sentences.some((s) => s.startsWith("Russia's stance shifted"))).toBe(true);
    expect(result.deck.slides[2]!.section).toBe('changes');
  });
});

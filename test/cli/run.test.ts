import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { renderDeck } from '../../src/commands/build.js';
import { ExitCode } from '../../src/errors.js';
import { loadFacts } from '../../src/facts/load.js';
import { captureIo, factsYaml, positionOf, removeTemp, replace, ROOT, SLIDES, tempDir, writeDeck } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('cli');
});
afterEach(() => removeTemp(tmp));

/** Runs the CLI with captured output. Deck paths must be absolute: runCli resolves against process.cwd(). */
async function cli(...argv: string[]) {
  const { io, out, err, progress } = captureIo();
  const code = await runCli(argv, io);
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n'), progress: progress.join('') };
}

const INF = path.join(SLIDES, 'inf-treaty');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Three errors the schema finds, in three places. */
const SCHEMA_ERRORS = factsYaml(
  replace('  title: Test', '  titel: Test'),
  replace('id: src-a', 'id: Src A'),
  replace('Second judgement.', '42'),
);
/** Three errors only the cross-checks find (the schema accepts the file). */
const CHECK_ERRORS = factsYaml(
  replace('as_of: 2020-01-15', 'as_of: 2020-02-30'),
  replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [src-b, nope]'),
);

/** `file:line:col: ` of `needle` in `yaml`. */
const where = (file: string, yaml: string, needle: string) => {
  const { line, column } = positionOf(yaml, needle);
  return `${file}:${line}:${column}: `;
};

describe('briefdeck check', () => {
  it('exits 0 on a valid deck and says how many slides it makes', async () => {
    const r = await cli('check', INF);
    expect(r.code).toBe(ExitCode.ok);
    const slides = renderDeck(await loadFacts(INF), 'inf-treaty').deck.slides.length;
    expect(r.stdout).toMatch(new RegExp(`^✓ .*inf-treaty/facts\\.yaml: valid, ${slides} slides$`));
    expect(r.err).toEqual([]);
  });

  it('exits 1 on an invalid deck and prints file:line:col for every schema error', async () => {
    const dir = await writeDeck(path.join(tmp, 'broken'), SCHEMA_ERRORS);
    const file = path.join(dir, 'facts.yaml');
    const r = await cli('check', dir);
    expect(r.code).toBe(ExitCode.invalidFacts);
    expect(r.out).toEqual([]);
    const at = (needle: string) => where(file, SCHEMA_ERRORS, needle);
    expect(r.err).toEqual(
      expect.arrayContaining([
        `${at('titel')}meta.titel: unknown field: did you mean "title"? ("title" is required)`,
        expect.stringMatching(new RegExp(`^${escapeRegExp(at('Src A'))}sources\\[0\\]\\.id: must be lower-case`)),
        `${at('42')}bottom_line[1].text: must be text: put it in quotes ("42") so YAML reads it as text`,
      ]),
    );
    const located = r.err.filter((l) => l.startsWith(`${file}:`));
    // The three above; meta.title, now missing, is not a fourth: the "did you mean" covers it.
    expect(located).toHaveLength(3);
    expect(r.err.at(-1)).toBe(`✗ ${file}: 3 errors; nothing was written`);
  });

  it('exits 1 and prints file:line:col for every cross-check error', async () => {
    const dir = await writeDeck(path.join(tmp, 'broken'), CHECK_ERRORS);
    const file = path.join(dir, 'facts.yaml');
    const r = await cli('check', dir);
    expect(r.code).toBe(ExitCode.invalidFacts);
    const at = (needle: string) => where(file, CHECK_ERRORS, needle);
    expect(r.err).toEqual([
      `${at('2020-02-30')}meta.as_of: "2020-02-30" does not exist: February 2020 has 29 days`,
      `${at('src-b')}bottom_line[1].sources[0]: no source has the id "src-b": did you mean "src-a"?`,
      `${at('nope')}bottom_line[1].sources[1]: no source has the id "nope": declare it under sources`,
      `✗ ${file}: 3 errors; nothing was written`,
    ]);
  });

  it('checks every deck named and exits 1 if any is invalid', async () => {
    const bad = await writeDeck(path.join(tmp, 'bad'), CHECK_ERRORS);
    const r = await cli('check', bad, INF);
    expect(r.code).toBe(ExitCode.invalidFacts);
    expect(r.stdout).toMatch(/inf-treaty\/facts\.yaml: valid/);
  });

  it('prints warnings but still exits 0', async () => {
    const dir = await writeDeck(path.join(tmp, 'warn'), factsYaml(replace('bottom_line:', '  - id: unused\n    publisher: P\n    title: T\nbottom_line:')));
    const r = await cli('check', dir);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stderr).toMatch(/facts\.yaml:\d+:\d+: warning: sources\[1\]\.id: source "unused" is not cited by any fact/);
    expect(r.stdout).toMatch(/valid, 3 slides, 1 warning$/);
  });

  it('exits 2 when the folder has no facts file', async () => {
    const r = await cli('check', path.join(tmp, 'nothing'));
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(/facts\.yaml not found/);
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['check', '--frobnicate'], /unknown option '--frobnicate'/],
    [['build', '--no-pdf', '--frobnicate'], /unknown option '--frobnicate'/],
    [['new'], /missing required argument 'folder'/],
    [['build', '--no-pdf', '--timeout', 'soon'], /--timeout takes a number of seconds, not "soon"/],
  ])('%j exits 2 with a message', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('prints the version and exits 0', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli('--version');
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toEqual([version]);
  });
});

describe('briefdeck schema', () => {
  it('prints the JSON Schema of facts files', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(ExitCode.ok);
    const schema = JSON.parse(r.stdout) as { type: string; properties: Record<string, { properties?: object }>; required: string[] };
    expect(schema.type).toBe('object');
    expect(schema.properties.meta?.properties).toHaveProperty('title');
    expect(schema.required).toEqual(['meta', 'sources']);
    expect(schema.properties).toHaveProperty('bottom_line');
  });

  it('writes the same schema to a file with --out', async () => {
    const file = path.join(tmp, 'facts.schema.json');
    const r = await cli('schema', '--out', file);
    expect(r.code).toBe(ExitCode.ok);
    expect(await readFile(file, 'utf8')).toBe((await cli('schema')).stdout + '\n');
  });
});

describe('briefdeck new', () => {
  it('creates a deck that passes check, and refuses to overwrite it', async () => {
    const dir = path.join(tmp, 'x');
    const created = await cli('new', dir);
    expect(created.code).toBe(ExitCode.ok);
    expect(created.out).toContain(`created ${path.join(dir, 'facts.yaml')}`);
    const facts = await readFile(path.join(dir, 'facts.yaml'), 'utf8');
    expect(facts).not.toContain('{{date}}');

    const checked = await cli('check', dir);
    expect(checked.code).toBe(ExitCode.ok);
    expect(checked.stdout).toMatch(/valid, \d+ slides$/); // and no warnings

    const again = await cli('new', dir);
    expect(again.code).toBe(ExitCode.usage);
    expect(again.stderr).toMatch(/already exists/);
    expect(await readFile(path.join(dir, 'facts.yaml'), 'utf8')).toBe(facts);
  });
});

describe('briefdeck build --no-pdf', () => {
  const outputs = (out: string, deck: string) => ({
    md: path.join(out, deck, 'slides.md'),
    html: path.join(out, deck, 'index.html'),
  });

  it('writes slides.md, index.html and the assets the page loads', async () => {
    const out = path.join(tmp, 'build');
    const r = await cli('build', '--no-pdf', '--out', out, INF);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.err).toEqual([]);

    const expected = renderDeck(await loadFacts(INF), 'inf-treaty');
    const files = outputs(out, 'inf-treaty');
    expect(await readFile(files.md, 'utf8')).toBe(expected.markdown);
    const html = await readFile(files.html, 'utf8');
    expect(html.split('<section ').length - 1).toBe(expected.deck.slides.length);
    for (const ref of html.matchAll(/(?:href|src)="(assets\/[^"]+)"/g)) {
      await expect(readFile(path.join(out, 'inf-treaty', ref[1]!)), ref[1]).resolves.toBeInstanceOf(Buffer);
    }
  });

  it('leaves the previous build untouched when the facts become invalid', async () => {
    const deck = path.join(tmp, 'inf-treaty');
    await cp(INF, deck, { recursive: true });
    const out = path.join(tmp, 'build');
    expect((await cli('build', '--no-pdf', '--out', out, deck)).code).toBe(ExitCode.ok);
    const files = outputs(out, 'inf-treaty');
    const before = { md: await readFile(files.md), html: await readFile(files.html), list: await readdir(path.join(out, 'inf-treaty'), { recursive: true }) };

    const facts = path.join(deck, 'facts.yaml');
    const text = await readFile(facts, 'utf8');
    await writeFile(facts, text.replace('  title: NATO after the INF Treaty', '  titel: A new title').replace('as_of: 2019-02-13', 'as_of: 2019-02-30'));
    const r = await cli('build', '--no-pdf', '--out', out, deck);

    expect(r.code).toBe(ExitCode.invalidFacts);
    expect(r.stderr).toMatch(new RegExp(`${escapeRegExp(facts)}:\\d+:\\d+: meta\\.titel: unknown field`));
    expect(r.err.at(-1)).toMatch(/^✗ inf-treaty: .*nothing was written$/);
    expect((await readFile(files.md)).equals(before.md)).toBe(true);
    expect((await readFile(files.html)).equals(before.html)).toBe(true);
    expect((await readdir(path.join(out, 'inf-treaty'), { recursive: true })).sort()).toEqual(before.list.sort());
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig } from '../../src/cli/config.js';
import { runCli } from '../../src/cli/run.js';
import { shardOf } from '../../src/commands/shard.js';
import { BriefdeckError, ExitCode } from '../../src/errors.js';
import { captureIo, factsYaml, removeTemp, replace, ROOT, tempDir, writeDeck } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('conventions');
});
afterEach(() => removeTemp(tmp));

async function cli(argv: string[], cwd?: string) {
  const { io, out, err, progress } = captureIo();
  const code = await runCli(argv, { ...io, ...(cwd ? { cwd } : {}) });
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n'), progress: progress.join('') };
}

describe('command-line conventions', () => {
  it('prints the version with -v', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['-v', '--version']) expect((await cli([flag])).out).toEqual([version]);
  });

  it('--help shows examples, the environment variables, the config file and exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('$ briefdeck build slides/inf-treaty');
    expect(r.stdout).toMatch(/Environment:\s+BRIEFDECK_BROWSER, PUPPETEER_EXECUTABLE_PATH, CHROME_PATH/);
    expect(r.stdout).toContain('briefdeck.config.json');
    expect(r.stdout).toContain('Exit codes: 0 done, 1 invalid facts, 2 usage error, 3 no browser or export failed');
  });

  it("--theme's help says the facts' meta.theme is the default, not briefing alone", async () => {
    const r = await cli(['build', '--help']);
    const theme = r.stdout.split('\n').findIndex((l) => l.includes('--theme'));
    const text = r.stdout.split('\n').slice(theme, theme + 4).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain("overrides the facts' meta.theme (default: meta.theme, else briefing)");
    expect(r.stdout).toContain('--quiet');
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toContain('--shard <i/n>');
  });
});

describe('build --json, --quiet and --shard', () => {
  let slides: string;
  let out: string;
  beforeEach(async () => {
    slides = path.join(tmp, 'slides');
    out = path.join(tmp, 'build');
    await writeDeck(path.join(slides, 'alpha'), factsYaml());
    await writeDeck(path.join(slides, 'beta'), factsYaml(replace('  title: Test briefing', '  title: Beta briefing')));
    await writeDeck(path.join(slides, 'broken'), factsYaml(replace('as_of: 2020-01-15', 'as_of: 2020-02-30')));
  });
  const dirs = () => ['alpha', 'beta', 'broken'].map((d) => path.join(slides, d));

  it('--json prints one summary line per deck: status, slides, outputs, warnings, timings', async () => {
    const r = await cli(['build', '--no-pdf', '--json', '-o', out, ...dirs()]);
    expect(r.code).toBe(ExitCode.invalidFacts);
    expect(r.progress).toBe('');
    const lines = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.deck, l.status])).toEqual([['alpha', 'built'], ['beta', 'built'], ['broken', 'failed']]);
    const alpha = lines[0]!;
    expect(alpha.slides).toBeGreaterThan(1);
    expect(alpha.outputs).toEqual(expect.arrayContaining([expect.stringMatching(/alpha\/slides\.md$/), expect.stringMatching(/alpha\/index\.html$/)]));
    expect(alpha.warnings).toEqual([]);
    const timings = alpha.timings as { totalMs: number; htmlMs: number };
    expect(timings.totalMs).toBeGreaterThan(0);
    expect(timings.htmlMs).toBeLessThanOrEqual(timings.totalMs);
    const broken = lines[2]!;
    expect(broken.exitCode).toBe(ExitCode.invalidFacts);
    expect(broken.errors).toEqual([expect.stringMatching(/broken\/facts\.yaml:3:\d+: meta\.as_of: .*February 2020 has 29 days/)]);

    // Built again: the valid decks are up to date, with their outputs listed.
    const again = (await cli(['build', '--no-pdf', '--json', '-o', out, ...dirs().slice(0, 2)])).out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(again.map((l) => l.status)).toEqual(['up-to-date', 'up-to-date']);
    expect(again[0]!.outputs).toEqual(expect.arrayContaining([expect.stringMatching(/alpha\/index\.html$/)]));
  });

  it('check --json prints one line per deck: valid or invalid, slides, errors', async () => {
    const r = await cli(['check', '--json', ...dirs()]);
    expect(r.code).toBe(ExitCode.invalidFacts);
    const lines = r.out.map((l) => JSON.parse(l) as { deck: string; status: string; slides?: number; errors: string[] });
    expect(lines.map((l) => [l.deck, l.status])).toEqual([['alpha', 'valid'], ['beta', 'valid'], ['broken', 'invalid']]);
    expect(lines[0]!.slides).toBeGreaterThan(1);
    expect(lines[2]!.errors).toEqual([expect.stringMatching(/meta\.as_of: .*February 2020 has 29 days/)]);
  });

  it('--quiet prints nothing but problems', async () => {
    const r = await cli(['build', '--no-pdf', '--quiet', '-o', out, ...dirs()]);
    expect(r.code).toBe(ExitCode.invalidFacts);
    expect(r.out).toEqual([]);
    expect(r.progress).toBe('');
    expect(r.stderr).toMatch(/as_of/);
  });

  it('--shard i/n builds that share only, and the shares cover every deck once', async () => {
    const built = new Map<string, number>();
    for (let i = 1; i <= 2; i++) {
      const r = await cli(['build', '--no-pdf', '--json', '--shard', `${i}/2`, '-o', out, ...dirs()]);
      const decks = r.out.map((l) => (JSON.parse(l) as { deck: string }).deck);
      expect(decks).toEqual(shardOf(dirs(), { index: i, count: 2 }).map((d) => path.basename(d)));
      for (const d of decks) built.set(d, (built.get(d) ?? 0) + 1);
    }
    expect(Object.fromEntries(built)).toEqual({ alpha: 1, beta: 1, broken: 1 });
    const r = await cli(['build', '--no-pdf', '--shard', '3/2', ...dirs()]);
    expect(r.code).toBe(ExitCode.usage);
  });
});

describe('config file', () => {
  let deck: string;
  beforeEach(async () => {
    deck = await writeDeck(path.join(tmp, 'team', 'slides', 'alpha'), factsYaml());
  });

  it('is found in the working folder or above: JSON, YAML or a briefdeck key in package.json', async () => {
    const team = path.join(tmp, 'team');
    const below = path.join(team, 'slides', 'alpha');
    await writeFile(path.join(team, 'package.json'), JSON.stringify({ name: 'x', briefdeck: { jobs: 2, out: 'public' } }));
    expect(await findConfig(below)).toEqual({ file: path.join(team, 'package.json'), values: { jobs: 2, out: path.join(team, 'public') } });
    await writeFile(path.join(below, 'briefdeck.config.yaml'), 'theme: dark\nhandout: true\n');
    expect((await findConfig(below))?.values).toEqual({ theme: 'dark', handout: true });
    // A package.json without the key is not a config file.
    await writeFile(path.join(team, 'package.json'), JSON.stringify({ name: 'x' }));
    expect(await findConfig(team)).toBeUndefined();
    await writeFile(path.join(team, 'briefdeck.config.json'), '{ "pdf": false, "theme": "house/brand.yaml" }');
    expect((await findConfig(team))?.values).toEqual({ pdf: false, theme: path.join(team, 'house', 'brand.yaml') });
  });

  it('sets defaults for build; options on the command line win', async () => {
    const team = path.join(tmp, 'team');
    await writeFile(path.join(team, 'briefdeck.config.json'), JSON.stringify({ out: 'site', pdf: false, theme: 'dark' }));
    const r = await cli(['build', '--json', deck], team);
    expect(r.code).toBe(ExitCode.ok);
    const dark = await readFile(path.join(ROOT, 'themes', 'dark', 'theme.css'), 'utf8');
    expect(await readFile(path.join(team, 'site', 'alpha', 'assets', 'theme.css'), 'utf8')).toContain(dark);
    // --theme and -o on the command line win over the file.
    const flags = await cli(['build', '--json', '--theme', 'briefing', '-o', path.join(tmp, 'mine'), deck], team);
    expect(flags.code).toBe(ExitCode.ok);
    expect(await readFile(path.join(tmp, 'mine', 'alpha', 'assets', 'theme.css'), 'utf8')).toContain(
      await readFile(path.join(ROOT, 'themes', 'briefing', 'theme.css'), 'utf8'),
    );
  });

  it('reports every mistake in it at once, located, with a did-you-mean', async () => {
    const team = path.join(tmp, 'team');
    await writeFile(path.join(team, 'briefdeck.config.yaml'), 'theem: dark\njobs: many\nhandout: yes please\n');
    const r = await cli(['build', '--no-pdf', deck], team);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.err).toEqual([
      expect.stringMatching(/briefdeck\.config\.yaml:1:1: theem: unknown setting: did you mean "theme"\?$/),
      expect.stringMatching(/briefdeck\.config\.yaml:2:7: jobs: must be a whole number of decks built at once, e\.g\. 4$/),
      expect.stringMatching(/briefdeck\.config\.yaml:3:10: handout: must be true or false$/),
      expect.stringMatching(/briefdeck: .*briefdeck\.config\.yaml: 3 errors in the config file$/),
    ]);
  });

  it('refuses two config files in one folder', async () => {
    const team = path.join(tmp, 'team');
    await writeFile(path.join(team, 'briefdeck.config.yaml'), 'jobs: 1\n');
    await writeFile(path.join(team, 'briefdeck.config.json'), '{}');
    await expect(findConfig(team)).rejects.toThrow(BriefdeckError);
    await expect(findConfig(team)).rejects.toThrow(/two config files in .*: briefdeck\.config\.json and briefdeck\.config\.yaml: keep one/);
  });
});


import { execFile } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyDeck, readPdf, ROOT, tempDir } from './helpers.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'dist', 'briefdeck.mjs');
const TRACER = path.join(ROOT, 'test', 'fixtures', 'trace-imports.mjs');

type Outcome = { code: number; stdout: string; stderr: string };
const settle = (p: Promise<{ stdout: string; stderr: string }>): Promise<Outcome> =>
  p.then(
    (r) => ({ code: 0, ...r }),
    (e: Outcome) => e,
  );

async function importsOf(args: string[]): Promise<string[]> {
  const dir = await tempDir('trace');
  const trace = path.join(dir, 'imports.txt');
  await writeFile(trace, '');
  await run(process.execPath, ['--import', TRACER, BIN, ...args], { env: { ...process.env, TRACE_IMPORTS: trace } });
  return (await readFile(trace, 'utf8')).split('\n').filter(Boolean);
}

describe('many decks', () => {
  it('builds every deck, keeps going past a broken one, names it and exits 1', async () => {
    const work = await tempDir('batch');
    const decks = await Promise.all(['inf-treaty', 'soren-basin'].map((d) => copyDeck(d, work)));
    // A copy under another name: two folders of one name would share a build folder, and are refused.
    const broken = path.join(work, 'soren-basin-draft');
    await rename(await copyDeck('soren-basin', path.join(work, 'more')), broken);
    const facts = path.join(broken, 'facts.yaml');
    await writeFile(facts, (await readFile(facts, 'utf8')).replace('source: wire-2031-03-04', 'source: wire-2031'));
    const out = path.join(work, 'build');

    const result = await settle(run(process.execPath, [BIN, 'build', '--jobs', '2', '--out', out, decks[0]!, broken, decks[1]!]));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✓ inf-treaty: \d+ slides/m);
    expect(result.stdout).toMatch(/^2 of 3 decks built in .*; failed: soren-basin-draft$/m);
    expect(result.stderr).toMatch(/facts\.yaml:\d+:\d+: actors\[0\]\.quotes\[0\]\.source\[0\]: no source has the id "wire-2031": did you mean "wire-2031-03-04"\?/);
    for (const d of ['inf-treaty', 'soren-basin']) {
      const pdf = await readPdf(path.join(out, d, `${d}.pdf`));
      expect(pdf.pages.length).toBeGreaterThan(10);
    }
  });

  it('never loads the browser library for check or an HTML-only build', async () => {
    const out = await tempDir('lazy');
    const deck = path.join(ROOT, 'slides', 'inf-treaty');
    const html = await importsOf(['build', '--no-pdf', '--out', out, deck]);
    const check = await importsOf(['check', deck]);
    const full = await importsOf(['build', '--out', out, deck]);
    // Puppeteer is loaded from node_modules or, by the bundled CLI, from its PDF bundle.
    const browserLibrary = (urls: string[]) => urls.some((u) => u.includes('puppeteer') || u.endsWith('/briefdeck-pdf.cjs'));
    expect(browserLibrary(html)).toBe(false);
    expect(browserLibrary(check)).toBe(false);
    // The control: the same tracer does see it when a PDF is made.
    expect(browserLibrary(full)).toBe(true);
  });

  it('runs the benchmark script end to end with two synthetic decks', async () => {
    const dir = await tempDir('bench');
    const results = path.join(dir, 'results.md');
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'bench', 'run.mjs'), '--n', '1,2', '--runs', '1', '--out', results], {
      timeout: 120_000,
    });
    expect(stdout).toContain('floor: bare puppeteer-core');
    const md = await readFile(results, 'utf8');
    for (const row of ['`build --no-pdf`, INF deck', '`build`, INF deck, cold', '`build`, 2 synthetic decks with PDF', 'marginal cost per deck (1 → 2 decks)', 'Peak memory building 2 decks']) {
      expect(md).toContain(row);
    }
    expect(md).toMatch(/\| `build`, INF deck, cold \(facts → HTML \+ PDF\) \| \d+\.\d{3} \| \d+\.\d{3} \| \d+\.\d\d× \|/);
  }, 180_000);
});

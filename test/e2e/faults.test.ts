/**
 * Browser faults and interruptions, through the real CLI where the process matters: an export
 * that never becomes ready, a Chromium that is killed or frozen mid-export, Ctrl-C and SIGTERM
 * during a build, uncaught errors, and two builds of one deck at once. After each, no Chromium
 * process of that run may be left, nor a staged file or lock in the build folder.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { printDeck } from '../../src/commands/build.js';
import { BriefdeckError, ExitCode } from '../../src/errors.js';
import { LOCK_FILE } from '../../src/output/lock.js';
import { copyDeck, readPdf, ROOT, tempDir } from './helpers.js';
import { chromiumUnder, HAS_PROC, processesMentioning, spawnNode, until, userDataDir, type Spawned } from './processes.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'dist', 'briefdeck.mjs');
const DECK = 'soren-basin';

let work: string;
beforeAll(async () => {
  work = await tempDir('faults');
});
afterAll(() => rm(work, { recursive: true, force: true }));

let n = 0;
/**
 * A copy of the deck built without its PDF, whose reveal.js in the build folder is then
 * damaged: the print view never signals that it is ready, so an export waits until it times
 * out (a build leaves unchanged assets alone).
 */
async function damagedBuild(): Promise<{ deckDir: string; out: string; outDir: string; html: Buffer }> {
  const root = path.join(work, `damaged-${++n}`);
  const deckDir = await copyDeck(DECK, root);
  const out = path.join(root, 'build');
  await run(process.execPath, [BIN, 'build', '--no-pdf', '--out', out, deckDir]);
  const outDir = path.join(out, DECK);
  await writeFile(path.join(outDir, 'assets', 'reveal', 'reveal.js'), '/* damaged */\n');
  return { deckDir, out, outDir, html: await readFile(path.join(outDir, 'index.html')) };
}

/** Files a build must never leave behind. */
async function leftovers(outDir: string): Promise<string[]> {
  const names = await readdir(outDir, { recursive: true });
  return names.filter((f) => /\.tmp|\.lock$/.test(path.basename(f)));
}

/** Waits until the CLI's browser has a renderer (a page is open), and returns its profile folder. */
async function exporting(cli: Spawned): Promise<string> {
  const renderer = await until('a Chromium renderer of the CLI', () =>
    chromiumUnder(cli.child.pid!).some((p) => p.cmdline.includes(' --type=renderer')) ? chromiumUnder(cli.child.pid!) : undefined,
  );
  const profile = userDataDir(renderer);
  expect(profile).toBeTruthy();
  return profile!;
}

/** No process of that browser may be left, shortly after the CLI exited. */
async function expectNoChromium(profile: string): Promise<void> {
  await until(`no process using ${profile}`, () => processesMentioning(profile).length === 0, 5000).catch(() => undefined);
  expect(processesMentioning(profile).map((p) => `${p.pid} ${p.cmdline.slice(0, 80)}`)).toEqual([]);
}

describe.skipIf(!HAS_PROC)('a browser that hangs or dies mid-export', () => {
  it('an export that never becomes ready: a timeout error naming the deck and the fix, exit 3', async () => {
    const { deckDir, out, outDir, html } = await damagedBuild();
    const cli = spawnNode([BIN, 'build', '--force', '--timeout', '2', '--out', out, deckDir]);
    const profile = await exporting(cli);
    const { code, ms } = await cli.exited;
    expect(code, cli.stderr()).toBe(ExitCode.environment);
    expect(cli.stderr()).toMatch(
      new RegExp(
        `^✗ ${DECK}: ${DECK}: PDF export failed: timed out after 2 s waiting for reveal\\.js to lay out the print view ` +
          `\\(the page reported: Uncaught ReferenceError: Reveal is not defined\\); the deck's assets may be damaged: delete its build folder and build again\\. ` +
          'The previous build was kept\\. Try again; if it recurs, raise --timeout or check the browser\\.$',
        'm',
      ),
    );
    expect(cli.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(ms).toBeLessThan(20_000);
    expect(await readFile(path.join(outDir, 'index.html'))).toEqual(html);
    expect(await leftovers(outDir)).toEqual([]);
    await expectNoChromium(profile);
  });

  it('Chromium killed mid-export: an error naming the deck at once, not after the timeout', async () => {
    const { outDir } = await damagedBuild();
    const pool = new BrowserPool({ timeoutMs: 30_000 });
    try {
      const started = performance.now();
      const printing = printDeck(pool, path.join(outDir, 'index.html'), DECK).then(
        () => undefined,
        (e: unknown) => e,
      );
      const browser = await pool.browser();
      await until('the print view to open', async () => (await browser.pages()).some((p) => p.url().includes('view=print')));
      process.kill(-browser.process()!.pid!, 'SIGKILL');
      const error = await printing;
      expect(error).toBeInstanceOf(BriefdeckError);
      expect(error).toMatchObject({
        exitCode: ExitCode.environment,
        message: expect.stringMatching(new RegExp(`^${DECK}: PDF export failed: Chromium quit while printing \\(it crashed or was killed\\)\\. The previous build was kept`)),
      });
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      await pool.close();
    }
  });

  it('Chromium frozen mid-export: a timeout error, and the frozen browser is killed, exit 3', async () => {
    const { deckDir, out, outDir } = await damagedBuild();
    const cli = spawnNode([BIN, 'build', '--force', '--timeout', '2', '--out', out, deckDir]);
    const profile = await exporting(cli);
    const main = chromiumUnder(cli.child.pid!).find((p) => p.ppid === cli.child.pid)!;
    // The whole browser stops: it answers nothing, not even a request to close.
    process.kill(-main.pid, 'SIGSTOP');
    try {
      const { code, ms } = await cli.exited;
      expect(code, cli.stderr()).toBe(ExitCode.environment);
      // Frozen while starting or while printing: either way a timeout, with the deck named.
      expect(cli.stderr()).toMatch(
        new RegExp(`^✗ ${DECK}: ${DECK}: PDF export failed: (timed out after 2 s|Chromium did not start within 2 s).*The previous build was kept`, 'm'),
      );
      expect(ms).toBeLessThan(30_000);
      expect(await leftovers(outDir)).toEqual([]);
      await expectNoChromium(profile);
    } finally {
      try {
        process.kill(-main.pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
  });
});

describe.skipIf(!HAS_PROC)('interrupting a build', () => {
  it.each([
    { name: 'SIGINT (Ctrl-C)', signal: 'SIGINT', code: 130 },
    { name: 'SIGTERM', signal: 'SIGTERM', code: 143 },
  ] as const)('$name mid-export: exits $code, closes Chromium, keeps the previous build, leaves nothing behind', async ({ signal, code }) => {
    const { deckDir, out, outDir, html } = await damagedBuild();
    const cli = spawnNode([BIN, 'build', '--force', '--timeout', '30', '--out', out, deckDir]);
    const profile = await exporting(cli);
    const sent = performance.now();
    cli.child.kill(signal);
    const exit = await cli.exited;
    expect(exit, cli.stderr()).toMatchObject({ code, signal: null });
    expect(performance.now() - sent).toBeLessThan(8000);
    expect(await readFile(path.join(outDir, 'index.html'))).toEqual(html);
    expect(await leftovers(outDir)).toEqual([]);
    await expectNoChromium(profile);
  });

  it.each([
    ['a thrown error', "setTimeout(() => { throw new Error('boom'); }, 10);"],
    ['an unhandled rejection', "setTimeout(() => Promise.reject(new Error('boom')), 10);"],
  ])('an uncaught error (%s) does not leave Chromium running', async (_name, fault) => {
    const script = path.join(work, `uncaught-${++n}.mjs`);
    await writeFile(
      script,
      `import { BrowserPool } from ${JSON.stringify(path.join(ROOT, 'dist', 'browser', 'pool.js'))};
const browser = await new BrowserPool({ handleSignals: false }).browser();
await browser.newPage();
console.log(browser.process().spawnargs.find((a) => a.startsWith('--user-data-dir=')).slice('--user-data-dir='.length));
${fault}
`,
    );
    const child = spawnNode([script]);
    const { code } = await child.exited;
    expect(code, child.stderr()).toBe(1);
    expect(child.stderr()).toContain('boom');
    const profile = child.stdout().trim();
    expect(profile).toMatch(/puppeteer/);
    await expectNoChromium(profile);
  });
});

describe.skipIf(!HAS_PROC)('stopping serve', () => {
  const serve = async (...args: string[]) => {
    const root = path.join(work, `serve-${++n}`);
    const deckDir = await copyDeck(DECK, root);
    const cli = spawnNode([BIN, 'serve', '--port', '0', ...args, '--out', path.join(root, 'build'), deckDir]);
    const url = await until('the server to listen', () => /at (http:\S+)/.exec(cli.stdout())?.[1]);
    return { cli, url };
  };

  it('SIGHUP: closes the server and Chromium, exits 129', async () => {
    const { cli, url } = await serve();
    try {
      await until('the background PDF', () => cli.stdout().includes(': PDF '), 40_000);
      const profile = userDataDir(chromiumUnder(cli.child.pid!));
      expect(profile).toBeTruthy();
      cli.child.kill('SIGHUP');
      const exit = await Promise.race([cli.exited, new Promise((r) => setTimeout(r, 8000, 'still running'))]);
      expect(exit, cli.stderr()).toMatchObject({ code: 129, signal: null });
      await expect(fetch(url)).rejects.toThrow();
      await expectNoChromium(profile!);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('SIGINT (Ctrl-C): closes the server, exits 130', async () => {
    const { cli, url } = await serve('--no-pdf');
    try {
      cli.child.kill('SIGINT');
      const exit = await Promise.race([cli.exited, new Promise((r) => setTimeout(r, 8000, 'still running'))]);
      expect(exit, cli.stderr()).toMatchObject({ code: 130, signal: null });
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});

describe.skipIf(!HAS_PROC)('a process killed outright', () => {
  it('kill -9 of node while Chromium prints: Chromium exits too, with no parent left to close it', async () => {
    const script = path.join(work, `killed-${++n}.mjs`);
    await writeFile(
      script,
      `import { BrowserPool } from ${JSON.stringify(path.join(ROOT, 'dist', 'browser', 'pool.js'))};
const browser = await new BrowserPool({ handleSignals: false }).browser();
const page = await browser.newPage();
await page.setContent('<p>printing</p>');
console.log(browser.process().spawnargs.find((a) => a.startsWith('--user-data-dir=')).slice('--user-data-dir='.length));
setInterval(() => {}, 1000);
`,
    );
    const child = spawnNode([script]);
    const profile = await until('the browser to start', () => child.stdout().trim() || undefined);
    expect(processesMentioning(profile).length).toBeGreaterThan(0);
    child.child.kill('SIGKILL');
    await child.exited;
    await expectNoChromium(profile);
  });
});

describe('two builds of one deck at once', () => {
  it('waits while another build holds the deck folder, and goes on when it is released', async () => {
    const root = path.join(work, `locked-${++n}`);
    const deckDir = await copyDeck(DECK, root);
    const out = path.join(root, 'build');
    const lock = path.join(out, DECK, LOCK_FILE);
    await mkdir(path.dirname(lock), { recursive: true });
    // A live process (this one) holds it.
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'test' }));
    const cli = spawnNode([BIN, 'build', '--no-pdf', '--out', out, deckDir]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(cli.child.exitCode).toBeNull();
    expect(await readdir(path.dirname(lock))).not.toContain('index.html');
    await rm(lock);
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(0);
    expect(await readFile(path.join(out, DECK, 'index.html'), 'utf8')).toMatch(/<\/html>\n$/);
    expect(await leftovers(path.join(out, DECK))).toEqual([]);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const root = path.join(work, `stale-${++n}`);
    const deckDir = await copyDeck(DECK, root);
    const out = path.join(root, 'build');
    const lock = path.join(out, DECK, LOCK_FILE);
    await mkdir(path.dirname(lock), { recursive: true });
    const gone = spawnNode(['-e', '']);
    await gone.exited;
    await writeFile(lock, JSON.stringify({ pid: gone.child.pid, host: os.hostname(), since: new Date().toISOString(), token: 'dead' }));
    const { stdout } = await run(process.execPath, [BIN, 'build', '--no-pdf', '--out', out, deckDir], { timeout: 20_000 });
    expect(stdout).toMatch(new RegExp(`✓ ${DECK}: \\d+ slides`));
    expect(await leftovers(path.join(out, DECK))).toEqual([]);
  });

  it('two CLI builds of the same deck at once both succeed, with whole, valid outputs', async () => {
    const root = path.join(work, `twice-${++n}`);
    const deckDir = await copyDeck(DECK, root);
    const out = path.join(root, 'build');
    const [a, b] = [0, 1].map(() => spawnNode([BIN, 'build', '--force', '--out', out, deckDir]));
    const [ra, rb] = await Promise.all([a!.exited, b!.exited]);
    expect(ra.code, a!.stderr()).toBe(0);
    expect(rb.code, b!.stderr()).toBe(0);
    const outDir = path.join(out, DECK);
    const slides = Number(/✓ soren-basin: (\d+) slides/.exec(a!.stdout())![1]);
    const pdf = await readPdf(path.join(outDir, `${DECK}.pdf`));
    expect(pdf.pages.length).toBe(slides);
    const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<\/html>\n$/);
    expect(html.match(/<section /g)).toHaveLength(slides);
    expect(await leftovers(outDir)).toEqual([]);
  });

  it('two different versions of a deck built at once leave one whole version, never a mix', async () => {
    const root = path.join(work, `versions-${++n}`);
    const out = path.join(root, 'build');
    const versions = await Promise.all(
      ['A', 'B'].map(async (v) => {
        const deckDir = await copyDeck(DECK, path.join(root, v));
        const facts = path.join(deckDir, 'facts.yaml');
        const text = await readFile(facts, 'utf8');
        const title = /^ {2}title: (.*)$/m.exec(text)![1]!;
        await writeFile(facts, text.replace(`  title: ${title}`, `  title: Version ${v} of the briefing`));
        return deckDir;
      }),
    );
    const builds = versions.map((d) => spawnNode([BIN, 'build', '--force', '--out', out, d]));
    const results = await Promise.all(builds.map((b) => b.exited));
    results.forEach((r, i) => expect(r.code, builds[i]!.stderr()).toBe(0));
    const outDir = path.join(out, DECK);
    const md = await readFile(path.join(outDir, 'slides.md'), 'utf8');
    const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
    const pdf = await readPdf(path.join(outDir, `${DECK}.pdf`));
    const version = /Version ([AB]) of the briefing/.exec(md)![1];
    expect(html).toContain(`<title>Version ${version} of the briefing</title>`);
    expect(html).not.toContain(`Version ${version === 'A' ? 'B' : 'A'} of the briefing`);
    expect(pdf.pages[0]!.text).toContain(`Version ${version} of the briefing`);
    expect(await leftovers(outDir)).toEqual([]);
  });
});

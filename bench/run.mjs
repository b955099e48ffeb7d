#!/usr/bin/env node
// briefdeck benchmark: `npm run bench` (options: --n 1,10,50 --runs 5 --out bench/results.md).
// Every figure is a whole process (Node start included), timed from outside, the fastest of
// --runs: on a machine shared with other work, the fastest run is the one least slowed by it.
// Builds are run with --force: otherwise an unchanged deck is (rightly) skipped.
// The bare puppeteer-core floor (bench/floor.mjs) runs in the same session on the same built
// HTML, so ratios compare like with like on a noisy machine.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'briefdeck.mjs');
const floor = path.join(root, 'bench', 'floor.mjs');
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1,10,50' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(root, 'bench', 'results.md') },
  },
});
const counts = values.n.split(',').map(Number).sort((a, b) => a - b);
const runs = Number(values.runs);
const work = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-bench-'));
// Cold processes, unless a figure says otherwise: a build daemon the user left running must not
// serve the bench's commands. The daemon's own figures use one of the bench's (see below).
process.env.BRIEFDECK_DAEMON = 'off';
// Other work on the machine inflates every figure; the load average says how much there was.
const loadAtStart = os.loadavg()[0];

// ---------------------------------------------------------------------------------------------
// Measuring

/** Runs a command to completion; returns wall seconds. Fails loudly on a non-zero exit. */
function timed(cmd, args, { sample = false, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const peaks = { node: 0, chromium: 0 };
    let timer;
    if (sample) {
      const poll = async () => {
        const m = await treeMemory(child.pid);
        peaks.node = Math.max(peaks.node, m.node);
        peaks.chromium = Math.max(peaks.chromium, m.chromium);
      };
      timer = setInterval(() => void poll(), 20);
    }
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${path.basename(args[0] ?? cmd)} ${args.slice(1, 3).join(' ')} exited ${code}\n${stderr}`));
      else resolve({ seconds, ...peaks });
    });
  });
}

/** Memory of a process (RSS) and of its Chromium descendants (sum of PSS: shared pages split fairly). */
async function treeMemory(pid) {
  const procs = new Map();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const m = /^\d+ \((.*)\) \S+ (\d+)/s.exec(stat);
    if (m) procs.set(Number(entry), { comm: m[1], ppid: Number(m[2]) });
  }
  const descendants = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, info] of procs) {
      if (!descendants.has(p) && descendants.has(info.ppid)) {
        descendants.add(p);
        grew = true;
      }
    }
  }
  const kb = async (p, file, field) => {
    const text = await readFile(`/proc/${p}/${file}`, 'utf8').catch(() => '');
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  };
  let chromium = 0;
  for (const p of descendants) {
    if (p !== pid && /chrom/i.test(procs.get(p)?.comm ?? '')) chromium += await kb(p, 'smaps_rollup', 'Pss');
  }
  return { node: (await kb(pid, 'status', 'VmRSS')) / 1024, chromium: chromium / 1024 };
}

/** What --pptx adds to a build of `deckDir`: medians over fresh processes (bench/pptx.mjs). */
async function pptxCost(deckDir) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = await new Promise((resolve, reject) => {
      execFile(process.execPath, [path.join(root, 'bench', 'pptx.mjs'), deckDir], { cwd: work }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
    samples.push(JSON.parse(out));
  }
  const result = { importMs: medianOf(samples.map((s) => s.importMs)), renderMs: medianOf(samples.map((s) => s.renderMs)) };
  process.stdout.write(`  ${'--pptx: the .pptx, cold process (pptxgenjs loaded apart)'.padEnd(58)} ${(result.renderMs / 1000).toFixed(3)} s\n`);
  return result;
}

/** The fastest of `count` runs of `fn`, printed with the median beside it. */
async function fastest(label, fn, count = runs) {
  const times = [];
  for (let i = 0; i < count; i++) times.push((await fn()).seconds);
  return report(label, times);
}

function report(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  process.stdout.write(`  ${label.padEnd(58)} ${sorted[0].toFixed(3)} s (median ${sorted[Math.floor(sorted.length / 2)].toFixed(3)})\n`);
  return sorted[0];
}

/** The fastest of several measurements taken in turns (A B A B …), reported like `fastest`. */
async function interleaved(measures, count = runs) {
  const times = measures.map(() => []);
  for (let i = 0; i < count; i++) {
    for (const [k, [, fn]] of measures.entries()) times[k].push((await fn()).seconds);
  }
  return measures.map(([label], k) => report(label, times[k]));
}

// ---------------------------------------------------------------------------------------------
// Inputs: the two examples and synthetic decks of realistic size

const WORDS = ('alliance treaty minister talks missile border water schedule deadline sanctions ' +
  'agreement proposal delegation summit statement review compliance deployment assessment ' +
  'arbitration tranche reservoir flow defence security regional capital framework').split(' ');

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const SPEAKERS = ['Anna Keller', 'Omar Haddad', 'Lena Novak', 'Tomas Ruiz', 'Mei Lin', 'Kofi Mensah'];

function syntheticFacts(i) {
  const r = rng(i + 1);
  const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const sentence = (n) => { const w = words(n); return w[0].toUpperCase() + w.slice(1) + '.'; };
  const src = ['src'];
  const quotes = [];
  const actors = Array.from({ length: 6 }, (_, a) => {
    // Names as articles give them: the quote check verifies who said each quote.
    const speaker = SPEAKERS[a % SPEAKERS.length];
    const qs = Array.from({ length: 2 }, () => {
      const text = words(14);
      quotes.push(`"${text}," ${speaker} said.`);
      return { text, speaker, date: '2030-01-10', source: 'src' };
    });
    return {
      id: `actor-${a + 1}`, name: `Actor ${a + 1}`, kind: 'country',
      speakers: [{ name: speaker, role: 'Minister' }],
      stance: sentence(16), stance_sources: src, quotes: qs,
      actions: [{ text: sentence(10), date: '2030-01-05', sources: src }],
    };
  });
  return {
    facts: {
      meta: { title: `Synthetic briefing ${i + 1}`, subtitle: sentence(8), as_of: '2030-01-15',
        prepared_by: 'Bench Unit', marking: 'UNCLASSIFIED // BENCHMARK', language: 'en' },
      sources: [{ id: 'src', publisher: 'Bench Wire', title: sentence(8), date: '2030-01-15', copy: 'sources/src.txt' }],
      bottom_line: Array.from({ length: 3 }, () => ({ text: sentence(22), sources: src })),
      background: { points: Array.from({ length: 4 }, () => ({ text: sentence(20), sources: src })),
        terms: [{ term: 'Term', definition: sentence(14), sources: src }] },
      timeline: Array.from({ length: 8 }, (_, k) => ({ date: `2030-01-${String(k * 3 + 1).padStart(2, '0')}`, event: sentence(12), sources: src })),
      actors,
      options: Array.from({ length: 3 }, (_, k) => ({ id: `opt-${k + 1}`, title: sentence(5), summary: sentence(20),
        pros: [sentence(7), sentence(6)], cons: [sentence(7)], backers: ['actor-1'], opponents: ['actor-2'], sources: src })),
      next_steps: Array.from({ length: 3 }, (_, k) => ({ what: sentence(9), when: `2030-02-0${k + 1}`, who: ['actor-3'], sources: src })),
    },
    source: quotes.join('\n\n') + '\n',
  };
}

async function makeDecks(n) {
  const dirs = [];
  for (let i = 0; i < n; i++) {
    const dir = path.join(work, 'slides', `synthetic-${String(i + 1).padStart(3, '0')}`);
    const { facts, source } = syntheticFacts(i);
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    // JSON is YAML: the facts file is read by the same YAML parser.
    await writeFile(path.join(dir, 'facts.yaml'), JSON.stringify(facts, null, 2));
    await writeFile(path.join(dir, 'sources', 'src.txt'), source);
    dirs.push(dir);
  }
  return dirs;
}

// ---------------------------------------------------------------------------------------------
// Regeneration: one-field edits, in a running process and through `serve` into a browser

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function regeneration(deckDir, outRoot) {
  const { buildDeck } = await import('../dist/commands/build.js');
  const facts = path.join(deckDir, 'facts.yaml');
  const original = await readFile(facts, 'utf8');
  const field = 'Studying a wide range of options;';
  const edit = (i) => writeFile(facts, original.replace(field, `Studying a wide range of options (edit ${i});`));
  const edits = Math.max(runs * 3, 5);
  const regen = {};

  // 1. HTML rebuild after a one-field change, inside a running process (warm).
  await buildDeck(deckDir, { outRoot });
  const inProcess = [];
  for (let i = 0; i < edits + 2; i++) {
    await edit(i);
    const started = performance.now();
    await buildDeck(deckDir, { outRoot });
    if (i >= 2) inProcess.push(performance.now() - started);
  }
  regen.rebuildMs = medianOf(inProcess);
  console.log(`  ${'HTML rebuild after a one-field edit, running process'.padEnd(58)} ${regen.rebuildMs.toFixed(1)} ms`);

  // 2. Saved → painted: \`serve\` in its own process, the page in Chromium, timed from the write
  // until the new text is in the page and a frame has been drawn.
  await writeFile(facts, original);
  const serve = spawn(node, [cli, 'serve', '--no-pdf', '--port', '0', '--out', outRoot, deckDir], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = '';
      serve.stdout.on('data', (d) => {
        text += d;
        const m = /at (http:\/\/\S+)/.exec(text);
        if (m) resolve(m[1]);
      });
      serve.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const { BrowserPool } = await import('../dist/browser/pool.js');
    const pool = new BrowserPool();
    try {
      const painted = await pool.withPage(async (page) => {
        await page.goto(`${url}${path.basename(deckDir)}/#/actor-nato`, { waitUntil: 'load' });
        await page.waitForFunction(() => globalThis.Reveal?.isReady());
        const times = [];
        for (let i = 0; i < edits; i++) {
          const marker = `edit ${1000 + i}`;
          const started = performance.now();
          await edit(1000 + i);
          await page.waitForFunction(
            (m) => document.getElementById('actor-nato')?.textContent?.includes(m),
            { polling: 'raf', timeout: 10_000 },
            marker,
          );
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
          times.push(performance.now() - started);
          await new Promise((r) => setTimeout(r, 150));
        }
        return times;
      });
      regen.paintMs = medianOf(painted);
      console.log(`  ${'file saved → updated deck painted (serve + Chromium)'.padEnd(58)} ${regen.paintMs.toFixed(0)} ms`);
    } finally {
      await pool.close();
    }
  } finally {
    serve.kill('SIGINT');
    await new Promise((r) => serve.once('exit', r));
    await writeFile(facts, original);
  }

  // 3. Saved → PDF refreshed: \`build --watch\` in its own process with its warm browser, timed
  // from the write until it reports the new PDF written.
  regen.pdfMs = await watchPdf(deckDir, outRoot, edit, edits);
  await writeFile(facts, original);
  console.log(`  ${'file saved → PDF refreshed (build --watch, warm browser)'.padEnd(58)} ${regen.pdfMs.toFixed(0)} ms`);

  // 4. \`build\` with nothing changed, whole process, after a full build with PDFs.
  await timed(node, [cli, 'build', '--out', outRoot, deckDir]);
  regen.noopSeconds = await fastest('briefdeck build, nothing changed', () => timed(node, [cli, 'build', '--out', outRoot, deckDir]));
  return regen;
}

/** Median ms from a saved edit to `build --watch` reporting the deck's PDF re-exported. */
async function watchPdf(deckDir, outRoot, edit, edits) {
  const watch = spawn(node, [cli, 'build', '--watch', '--out', outRoot, deckDir], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let waiting;
  watch.stdout.on('data', (d) => {
    text += d;
    if (waiting && / PDF .* in \d+ ms/.test(text)) waiting();
  });
  const nextPdf = () => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no PDF reported by build --watch:\n${text}`)), 30_000);
    waiting = () => { clearTimeout(timer); waiting = undefined; resolve(); };
    if (/ PDF .* in \d+ ms/.test(text)) waiting();
  });
  try {
    // The first build exports a PDF too (or finds it up to date): wait until it is watching.
    await new Promise((resolve, reject) => {
      const poll = setInterval(() => { if (text.includes('watching')) { clearInterval(poll); resolve(); } }, 20);
      watch.once('exit', (code) => { clearInterval(poll); reject(new Error(`build --watch exited ${code}`)); });
    });
    await new Promise((r) => setTimeout(r, 1000));
    const times = [];
    for (let i = 0; i < edits; i++) {
      text = '';
      const started = performance.now();
      await edit(2000 + i);
      await nextPdf();
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 300));
    }
    return medianOf(times);
  } finally {
    watch.kill('SIGINT');
    await new Promise((r) => watch.once('exit', r));
  }
}

// ---------------------------------------------------------------------------------------------
// The runs

const node = process.execPath;
const inf = path.join(work, 'slides', 'inf-treaty');
const results = {};
try {
  await cp(path.join(root, 'slides', 'inf-treaty'), inf, { recursive: true });
  await cp(path.join(root, 'slides', 'soren-basin'), path.join(work, 'slides', 'soren-basin'), { recursive: true });
  const synthetic = await makeDecks(Math.max(...counts));
  const out = (name) => path.join(work, name);

  console.log(`briefdeck bench: ${os.cpus().length} cores, Node ${process.versions.node}, fastest of ${runs}, load average ${loadAtStart.toFixed(1)}`);
  console.log('One deck (INF example), whole process:');
  results.nodeStart = await fastest('node -e 0', () => timed(node, ['-e', '0']));
  results.check = await fastest('briefdeck check', () => timed(node, [cli, 'check', inf]));
  results.html = await fastest('briefdeck build --no-pdf (facts → HTML + Markdown)', () =>
    timed(node, [cli, 'build', '--force', '--no-pdf', '--out', out('html'), inf]));
  // The floor prints the HTML briefdeck built, so both do the same browser work.
  await timed(node, [cli, 'build', '--force', '--out', out('pdf'), inf]);
  const infHtml = path.join(out('pdf'), 'inf-treaty', 'index.html');
  // Taken in turns, so that a burst of other work on the machine falls on both alike.
  [results.pdf, results.floor] = await interleaved([
    ['briefdeck build (facts → HTML + PDF), cold', () => timed(node, [cli, 'build', '--force', '--out', out('pdf'), inf])],
    ['floor: bare puppeteer-core, print the same HTML', () => timed(node, [floor, work, infHtml])],
  ]);
  results.pptx = await pptxCost(inf);

  console.log('One deck (INF example) through the build daemon (`briefdeck daemon start`), whole client process:');
  // A daemon of the bench's own, in a private folder of its own.
  const { BRIEFDECK_DAEMON: _off, ...rest } = process.env;
  const env = { ...rest, XDG_RUNTIME_DIR: await mkdtemp(path.join(work, 'runtime-')) };
  await timed(node, [cli, 'daemon', 'start'], { env });
  try {
    // A first command warms the daemon's code, as an analyst's first build of a session does.
    await timed(node, [cli, 'build', '--force', '--out', out('daemon'), inf], { env });
    results.daemonHtml = await fastest('briefdeck build --no-pdf, through the daemon', () =>
      timed(node, [cli, 'build', '--force', '--no-pdf', '--out', out('daemon'), inf], { env }));
    results.daemonPdf = await fastest('briefdeck build (HTML + PDF), through the daemon', () =>
      timed(node, [cli, 'build', '--force', '--out', out('daemon'), inf], { env }));
  } finally {
    await timed(node, [cli, 'daemon', 'stop'], { env });
  }

  console.log('Many decks, whole process (one browser):');
  results.many = {};
  for (const n of counts) {
    const decks = synthetic.slice(0, n);
    await timed(node, [cli, 'build', '--force', '--no-pdf', '--out', out('many'), ...decks]);
    const htmls = decks.map((d) => path.join(out('many'), path.basename(d), 'index.html'));
    // Large batches take long enough that fewer runs still give a steady figure.
    const times = n >= 50 ? Math.min(runs, 3) : runs;
    const s = n === 1 ? '' : 's';
    results.many[n] = {
      build: await fastest(`briefdeck build, ${n} deck${s}`, () => timed(node, [cli, 'build', '--force', '--out', out('many'), ...decks]), times),
      floor: await fastest(`floor, ${n} deck${s} (serial, one browser)`, () => timed(node, [floor, work, ...htmls]), times),
    };
  }

  console.log('Regeneration:');
  results.regen = await regeneration(inf, out('regen'));

  console.log('Peak memory (one sampled run):');
  const biggest = synthetic.slice(0, Math.max(...counts));
  const mem = await timed(node, [cli, 'build', '--force', '--out', out('many'), ...biggest], { sample: true });
  results.memory = { decks: biggest.length, node: mem.node, chromium: mem.chromium };
  console.log(`  Node process (RSS) ${mem.node.toFixed(0)} MB, Chromium tree (PSS) ${mem.chromium.toFixed(0)} MB`);
} finally {
  await rm(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Report

const lo = counts[0];
const hi = counts[counts.length - 1];
const marginal = (key) => hi > lo ? (results.many[hi][key] - results.many[lo][key]) / (hi - lo) : NaN;
const ratio = results.pdf / results.floor;
const f = (s) => (Number.isFinite(s) ? s.toFixed(3) : 'n/a');
const check = (ok) => (ok ? 'met' : '**not met**');
const lines = [
  '# briefdeck benchmark',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.versions.node}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`,
  `Whole processes timed from outside, the fastest of ${runs} runs (the one least slowed by other work; the bench prints the medians too); the floor is bare puppeteer-core printing the same built HTML in the same session, in turns with the build.`,
  'The machine is shared with other work and noisy: absolute seconds move from run to run, so compare the ratios within one run.',
  '',
  '| what | seconds | floor | ratio | target |',
  '| --- | --- | --- | --- | --- |',
  `| \`node -e 0\` | ${f(results.nodeStart)} | | | |`,
  `| \`check\`, INF deck | ${f(results.check)} | | | |`,
  `| \`build --no-pdf\`, INF deck (facts → HTML + Markdown), cold process | ${f(results.html)} | | | ≤ 0.2 s: ${check(results.html <= 0.2)} |`,
  `| \`build\`, INF deck, cold (facts → HTML + PDF) | ${f(results.pdf)} | ${f(results.floor)} | ${ratio.toFixed(2)}× | ≤ 1.1× floor: ${check(ratio <= 1.1)} |`,
  `| \`build --no-pdf\`, INF deck, through the daemon | ${f(results.daemonHtml)} | | | ≤ 0.2 s: ${check(results.daemonHtml <= 0.2)} |`,
  `| \`build\`, INF deck, through the daemon (warm Chromium) | ${f(results.daemonPdf)} | ${f(results.floor)} | ${(results.daemonPdf / results.floor).toFixed(2)}× | |`,
  `| \`--pptx\` adds, INF deck: the .pptx, cold process (loading pptxgenjs, ${f(results.pptx.importMs / 1000)} s, overlaps the PDF print) | ${f(results.pptx.renderMs / 1000)} | | | ≤ 0.15 s: ${check(results.pptx.renderMs <= 150)} |`,
  ...counts.map((n) => `| \`build\`, ${n} synthetic deck${n === 1 ? '' : 's'} with PDF | ${f(results.many[n].build)} | ${f(results.many[n].floor)} | ${(results.many[n].build / results.many[n].floor).toFixed(2)}× | |`),
  `| marginal cost per deck (${lo} → ${hi} decks) | ${f(marginal('build'))} | ${f(marginal('floor'))} | ${(marginal('build') / marginal('floor')).toFixed(2)}× | < 0.25 s: ${check(marginal('build') < 0.25)} |`,
  '',
  '| regeneration | measured | target |',
  '| --- | --- | --- |',
  `| HTML rebuild after a one-field edit, in a running process (median) | ${results.regen.rebuildMs.toFixed(1)} ms | < 50 ms: ${check(results.regen.rebuildMs < 50)} |`,
  `| file saved → updated deck painted in the browser, through \`serve\` (median) | ${results.regen.paintMs.toFixed(0)} ms | < 300 ms: ${check(results.regen.paintMs < 300)} |`,
  `| file saved → PDF refreshed by \`build --watch\` / \`serve\` with the warm browser (median) | ${results.regen.pdfMs.toFixed(0)} ms | ≤ 600 ms: ${check(results.regen.pdfMs <= 600)} |`,
  `| \`build\` with nothing changed, whole process | ${(results.regen.noopSeconds * 1000).toFixed(0)} ms | ≤ 200 ms: ${check(results.regen.noopSeconds <= 0.2)} |`,
  '',
  `Peak memory building ${results.memory.decks} decks with PDFs: Node process ${results.memory.node.toFixed(0)} MB RSS (target < 200 MB: ${check(results.memory.node < 200)}), Chromium process tree ${results.memory.chromium.toFixed(0)} MB PSS (target < 700 MB: ${check(results.memory.chromium < 700)}).`,
  '',
];
await mkdir(path.dirname(values.out), { recursive: true });
// A hand-written "## Profile" section after the figures (where the time goes) is kept.
const profile = await readFile(values.out, 'utf8').then((text) => /\n## Profile\b[\s\S]*$/.exec(text)?.[0] ?? '', () => '');
await writeFile(values.out, lines.join('\n') + profile);
console.log(`\n${lines.slice(5).join('\n')}\nwrote ${path.relative(process.cwd(), values.out) || values.out}`);

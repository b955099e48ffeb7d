#!/usr/bin/env node
// Bundles the CLI into dist/briefdeck-cli.cjs, started by dist/briefdeck.mjs with V8's code
// cache (src/cli/code-cache.ts). A single module starts about twice as fast as the same code
// spread over a few hundred files (Node resolves and reads each one), and with the cache V8 reads
// the bytecode instead of compiling the bundle again: the CLI is started for every build.
// Puppeteer and pdf-lib, loaded only for PDFs, are a bundle of their own beside it,
// dist/briefdeck-pdf.cjs, with a code cache too: requiring puppeteer-core's few hundred files
// took longer than Chromium's start, on which the PDF waits. pptxgenjs and jszip, only for
// --pptx, and @puppeteer/browsers, only where no browser is found on PATH, stay outside.
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const launcher = 'dist/briefdeck.mjs';
const bundle = 'dist/briefdeck-cli.cjs';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'linked',
  logLevel: 'warning',
};
// chrono-node (dates, for `draft` only) goes into a file of its own beside the CLI, loaded by
// `draft` alone: one module to read instead of a hundred, and nothing for any other command.
const chronoApart = {
  name: 'chrono-apart',
  setup(b) {
    b.onResolve({ filter: /^chrono-node$/ }, () => ({ path: './briefdeck-chrono.cjs', external: true }));
  },
};
await build({
  ...common,
  format: 'cjs',
  stdin: { contents: "export { en, fr } from 'chrono-node';", resolveDir: '.', loader: 'js' },
  outfile: 'dist/briefdeck-chrono.cjs',
});
const pdfBundle = 'dist/briefdeck-pdf.cjs';
await build({
  ...common,
  format: 'cjs',
  // Each library is started on first use, not when the bundle is loaded.
  stdin: {
    contents: "module.exports = { get puppeteer() { return require('puppeteer-core'); }, get pdfLib() { return require('pdf-lib'); } };",
    resolveDir: '.',
    loader: 'js',
  },
  outfile: pdfBundle,
  // Only for WebDriver BiDi and PAC proxy files, which briefdeck never asks for.
  external: ['chromium-bidi', 'chromium-bidi/*', '@tootallnate/quickjs-emscripten', 'bufferutil', 'utf-8-validate'],
});
const idOf = async (file) => createHash('sha256').update(await readFile(file)).digest('hex');
const pdfId = await idOf(pdfBundle);
// In the CLI bundle, puppeteer-core and pdf-lib are taken from the PDF bundle, loaded once.
const pdfApart = {
  name: 'pdf-apart',
  setup(b) {
    b.onResolve({ filter: /^(puppeteer-core|pdf-lib|briefdeck:pdf)$/ }, (args) => ({ path: args.path, namespace: 'briefdeck-pdf' }));
    b.onLoad({ filter: /.*/, namespace: 'briefdeck-pdf' }, (args) => ({
      resolveDir: path.resolve('src/cli'),
      loader: 'js',
      contents:
        args.path === 'briefdeck:pdf'
          ? `const { requireCached } = require('./code-cache.ts');
             const pdf = requireCached(require('node:path').join(__dirname, 'briefdeck-pdf.cjs'), ${JSON.stringify(pdfId)});
             // The first run with a browser keeps what it compiled (launching, printing) for the next.
             if (pdf.stale) process.once('exit', () => pdf.save());
             module.exports = pdf.exports;`
          : `module.exports = require('briefdeck:pdf').${args.path === 'pdf-lib' ? 'pdfLib' : 'puppeteer'};`,
    }));
  },
};
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/run.ts'],
  outfile: bundle,
  external: ['@puppeteer/browsers', 'pptxgenjs', 'jszip'],
  plugins: [chronoApart, pdfApart],
  // import() of a module outside the bundle becomes require(): V8 forgets a script's import()
  // handler when its code comes from the cache.
  supported: { 'dynamic-import': false },
  // The modules find their package and assets from their own URL: the bundle's.
  define: { 'import.meta.url': '__bdUrl' },
  banner: { js: "const __bdUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The bundle's identity, for its code cache to be used with this bundle only.
const id = await idOf(bundle);
await build({
  ...common,
  format: 'esm',
  define: { BUNDLE_ID: JSON.stringify(id) },
  stdin: {
    resolveDir: '.',
    loader: 'ts',
    contents: `
      import { fileURLToPath } from 'node:url';
      import { requireCached } from './src/cli/code-cache.ts';
      import { viaDaemon } from './src/daemon/client.ts';
      // With a daemon running (briefdeck daemon start), build and check run in it, warm.
      const code = await viaDaemon(process.argv.slice(2), BUNDLE_ID);
      if (code !== undefined) {
        process.exitCode = code;
      } else {
        const cli = requireCached(fileURLToPath(new URL('./briefdeck-cli.cjs', import.meta.url)), BUNDLE_ID);
        process.exitCode = await cli.exports.runCli(process.argv.slice(2));
        // A first run, or one under another Node: the next starts from this run's bytecode.
        if (cli.stale) cli.save();
      }
    `,
  },
  outfile: launcher,
  banner: { js: '#!/usr/bin/env node' },
});
await chmod(launcher, 0o755);

// The characters each shipped font file draws, for the build's check for undrawable characters.
const { SHIPPED_COVERAGE_FILE, shippedCoverageTable } = await import('../dist/theme/fonts.js');
await writeFile(SHIPPED_COVERAGE_FILE, JSON.stringify(await shippedCoverageTable()));

// The cache shipped in dist/: the bytecode of a starter deck created, checked and built, which
// runs most of what any command runs.
const { requireCached, cacheFileOf } = await import('../dist/cli/code-cache.js');
await rm(cacheFileOf(bundle), { force: true });
const cli = requireCached(path.resolve(bundle), id);
const work = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-cache-'));
try {
  const deck = path.join(work, 'slides', 'sample');
  const lines = [];
  const io = { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: work };
  for (const args of [['new', deck], ['check', deck], ['build', '--no-pdf', '--quiet', '--out', path.join(work, 'build'), deck]]) {
    const code = await cli.exports.runCli(args, io);
    if (code !== 0) throw new Error(`briefdeck ${args[0]} of the starter deck failed (${code}):\n${lines.join('\n')}`);
  }
  cli.save();
} finally {
  await rm(work, { recursive: true, force: true });
}

// The PDF bundle's cache, provisional: puppeteer-core started, and pdf-lib writing and reading a
// PDF. Compiling needs no browser, so the first build with one replaces it with what it ran.
await rm(cacheFileOf(pdfBundle), { force: true });
const pdf = requireCached(path.resolve(pdfBundle), pdfId);
void pdf.exports.puppeteer.default.defaultArgs();
const { PDFDocument } = pdf.exports.pdfLib;
const made = await PDFDocument.create();
made.addPage([1280, 720]);
made.setTitle('briefdeck');
const read = await PDFDocument.load(await made.save(), { updateMetadata: false });
read.setSubject('code cache');
await read.save({ useObjectStreams: false });
pdf.save({ provisional: true });

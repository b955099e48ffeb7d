#!/usr/bin/env node
// Bundles the CLI into dist/briefdeck-cli.cjs, started by dist/briefdeck.mjs with V8's code
// cache (src/cli/code-cache.ts). A single module starts about twice as fast as the same code
// spread over a few hundred files (Node resolves and reads each one), and with the cache V8 reads
// the bytecode instead of compiling the bundle again: the CLI is started for every build.
// Puppeteer, @puppeteer/browsers and pdf-lib stay outside: they are loaded only for PDFs;
// pptxgenjs and jszip only for --pptx.
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
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/run.ts'],
  outfile: bundle,
  external: ['puppeteer-core', 'pdf-lib', '@puppeteer/browsers', 'pptxgenjs', 'jszip'],
  plugins: [chronoApart],
  // import() of a module outside the bundle becomes require(): V8 forgets a script's import()
  // handler when its code comes from the cache.
  supported: { 'dynamic-import': false },
  // The modules find their package and assets from their own URL: the bundle's.
  define: { 'import.meta.url': '__bdUrl' },
  banner: { js: "const __bdUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The bundle's identity, for its code cache to be used with this bundle only.
const id = createHash('sha256').update(await readFile(bundle)).digest('hex');
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
      const cli = requireCached(fileURLToPath(new URL('./briefdeck-cli.cjs', import.meta.url)), BUNDLE_ID);
      process.exitCode = await cli.exports.runCli(process.argv.slice(2));
      // A first run, or one under another Node: the next starts from this run's bytecode.
      if (cli.stale) cli.save();
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

#!/usr/bin/env node
// Bundles the CLI into one file, dist/briefdeck.mjs. A single module starts about twice as fast
// as the same code spread over a few hundred files (Node resolves and reads each one), and the
// CLI is started for every build. Puppeteer, @puppeteer/browsers and pdf-lib stay outside: they are
// loaded only for PDFs; pptxgenjs and jszip only for --pptx.
import { chmod } from 'node:fs/promises';
import { build } from 'esbuild';

const outfile = 'dist/briefdeck.mjs';
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
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
    b.onResolve({ filter: /^chrono-node$/ }, () => ({ path: './briefdeck-chrono.mjs', external: true }));
  },
};
await build({
  ...common,
  stdin: { contents: "export { en, fr } from 'chrono-node';", resolveDir: '.', loader: 'js' },
  outfile: 'dist/briefdeck-chrono.mjs',
});
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile,
  external: ['puppeteer-core', 'pdf-lib', '@puppeteer/browsers', 'pptxgenjs', 'jszip'],
  plugins: [chronoApart],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __bdRequire } from 'node:module'; const require = __bdRequire(import.meta.url);" },
});
await chmod(outfile, 0o755);

#!/usr/bin/env node
// Bundles the CLI into one file, dist/briefdeck.mjs. A single module starts about twice as fast
// as the same code spread over a few hundred files (Node resolves and reads each one), and the
// CLI is started for every build. Puppeteer, @puppeteer/browsers and pdf-lib stay outside: they are
// loaded only for PDFs; pptxgenjs and jszip only for --pptx.
import { chmod } from 'node:fs/promises';
import { build } from 'esbuild';

const outfile = 'dist/briefdeck.mjs';
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'linked',
  external: ['puppeteer-core', 'pdf-lib', '@puppeteer/browsers', 'pptxgenjs', 'jszip'],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __bdRequire } from 'node:module'; const require = __bdRequire(import.meta.url);" },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);

#!/usr/bin/env node
// `prepare` runs wherever npm installs briefdeck from source: a clone (`npm install -g .`), a git
// URL, or before `npm pack`. It compiles dist/ with the dev dependencies when they are installed.
// `npm install -g git+…` prepares its clone with the outer install's settings leaking into the
// nested one, so the dependencies land in the global prefix, not in the clone ("tsc: not found"),
// while they are still being written. Then the compilers are fetched into a folder of their own
// and dist/ is emitted without type checking (the sources were checked where they were written)
// and bundled with the dependencies left to be resolved at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const here = (name) => {
  try {
    return createRequire(path.resolve('package.json')).resolve(name);
  } catch {
    return undefined;
  }
};
const run = (args, options = {}) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (here('typescript') && here('esbuild') && here('@types/node/package.json')) {
  // A clean dist/: nothing left over from a module that no longer exists ends up in a package.
  rmSync('dist', { recursive: true, force: true });
  run([here('typescript/bin/tsc'), '-p', '.']);
  run(['scripts/bundle.mjs']);
  process.exit(0);
}
if (existsSync('dist/briefdeck.mjs') && existsSync('dist/index.js')) {
  console.log('briefdeck: no TypeScript compiler here (dev dependencies not installed); using the compiled dist/');
  process.exit(0);
}
if (!process.env.npm_execpath) {
  console.error('briefdeck: cannot compile: install the dev dependencies first (npm ci), then run npm run compile');
  process.exit(1);
}

console.log('briefdeck: fetching the TypeScript compiler to build dist/ (the dev dependencies are not installed here)');
const dev = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies;
const tools = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-tools-'));
// npm's settings for the outer install (global, prefix, force, …) must not reach this one.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || /^npm_config_(cache|userconfig|registry)$/i.test(key)),
);
try {
  run(
    [process.env.npm_execpath, 'install', '--prefix', tools, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error',
      `typescript@${dev.typescript}`, `esbuild@${dev.esbuild}`],
    { env },
  );
  rmSync('dist', { recursive: true, force: true });
  const tsc = path.join(tools, 'node_modules', 'typescript', 'bin', 'tsc');
  // Types of the dependencies may not be here yet: emit without checking, never fail on them.
  spawnSync(process.execPath, [tsc, '-p', '.', '--noCheck', '--noResolve', '--types', 'node', '--skipLibCheck'], { stdio: 'ignore' });
  if (!existsSync('dist/cli/main.js')) {
    console.error('briefdeck: compiling dist/ failed');
    process.exit(1);
  }
  run(['scripts/bundle.mjs', '--packages-external'], { env: { ...env, BRIEFDECK_ESBUILD: createRequire(path.join(tools, 'package.json')).resolve('esbuild') } });
} finally {
  rmSync(tools, { recursive: true, force: true });
}

#!/usr/bin/env node
// `prepare` runs wherever npm installs briefdeck from source: a clone (`npm install -g .`), a git
// URL, or before `npm pack`. It compiles when the compilers (dev dependencies) are there; when
// they are not and a compiled dist/ is, it keeps that one; only with neither does it fail, and
// then it says what to do instead of "tsc: not found".
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const have = (name) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

const compilers = () => have('typescript') && have('esbuild') && have('@types/node');

// A global install from a git URL prepares the clone without its dev dependencies ("tsc: not
// found"). Fetch them into this folder, without touching package.json or the lock file, and
// compile as usual.
if (!compilers() && !existsSync('dist/briefdeck.mjs') && process.env.npm_execpath) {
  console.log('briefdeck: installing the TypeScript compiler to build dist/ (dev dependencies were not installed)');
  const npm = spawnSync(process.execPath, [process.env.npm_execpath, 'install', '--include=dev', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--global=false'], {
    stdio: 'inherit',
  });
  if (npm.status !== 0) console.error('briefdeck: could not install the dev dependencies');
}

if (compilers()) {
  // A clean dist/: nothing left over from a module that no longer exists ends up in a package.
  rmSync('dist', { recursive: true, force: true });
  const run = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.'], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const bundle = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
  process.exit(bundle.status ?? 1);
}
if (existsSync('dist/briefdeck.mjs') && existsSync('dist/index.js')) {
  console.log('briefdeck: no TypeScript compiler here (dev dependencies not installed); using the compiled dist/');
  process.exit(0);
}
console.error(
  'briefdeck: cannot compile: the dev dependencies (typescript, esbuild) are not installed and there is no compiled dist/.\n' +
    '  From a clone: npm ci && npm install -g .\n' +
    '  Or install a packed release: npm pack, then npm install -g ./briefdeck-<version>.tgz',
);
process.exit(1);

#!/usr/bin/env node
// `prepare` runs wherever npm installs briefdeck from source: a clone (`npm install -g .`), a git
// URL, or before `npm pack`. It compiles dist/; where npm left the dependencies out (a global
// install links a clone without installing them), it installs them first from the lock file.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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
const ready = () => here('typescript') && here('esbuild') && here('@types/node/package.json') && here('commander');

if (!ready() && existsSync('dist/briefdeck.mjs') && existsSync('dist/index.js')) {
  // An installed package (from a tarball): compiled already, and no compilers here.
  process.exit(0);
}
if (!ready()) {
  if (!process.env.npm_execpath) {
    console.error('briefdeck: cannot compile: install the dependencies first (npm ci), then run npm run compile');
    process.exit(1);
  }
  // npm 10-11 prepares a git dependency of a global install with its --global flag leaking into
  // the nested install: the clone is linked into the global folder with no dependencies, and
  // the outer install then copies over that link. No script can mend that; say what works.
  if (process.env.npm_config_global === 'true' && /[\\/]_cacache[\\/]tmp[\\/]git-clone/.test(process.cwd())) {
    console.error(
      'briefdeck: npm cannot prepare a git checkout for a global install (it passes --global on to the nested install).\n' +
        '  Install it in two steps instead:  npm install -g "$(npm pack <the same git URL> | tail -1)"\n' +
        '  or from a clone:                 git clone <url> briefdeck && cd briefdeck && npm install -g .',
    );
    process.exit(1);
  }
  console.log('briefdeck: installing the dependencies needed to compile dist/ (npm ci)');
  // npm's settings for the outer install (global, prefix, …) must not reach this one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || /^npm_config_(cache|userconfig|registry)$/i.test(key)),
  );
  run([process.env.npm_execpath, 'ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { env });
}

// A clean dist/: nothing left over from a module that no longer exists ends up in a package.
rmSync('dist', { recursive: true, force: true });
run([here('typescript/bin/tsc'), '-p', '.']);
run(['scripts/bundle.mjs']);
if (!existsSync('dist/briefdeck.mjs')) process.exit(1);

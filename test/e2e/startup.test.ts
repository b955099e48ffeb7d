/**
 * What the bundled CLI (dist/briefdeck.mjs) loads and compiles to build a deck's HTML: it starts
 * from the code cache made by `npm run compile`, and leaves what only other commands need (the
 * HTTP server of `serve`) unloaded.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDeck, ROOT, tempDir } from './helpers.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'dist', 'briefdeck.mjs');
// Reports, as the process exits, the Node modules it loaded and whether V8 took the code cache.
const REPORT =
  'data:text/javascript,' +
  encodeURIComponent(
    "import vm from 'node:vm'; const S = vm.Script; vm.Script = class extends S { constructor(src, o) { super(src, o); if (o?.cachedData) globalThis.__cache = this.cachedDataRejected ? 'rejected' : 'used'; } };" +
      "process.on('exit', () => process.stderr.write('\\n' + JSON.stringify({ cache: globalThis.__cache ?? 'none', modules: process.moduleLoadList })));",
  );

describe('the bundled CLI, started for an HTML build', () => {
  let dir: string;
  let report: { cache: string; modules: string[] };
  beforeAll(async () => {
    dir = await tempDir('briefdeck-startup-');
    const deck = await copyDeck('inf-treaty', dir);
    const { stderr } = await run(process.execPath, ['--import', REPORT, BIN, 'build', '--no-pdf', '--force', '--quiet', '--out', path.join(dir, 'build'), deck]);
    report = JSON.parse(stderr.trim().split('\n').at(-1)!);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs from the code cache made at compile time', () => {
    expect(report.cache).toBe('used');
  });

  it('loads no HTTP server', () => {
    expect(report.modules).toContain('NativeModule fs/promises');
    expect(report.modules).not.toContain('NativeModule http');
  });
});

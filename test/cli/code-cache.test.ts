import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileOf, requireCached } from '../../src/cli/code-cache.js';

describe('requireCached', () => {
  let dir: string;
  let bundle: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-cache-'));
    bundle = path.join(dir, 'bundle.cjs');
    // Enough functions for V8 to have bytecode worth caching, run so that they are compiled.
    const fns = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x.map((y) => y * ${i} + ${i}).join(','); }`);
    await writeFile(bundle, `${fns.join('\n')}\nmodule.exports = { sum: (a, b) => a + b, here: __filename, all: () => [${fns.map((_, i) => `f${i}([1, 2])`).join(', ')}].length, fs: typeof require('node:fs').readFileSync };\n`);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  type Exports = { sum: (a: number, b: number) => number; here: string; all: () => number; fs: string };

  it('runs the bundle as CommonJS, saves its bytecode, and starts from it the next time', async () => {
    const first = requireCached(bundle, 'id-1');
    const ex = first.exports as Exports;
    expect([ex.sum(2, 3), ex.here, ex.all(), ex.fs]).toEqual([5, bundle, 200, 'function']);
    expect(first.stale).toBe(true);
    first.save();
    const saved = await readFile(cacheFileOf(bundle));
    expect(saved.subarray(0, 5).toString()).toBe('id-1\0');
    expect(saved.length).toBeGreaterThan(1000);

    const second = requireCached(bundle, 'id-1');
    expect(second.stale).toBe(false);
    expect((second.exports as Exports).sum(4, 5)).toBe(9);
  });

  it('does not hand V8 a cache made for another bundle, even of the same length', async () => {
    requireCached(bundle, 'id-1').save();
    // Same length, other code: V8 alone would accept the old bytecode for it.
    const source = await readFile(bundle, 'utf8');
    await writeFile(bundle, source.replace('a + b', 'a * b'));
    const stale = requireCached(bundle, 'id-1-other');
    expect(stale.stale).toBe(true);
    expect((stale.exports as Exports).sum(4, 5)).toBe(20);
  });

  it('uses a provisional cache, and replaces it with the next run\'s', async () => {
    requireCached(bundle, 'id-1').save({ provisional: true });
    expect((await readFile(cacheFileOf(bundle))).subarray(0, 6).toString()).toBe('id-1?\0');
    const run = requireCached(bundle, 'id-1');
    expect(run.stale).toBe(true);
    expect((run.exports as Exports).sum(2, 2)).toBe(4);
    run.save();
    expect((await readFile(cacheFileOf(bundle))).subarray(0, 5).toString()).toBe('id-1\0');
    expect(requireCached(bundle, 'id-1').stale).toBe(false);
  });

  it('compiles from source when the cache is damaged', async () => {
    await writeFile(cacheFileOf(bundle), Buffer.concat([Buffer.from(`id-1\0${process.version}\0${process.arch}\0`), Buffer.from('not bytecode at all')]));
    const loaded = requireCached(bundle, 'id-1');
    expect(loaded.stale).toBe(true);
    expect((loaded.exports as Exports).sum(1, 1)).toBe(2);
  });

  it('goes on without a cache it cannot write, leaving nothing behind', async () => {
    // The cache's name taken by a folder: the write fails, as in a read-only install.
    await mkdir(path.join(cacheFileOf(bundle), 'taken'), { recursive: true });
    expect(() => requireCached(bundle, 'id-1').save()).not.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['bundle.cache', 'bundle.cjs']);
    expect((await stat(cacheFileOf(bundle))).isDirectory()).toBe(true);
  });
});

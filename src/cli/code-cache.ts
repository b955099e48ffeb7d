import { accessSync, constants, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * A CommonJS bundle run with V8's code cache: the bytecode of the functions an earlier run
 * compiled, kept beside the bundle in `<bundle>.cache`. Compiling the CLI's 1.5 MB of code
 * is a third of an HTML build's time; with the cache V8 reads the bytecode instead. Node 22
 * does this itself (module.enableCompileCache); Node 20 has vm.Script's cachedData.
 *
 * V8 checks that a cache was made by the same V8 with the same flags, but of the source it
 * checks only the length: the cache therefore starts with `id` (a hash of the bundle, made when
 * it was), Node's version and the architecture, and one made for anything else is not handed to
 * V8 at all. The bundle must not use import(): V8 loses a script's import() handler when its
 * code comes from a cache.
 */
export interface CachedModule {
  exports: unknown;
  /** Whether the cache was missing, made for another bundle or Node, refused by V8, or provisional. */
  stale: boolean;
  /**
   * Writes the bytecode compiled so far to the cache, atomically; skipped where the folder is
   * read-only. A provisional cache (made at compile time without what only a real run
   * compiles, such as driving a browser) is used, then replaced by the first run's.
   */
  save: (options?: { provisional?: boolean }) => void;
}

export function cacheFileOf(bundle: string): string {
  return bundle.replace(/\.c?js$/, '') + '.cache';
}

export function requireCached(bundle: string, id: string): CachedModule {
  const source = readFileSync(bundle, 'utf8');
  const keyOf = (provisional: boolean) => Buffer.from(`${id}${provisional ? '?' : ''}\0${process.version}\0${process.arch}\0`);
  const cacheFile = cacheFileOf(bundle);
  let cachedData: Buffer | undefined;
  let provisional = false;
  try {
    const bytes = readFileSync(cacheFile);
    const key = [keyOf(false), keyOf(true)].find((k) => bytes.subarray(0, k.length).equals(k));
    if (key) {
      cachedData = bytes.subarray(key.length);
      provisional = key.length > keyOf(false).length;
    }
  } catch {
    // no cache yet: compiled from source, and saved afterwards
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    exports: module.exports,
    stale: cachedData === undefined || provisional || script.cachedDataRejected === true,
    save: (options = {}) => {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        accessSync(path.dirname(cacheFile), constants.W_OK);
        writeFileSync(temp, Buffer.concat([keyOf(options.provisional === true), script.createCachedData()]));
        renameSync(temp, cacheFile);
      } catch {
        rmSync(temp, { force: true });
      }
    },
  };
}

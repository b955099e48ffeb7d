import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name?: string;
  version: string;
}

/**
 * The briefdeck package folder (with themes/, templates/ and package.json), found by walking up
 * from this module: it runs from src/ in tests, from dist/ when compiled and from a bundle.
 */
function findPackage(): { root: string; json: PackageJson } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
      if (json.name === 'briefdeck') return { root: dir, json };
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('briefdeck: cannot find its own package.json; reinstall briefdeck');
    dir = parent;
  }
}

const found = findPackage();
export const PACKAGE_ROOT = found.root;
export const VERSION = found.json.version;

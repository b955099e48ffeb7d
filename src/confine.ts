import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Whether `p` is `root` or inside it (both absolute and normalised). */
export const inside = (p: string, root: string): boolean => p === root || p.startsWith(root + path.sep);

export interface ConfineWords {
  /** The rest of the message for a path that leads outside: `points outside the deck folder: …`. */
  outside: string;
  /** The folder named when the file is missing: `deck`. */
  where: string;
  /** The folder named when a link leads out: `the deck folder`. */
  bound: string;
}

/**
 * The one confinement rule for paths that facts and brand files name (source copies, logos
 * and fonts, `changes_since`): `full` must lie inside `root` both as written and once every
 * symlink is resolved. Returns the real path; throws an Error whose message names `shown`.
 */
export async function confinedRealPath(root: string, full: string, shown: string, words: ConfineWords): Promise<string> {
  if (!inside(path.resolve(full), path.resolve(root))) throw new Error(`"${shown}" ${words.outside}`);
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    throw new Error(`"${shown}" does not exist in ${words.where}: check the file name`);
  }
  if (!inside(real, await realpath(root))) throw new Error(`"${shown}" links outside ${words.bound}: copy the file into ${words.bound} instead`);
  return real;
}

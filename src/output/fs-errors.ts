import { BriefdeckError, ExitCode } from '../errors.js';
import { displayPath } from '../paths.js';

/** What to do about each file-system error a build can meet while writing. */
const FIXES: Record<string, string> = {
  EACCES: 'allow writing there, or choose another output folder with -o',
  EPERM: 'allow writing there, or choose another output folder with -o',
  EROFS: 'that file system is read-only: choose another output folder with -o',
  ENOSPC: 'the disk is full: free some space, then build again',
  EDQUOT: 'the disk quota is used up: free some space, then build again',
  EEXIST: 'a file is where the build needs a folder: move or remove it, then build again',
  ENOTDIR: 'a file is where the build needs a folder: move or remove it, then build again',
  EISDIR: 'a folder is where the build writes a file: move or remove it, then build again',
  EMFILE: 'too many files are open: build fewer decks at once (-j 1)',
  ENFILE: 'too many files are open: build fewer decks at once (-j 1)',
  ENAMETOOLONG: 'the path is too long: choose a shorter output folder with -o',
};

/**
 * A file-system error is the environment's, not a bug: exit code 3 with the path and the fix,
 * so the run's other decks still build. Anything else is returned as it is.
 */
export function environmentError(err: unknown, deck: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (err instanceof BriefdeckError || !(err instanceof Error) || typeof e.code !== 'string' || !(e.code in FIXES)) return err;
  const where = e.path ? displayPath(e.path) : 'the build folder';
  return new BriefdeckError(`${deck}: cannot write ${where} (${e.code}): ${FIXES[e.code]}. The previous build was kept.`, ExitCode.environment);
}

import { rmSync } from 'node:fs';

/**
 * Files this process must not leave behind: staged outputs not yet renamed into place, and
 * the locks it holds. They are removed when the process exits by any route that runs exit
 * handlers — the end of the program, `process.exit` after Ctrl-C or SIGTERM, an uncaught
 * exception — so an interrupted build leaves no partial file and no lock.
 */
const pending = new Set<string>();
let hooked = false;

/** Removes `file` if the process exits before the returned function is called. */
export function removeOnExit(file: string): () => void {
  if (!hooked) {
    hooked = true;
    process.on('exit', removePending);
  }
  pending.add(file);
  return () => void pending.delete(file);
}

/** Removes every pending file now (synchronously: exit handlers cannot wait). */
export function removePending(): void {
  for (const file of pending) {
    try {
      rmSync(file, { force: true });
    } catch {
      // nothing more can be done while exiting
    }
  }
  pending.clear();
}

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

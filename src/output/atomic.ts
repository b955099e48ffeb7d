import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { removeOnExit } from './cleanup.js';

/**
 * A file written beside its final place and moved there in one rename, so readers see the
 * old file or the new one, never a half-written one.
 */
export class StagedFile {
  readonly temp: string;
  /** Until committed or discarded, the temporary file is removed if the process exits. */
  private readonly forget: () => void;

  constructor(readonly target: string, suffix = '') {
    const dir = path.dirname(target);
    this.temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp${suffix}`);
    this.forget = removeOnExit(this.temp);
  }

  async write(data: string | Uint8Array): Promise<this> {
    const handle = await open(this.temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return this;
  }

  async commit(): Promise<void> {
    await rename(this.temp, this.target);
    this.forget();
  }

  async discard(): Promise<void> {
    await rm(this.temp, { force: true });
    this.forget();
  }
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const staged = new StagedFile(target);
  try {
    await (await staged.write(data)).commit();
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

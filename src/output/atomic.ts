import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A file written beside its final place and moved there in one rename, so readers see the
 * old file or the new one, never a half-written one.
 */
export class StagedFile {
  readonly temp: string;

  constructor(readonly target: string, suffix = '') {
    const dir = path.dirname(target);
    this.temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp${suffix}`);
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

  commit(): Promise<void> {
    return rename(this.temp, this.target);
  }

  discard(): Promise<void> {
    return rm(this.temp, { force: true });
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

import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const ZIP_EPOCH = Date.UTC(1980, 0, 1);
const ZIP_END = Date.UTC(2107, 11, 31);

/**
 * The files of a zip archive, in the order of its central directory: stored or deflated
 * entries, as pptxgenjs writes them. Read in one pass, synchronously (jszip reads each entry in
 * a task of its own, which made reading its own output back most of the time a .pptx took).
 */
export function unzipFiles(zip: Uint8Array): { name: string; data: Uint8Array }[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = b.length - 22;
  while (end >= 0 && b.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = b.readUInt16LE(end + 10);
  const files: { name: string; data: Uint8Array }[] = [];
  for (let at = b.readUInt32LE(end + 16), i = 0; i < count; i++) {
    if (b.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip archive: central directory entry ${i} is damaged`);
    const method = b.readUInt16LE(at + 10);
    const packed = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    const local = b.readUInt32LE(at + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + packed);
    if (method !== 0 && method !== 8) throw new Error(`zip archive: ${name} is packed with method ${method}`);
    if (!name.endsWith('/')) files.push({ name, data: method === 0 ? raw : inflateRawSync(raw) });
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return files;
}

/**
 * A zip archive of `files`, in the order given, every entry dated `date` (UTC, as jszip reads
 * it), with no extra fields: the same files give the same bytes. Deflated with Node's zlib,
 * many times faster than the JavaScript deflate pptxgenjs bundles.
 */
export function zipFiles(files: readonly { name: string; data: Uint8Array }[], when: Date): Uint8Array {
  // A zip can date its entries from 1980 to 2107 only: a briefing as of an earlier day is dated 1 January 1980.
  const date = new Date(Math.min(Math.max(when.getTime(), ZIP_EPOCH), ZIP_END));
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const packed = deflateRawSync(file.data, { level: 6 });
    const crc = crc32(file.data);
    // The fields local and central headers share, from the general purpose flag (0x0800: the
    // name is UTF-8) to the name's length; they start 2 bytes later in the central header.
    const shared = (b: Buffer, at: number) => {
      b.writeUInt16LE(0x0800, at);
      b.writeUInt16LE(8, at + 2); // deflated
      b.writeUInt16LE(time, at + 4);
      b.writeUInt16LE(day, at + 6);
      b.writeUInt32LE(crc, at + 8);
      b.writeUInt32LE(packed.length, at + 12);
      b.writeUInt32LE(file.data.length, at + 16);
      b.writeUInt16LE(name.length, at + 20);
      return b;
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    shared(local, 6);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    shared(entry, 8);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

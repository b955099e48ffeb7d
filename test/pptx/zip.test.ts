import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { layoutDeck } from '../../src/layout/deck.js';
import { renderPptx } from '../../src/pptx/render.js';
import { styleOf } from '../../src/pptx/style.js';
import { unzipFiles, zipFiles } from '../../src/pptx/zip.js';
import { themePalette } from '../../src/theme/theme.js';
import { factsYaml, replace, validFacts } from '../helpers.js';
import { readPptx } from './read.js';

const files = [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
  { name: 'ppt/slides/slide1.xml', data: Buffer.from('<p:sld>Ünïcode – “text” '.repeat(400) + '</p:sld>') },
  { name: 'ppt/media/image1.png', data: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)) },
];
const plain = (list: { name: string; data: Uint8Array }[]) => list.map(({ name, data }) => ({ name, data: Buffer.from(data).toString('hex') }));

describe('the zip of a .pptx', () => {
  it('reads back what it wrote, in order', () => {
    expect(plain(unzipFiles(zipFiles(files, new Date(Date.UTC(2019, 1, 13)))))).toEqual(plain(files));
  });

  it.each(['STORE', 'DEFLATE'] as const)('reads a zip jszip writes (%s), as pptxgenjs does', async (compression) => {
    const zip = new JSZip();
    zip.folder('ppt');
    for (const f of files) zip.file(f.name, f.data);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression });
    expect(plain(unzipFiles(bytes))).toEqual(plain(files));
  });

  it('refuses what is not a zip archive, saying so', () => {
    expect(() => unzipFiles(Buffer.from('not a zip at all, not even close'))).toThrow(/not a zip archive/);
  });

  it('dates the entries of a briefing as of a day before 1980, which zip cannot hold, 1 January 1980', async () => {
    const deck = layoutDeck(validFacts(factsYaml(replace('as_of: 2020-01-15', 'as_of: 1975-04-30'))));
    const bytes = await renderPptx(deck, styleOf(await themePalette('briefing')));
    const p = await readPptx(bytes);
    expect(p.slides).toHaveLength(deck.slides.length);
    const dates = Object.values(p.zip.files).map((f) => f.date.toISOString().slice(0, 10));
    expect(new Set(dates)).toEqual(new Set(['1980-01-01']));
  });
});

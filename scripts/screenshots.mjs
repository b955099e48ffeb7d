#!/usr/bin/env node
// Screenshots of the example deck for the README: `npm run screenshots` (after a build).
// Each slide is shown as the audience sees it, at 1280×720.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserPool } from '../dist/browser/pool.js';
import { buildDeck } from '../dist/commands/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
const shots = [
  ['title', 'title'],
  ['bottom-line', 'bottom-line'],
  ['timeline-chart', 'timeline'],
  ['positions', 'positions'],
  ['actor-nato', 'actor'],
  ['options', 'options'],
  ['option-compliance', 'option'],
];

const pool = new BrowserPool();
try {
  // Laid out from measurement, as the PDF is: the pictures show what the deck shows.
  const built = await buildDeck(path.join(root, 'slides', 'inf-treaty'), { outRoot: path.join(root, 'build'), pool });
  await mkdir(outDir, { recursive: true });
  await pool.withPage(async (page) => {
    await page.setViewport({ width: 1280, height: 720 });
    for (const [id, name] of shots) {
      await page.goto(`${pathToFileURL(built.files.html).href}#/${id}`, { waitUntil: 'load' });
      await page.waitForFunction(() => globalThis.Reveal?.isReady());
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const file = path.join(outDir, `inf-treaty-${name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(root, file)}`);
    }
  });
} finally {
  await pool.close();
}

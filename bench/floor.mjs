#!/usr/bin/env node
// The bare floor for the PDF export: plain puppeteer-core with no briefdeck code. Launches the
// browser, prints each built deck (index.html) in reveal.js's print view, closes the browser.
// usage: node bench/floor.mjs <out-dir> <index.html>...
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findBrowser } from '../dist/browser/find.js';
import { CHROMIUM_ARGS } from '../dist/browser/pool.js';

const [outDir, ...pages] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
try {
  for (const [i, html] of pages.entries()) {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      window.__ready = new Promise((r) => window.addEventListener('pdf-ready', r, { once: true }));
    });
    await page.goto(`${pathToFileURL(html).href}?view=print`, { waitUntil: 'load' });
    await page.evaluate(() => window.__ready);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await writeFile(path.join(outDir, `floor-${i}.pdf`), pdf);
    await page.close();
  }
} finally {
  await browser.close();
}

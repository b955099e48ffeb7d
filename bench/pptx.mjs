#!/usr/bin/env node
// What --pptx adds to a build, in a fresh process (run by bench/run.mjs): loading pptxgenjs
// (a build starts it while Chromium prints, so it overlaps) and making the .pptx of a deck
// already laid out (the part a build waits for). Prints JSON: { importMs, renderMs }.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const deckDir = process.argv[2];
const dist = (m) => import(path.join(root, 'dist', m));
const [{ loadFacts }, { layoutDeck }, { renderPptx }, { pptxStyle }, { resolveTheme, themeChoice }, { loadPptxGen }] = await Promise.all(
  ['facts/load.js', 'layout/deck.js', 'pptx/render.js', 'pptx/style.js', 'theme/theme.js', 'pptx/lib.js'].map(dist),
);
const facts = await loadFacts(deckDir);
const deck = layoutDeck(facts.facts);
const theme = await resolveTheme(themeChoice(undefined, facts.facts.meta.theme), facts.deckDir, facts.file);
let t = performance.now();
await loadPptxGen();
const importMs = performance.now() - t;
t = performance.now();
await renderPptx(deck, await pptxStyle(theme));
console.log(JSON.stringify({ importMs, renderMs: performance.now() - t }));

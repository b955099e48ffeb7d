#!/usr/bin/env node
/**
 * By hand, not in `npm test`: runs the attribution check of `briefdeck check` over every quote of
 * every article in ../shared/articles (their truth/*.json name each quote's true speaker) and
 * prints, per article, how many quotes the check confirms (right), calls wrongly credited
 * (flagged wrong: must be 0, since the truth credits them correctly) and leaves undecided. A
 * second table credits each quote to another speaker of the same article and counts how many
 * of those misattributions the check catches.
 *
 *   npm run compile && node scripts/eval-attribution.mjs [--list]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeSourceCredit } from '../dist/facts/credit.js';
import { SourceText, verifyQuote } from '../dist/facts/quotes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'articles');
const list = process.argv.includes('--list');

/** Who the truth file says spoke, as a facts file would claim it. */
function claimFor(speaker, truth) {
  const aliases = truth.actor_aliases ?? {};
  const person = (truth.people ?? []).find((p) => p.name === speaker);
  const actorOf = (name) => name && { name, aliases: aliases[name] ?? [] };
  if (person) return { kind: 'person', name: person.name, role: person.role, actor: actorOf(person.org) };
  if ((truth.actors ?? []).includes(speaker)) return { kind: 'statement', actor: actorOf(speaker) };
  const anonymous = (truth.anonymous_sources ?? []).find((a) => speaker === a.description || speaker.endsWith(a.description));
  if (anonymous) return { kind: 'anonymous', description: speaker, actor: actorOf(anonymous.under_actor) };
  return { kind: 'person', name: speaker };
}

const rows = [];
const swapRows = [];
const wrongs = [];
for (const file of readdirSync(path.join(SHARED, 'truth')).filter((f) => f.endsWith('.json')).sort()) {
  const truth = JSON.parse(readFileSync(path.join(SHARED, 'truth', file), 'utf8'));
  const article = path.basename(truth.article);
  const source = new SourceText(readFileSync(path.join(SHARED, article), 'utf8'));
  const row = { article: article.replace(/\.txt$/, ''), quotes: 0, right: 0, wrong: 0, undecided: 0, notFound: 0 };
  const swap = { article: row.article, tried: 0, caught: 0, missed: 0, undecided: 0 };
  const speakers = [...new Set(truth.quotes.map((q) => q.speaker))];
  for (const q of truth.quotes) {
    row.quotes++;
    const found = verifyQuote(q.text, source, { language: truth.language });
    if (!found.found) {
      row.notFound++;
      continue;
    }
    const verdict = judgeSourceCredit(source, found.spans, claimFor(q.speaker, truth));
    if (verdict.verdict === 'right') row.right++;
    else if (verdict.verdict === 'wrong') {
      row.wrong++;
      wrongs.push(`${row.article}: "${q.text.slice(0, 60)}" by ${q.speaker}: flagged, source credits ${verdict.credited}`);
    } else {
      row.undecided++;
      if (list) console.log(`  undecided ${row.article}: "${q.text.slice(0, 60)}" (${q.speaker}): ${verdict.why}`);
    }
    const other = speakers.find((s) => s !== q.speaker);
    if (other) {
      swap.tried++;
      const v = judgeSourceCredit(source, found.spans, claimFor(other, truth));
      if (v.verdict === 'wrong') swap.caught++;
      else if (v.verdict === 'right') swap.missed++;
      else swap.undecided++;
    }
  }
  rows.push(row);
  swapRows.push(swap);
}

const total = (rs, keys) => Object.fromEntries(keys.map((k) => [k, rs.reduce((n, r) => n + r[k], 0)]));
console.log('| article | quotes | right | flagged wrong | undecided |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.article} | ${r.quotes} | ${r.right} | ${r.wrong} | ${r.undecided + r.notFound} |`);
const t = total(rows, ['quotes', 'right', 'wrong', 'undecided', 'notFound']);
console.log(`| **all** | ${t.quotes} | ${t.right} | ${t.wrong} | ${t.undecided + t.notFound} |`);
console.log('');
console.log('| article (each quote credited to another speaker) | tried | caught (error) | undecided (warning) | missed |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of swapRows) console.log(`| ${r.article} | ${r.tried} | ${r.caught} | ${r.undecided} | ${r.missed} |`);
const s = total(swapRows, ['tried', 'caught', 'undecided', 'missed']);
console.log(`| **all** | ${s.tried} | ${s.caught} | ${s.undecided} | ${s.missed} |`);
if (wrongs.length) {
  console.log('\nCorrect quotes flagged wrong:');
  for (const w of wrongs) console.log(`  ${w}`);
  process.exitCode = 1;
}

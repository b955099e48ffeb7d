#!/usr/bin/env node
// Drafts every article in ../shared/articles with the built CLI (a whole process each, timed),
// checks each draft with `briefdeck check`, scores it against ../shared/articles/truth/*.json
// and writes bench/draft-results.md. Run by hand (npm run eval:draft), never by npm test.
// `--dir <folder>` scores another folder of articles with its own truth/ (e.g. test/fixtures/unseen)
// and only prints the table: bench/ and the README keep the shared articles' figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dirArg = process.argv.indexOf('--dir');
const articles = dirArg > 0 ? path.resolve(process.argv[dirArg + 1] ?? '.') : path.resolve(root, process.env.ARTICLES ?? '../shared/articles');
const cli = path.join(root, 'dist', 'briefdeck.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'briefdeck-eval-'));
const verbose = process.argv.includes('--verbose');

const norm = (s) => String(s ?? '').normalize('NFC').replace(/[\s\u00A0\u202F]+/g, ' ').replace(/[‘’]/g, "'").trim();
const fold = (s) => norm(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s) => fold(s).replace(/\b(?:of|the|de|du|des|la|le|l'|d')\b/g, ' ').split(/[^\p{L}\d]+/u).filter(Boolean);

const rows = [];
const total = {};
const add = (k, n = 1) => (total[k] = (total[k] ?? 0) + n);

for (const file of readdirSync(articles).filter((f) => f.endsWith('.txt')).sort()) {
  const name = file.replace(/\.txt$/, '');
  const truth = JSON.parse(readFileSync(path.join(articles, 'truth', `${name}.json`), 'utf8'));
  const deck = path.join(work, 'slides', name);
  const t0 = process.hrtime.bigint();
  // CPU time too (GNU time, when there is one): on a shared machine the wall clock also counts waiting.
  const timed = existsSync('/usr/bin/time');
  const argv = [cli, 'draft', path.join(articles, file), deck];
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...argv], { encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuLine = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr ?? '');
  const cpu = cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : NaN;
  if (run.status !== 0) {
    console.error(`${file}: draft failed\n${run.stderr}`);
    process.exitCode = 1;
    continue;
  }
  const check = spawnSync(process.execPath, [cli, 'check', deck], { encoding: 'utf8' });
  const facts = parse(readFileSync(path.join(deck, 'facts.yaml'), 'utf8'));
  const r = { file, seconds, cpu, check: check.status === 0 };
  if (!r.check) console.error(`${file}: check failed\n${check.stdout}${check.stderr}`);

  // Quotes: every drafted quote with who it is credited to.
  const drafted = [];
  for (const a of facts.actors ?? []) {
    for (const q of a.quotes ?? []) drafted.push({ text: q.text, who: q.speaker ?? a.name, kind: q.speaker ? 'person' : 'statement' });
  }
  for (const q of facts.quotes ?? []) drafted.push({ text: q.text, who: q.anonymous, kind: /^TODO\b/.test(q.anonymous ?? '') ? 'todo' : 'anonymous' });
  const unused = [...drafted];
  let found = 0, right = 0, wrong = 0, undecided = 0;
  for (const t of truth.quotes) {
    const i = unused.findIndex((d) => norm(d.text) === norm(t.text));
    if (i < 0) {
      if (verbose) console.log(`  missed quote ${file}: ${t.text}`);
      continue;
    }
    const d = unused.splice(i, 1)[0];
    found++;
    const type = t.speaker_type ?? (/^[A-Z]/.test(t.speaker) && t.speaker.includes(' ') ? 'person' : 'statement');
    if (d.kind === 'todo') undecided++;
    else if (d.kind === 'anonymous' ? type === 'anonymous' : type !== 'anonymous' && fold(d.who) === fold(t.speaker)) right++;
    else {
      wrong++;
      if (verbose) console.log(`  wrong speaker ${file}: "${t.text.slice(0, 50)}" → ${d.who} (truth: ${t.speaker})`);
    }
  }
  Object.assign(r, { quotes: truth.quotes.length, found, drafted: drafted.length, right, wrong, undecided });
  if (verbose) for (const d of unused) console.log(`  extra quote ${file}: ${d.text}`);

  // Dates: the timeline's values (and since), one drafted entry per written mention.
  const pool = (facts.timeline ?? []).map((e) => (e.since !== undefined ? `${e.since}S` : String(e.date)));
  let datesRight = 0, datesAll = 0;
  for (const d of truth.dates) {
    if (d.dateline) continue;
    datesAll++;
    const i = pool.indexOf(d.value + (d.since ? 'S' : ''));
    if (i >= 0) {
      pool.splice(i, 1);
      datesRight++;
    } else if (verbose) console.log(`  missed date ${file}: ${d.text} = ${d.value}`);
  }
  // A date given only relative to another event must never get a value: an entry that carries
  // the relative phrase may only hold a date the article writes out.
  let invented = 0;
  const written = new Set(truth.dates.map((d) => d.value));
  const dated = [
    ...(facts.timeline ?? []).map((e) => [e.event, String(e.date ?? e.since)]),
    ...(facts.next_steps ?? []).filter((s) => s.when).map((s) => [s.what, String(s.when)]),
  ];
  for (const rel of truth.relative_dates_unresolved ?? []) {
    const text = fold(rel.text);
    if (dated.some(([what, value]) => fold(what).includes(text) && !written.has(value))) invented++;
  }
  Object.assign(r, { dates: datesAll, datesRight, invented });

  // People and roles: every named person the facts list as a speaker, with a role that fits.
  const speakers = (facts.actors ?? []).flatMap((a) => a.speakers ?? []);
  let peopleRight = 0;
  for (const p of truth.people) {
    const s = speakers.find((x) => fold(x.name) === fold(p.name));
    const want = words(p.role);
    const got = s && !/^TODO\b/.test(s.role ?? '') ? words(s.role) : [];
    const fits = got.length > 0 && (want.every((w) => got.some((g) => g.startsWith(w.slice(0, 5)))) || got.every((g) => want.some((w) => w.startsWith(g.slice(0, 5)))));
    if (fits) peopleRight++;
    else if (verbose) console.log(`  person ${file}: ${p.name} (${p.role}) → ${s ? s.role : 'missing'}`);
  }
  Object.assign(r, { people: truth.people.length, peopleRight });

  // Amounts: written exactly as in the article somewhere in the facts.
  const allText = norm(JSON.stringify(facts).replace(/\\u00a0|\\u202f/gi, ' '));
  let amountsRight = 0;
  for (const a of truth.amounts) {
    if (allText.includes(norm(a).replace(/"/g, '\\"'))) amountsRight++;
    else if (verbose) console.log(`  missed amount ${file}: ${a}`);
  }
  Object.assign(r, { amounts: truth.amounts.length, amountsRight });

  // Actors: by name or by an alias the truth lists.
  const names = (facts.actors ?? []).map((a) => fold(a.name));
  let actorsRight = 0;
  for (const a of truth.actors) {
    const alias = (truth.actor_aliases?.[a] ?? []).map(fold);
    if (names.includes(fold(a)) || names.some((n) => alias.includes(n))) actorsRight++;
    else if (verbose) console.log(`  missed actor ${file}: ${a}`);
  }
  Object.assign(r, { actors: truth.actors.length, actorsRight });
  r.todos = (readFileSync(path.join(deck, 'facts.yaml'), 'utf8').match(/^\s*(?:- )?[\w_]+: "TODO\b/gm) ?? []).length;
  rows.push(r);
  for (const k of ['quotes', 'found', 'drafted', 'right', 'wrong', 'undecided', 'dates', 'datesRight', 'invented', 'people', 'peopleRight', 'amounts', 'amountsRight', 'actors', 'actorsRight', 'todos']) add(k, r[k]);
  add('checked', r.check ? 1 : 0);
  add('files');
  total.slowest = Math.max(total.slowest ?? 0, seconds);
  total.slowestCpu = Math.max(total.slowestCpu ?? 0, cpu);
}
rmSync(work, { recursive: true, force: true });

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
const line = (r) =>
  `| ${r.file ?? '**all**'} | ${pct(r.found, r.quotes)} | ${pct(r.found, r.drafted)} | ${pct(r.right, r.found)} | ${pct(r.wrong, r.found)} | ${pct(r.undecided, r.found)} | ${pct(r.datesRight, r.dates)} | ${r.invented} | ${pct(r.peopleRight, r.people)} | ${pct(r.amountsRight, r.amounts)} | ${pct(r.actorsRight, r.actors)} | ${r.file ? (r.check ? 'yes' : 'NO') : `${r.checked}/${r.files}`} | ${r.todos} | ${(r.seconds ?? r.slowest).toFixed(2)} s | ${Number.isNaN(r.cpu ?? r.slowestCpu) ? '–' : `${(r.cpu ?? r.slowestCpu).toFixed(2)} s`} |`;
const table = [
  '| Article | Quote recall | Quote precision | Speaker right | Speaker wrong | Speaker TODO | Dates right | Relative dates given a value | People with role | Amounts | Actors | Passes check | TODOs | Time (wall) | Time (CPU) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(line),
  line(total),
].join('\n');
if (dirArg > 0) {
  console.log(table);
  process.exit();
}
const md = `# briefdeck draft: evaluation\n\nEach article in \`../shared/articles\` drafted by \`briefdeck draft\` (one process each, timed whole) and scored against \`truth/*.json\`. Speaker shares are of the quotes found; times are of the whole process (wall clock, and CPU user + system), the slowest in the total row. Load average when measured: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores. Generated by \`npm run eval:draft\`.\n\n${table}\n`;
mkdirSync(path.join(root, 'bench'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'draft-results.md'), md);
// The README shows the last run between its markers.
const readme = path.join(root, 'README.md');
const before = readFileSync(readme, 'utf8');
const after = before.replace(/(<!-- draft-results -->\n)[\s\S]*?(<!-- \/draft-results -->)/, `$1${table}\n$2`);
if (after !== before) writeFileSync(readme, after);
console.log(table);
void execFileSync;

/**
 * Every kind of broken facts file an analyst can hand over, through the real command line
 * (`briefdeck check`, the bundled CLI): each must give exit code 1 and exactly one error that
 * names the file, the line and column (or the file alone for whole-file problems), the field
 * and what would fix it. Size and alias bombs are also timed and their memory measured.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorQuoting,
  append,
  factsYaml,
  MINIMAL_FACTS,
  positionOf,
  removeLine,
  removeTemp,
  replace,
  SOURCE_A_TEXT,
} from '../helpers.js';
import { ROOT, tempDir } from './helpers.js';

const BIN = path.join(ROOT, 'dist', 'briefdeck.mjs');
const TIME = '/usr/bin/time';
const hasTime = (() => {
  try {
    accessSync(TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the CLI process in MB, when /usr/bin/time is there to measure it. */
  maxRssMb?: number;
}

/** Runs the bundled CLI in `cwd`, under /usr/bin/time when present to learn its peak memory. */
function cli(cwd: string, ...args: string[]): Promise<Run> {
  const [cmd, argv] = hasTime
    ? [TIME, ['-q', '-f', 'briefdeck-maxrss-kb=%M', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /^briefdeck-maxrss-kb=(\d+)\n?/m.exec(stderr);
      resolve({
        code,
        stdout,
        stderr: stderr.replace(/^briefdeck-maxrss-kb=\d+\n?/m, ''),
        ms: performance.now() - started,
        maxRssMb: rss ? Number(rss[1]) / 1024 : undefined,
      });
    });
  });
}

type Where = { needle: string; occurrence?: number } | 'file';

interface Row {
  name: string;
  facts: string | Uint8Array;
  /** Where the one error must point: the text it is written at, or the file as a whole. */
  at: Where;
  field: string;
  /** The message, which must say what is wrong and what would fix it. */
  message: RegExp;
  files?: Record<string, string>;
}

const enc = (text: string) => new TextEncoder().encode(text);

/** Three levels deep is already a thousand copies; nine is a billion "lol"s. */
function billionLaughs(): string {
  const names = 'abcdefghi'.split('');
  let yaml = `  ${names[0]}: &${names[0]} [${Array(10).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i < names.length; i++) {
    yaml += `  ${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(', ')}]\n`;
  }
  return factsYaml(append(`lols:\n${yaml}`));
}

/** A real 20 MB facts file: a valid one followed by 20 MB of comment lines. */
function twentyMegabytes(): Uint8Array {
  const line = `# ${'x'.repeat(97)}\n`;
  return enc(MINIMAL_FACTS + line.repeat((20 * 1024 * 1024) / line.length));
}

const ROWS: Row[] = [
  { name: 'empty file', facts: '', at: 'file', field: '', message: /^is empty: start from `npx briefdeck new <folder>`/ },
  {
    name: 'not YAML (an unclosed bracket)',
    facts: factsYaml(replace('title: Test briefing', 'title: [Test briefing')),
    at: { needle: '[Test' },
    field: '',
    message: /^not valid YAML: this \[ is never closed: end the list with \] on the same line, or put the whole value in double quotes$/,
  },
  {
    name: 'not YAML (a pasted "Note: " value)',
    facts: factsYaml(replace('title: Test briefing', 'title: Note: the talks')),
    at: { needle: 'Note: the' },
    field: '',
    message: /^not valid YAML: .*A value that contains ": " must be quoted: put the whole value in double quotes/,
  },
  {
    name: 'tabs for indentation',
    facts: factsYaml(replace('  prepared_by', '\tprepared_by')),
    at: { needle: '\tprepared_by' },
    field: '',
    message: /^tabs are used for indentation: YAML needs spaces \(use two per level\)$/,
  },
  {
    name: 'duplicate key',
    facts: factsYaml(replace('  marking: UNCLASSIFIED\n', '  marking: UNCLASSIFIED\n  marking: SECRET\n')),
    at: { needle: 'marking', occurrence: 2 },
    field: '',
    message: /^"marking" appears twice in the same map \(first on line 5\): keep one/,
  },
  {
    name: 'a list where a map belongs',
    facts: factsYaml((y) => y.replace(/meta:\n(?: {2}.*\n)+/, 'meta:\n  - title: A\n  - as_of: 2020-01-15\n')),
    at: { needle: '- title: A' },
    field: 'meta',
    message: /^must be a map of fields \(key: value lines\), not a list: remove the "- " in front of the fields$/,
  },
  {
    name: 'wrong type (a number for text)',
    facts: factsYaml(replace('Second judgement.', '42')),
    at: { needle: '42' },
    field: 'bottom_line[1].text',
    message: /^must be text: put it in quotes \("42"\) so YAML reads it as text$/,
  },
  {
    name: 'wrong type (one id for a list of ids)',
    facts: factsYaml(replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: src-a')),
    at: { needle: 'src-a', occurrence: 3 },
    field: 'bottom_line[1].sources',
    message: /^must be a list of source ids, e\.g\. \[rferl\]$/,
  },
  {
    name: 'missing required field',
    facts: factsYaml(removeLine('prepared_by:')),
    at: { needle: 'title: Test' },
    field: 'meta.prepared_by',
    message: /^is required: add "prepared_by:" here$/,
  },
  {
    name: 'unknown key (a typo)',
    facts: factsYaml(replace('  title: Test', '  titel: Test')),
    at: { needle: 'titel' },
    field: 'meta.titel',
    message: /^unknown field: did you mean "title"\? \("title" is required\)$/,
  },
  {
    name: 'dangling source id',
    facts: factsYaml(replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [src-b]')),
    at: { needle: 'src-b' },
    field: 'bottom_line[1].sources[0]',
    message: /^no source has the id "src-b": did you mean "src-a"\?$/,
  },
  {
    name: 'dangling actor id',
    facts: factsYaml(actorQuoting('We will not retreat'), append('next_steps:\n  - what: Talks resume.\n    who: [gvo]\n    sources: [src-a]\n')),
    at: { needle: 'gvo' },
    field: 'next_steps[0].who[0]',
    message: /^no actor has the id "gvo": did you mean "gov"\?$/,
  },
  {
    name: 'impossible date',
    facts: factsYaml(replace('as_of: 2020-01-15', 'as_of: 2019-02-30')),
    at: { needle: '2019-02-30' },
    field: 'meta.as_of',
    message: /^"2019-02-30" does not exist: February 2019 has 28 days/,
  },
  {
    name: 'malformed date',
    facts: factsYaml(replace('as_of: 2020-01-15', 'as_of: 15/01/2020')),
    at: { needle: '15/01/2020' },
    field: 'meta.as_of',
    message: /^must be a full date, YYYY-MM-DD \(the day the facts are current to\), e\.g\. 2019-02-13$/,
  },
  {
    name: 'quote not found in its source copy',
    facts: factsYaml(actorQuoting('We will never retreat')),
    at: { needle: '"We will never retreat"' },
    field: 'actors[0].quotes[0].text',
    message: /^quote not found in source "src-a": "We will never retreat"; the closest passage is .*We will not retreat.*Copy the words exactly as the source has them/,
  },
  {
    name: 'source copy missing',
    facts: factsYaml(replace('copy: sources/a.txt', 'copy: sources/missing.txt')),
    at: { needle: 'sources/missing.txt' },
    field: 'sources[0].copy',
    message: /^"sources\/missing\.txt" does not exist in deck: check the file name$/,
  },
  {
    name: 'source copy outside the deck folder',
    facts: factsYaml(replace('copy: sources/a.txt', 'copy: ../../../../etc/passwd')),
    at: { needle: '../../../../etc/passwd' },
    field: 'sources[0].copy',
    message: /^"\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" points outside the deck folder: keep source copies inside it/,
  },
  {
    name: 'source copy given as an absolute path',
    facts: factsYaml(replace('copy: sources/a.txt', 'copy: /etc/passwd')),
    at: { needle: '/etc/passwd' },
    field: 'sources[0].copy',
    message: /^"\/etc\/passwd" is an absolute path: give a path inside the deck folder/,
  },
  {
    name: 'invalid UTF-8',
    facts: new Uint8Array([...enc(MINIMAL_FACTS.slice(0, 20)), 0xff, 0xfe, ...enc(MINIMAL_FACTS.slice(20))]),
    at: 'file',
    field: '',
    message: /^is not valid UTF-8 text \(near byte 20\): re-save it as UTF-8$/,
  },
  {
    name: 'binary file',
    facts: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    at: 'file',
    field: '',
    message: /^is a binary file, not YAML text: save the facts as plain UTF-8 text$/,
  },
  {
    name: 'a NUL character written as a YAML escape',
    facts: factsYaml(replace('title: Test briefing', 'title: "Test\\0briefing"')),
    at: { needle: '"Test' },
    field: 'meta.title',
    message: /^contains a NUL character \(written \\0\), which no deck can show: remove it$/,
  },
  {
    name: 'alias with no anchor',
    facts: factsYaml(replace('title: Test briefing', 'title: *heading')),
    at: { needle: '*heading' },
    field: '',
    message: /^not valid YAML: \*heading refers to no anchor: define &heading before it/,
  },
];

let work: string;
beforeAll(async () => {
  work = await tempDir('bad-input');
});
afterAll(() => removeTemp(work));

let decks = 0;
/** A deck folder named `deck` (so messages read deck/facts.yaml) in a fresh folder of its own. */
async function writeDeck(facts: string | Uint8Array, files: Record<string, string> = { 'sources/a.txt': SOURCE_A_TEXT }): Promise<string> {
  const cwd = path.join(work, String(++decks));
  const dir = path.join(cwd, 'deck');
  await mkdir(path.join(dir, 'sources'), { recursive: true });
  await writeFile(path.join(dir, 'facts.yaml'), facts);
  for (const [rel, content] of Object.entries(files)) await writeFile(path.join(dir, rel), content);
  return cwd;
}

/** Exit 1, nothing on stdout, one error line of the expected form, and the summary line. */
function expectOneError(run: Run, row: Pick<Row, 'facts' | 'at' | 'field' | 'message'>) {
  const lines = run.stderr.trimEnd().split('\n');
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  const errors = lines.filter((l) => l.startsWith('deck/facts.yaml') && !/: warning: /.test(l));
  expect(errors, run.stderr).toHaveLength(1);
  expect(lines.at(-1)).toBe('✗ deck/facts.yaml: 1 error; nothing was written');

  let where = 'deck/facts.yaml: ';
  if (row.at !== 'file') {
    const text = typeof row.facts === 'string' ? row.facts : new TextDecoder().decode(row.facts);
    const { line, column } = positionOf(text, row.at.needle, row.at.occurrence);
    where = `deck/facts.yaml:${line}:${column}: `;
  }
  const error = errors[0]!;
  expect(error.startsWith(where + (row.field ? `${row.field}: ` : '')), `${error}\nshould start with ${where}${row.field}`).toBe(true);
  expect(error.slice(where.length + (row.field ? row.field.length + 2 : 0))).toMatch(row.message);
}

describe('briefdeck check on broken facts: one clear error each, exit 1', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const cwd = await writeDeck(row.facts, row.files);
    expectOneError(await cli(cwd, 'check', 'deck'), row);
  });

  it('a 20 MB facts file: refused by its size at once, without reading it all', async () => {
    const cwd = await writeDeck(twentyMegabytes());
    const run = await cli(cwd, 'check', 'deck');
    expectOneError(run, {
      facts: '',
      at: 'file',
      field: '',
      message: /^is 20\.0 MB; facts files are limited to 2 MB\. Keep long source texts in sources\/\*\.txt and cite them instead\.$/,
    });
    expect(run.ms).toBeLessThan(3000);
    if (run.maxRssMb !== undefined) expect(run.maxRssMb).toBeLessThan(150);
  });

  it('a billion-laughs alias bomb: refused quickly, in bounded memory', async () => {
    const cwd = await writeDeck(billionLaughs());
    const run = await cli(cwd, 'check', 'deck');
    expectOneError(run, { facts: '', at: 'file', field: '', message: /^uses too many YAML aliases \(\*name\) .*write the facts out instead of expanding anchors$/ });
    expect(run.ms).toBeLessThan(3000);
    // Expanded, the bomb would be a billion strings: many gigabytes.
    if (run.maxRssMb !== undefined) expect(run.maxRssMb).toBeLessThan(150);
  });
});

describe('briefdeck check on facts that only look unusual', () => {
  it('accepts a UTF-8 byte order mark and CRLF line ends', async () => {
    const cwd = await writeDeck('\uFEFF' + factsYaml(actorQuoting('We will not retreat')).replace(/\n/g, '\r\n'));
    const run = await cli(cwd, 'check', 'deck');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ deck\/facts\.yaml: valid, \d+ slides\n$/);
    expect(run.stderr).toBe('');
  });
});

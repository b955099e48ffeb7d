/**
 * Shared helpers for the unit tests: a minimal valid facts file that tests edit, positions of
 * text inside it, parsing and checking shortcuts, temporary deck folders and a capturing CLI io.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../src/cli/run.js';
import type { Problem } from '../src/errors.js';
import { checkFacts, type SourceCopy } from '../src/facts/check.js';
import { parseFacts, type ParsedFacts } from '../src/facts/parse.js';
import type { Facts } from '../src/facts/schema.js';
import type { ChangeSet } from '../src/changes/diff.js';
import { layoutDeck } from '../src/layout/deck.js';
import { slideMarkdown } from '../src/markdown/serialize.js';
import type { Deck, Slide } from '../src/model/deck.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SLIDES = path.join(ROOT, 'slides');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/**
 * The smallest facts file the schema accepts: meta, one source (with a local copy) and the two
 * key judgements the bottom line needs. The source text for `src-a` is `SOURCE_A_TEXT`.
 */
export const MINIMAL_FACTS = `meta:
  title: Test briefing
  as_of: 2020-01-15
  prepared_by: Test desk
  marking: UNCLASSIFIED
sources:
  - id: src-a
    publisher: Example News
    title: Example headline
    copy: sources/a.txt
bottom_line:
  - text: First judgement.
    sources: [src-a]
  - text: Second judgement.
    sources: [src-a]
`;

/** The local copy of `src-a`, with curly quotes and a line break inside a sentence. */
export const SOURCE_A_TEXT =
  'Foreign Minister Jo Brandt said: \u201CWe will not retreat, not one step.\u201D Later he added that talks\n' +
  'would go on \u2013 \u201Cas long as it takes\u201D.\n';

/** One actor with a speaker and a quote citing src-a; `{{quote}}` is replaced by the quote text. */
export const ACTOR_WITH_QUOTE = `actors:
  - id: gov
    name: The Government
    speakers:
      - name: Jo Brandt
        role: Minister
    stance: Holding firm.
    stance_sources: [src-a]
    quotes:
      - text: "{{quote}}"
        speaker: Jo Brandt
        date: 2020-01-10
        source: src-a
`;

/** Text an analyst might write that means something to Markdown, HTML or reveal.js. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '</section>',
  '<img src=x onerror=alert(1)>',
  '---',
  '===',
  'Note: hi',
  'notes : hi',
  '<!-- .slide: data-x -->',
  '[x](javascript:alert(1))',
  '![x](http://example.org/x.png)',
  '<https://example.org>',
  '{{ x }}',
  '`code` and ``more``',
  '```',
  '# heading',
  '> quoted',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '[^1]',
  '[^1,2] text',
  '*emphasis* and __strong__ ~~struck~~',
  '| a | b |',
  'a \\ backslash & &amp; entity',
  '    indented code',
];

export type Edit = (yaml: string) => string;

/** Replaces the first occurrence of `from`; throws when it is absent, so an edit never silently does nothing. */
export const replace =
  (from: string, to: string): Edit =>
  (yaml) => {
    if (!yaml.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} is not in the facts text`);
    return yaml.replace(from, () => to);
  };

/** Removes the first line that contains `needle` (with its line break). */
export const removeLine =
  (needle: string): Edit =>
  (yaml) => {
    const lines = yaml.split('\n');
    const i = lines.findIndex((l) => l.includes(needle));
    if (i < 0) throw new Error(`test setup: no line contains ${JSON.stringify(needle)}`);
    lines.splice(i, 1);
    return lines.join('\n');
  };

/** Adds whole top-level sections (or anything else) at the end. */
export const append =
  (text: string): Edit =>
  (yaml) =>
    yaml + text;

/** The minimal facts with the edits applied in order. */
export function factsYaml(...edits: Edit[]): string {
  return edits.reduce((yaml, edit) => edit(yaml), MINIMAL_FACTS);
}

/** An actor whose one quote has `quote` as its text (YAML double-quoted, so any text works). */
export function actorQuoting(quote: string): Edit {
  return append(ACTOR_WITH_QUOTE.replace('{{quote}}', () => yamlDoubleQuoted(quote)));
}

function yamlDoubleQuoted(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** 1-based line and column where the `occurrence`-th `needle` starts in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`test setup: ${JSON.stringify(needle)} occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export const FILE = 'facts.yaml';

export function parse(input: string | Uint8Array): ParsedFacts {
  return parseFacts(typeof input === 'string' ? new TextEncoder().encode(input) : input, FILE);
}

/** Schema and cross-checks together, as loadFacts runs them but without the file system. */
export function problemsOf(yaml: string, copies: Record<string, SourceCopy> = { 'src-a': { text: SOURCE_A_TEXT } }): Problem[] {
  const parsed = parse(yaml);
  if (!parsed.facts) return parsed.problems;
  return [
    ...parsed.problems,
    ...checkFacts({ facts: parsed.facts, file: FILE, locate: parsed.locate, copies: new Map(Object.entries(copies)) }),
  ];
}

export function errorsOf(yaml: string, copies?: Record<string, SourceCopy>): Problem[] {
  return problemsOf(yaml, copies).filter((p) => p.severity === 'error');
}

/** Facts that pass the schema and every check; throws with the problems otherwise. */
export function validFacts(yaml: string): Facts {
  const parsed = parse(yaml);
  const errors = errorsOf(yaml);
  if (!parsed.facts || errors.length > 0) {
    throw new Error(`test setup: facts are invalid:\n${errors.map((e) => `${e.line}:${e.column} ${e.field}: ${e.message}`).join('\n')}`);
  }
  return parsed.facts;
}

/** The one problem for `field`; fails when there is none or several. */
export function problemAt(problems: readonly Problem[], field: string): Problem {
  const found = problems.filter((p) => p.field === field);
  if (found.length !== 1) {
    throw new Error(`expected one problem for ${field}, got ${found.length}:\n${JSON.stringify(problems, null, 2)}`);
  }
  return found[0]!;
}

/** A fresh folder under the OS temp dir; remove it with `removeTemp`. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `briefdeck-${prefix}-`));
}

export function removeTemp(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/** Writes a deck folder: facts.yaml plus any other files (paths relative to the deck). */
export async function writeDeck(dir: string, facts: string | Uint8Array, files: Record<string, string> = { 'sources/a.txt': SOURCE_A_TEXT }): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'facts.yaml'), facts);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

/**
 * A CliIO that records every line written to stdout (`out`) and stderr (`err`), and build
 * progress (a non-terminal stream, so one plain line per finished deck) in `progress`.
 */
export function captureIo(): { io: CliIO; out: string[]; err: string[]; progress: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io = {
    out: (line: string) => void out.push(line),
    err: (line: string) => void err.push(line),
    progress: { write: (text: string) => void progress.push(text), isTTY: false },
  };
  return { io, out, err, progress };
}

/**
 * Facts → the deck laid out by estimate, each slide with its Markdown beside it (`markdown`),
 * so tests can read what slides.md shows for a slide.
 */
export function composeSlides(facts: Facts, options: { changes?: ChangeSet } = {}): Deck & { slides: (Slide & { markdown: string })[] } {
  const deck = layoutDeck(facts, options);
  return { ...deck, slides: deck.slides.map((s) => ({ ...s, markdown: slideMarkdown(s) })) };
}

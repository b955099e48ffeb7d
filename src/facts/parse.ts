import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import type { Problem } from '../errors.js';
import { valueHint } from './hints.js';
import { salvage, type Salvaged } from './salvage.js';
import { guardFacts } from './guard.js';
import { Facts } from './schema.js';
import { describe, readYamlMap, type FieldPath, type Locator } from './yaml.js';

export type { FieldPath, Locator, Position } from './yaml.js';

/** Larger facts files are refused before parsing: a briefing is never this big. */
export const MAX_FACTS_BYTES = 2 * 1024 * 1024;
/** Aliases allowed in one file; far above any honest use, far below a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 200;

export interface ParsedFacts {
  facts?: Facts;
  problems: Problem[];
  locate: Locator;
  /** When the schema refused some list items: the rest, to cross-check all the same. */
  salvaged?: Salvaged<Facts>;
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/**
 * Turns the raw bytes of a facts file into validated facts, collecting every problem with its
 * line and column. Pure: no file system; `file` is only used in messages.
 */
export function parseFacts(bytes: Uint8Array, file: string): ParsedFacts {
  const problems: Problem[] = [];
  const nowhere: Locator = () => ({ line: 0, column: 0 });
  const fail = (message: string): ParsedFacts => ({
    problems: [{ severity: 'error', file, line: 0, column: 0, field: '', message }],
    locate: nowhere,
  });

  if (bytes.byteLength > MAX_FACTS_BYTES) return fail(tooLargeMessage(bytes.byteLength));
  const read = readYamlMap(bytes, file, {
    what: 'facts file',
    content: 'the facts',
    emptyHint: 'start from `npx briefdeck new <folder>`, which writes a commented example',
    maxAliases: MAX_ALIAS_COUNT,
    mapOf: 'sections (meta:, sources:, bottom_line:, …)',
    valuesAre: 'the facts',
  });
  const { locate } = read;
  problems.push(...read.problems);
  if (!read.value) return { problems, locate };
  const value = read.value;

  // A YAML escape can put a NUL into text ("\0"); no web page or PDF can show one.
  const nuls = pathsOfStrings(value, (s) => s.includes('\0'));
  if (nuls.length > 0) {
    for (const path of nuls) {
      problems.push({
        severity: 'error',
        file,
        ...locate(path),
        field: formatPath(path),
        message: 'contains a NUL character (written \\0), which no deck can show: remove it',
      });
    }
    return { problems, locate };
  }

  // Deceptive or oversized values, refused before the schema so that any input is answered at once.
  const guarded = guardFacts(value, bytes, file, locate);
  problems.push(...guarded);
  if (guarded.some((p) => p.severity === 'error')) return { problems, locate };

  const result = Facts.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues;
    const renamed = typoedRequiredKeys(issues, value);
    for (const issue of issues) problems.push(...issueProblems(issue, file, locate, value, renamed));
    const salvaged = salvage(
      value,
      issues.map((i) => ({ path: issuePath(i), ...(i.code === 'unrecognized_keys' ? { unknownKeys: i.keys } : {}) })),
      (v) => Facts.safeParse(v).data,
    );
    return { problems, locate, ...(salvaged ? { salvaged } : {}) };
  }
  return { facts: result.data, problems, locate };
}

/** The message for a facts file over the size limit; `load` checks the size before reading. */
export function tooLargeMessage(size: number): string {
  return (
    `is ${(size / 1048576).toFixed(1)} MB; facts files are limited to ${MAX_FACTS_BYTES / 1048576} MB. ` +
    'Keep long source texts in sources/*.txt and cite them instead.'
  );
}

const issuePath = (issue: z.core.$ZodIssue): FieldPath => issue.path.filter((p): p is string | number => typeof p !== 'symbol');

/**
 * Required fields that are missing only because their key is misspelt (`titel:` for `title:`).
 * The "did you mean" on the misspelt key says all there is to say, so "title is required" is
 * not reported as a second error. Keyed by the formatted path of the required field.
 */
function typoedRequiredKeys(issues: readonly z.core.$ZodIssue[], root: unknown): Set<string> {
  const missing = new Set(
    issues
      .filter((i) => i.code === 'invalid_type' && valueAt(root, issuePath(i)) === undefined)
      .map((i) => formatPath(issuePath(i))),
  );
  const renamed = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issuePath(issue);
    for (const key of issue.keys) {
      const guess = closest(key, knownKeys(Facts, path));
      const target = guess && formatPath([...path, guess]);
      if (target && missing.has(target)) renamed.add(target);
    }
  }
  return renamed;
}

function issueProblems(issue: z.core.$ZodIssue, file: string, locate: Locator, root: unknown, renamed: Set<string>): Problem[] {
  const path = issuePath(issue);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(Facts, path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `allowed here: ${known.join(', ')}`;
      const required = guess && renamed.has(formatPath([...path, guess])) ? ` ("${guess}" is required)` : '';
      return {
        severity: 'error' as const,
        file,
        ...locate([...path, key], 'key'),
        field: formatPath([...path, key]),
        message: `unknown field: ${hint}${required}`,
      };
    });
  }
  const missing = issue.code === 'invalid_type' && valueAt(root, path) === undefined;
  if (missing && renamed.has(formatPath(path))) return [];
  const message = missing ? `is required: add ${describeRequired(path)}` : shapeMessage(issue, valueAt(root, path));
  return [{ severity: 'error', file, ...locate(path, missing ? 'key' : 'value'), field: formatPath(path), message }];
}

/** Zod's generic "Invalid input: expected object, received array", said the way YAML is written. */
function shapeMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const hint = valueHint(issue, issuePath(issue), value);
  if (hint) return hint;
  if (issue.message === 'must be text') {
    if (value === null) return 'is empty: write the text after the key';
    if (typeof value === 'number' || typeof value === 'boolean') {
      return `must be text: put it in quotes ("${String(value)}") so YAML reads it as text`;
    }
    if (typeof value === 'object') return `must be text, not ${describe(value)}: write it on one line after the key`;
    return issue.message;
  }
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input')) return issue.message;
  if (issue.expected === 'object') {
    return Array.isArray(value)
      ? 'must be a map of fields (key: value lines), not a list: remove the "- " in front of the fields'
      : `must be a map of fields (key: value lines, indented under this key), not ${describe(value)}`;
  }
  if (issue.expected === 'array') {
    return `must be a list (one "- " line per entry, indented under this key), not ${Array.isArray(value) ? 'a list' : describe(value)}`;
  }
  return issue.message;
}

function describeRequired(path: FieldPath): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `"${last}:" here` : 'the missing entry';
}

/** Paths of the strings in `value` (keys included, as their own path) that `test` picks. */
function pathsOfStrings(value: unknown, test: (s: string) => boolean, path: (string | number)[] = []): FieldPath[] {
  if (typeof value === 'string') return test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOfStrings(v, test, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(test(k) ? [[...path, k]] : []),
      ...pathsOfStrings(v, test, [...path, k]),
    ]);
  }
  return [];
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

/** The keys the schema accepts at `path`, for "did you mean" hints. */
export function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
  let cur: z.ZodType | undefined = schema;
  for (const part of path) {
    cur = unwrap(cur);
    if (cur instanceof z.ZodObject && typeof part === 'string') cur = cur.shape[part] as z.ZodType | undefined;
    else if (cur instanceof z.ZodArray && typeof part === 'number') cur = cur.element as z.ZodType;
    else return [];
    if (!cur) return [];
  }
  cur = unwrap(cur);
  return cur instanceof z.ZodObject ? Object.keys(cur.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let cur = schema;
  while (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) {
    cur = cur.unwrap() as z.ZodType;
  }
  return cur;
}

/** The candidate nearest to `word` when it is near enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  if (bestDistance <= Math.max(2, Math.floor(best.length / 3))) return best;
  // A cut-short or run-on id ("wire-2031" for "wire-2031-03-04") is far in edits but plain to
  // a reader: suggest the one candidate it begins, or that begins it.
  const w = word.toLowerCase();
  const related = w.length < 3 ? [] : candidates.filter((c) => c.toLowerCase().startsWith(w) || w.startsWith(c.toLowerCase()));
  return related.length === 1 ? related[0] : undefined;
}


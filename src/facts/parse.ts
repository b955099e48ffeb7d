import { distance } from 'fastest-levenshtein';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import type { Problem } from '../errors.js';
import { Facts } from './schema.js';

/** Larger facts files are refused before parsing: a briefing is never this big. */
export const MAX_FACTS_BYTES = 2 * 1024 * 1024;
/** Aliases allowed in one file; far above any honest use, far below a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 200;

export type FieldPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** Finds where a field is written in the file, or the nearest enclosing field that is. */
export type Locator = (path: FieldPath, at?: 'key' | 'value') => Position;

export interface ParsedFacts {
  facts?: Facts;
  problems: Problem[];
  locate: Locator;
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

  if (bytes.byteLength > MAX_FACTS_BYTES) {
    return fail(
      `is ${(bytes.byteLength / 1048576).toFixed(1)} MB; facts files are limited to ${MAX_FACTS_BYTES / 1048576} MB. ` +
        'Keep long source texts in sources/*.txt and cite them instead.',
    );
  }
  if (bytes.includes(0)) return fail('is a binary file, not YAML text: save the facts as plain UTF-8 text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(`is not valid UTF-8 text (near byte ${firstInvalidUtf8(bytes)}): re-save it as UTF-8`);
  }
  if (text.trim() === '') {
    return fail('is empty: start from `npx briefdeck new <folder>`, which writes a commented example');
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locator = (path, where = 'value') => at(offsetOf(doc, path, where));

  for (const err of doc.errors) {
    problems.push({ severity: 'error', file, ...at(err.pos[0]), field: '', message: yamlMessage(err.code, err.message) });
  }
  if (problems.length > 0) return { problems, locate };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return fail(
      `uses too many YAML aliases (*name) (${err instanceof Error ? err.message : String(err)}): ` +
        'write the facts out instead of expanding anchors',
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      field: '',
      message: 'must be a map of sections (meta:, sources:, bottom_line:, …), not ' + describe(value),
    });
    return { problems, locate };
  }

  const result = Facts.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...issueProblems(issue, file, locate, value));
    return { problems, locate };
  }
  return { facts: result.data, problems, locate };
}

function issueProblems(issue: z.core.$ZodIssue, file: string, locate: Locator, root: unknown): Problem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(Facts, path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `allowed here: ${known.join(', ')}`;
      return {
        severity: 'error' as const,
        file,
        ...locate([...path, key], 'key'),
        field: formatPath([...path, key]),
        message: `unknown field: ${hint}`,
      };
    });
  }
  const missing = issue.code === 'invalid_type' && valueAt(root, path) === undefined;
  const message = missing ? `is required: add ${describeRequired(path)}` : issue.message;
  return [{ severity: 'error', file, ...locate(path, missing ? 'key' : 'value'), field: formatPath(path), message }];
}

function describeRequired(path: FieldPath): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `"${last}:" here` : 'the missing entry';
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return 'an empty document';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
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
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function offsetOf(doc: Document, path: FieldPath, where: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let fallback = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === part);
      if (!pair) return fallback;
      if (last && where === 'key') return rangeStart(pair.key) ?? fallback;
      fallback = rangeStart(pair.value) ?? rangeStart(pair.key) ?? fallback;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      fallback = rangeStart(node) ?? fallback;
    } else {
      return fallback;
    }
  }
  return fallback;
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same map: keep one (YAML would silently drop the other)';
    case 'TAB_AS_INDENT':
      return 'tabs are used for indentation: YAML needs spaces (use two per level)';
    default:
      return `not valid YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

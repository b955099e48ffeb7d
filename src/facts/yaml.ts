import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Problem } from '../errors.js';

/*
 * Reading a hand-written YAML file (facts, brand) into a plain map, keeping where each field
 * is written: every problem comes with its line and column and a message an analyst can act on.
 */

export type FieldPath = readonly (string | number)[];

/** "actors[0].quotes[2].text" → ['actors', 0, 'quotes', 2, 'text']: a field as messages name it, as a path. */
export function parseFieldPath(field: string): (string | number)[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

export interface Position {
  line: number;
  column: number;
}

/** Finds where a field is written in the file, or the nearest enclosing field that is. */
export type Locator = (path: FieldPath, at?: 'key' | 'value') => Position;

export interface YamlReadOptions {
  /** What the file is, for messages: "facts file", "brand file". */
  what: string;
  /** What to save as text, for a binary file: "the facts", "the brand file". */
  content: string;
  /** What to do about an empty file. */
  emptyHint: string;
  /** Aliases allowed; far above honest use, far below a "billion laughs" bomb. */
  maxAliases: number;
  /** The top-level map, for a file that is something else: "sections (meta:, …)". */
  mapOf: string;
  /** What to write out instead of expanding anchors: "the facts", "the values". */
  valuesAre: string;
}

export interface YamlMap {
  /** The top-level map, when the file is readable YAML and one. */
  value?: Record<string, unknown>;
  problems: Problem[];
  locate: Locator;
}

/** Bytes → a YAML map with positions, or the problems that stop it. Pure. */
export function readYamlMap(bytes: Uint8Array, file: string, options: YamlReadOptions): YamlMap {
  const nowhere: Locator = () => ({ line: 0, column: 0 });
  const fail = (message: string): YamlMap => ({
    problems: [{ severity: 'error', file, line: 0, column: 0, field: '', message }],
    locate: nowhere,
  });
  if (bytes.includes(0)) return fail(`is a binary file, not YAML text: save ${options.content} as plain UTF-8 text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(`is not valid UTF-8 text (near byte ${firstInvalidUtf8(bytes)}): re-save it as UTF-8`);
  }
  if (text.trim() === '') return fail(`is empty: ${options.emptyHint}`);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locator = (path, where = 'value') => at(offsetOf(doc, path, where));

  const problems: Problem[] = [];
  for (const err of reportedYamlErrors(doc.errors)) {
    const opener = /^Flow (sequence|map) in block collection/.test(err.message) ? unclosedBracket(text, err.pos[0]) : undefined;
    // A key indented to no level of the map around it breaks the parse a line or more later,
    // with a message about quoting: name the line whose indentation is wrong instead.
    const indent = opener === undefined && !['DUPLICATE_KEY', 'TAB_AS_INDENT', 'MULTIPLE_DOCS'].includes(err.code) ? misindented(text, err.pos[0]) : undefined;
    if (indent) {
      problems.push({ severity: 'error', file, line: indent.line, column: indent.column, field: '', message: indent.message });
      continue;
    }
    const message =
      opener !== undefined
        ? `not valid YAML: this ${text[opener]} is never closed: end the list with ${text[opener] === '[' ? ']' : '}'} on the same line, or ${QUOTE_IT}`
        : err.code === 'DUPLICATE_KEY'
          ? duplicateKeyMessage(text, err.pos[0])
          : yamlMessage(err.code, err.message, options.what);
    problems.push({ severity: 'error', file, ...at(opener ?? err.pos[0]), field: '', message });
  }
  if (problems.length > 0) return { problems, locate };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliases });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message);
    if (unresolved) {
      const name = unresolved[1]!;
      return {
        problems: [{ severity: 'error', file, ...at(aliasOffset(doc, name)), field: '', message: `not valid YAML: *${name} refers to no anchor: define &${name} before it, or write the value out` }],
        locate,
      };
    }
    return fail(`uses too many YAML aliases (*name) (${message}): write ${options.valuesAre} out instead of expanding anchors`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: [{ severity: 'error', file, line: 1, column: 1, field: '', message: `must be a map of ${options.mapOf}, not ${describe(value)}` }],
      locate,
    };
  }
  return { value: value as Record<string, unknown>, problems, locate };
}

export function describe(value: unknown): string {
  if (value === null) return 'an empty document';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

export function offsetOf(doc: Document, path: FieldPath, where: 'key' | 'value'): number {
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

/**
 * The YAML errors worth showing. Once the syntax is broken the parser's later complaints are
 * mostly echoes of the first one (an unclosed bracket gives five), so only the first syntax
 * error is reported, with any duplicate keys found before it.
 */
function reportedYamlErrors(errors: readonly YAMLError[]): YAMLError[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const firstSyntax = sorted.findIndex((e) => e.code !== 'DUPLICATE_KEY');
  return firstSyntax < 0 ? sorted : [...sorted.slice(0, firstSyntax), sorted[firstSyntax]!];
}

const QUOTE_IT = 'put the whole value in double quotes';

function yamlMessage(code: string, message: string, what: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same map: keep one (YAML would silently drop the other)';
    case 'TAB_AS_INDENT':
      return 'tabs are used for indentation: YAML needs spaces (use two per level)';
    case 'MULTIPLE_DOCS':
      return `not valid YAML: a second document starts here (a "---" line): a ${what} holds one; remove the line`;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `not valid YAML: ${first}. A value that contains ": " must be quoted: ${QUOTE_IT}, e.g. text: "Note: …"`;
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
      return `not valid YAML: ${first}. A value that starts with [ { @ \` or another YAML sign must be quoted: ${QUOTE_IT}, e.g. title: "[Draft] …"`;
    case 'MISSING_CHAR':
      return `not valid YAML: ${first}. Close it, or ${QUOTE_IT} and write any " inside it as \\"`;
    default:
      if (/call stack/i.test(first)) {
        return 'nested too deeply: lists and maps inside each other hundreds of levels deep, which no facts file needs. Check the brackets and "- " dashes here';
      }
      return `not valid YAML: ${first}. Check the indentation (spaces, the same column for keys of one map), brackets and quotes here`;
  }
}

/** A content line: its indentation, the column of its key (after any "- "), its key and whether a value follows. */
interface YamlLine {
  line: number;
  indent: number;
  dashes: number[];
  keyColumn: number;
  key?: string;
  opensBlock: boolean;
  blockScalar: boolean;
}

function readLine(raw: string, line: number): YamlLine | undefined {
  const content = raw.replace(/\s+#.*$/, '').trimEnd();
  if (content.trim() === '' || content.trimStart().startsWith('#')) return undefined;
  const indent = content.length - content.trimStart().length;
  const dashes: number[] = [];
  let at = indent;
  while (content[at] === '-' && (content[at + 1] === ' ' || at + 1 === content.length)) {
    dashes.push(at);
    at += 1;
    while (content[at] === ' ') at++;
  }
  const key = /^([A-Za-z_][\w-]*|"[^"]*"|'[^']*'):(?: |$)/.exec(content.slice(at))?.[1];
  const rest = key ? content.slice(at + key.length + 1).trim() : content.slice(at).trim();
  return {
    line,
    indent,
    dashes,
    keyColumn: at,
    key,
    opensBlock: rest === '' ,
    blockScalar: /^[|>][+-]?\d*$/.test(rest),
  };
}

/**
 * The first line up to the parser's error whose key is indented to no level of the maps and
 * lists above it, or deeper than a key that already has a value. Quoted values spread over
 * lines are not followed; this runs only on a file the parser has already refused.
 */
function misindented(text: string, errorOffset: number): { line: number; column: number; message: string } | undefined {
  const lines = text.split(/\r?\n/);
  const errorLine = text.slice(0, errorOffset).split('\n').length;
  // Open levels: the columns where keys of an open map, or items of an open list, start.
  let levels: { column: number; key?: string }[] = [];
  // (A list's items are a level without a key; a map's keys, a level with one.)
  let previous: YamlLine | undefined;
  let scalarAbove: number | undefined;
  for (let n = 1; n <= Math.min(errorLine + 1, lines.length); n++) {
    const current = readLine(lines[n - 1]!, n);
    if (!current) continue;
    if (scalarAbove !== undefined) {
      if (current.indent > scalarAbove) continue;
      scalarAbove = undefined;
    }
    if (previous && current.key) {
      const name = `\`${current.key}:\``;
      const deeper = current.indent > previous.keyColumn;
      if (deeper && !previous.opensBlock) {
        const like = previous.key ? ` like \`${previous.key}:\`` : '';
        return {
          line: n,
          column: current.indent + 1,
          message:
            `not valid YAML: ${name} is indented further than the line above, which already has a value: ` +
            `indent it by ${previous.keyColumn} spaces${like}, or if it is part of that value, ${QUOTE_IT}`,
        };
      }
      // A plain key must line up with keys of an open map; a "- " item with a list or a map.
      const fits = (l: { column: number; key?: string }) => l.column === current.indent && (current.dashes.length > 0 || l.key !== undefined);
      if (!deeper && !levels.some(fits)) {
        const nearest = levels.filter((l) => l.key !== undefined).sort((a, b) => Math.abs(a.column - current.indent) - Math.abs(b.column - current.indent) || b.column - a.column)[0];
        const like = nearest?.key ? ` like \`${nearest.key}:\`` : '';
        return {
          line: n,
          column: current.indent + 1,
          message:
            `not valid YAML: ${name} is indented by ${current.indent} space${current.indent === 1 ? '' : 's'}, which lines it up with no key above it: ` +
            `indent it by ${nearest?.column ?? 0} spaces${like} (spaces only, the same number for every key of one map)`,
        };
      }
    }
    levels = levels.filter((l) => l.column < current.indent || (l.column === current.indent && current.dashes[0] === current.indent));
    for (const d of current.dashes) levels.push({ column: d });
    levels = levels.filter((l) => l.column !== current.keyColumn);
    levels.push({ column: current.keyColumn, key: current.key });
    if (current.blockScalar) scalarAbove = current.keyColumn;
    previous = current;
  }
  return undefined;
}

/** Names the key that appears twice, and where it first appears. */
function duplicateKeyMessage(text: string, start: number): string {
  const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]+?):/.exec(text.slice(start))?.[1]?.replace(/^["']|["']$/g, '') ?? text.slice(start, start + 1);
  const column = start - text.lastIndexOf('\n', start - 1) - 1;
  const before = text.slice(0, start).split('\n');
  let first: number | undefined;
  for (let i = before.length - 2; i >= 0; i--) {
    const l = readLine(before[i]!, i + 1);
    if (!l) continue;
    if (l.keyColumn < column && !(l.dashes.length > 0 && l.keyColumn === column)) break;
    if (l.keyColumn === column && l.key === key) first = i + 1;
  }
  const where = first ? ` (first on line ${first})` : '';
  return `"${key}" appears twice in the same map${where}: keep one (YAML would silently drop the other)`;
}

/**
 * The `[` or `{` left open before `offset`, where YAML noticed a flow collection that never
 * ends: the analyst needs to see the bracket, not the next line where the parser gave up.
 */
function unclosedBracket(text: string, offset: number): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** Where the first alias `*name` is written, for an alias with no anchor. */
function aliasOffset(doc: Document, name: string): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.source === name) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
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

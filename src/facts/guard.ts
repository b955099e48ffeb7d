import type { Problem } from '../errors.js';
import type { FieldPath, Locator } from './yaml.js';

/**
 * Checks on the raw facts, before the schema, against text that deceives or overwhelms: control
 * characters that reorder or hide text, values too long for any slide, dates written in another
 * number notation, and lists too long for a briefing. Each problem names its field, and
 * quotes at most a short part of the value, so even a huge bad input is answered at once.
 */

/** Longest value per kind of field, in characters. */
export const MAX_LENGTH = {
  /** Titles, names, roles, publishers, markings: one line on a slide. */
  short: 300,
  url: 2048,
  /** Judgements, quotes, events, summaries. */
  text: 5000,
  /** Speaker notes. */
  notes: 20_000,
} as const;

/** A list longer than this makes a deck nobody can present: warn. */
export const LIST_WARN = 60;
/** A list longer than this is refused (5,000 timeline events make a thousand slides). */
export const LIST_MAX = 500;

const SHORT_FIELDS = new Set([
  'title', 'subtitle', 'name', 'publisher', 'term', 'speaker', 'role', 'marking', 'prepared_by', 'audience',
  'theme', 'changes_since', 'language', 'kind', 'copy', 'id', 'source', 'sources', 'stance_sources', 'backers',
  'opponents', 'undecided', 'who',
]);
const DATE_FIELDS = new Set(['date', 'as_of', 'when']);

/**
 * Refused wherever they appear: C0 and C1 control characters other than tab and line feed
 * (ESC starts terminal sequences, BEL rings, others hide in plain sight), and the bidi
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), which make text display in
 * an order other than it is written ("UNCLASSIFIED" written backwards). They are refused,
 * not stripped: a facts file is a record of what sources say, and silently changing it would
 * print something nobody wrote. Right-to-left text displays correctly without them; the
 * invisible marks U+200E, U+200F and U+061C, which only place neutral characters such as
 * punctuation, stay allowed.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export function guardFacts(value: unknown, bytes: Uint8Array, file: string, locate: Locator): Problem[] {
  const problems: Problem[] = [];
  let lines: string[] | undefined;
  const problem = (path: FieldPath, message: string, severity: Problem['severity'] = 'error', key = false) =>
    problems.push({ severity, file, ...locate(path, key ? 'key' : 'value'), field: formatField(path), message });

  const visit = (v: unknown, path: (string | number)[], key: string | undefined) => {
    if (typeof v === 'string') return checkText(v, path, key);
    if (typeof v === 'number' && key !== undefined && DATE_FIELDS.has(key)) {
      lines ??= new TextDecoder().decode(bytes).split(/\r?\n/);
      const { line, column } = locate(path);
      const token = /^[^\s#,\]}]+/.exec(lines[line - 1]?.slice(column - 1) ?? '')?.[0] ?? '';
      if (line > 0 && !/^\d{4}$/.test(token)) {
        problem(path, `"${preview(token)}" is a number in another notation, not a year: write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-02-13`);
      }
      return;
    }
    if (Array.isArray(v)) {
      if (v.length > LIST_MAX) {
        problem(path, `has ${v.length} entries; a briefing takes at most ${LIST_MAX}: keep the ones that matter, or split the facts into several decks`);
        return;
      }
      if (v.length > LIST_WARN && path.length === 1) {
        problem(path, `has ${v.length} entries, which makes a very long deck: keep the ones that matter, or split the facts into several decks`, 'warning');
      }
      v.forEach((item, i) => visit(item, [...path, i], key));
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = CONTROL.exec(k);
        if (at) problem([...path, k], controlMessage(at[0]), 'error', true);
        visit(child, [...path, k], k);
      }
    }
  };

  const checkText = (s: string, path: FieldPath, key: string | undefined) => {
    const at = CONTROL.exec(s);
    if (at && !s.includes('\0')) problem(path, controlMessage(at[0]));
    const [kind, max] =
      key === 'url' ? ['an address', MAX_LENGTH.url]
      : key === 'notes' || path.includes('notes') ? ['speaker notes', MAX_LENGTH.notes]
      : key !== undefined && SHORT_FIELDS.has(key) ? ['this field', MAX_LENGTH.short]
      : ['a text', MAX_LENGTH.text];
    if (s.length > max) {
      problem(path, `is ${s.length.toLocaleString('en')} characters long ("${preview(s)}…"); ${kind} takes at most ${max.toLocaleString('en')}: shorten it`);
    }
  };

  visit(value, [], undefined);
  return problems;
}

function controlMessage(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  return bidi
    ? `contains an invisible direction control (${hex}), which makes text display in another order than it is written: ` +
        'remove it (right-to-left text needs none; U+200F RIGHT-TO-LEFT MARK places stray punctuation)'
    : `contains a control character (${hex}), which no deck can show and a terminal may obey: remove it`;
}

/** At most 60 characters of `s`, control characters shown as escapes. */
function preview(s: string): string {
  return [...s.slice(0, 60)].map((c) => (CONTROL.test(c) ? `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}` : c)).join('');
}

function formatField(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

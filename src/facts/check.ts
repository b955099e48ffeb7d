import type { Problem } from '../errors.js';
import { closest, formatPath, type FieldPath, type Locator } from './parse.js';
import { parseDate, type PartialDate, isAfter } from './dates.js';
import { quoteParts, verifyQuote } from './quotes.js';
import type { Facts } from './schema.js';
import { overridableKeys } from '../labels/index.js';
import { unknownLabelKeys } from '../labels/overrides.js';

/** A source's local copy as read from disk, or why it could not be read. */
export type SourceCopy = { text: string } | { error: string };

export interface CheckInput {
  facts: Facts;
  file: string;
  locate: Locator;
  /** Keyed by source id; only sources that declare `copy`. */
  copies: ReadonlyMap<string, SourceCopy>;
}

/**
 * Checks what a schema cannot: that ids are unique and every reference resolves, that dates
 * exist, and that every quote stands in its source's local copy. Pure; collects all problems.
 */
export function checkFacts({ facts, file, locate, copies }: CheckInput): Problem[] {
  const problems: Problem[] = [];
  const report = (severity: Problem['severity'], path: FieldPath, message: string) =>
    problems.push({ severity, file, ...locate(path), field: formatPath(path), message });
  const error = (path: FieldPath, message: string) => report('error', path, message);

  const sourceIds = uniqueIds(facts.sources, ['sources'], 'source', error);
  const actors = facts.actors ?? [];
  const actorIds = uniqueIds(actors, ['actors'], 'actor', error);
  uniqueIds(facts.options ?? [], ['options'], 'option', error);
  const used = new Set<string>();

  const refs = (path: FieldPath, ids: readonly string[] | undefined, known: Set<string>, kind: string) => {
    (ids ?? []).forEach((refId, i) => {
      if (kind === 'source') used.add(refId);
      if (known.has(refId)) return;
      const guess = closest(refId, [...known]);
      const fix = guess ? `did you mean "${guess}"?` : `declare it under ${kind === 'source' ? 'sources' : 'actors'}`;
      error([...path, i], `no ${kind} has the id "${refId}": ${fix}`);
    });
  };
  const date = (path: FieldPath, value: string | number | undefined): PartialDate | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseDate(value);
    if (typeof parsed === 'string') {
      error(path, parsed);
      return undefined;
    }
    return parsed;
  };

  for (const key of unknownLabelKeys(facts.meta.labels ?? {})) {
    const guess = closest(key, overridableKeys());
    error(['meta', 'labels', key], `no word of the deck has the key "${key}": ${guess ? `did you mean "${guess}"?` : 'see the keys in the JSON Schema'}`);
  }
  const asOf = date(['meta', 'as_of'], facts.meta.as_of);
  if (asOf && asOf.precision !== 'day') {
    error(['meta', 'as_of'], 'must be a full date (YYYY-MM-DD): the day the facts are current to');
  }
  facts.sources.forEach((s, i) => date(['sources', i, 'date'], s.date));
  facts.bottom_line.forEach((b, i) => refs(['bottom_line', i, 'sources'], b.sources, sourceIds, 'source'));
  facts.background?.points?.forEach((p, i) =>
    refs(['background', 'points', i, 'sources'], p.sources, sourceIds, 'source'),
  );
  facts.background?.terms?.forEach((t, i) =>
    refs(['background', 'terms', i, 'sources'], t.sources, sourceIds, 'source'),
  );
  facts.timeline?.forEach((e, i) => {
    date(['timeline', i, 'date'], e.date);
    refs(['timeline', i, 'sources'], e.sources, sourceIds, 'source');
  });

  actors.forEach((actor, a) => {
    const base = ['actors', a] as const;
    refs([...base, 'stance_sources'], actor.stance_sources, sourceIds, 'source');
    const speakers = (actor.speakers ?? []).map((s) => s.name);
    actor.quotes?.forEach((q, i) => {
      const path = [...base, 'quotes', i] as const;
      const when = date([...path, 'date'], q.date);
      if (when && asOf && isAfter(when, asOf)) {
        report('warning', [...path, 'date'], `is after meta.as_of (${facts.meta.as_of}): check the date`);
      }
      if (!speakers.includes(q.speaker)) {
        const guess = closest(q.speaker, speakers);
        error(
          [...path, 'speaker'],
          guess
            ? `"${q.speaker}" is not one of ${actor.id}'s speakers: did you mean "${guess}"?`
            : `"${q.speaker}" is not one of ${actor.id}'s speakers: add them under actors[${a}].speakers`,
        );
      }
      refs([...path, 'source'], [q.source], sourceIds, 'source');
      const copy = copies.get(q.source);
      if (!copy) {
        if (sourceIds.has(q.source)) {
          report('warning', [...path, 'text'], `not verified: source "${q.source}" has no local copy (add copy: sources/<file>.txt)`);
        }
        return;
      }
      if ('error' in copy) return; // reported once, at the source
      if (quoteParts(q.text).length === 0) {
        error([...path, 'text'], 'has no words to check: write the words as the source has them');
        return;
      }
      const check = verifyQuote(q.text, copy.text);
      if (!check.found) {
        error(
          [...path, 'text'],
          `quote not found in source "${q.source}": "${check.part}"; the closest passage is "${check.closest}". ` +
            'Copy the words exactly as the source has them (use … to join parts).',
        );
      }
    });
    actor.actions?.forEach((act, i) => {
      date([...base, 'actions', i, 'date'], act.date);
      refs([...base, 'actions', i, 'sources'], act.sources, sourceIds, 'source');
    });
  });

  facts.options?.forEach((o, i) => {
    refs(['options', i, 'backers'], o.backers, actorIds, 'actor');
    refs(['options', i, 'opponents'], o.opponents, actorIds, 'actor');
    refs(['options', i, 'undecided'], o.undecided, actorIds, 'actor');
    refs(['options', i, 'sources'], o.sources, sourceIds, 'source');
    const lists = [
      ['backers', o.backers],
      ['opponents', o.opponents],
      ['undecided', o.undecided],
    ] as const;
    lists.forEach(([name, ids], k) => {
      const twice = (ids ?? []).filter((id) => lists.slice(0, k).some(([, earlier]) => (earlier ?? []).includes(id)));
      if (twice.length > 0) error(['options', i, name], `${twice.join(', ')} already listed under another position on this option: keep one`);
    });
  });
  facts.next_steps?.forEach((s, i) => {
    date(['next_steps', i, 'when'], s.when);
    refs(['next_steps', i, 'who'], s.who, actorIds, 'actor');
    refs(['next_steps', i, 'sources'], s.sources, sourceIds, 'source');
  });

  facts.sources.forEach((s, i) => {
    const copy = copies.get(s.id);
    if (copy && 'error' in copy) error(['sources', i, 'copy'], copy.error);
    if (!used.has(s.id)) report('warning', ['sources', i, 'id'], `source "${s.id}" is not cited by any fact`);
  });
  return problems;
}

function uniqueIds(
  items: readonly { id?: string }[],
  path: FieldPath,
  kind: string,
  error: (path: FieldPath, message: string) => void,
): Set<string> {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    const first = seen.get(item.id);
    if (first !== undefined) {
      error([...path, i, 'id'], `${kind} id "${item.id}" is already used by ${formatPath([...path, first])}: ids must be unique`);
    } else {
      seen.set(item.id, i);
    }
  });
  return new Set(seen.keys());
}

import type { Problem } from '../errors.js';
import { closest, formatPath, pathsOfStrings, type FieldPath, type Locator } from './parse.js';
import { parseDate, parseSpan, type PartialDate, isAfter } from './dates.js';
import { MIN_PART_WORDS, MIN_QUOTE_WORDS, quoteParts, SourceText, verifyQuote, wordsOf, type Span } from './quotes.js';
import type { Actor, Facts, Quote } from './schema.js';
import { claimOf, describeClaim, judgeSourceCredit } from './credit.js';
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
  /**
   * Fail on what is otherwise a warning because a briefing may still be in draft: quotes not
   * checked against a source, quotes the source attributes to no one, leftover TODO markers.
   */
  strict?: boolean;
}

/** A quote found in its source's copy: for the attribution check and the handout. */
export interface LocatedQuote {
  path: FieldPath;
  quote: Quote;
  actor?: Actor;
  source: SourceText;
  spans: Span[];
}

/**
 * Checks what a schema cannot: that ids are unique and every reference resolves, that dates
 * exist, and that every quote stands in its source's local copy. Pure; collects all problems.
 */
export function checkFacts({ facts, file, locate, copies, strict = false }: CheckInput): Problem[] {
  const problems: Problem[] = [];
  const report = (severity: Problem['severity'], path: FieldPath, message: string) =>
    problems.push({ severity, file, ...locate(path), field: formatPath(path), message });
  const error = (path: FieldPath, message: string) => report('error', path, message);
  const draftOnly = (path: FieldPath, message: string) =>
    strict ? error(path, `${message} (an error with --strict)`) : report('warning', path, message);
  const texts = new Map<string, SourceText>();
  for (const [id, copy] of copies) if ('text' in copy) texts.set(id, new SourceText(copy.text));
  const located: LocatedQuote[] = [];

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
  const sourceDates = new Map<string, PartialDate | undefined>();
  facts.sources.forEach((s, i) => sourceDates.set(s.id, date(['sources', i, 'date'], s.date)));
  const judgements = facts.bottom_line ?? [];
  if (facts.bottom_line === undefined) {
    report('warning', ['meta'], 'the facts have no bottom_line: add 2 to 4 key judgements, the first thing a decision-maker reads');
  } else if (judgements.length < 2 || judgements.length > 4) {
    report(
      'warning',
      ['bottom_line'],
      judgements.length < 2
        ? `has ${judgements.length} key judgement${judgements.length === 1 ? '' : 's'}; a bottom line has 2 to 4: add one`
        : `has ${judgements.length} key judgements; a bottom line has 2 to 4: merge some or move them to background`,
    );
  }
  judgements.forEach((b, i) => refs(['bottom_line', i, 'sources'], b.sources, sourceIds, 'source'));
  facts.background?.points?.forEach((p, i) =>
    refs(['background', 'points', i, 'sources'], p.sources, sourceIds, 'source'),
  );
  facts.background?.terms?.forEach((t, i) =>
    refs(['background', 'terms', i, 'sources'], t.sources, sourceIds, 'source'),
  );
  const span = (path: FieldPath, value: string | number | undefined) => {
    if (value === undefined) return;
    const parsed = parseSpan(value);
    if (typeof parsed === 'string') error(path, parsed);
  };
  facts.timeline?.forEach((e, i) => {
    if (e.date !== undefined && e.since !== undefined) {
      error(['timeline', i, 'since'], 'give either date: or since:, not both (since: is for something still going on)');
    } else if (e.date === undefined && e.since === undefined) {
      error(['timeline', i], 'needs a date: add date: (a date or a range such as 2032-05-18/2032-05-20) or since: (when it began)');
    }
    span(['timeline', i, 'date'], e.date);
    date(['timeline', i, 'since'], e.since);
    refs(['timeline', i, 'sources'], e.sources, sourceIds, 'source');
  });

  actors.forEach((actor, a) => {
    const base = ['actors', a] as const;
    refs([...base, 'stance_sources'], actor.stance_sources, sourceIds, 'source');
    actor.quotes?.forEach((q, i) => checkQuote([...base, 'quotes', i], q, actor, a));
    actor.actions?.forEach((act, i) => {
      span([...base, 'actions', i, 'date'], act.date);
      refs([...base, 'actions', i, 'sources'], act.sources, sourceIds, 'source');
    });
  });

  facts.options?.forEach((o, i) => {
    refs(['options', i, 'backers'], o.backers, actorIds, 'actor');
    refs(['options', i, 'opponents'], o.opponents, actorIds, 'actor');
    refs(['options', i, 'undecided'], o.undecided, actorIds, 'actor');
    o.conditional?.forEach((c, k) => {
      refs(['options', i, 'conditional', k, 'actor'], [c.actor], actorIds, 'actor');
      refs(['options', i, 'conditional', k, 'sources'], c.sources, sourceIds, 'source');
    });
    refs(['options', i, 'sources'], o.sources, sourceIds, 'source');
    const lists = [
      ['backers', o.backers],
      ['opponents', o.opponents],
      ['undecided', o.undecided],
      ['conditional', o.conditional?.map((c) => c.actor)],
    ] as const;
    lists.forEach(([name, ids], k) => {
      const twice = (ids ?? []).filter((id) => lists.slice(0, k).some(([, earlier]) => (earlier ?? []).includes(id)));
      if (twice.length > 0) error(['options', i, name], `${twice.join(', ')} already listed under another position on this option: keep one`);
    });
  });
  facts.next_steps?.forEach((s, i) => {
    span(['next_steps', i, 'when'], s.when);
    refs(['next_steps', i, 'who'], s.who, actorIds, 'actor');
    refs(['next_steps', i, 'sources'], s.sources, sourceIds, 'source');
  });

  facts.quotes?.forEach((q, i) => checkQuote(['quotes', i], q));

  for (const path of pathsOfStrings(facts, (s) => /\bTODO\b/.test(s))) {
    draftOnly(path, 'still has a TODO marker: finish the text or remove it');
  }

  // Who said it: the source must credit each quote found in it to whom the facts credit it.
  for (const { path, quote, actor, source, spans } of located) {
    const claim = claimOf(quote, actor);
    if (!claim) continue;
    const credit = judgeSourceCredit(source, spans, claim);
    if (credit.verdict === 'wrong') {
      error(
        path,
        `the source attributes this to ${credit.credited}, not ${describeClaim(claim)}: ` +
          'credit the quote as the source does (speaker:, by: statement, or anonymous:)',
      );
    } else if (credit.verdict === 'undecided') {
      draftOnly(path, `not attributed: ${credit.why}; check in the source who said it`);
    }
  }

  facts.sources.forEach((s, i) => {
    const copy = copies.get(s.id);
    if (copy && 'error' in copy) error(['sources', i, 'copy'], copy.error);
    if (!used.has(s.id)) report('warning', ['sources', i, 'id'], `source "${s.id}" is not cited by any fact`);
  });
  return problems;

  function checkQuote(path: FieldPath, q: Quote, actor?: Actor, a?: number): void {
    const givenAs = (['speaker', 'by', 'anonymous'] as const).filter((k) => q[k] !== undefined);
    if (givenAs.length > 1) {
      error([...path, givenAs[1]!], `give only one of speaker, by and anonymous: this quote has ${givenAs.join(' and ')}`);
    }
    if (!actor && q.anonymous === undefined) {
      error(
        [...path, q.speaker !== undefined ? 'speaker' : 'text'],
        'a quote outside an actor is for a source the article does not name: add anonymous: (how the source describes them), or move the quote under the actor it speaks for',
      );
    }
    if (actor && q.speaker !== undefined) {
      const speakers = (actor.speakers ?? []).map((s) => s.name);
      if (!speakers.includes(q.speaker)) {
        const guess = closest(q.speaker, speakers);
        error(
          [...path, 'speaker'],
          guess
            ? `"${q.speaker}" is not one of ${actor.id}'s speakers: did you mean "${guess}"?`
            : `"${q.speaker}" is not one of ${actor.id}'s speakers: add them under actors[${a}].speakers`,
        );
      }
    }
    const when = q.date === undefined ? sourceDates.get(q.source) : date([...path, 'date'], q.date);
    if (when && asOf && isAfter(when, asOf)) {
      report('warning', [...path, q.date === undefined ? 'source' : 'date'], `is after meta.as_of (${facts.meta.as_of}): check the date`);
    }
    if (q.date === undefined && sourceIds.has(q.source) && !sourceDates.get(q.source)) {
      report('warning', [...path, 'source'], `the quote has no date and neither has source "${q.source}": add date: to one of them`);
    }
    refs([...path, 'source'], [q.source], sourceIds, 'source');

    const parts = quoteParts(q.text);
    if (parts.length === 0) {
      error([...path, 'text'], 'has no words to check: write the words as the source has them');
      return;
    }
    const words = parts.flatMap(wordsOf).length;
    if (words < MIN_QUOTE_WORDS && !q.partial && q.context === undefined) {
      error(
        [...path, 'text'],
        `is ${words === 1 ? 'one word' : 'no word'}, which can mean anything out of context: quote more of the sentence, ` +
          'add context: (the source\'s words around it) or mark it partial: true',
      );
      return;
    }
    if (parts.length > 1) {
      const short = parts.find((p) => wordsOf(p).length < MIN_PART_WORDS);
      if (short !== undefined) {
        error(
          [...path, 'text'],
          `"${short}" is too short a part for an elision (…): each part must be at least ${MIN_PART_WORDS} words. Quote the passage whole, or quote the parts separately`,
        );
        return;
      }
    }
    if (q.context !== undefined && !new SourceText(q.context).norm.includes(parts.join(' '))) {
      error([...path, 'context'], 'must contain the quote\'s words: copy the source\'s sentence around them');
      return;
    }
    if (!sourceIds.has(q.source)) return;
    const copy = copies.get(q.source);
    if (!copy) {
      draftOnly(
        [...path, 'text'],
        `not checked against the source: source "${q.source}" has no local copy (add copy: sources/<file>.txt)`,
      );
      return;
    }
    const source = texts.get(q.source);
    if (!source) return; // the copy could not be read: reported once, at the source
    const checked = q.context ?? q.text;
    const check = verifyQuote(checked, source, { language: facts.meta.language });
    const field = [...path, q.context !== undefined ? 'context' : 'text'];
    if (check.found) {
      located.push({ path, quote: q, actor, source, spans: q.context !== undefined ? quoteWithin(q.text, source, check.spans) : check.spans });
    } else if (check.reason !== undefined) {
      error(field, `the elision (…) before "${check.part}" ${check.reason}. The source's passage is "${abbreviate(check.passage)}"`);
    } else {
      error(
        field,
        `quote not found in source "${q.source}": "${check.part}"; the closest passage is "${check.closest}". ` +
          'Copy the words exactly as the source has them (use … to join parts).',
      );
    }
  }
}

/**
 * Where the quote's own words lie inside its context's passage: whom the source credits is
 * judged there, not at the start of the sentence around them.
 */
function quoteWithin(text: string, source: SourceText, context: readonly Span[]): Span[] {
  const from = context[0]!.start;
  const inner = verifyQuote(text, new SourceText(source.text.slice(from, context[context.length - 1]!.end)));
  return inner.found ? inner.spans.map((s) => ({ start: s.start + from, end: s.end + from })) : [...context];
}

/** A passage short enough for a message: its start and end when it runs over paragraphs. */
function abbreviate(passage: string, max = 320): string {
  const flat = passage.replace(/\n/g, ' ¶ ');
  return flat.length <= max ? flat : `${flat.slice(0, max / 2).trimEnd()} … ${flat.slice(-max / 2).trimStart()}`;
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

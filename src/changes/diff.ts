import { compareDates, formatDate, isAfter, parseDate, type PartialDate } from '../facts/dates.js';
import type { Facts } from '../facts/schema.js';
import { en } from '../labels/en.js';
import type { ChangeNote } from '../labels/index.js';
import { oneLine } from '../text.js';

export type Mark = 'new' | 'updated';

export interface Change {
  /** What changed, as data: each language words it in its own grammar (labels' `change`). */
  note: ChangeNote;
  /** The same in English, for messages and logs. */
  sentence: string;
  kind: 'added' | 'removed' | 'changed';
}

export interface ChangeSet {
  /** The as-of date of the earlier facts, formatted in English. */
  since: string;
  /** The same date, for the deck's language. */
  sinceDate?: PartialDate;
  changes: Change[];
  /** Items to tag on their own slides, keyed by `itemKey`. */
  marks: Map<string, Mark>;
}

/** Keys that identify an item across two versions of the facts. */
export const itemKey = {
  judgement: (text: string) => `bottom_line:${norm(text)}`,
  point: (text: string) => `point:${norm(text)}`,
  term: (term: string) => `term:${norm(term)}`,
  event: (event: string) => `event:${norm(event)}`,
  actor: (id: string) => `actor:${id}`,
  quote: (actor: string, text: string) => `quote:${actor}:${norm(text)}`,
  action: (actor: string, text: string) => `action:${actor}:${norm(text)}`,
  option: (o: { id?: string; title: string }) => `option:${o.id ?? norm(o.title)}`,
  step: (what: string) => `step:${norm(what)}`,
};

function norm(text: string): string {
  return oneLine(text).toLowerCase();
}

function date(value: string | number | undefined): PartialDate | undefined {
  if (value === undefined) return undefined;
  const d = parseDate(value);
  return typeof d === 'string' ? undefined : d;
}

/** Pairs items of two lists by key: what was added, removed, and present in both. */
function pair<T>(before: readonly T[], after: readonly T[], key: (t: T) => string) {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  return {
    added: after.filter((t) => !old.has(key(t))),
    removed: before.filter((t) => !now.has(key(t))),
    kept: after.filter((t) => old.has(key(t))).map((t) => [old.get(key(t))!, t] as const),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What changed between two versions of a deck's facts, as plain sentences in the order a
 * briefer reads them (judgements, events, positions, options, next steps, background,
 * sources), and which items to tag "new" or "updated" on their own slides. Pure.
 */
export function diffFacts(before: Facts, after: Facts): ChangeSet {
  const changes: Change[] = [];
  const marks = new Map<string, Mark>();
  const add = (kind: Change['kind'], note: ChangeNote, mark?: [string, Mark]) => {
    changes.push({ kind, note, sentence: en.change(note) });
    if (mark) marks.set(mark[0], mark[1]);
  };
  const asOf = date(after.meta.as_of);
  const wasAsOf = date(before.meta.as_of);

  const judgements = pair(before.bottom_line, after.bottom_line, (j) => itemKey.judgement(j.text));
  for (const j of judgements.added) add('added', { type: 'judgement-added', text: j.text }, [itemKey.judgement(j.text), 'new']);
  for (const j of judgements.removed) add('removed', { type: 'judgement-dropped', text: j.text });

  const events = pair(before.timeline ?? [], after.timeline ?? [], (e) => itemKey.event(e.event));
  for (const e of events.added) add('added', { type: 'event-added', date: date(e.date), text: e.event }, [itemKey.event(e.event), 'new']);
  for (const e of events.removed) add('removed', { type: 'event-removed', text: e.event, date: date(e.date) });
  for (const [was, now] of events.kept) {
    const d = date(now.date);
    if (!same(String(was.date), String(now.date))) {
      add('changed', { type: 'event-moved', text: now.event, from: date(was.date), to: date(now.date) }, [itemKey.event(now.event), 'updated']);
    } else if (d && asOf && wasAsOf && isAfter(d, wasAsOf) && !isAfter(d, asOf)) {
      add('changed', { type: 'event-past', text: now.event, date: d }, [itemKey.event(now.event), 'updated']);
    }
  }

  const actors = pair(before.actors ?? [], after.actors ?? [], (a) => a.id);
  for (const a of actors.added) add('added', { type: 'actor-added', name: oneLine(a.name), stance: oneLine(a.stance) }, [itemKey.actor(a.id), 'new']);
  for (const a of actors.removed) add('removed', { type: 'actor-removed', name: oneLine(a.name) });
  for (const [was, now] of actors.kept) {
    if (norm(was.stance) !== norm(now.stance)) {
      add('changed', { type: 'stance-shifted', name: oneLine(now.name), now: oneLine(now.stance), was: oneLine(was.stance) }, [itemKey.actor(now.id), 'updated']);
    }
    const quotes = pair(was.quotes ?? [], now.quotes ?? [], (q) => itemKey.quote(now.id, q.text));
    for (const q of quotes.added) {
      add('added', { type: 'quote-added', speaker: q.speaker, actor: oneLine(now.name), date: date(q.date), text: oneLine(q.text) }, [itemKey.quote(now.id, q.text), 'new']);
    }
    for (const q of quotes.removed) add('removed', { type: 'quote-withdrawn', speaker: q.speaker, actor: oneLine(now.name), text: oneLine(q.text) });
    const actions = pair(was.actions ?? [], now.actions ?? [], (a) => itemKey.action(now.id, a.text));
    for (const a of actions.added) add('added', { type: 'action-added', actor: oneLine(now.name), text: a.text }, [itemKey.action(now.id, a.text), 'new']);
    for (const a of actions.removed) add('removed', { type: 'action-removed', actor: oneLine(now.name), text: a.text });
  }

  const options = pair(before.options ?? [], after.options ?? [], itemKey.option);
  for (const o of options.added) add('added', { type: 'option-added', title: o.title }, [itemKey.option(o), 'new']);
  for (const o of options.removed) add('removed', { type: 'option-dropped', title: o.title });
  for (const [was, now] of options.kept) {
    const fields = (
      [
        'title',
        'summary',
        'pros',
        'cons',
        'backers',
        'opponents',
      ] as const
    ).filter((f) => !same(was[f], now[f]));
    if (fields.length) add('changed', { type: 'option-updated', title: now.title, fields: [...fields] }, [itemKey.option(now), 'updated']);
  }

  const steps = pair(before.next_steps ?? [], after.next_steps ?? [], (s) => itemKey.step(s.what));
  for (const s of steps.added) add('added', { type: 'step-added', date: date(s.when), text: s.what }, [itemKey.step(s.what), 'new']);
  for (const s of steps.removed) {
    const due = date(s.when);
    const done = due !== undefined && asOf !== undefined && compareDates(due, asOf) <= 0;
    add('removed', done ? { type: 'step-done', text: s.what, due } : { type: 'step-dropped', text: s.what });
  }
  for (const [was, now] of steps.kept) {
    if (!same(was.when, now.when)) {
      add('changed', { type: 'step-moved', text: now.what, from: date(was.when), to: date(now.when) }, [itemKey.step(now.what), 'updated']);
    }
  }

  const points = pair(before.background?.points ?? [], after.background?.points ?? [], (p) => itemKey.point(p.text));
  for (const p of points.added) add('added', { type: 'point-added', text: p.text }, [itemKey.point(p.text), 'new']);
  for (const p of points.removed) add('removed', { type: 'point-removed', text: p.text });
  const terms = pair(before.background?.terms ?? [], after.background?.terms ?? [], (t) => itemKey.term(t.term));
  for (const t of terms.added) add('added', { type: 'term-added', term: t.term }, [itemKey.term(t.term), 'new']);
  for (const t of terms.removed) add('removed', { type: 'term-removed', term: t.term });
  for (const [was, now] of terms.kept) {
    if (norm(was.definition) !== norm(now.definition)) add('changed', { type: 'definition-updated', term: now.term }, [itemKey.term(now.term), 'updated']);
  }

  const sources = pair(before.sources, after.sources, (s) => s.id);
  for (const s of sources.added) add('added', { type: 'source-added', publisher: s.publisher, title: oneLine(s.title) });
  for (const s of sources.removed) add('removed', { type: 'source-removed', publisher: s.publisher, title: oneLine(s.title) });

  return { since: wasAsOf ? formatDate(wasAsOf) : String(before.meta.as_of), ...(wasAsOf ? { sinceDate: wasAsOf } : {}), changes, marks };
}

import { compareDates, formatDate, formatSpan, isAfter, parseSpan, type PartialDate } from '../facts/dates.js';
import { quoteSpeaker, stanceOf } from '../facts/present.js';
import type { Facts } from '../facts/schema.js';
import { oneLine } from '../markdown/escape.js';

export type Mark = 'new' | 'updated';

export interface Change {
  /** A plain sentence for the "What's new" slide (facts text, not yet escaped). */
  sentence: string;
  kind: 'added' | 'removed' | 'changed';
}

export interface ChangeSet {
  /** The as-of date of the earlier facts, formatted. */
  since: string;
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

/** One line without its closing full stop, for text followed by more words. */
function bare(text: string): string {
  return oneLine(text).replace(/\.$/, '');
}

function norm(text: string): string {
  return oneLine(text).toLowerCase();
}

/** A date, or the start of a range. */
function date(value: string | number | undefined): PartialDate | undefined {
  if (value === undefined) return undefined;
  const d = parseSpan(value);
  return typeof d === 'string' ? undefined : d.start;
}

const short = (value: string | number | undefined) => {
  const d = value === undefined ? undefined : parseSpan(value);
  return d && typeof d !== 'string' ? formatSpan(d, true) : 'no date';
};

/** An event's date, range or `since`, as one value to compare and show. */
const eventWhen = (e: { date?: string | number; since?: string | number }) => e.date ?? e.since;
const sourceName = (s: { publisher?: string; title: string }) => `${s.publisher === undefined ? '' : `${s.publisher}, `}"${oneLine(s.title)}"`;

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
  const add = (kind: Change['kind'], sentence: string, mark?: [string, Mark]) => {
    changes.push({ kind, sentence });
    if (mark) marks.set(mark[0], mark[1]);
  };
  const asOf = date(after.meta.as_of);
  const wasAsOf = date(before.meta.as_of);

  const judgements = pair(before.bottom_line ?? [], after.bottom_line ?? [], (j) => itemKey.judgement(j.text));
  for (const j of judgements.added) add('added', `New key judgement: ${j.text}`, [itemKey.judgement(j.text), 'new']);
  for (const j of judgements.removed) add('removed', `Key judgement dropped: ${j.text}`);

  const events = pair(before.timeline ?? [], after.timeline ?? [], (e) => itemKey.event(e.event));
  for (const e of events.added) add('added', `New event, ${short(eventWhen(e))}: ${e.event}`, [itemKey.event(e.event), 'new']);
  for (const e of events.removed) add('removed', `Event removed: ${bare(e.event)} (${short(eventWhen(e))})`);
  for (const [was, now] of events.kept) {
    const d = date(eventWhen(now));
    if (!same(String(eventWhen(was)), String(eventWhen(now))) || !same(was.since, now.since)) {
      add('changed', `Date moved: ${bare(now.event)}, from ${short(eventWhen(was))} to ${short(eventWhen(now))}`, [itemKey.event(now.event), 'updated']);
    } else if (d && asOf && wasAsOf && isAfter(d, wasAsOf) && !isAfter(d, asOf)) {
      add('changed', `Now past: ${bare(now.event)} (${short(eventWhen(now))})`, [itemKey.event(now.event), 'updated']);
    }
  }

  const actors = pair(before.actors ?? [], after.actors ?? [], (a) => a.id);
  for (const a of actors.added) add('added', `New actor: ${a.name}. ${stanceOf(a)}`, [itemKey.actor(a.id), 'new']);
  for (const a of actors.removed) add('removed', `Actor removed: ${a.name}`);
  for (const [was, now] of actors.kept) {
    if (norm(stanceOf(was)) !== norm(stanceOf(now))) {
      add('changed', `${now.name}'s stance shifted: now "${bare(stanceOf(now))}"; was "${bare(stanceOf(was))}"`, [itemKey.actor(now.id), 'updated']);
    }
    const quotes = pair(was.quotes ?? [], now.quotes ?? [], (q) => itemKey.quote(now.id, q.text));
    for (const q of quotes.added) {
      add('added', `New quote from ${quoteSpeaker(q, now)} (${now.name}), ${short(q.date)}: "${oneLine(q.text)}"`, [itemKey.quote(now.id, q.text), 'new']);
    }
    for (const q of quotes.removed) add('removed', `Quote withdrawn: ${quoteSpeaker(q, now)} (${now.name}), "${oneLine(q.text)}"`);
    const actions = pair(was.actions ?? [], now.actions ?? [], (a) => itemKey.action(now.id, a.text));
    for (const a of actions.added) add('added', `New action by ${now.name}: ${a.text}`, [itemKey.action(now.id, a.text), 'new']);
    for (const a of actions.removed) add('removed', `Action no longer listed for ${now.name}: ${a.text}`);
  }

  const options = pair(before.options ?? [], after.options ?? [], itemKey.option);
  for (const o of options.added) add('added', `Option added: ${o.title}`, [itemKey.option(o), 'new']);
  for (const o of options.removed) add('removed', `Option dropped: ${o.title}`);
  for (const [was, now] of options.kept) {
    const fields = (
      [
        ['title', 'title'],
        ['summary', 'summary'],
        ['pros', 'arguments for'],
        ['cons', 'arguments against'],
        ['backers', 'backers'],
        ['opponents', 'opponents'],
      ] as const
    ).filter(([f]) => !same(was[f], now[f]));
    if (fields.length) add('changed', `Option updated: ${now.title} (${fields.map(([, w]) => w).join(', ')})`, [itemKey.option(now), 'updated']);
  }

  const steps = pair(before.next_steps ?? [], after.next_steps ?? [], (s) => itemKey.step(s.what));
  for (const s of steps.added) add('added', `New next step, ${s.when === undefined ? 'no date set' : short(s.when)}: ${s.what}`, [itemKey.step(s.what), 'new']);
  for (const s of steps.removed) {
    const due = date(s.when);
    const done = due !== undefined && asOf !== undefined && compareDates(due, asOf) <= 0;
    add('removed', done ? `Done: ${bare(s.what)} (was due ${short(s.when)})` : `Next step dropped: ${s.what}`);
  }
  for (const [was, now] of steps.kept) {
    if (!same(was.when, now.when)) {
      add('changed', `Next step moved: ${bare(now.what)}, from ${short(was.when)} to ${short(now.when)}`, [itemKey.step(now.what), 'updated']);
    }
  }

  const points = pair(before.background?.points ?? [], after.background?.points ?? [], (p) => itemKey.point(p.text));
  for (const p of points.added) add('added', `New background: ${p.text}`, [itemKey.point(p.text), 'new']);
  for (const p of points.removed) add('removed', `Background removed: ${p.text}`);
  const terms = pair(before.background?.terms ?? [], after.background?.terms ?? [], (t) => itemKey.term(t.term));
  for (const t of terms.added) add('added', `New key term: ${t.term}`, [itemKey.term(t.term), 'new']);
  for (const t of terms.removed) add('removed', `Key term removed: ${t.term}`);
  for (const [was, now] of terms.kept) {
    if (norm(was.definition) !== norm(now.definition)) add('changed', `Definition updated: ${now.term}`, [itemKey.term(now.term), 'updated']);
  }

  const sources = pair(before.sources, after.sources, (s) => s.id);
  for (const s of sources.added) add('added', `New source: ${sourceName(s)}`);
  for (const s of sources.removed) add('removed', `Source no longer cited: ${sourceName(s)}`);

  return { since: wasAsOf ? formatDate(wasAsOf) : String(before.meta.as_of), changes, marks };
}

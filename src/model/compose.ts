import { compareDates, isAfter, parseDate, type PartialDate } from '../facts/dates.js';
import type { Actor, Facts, Option, Quote, Source } from '../facts/schema.js';
import { eventSpan, isUnchecked, quoteDate, quoteSpeaker, validSpan } from '../facts/present.js';
import { itemKey, type ChangeSet } from '../changes/diff.js';
import { oneLine } from '../text.js';
import type { Block, Column, Run, SourceEntry } from './deck.js';
import type { Composed, Flow, Unit } from './flow.js';
import { matrixChunks, type MatrixOption } from '../visuals/matrix.js';
import { timelineChunks } from '../visuals/timeline.js';
import { labelsFor, type Labels } from '../labels/index.js';
import { toOverrides } from '../labels/overrides.js';

/**
 * Facts → the deck's content, section by section, as flows of units in the order a briefer
 * presents them. Pure and deterministic. Sections without facts are left out. How the flows
 * are divided into slides is decided later, by layout, from measured or estimated heights.
 */
export interface ComposeOptions {
  /** What changed since an earlier version: adds a "What's new" slide and tags items. */
  changes?: ChangeSet;
  /** A brand's own wording for words the deck adds; the facts' `meta.labels` win over it. */
  labels?: Readonly<Record<string, string>>;
}

/** Height of a slide's body below its heading, in px at the designed size, for drawings. */
export const DRAWING_ROOM = 520;

export function composeDeck(facts: Facts, settings: ComposeOptions = {}): Composed {
  const ctx = new Context(facts, settings.changes, settings.labels);
  const flows: Flow[] = [
    titleFlow(ctx),
    ...bottomLine(ctx),
    ...whatsNew(ctx),
    ...background(ctx),
    ...timeline(ctx),
    ...positions(ctx),
    ...options(ctx),
    ...nextSteps(ctx),
    ...sources(ctx),
  ];
  const { meta } = facts;
  return {
    title: oneLine(meta.title),
    ...(meta.subtitle === undefined ? {} : { subtitle: oneLine(meta.subtitle) }),
    asOf: ctx.asOf,
    preparedBy: meta.prepared_by === undefined ? '' : oneLine(meta.prepared_by),
    // No banner when the facts give no marking.
    marking: meta.marking === undefined ? '' : oneLine(meta.marking),
    ...(meta.audience === undefined ? {} : { audience: oneLine(meta.audience) }),
    language: meta.language ?? 'en',
    labels: ctx.labels,
    keywords: (facts.actors ?? []).map((a) => oneLine(a.name)),
    sources: ctx.sourceEntries,
    flows,
  };
}

const text = (value: string, style?: 'strong' | 'em'): Run => ({ kind: 'text', text: oneLine(value), ...(style ? { style } : {}) });
const raw = (value: string, style?: 'strong' | 'em'): Run => ({ kind: 'text', text: value, ...(style ? { style } : {}) });

class Context {
  readonly asOf: PartialDate;
  readonly labels: Labels;
  readonly sourceNumber = new Map<string, number>();
  readonly sourceEntries: SourceEntry[];
  readonly actorName = new Map<string, string>();

  constructor(
    readonly facts: Facts,
    readonly changes?: ChangeSet,
    brandLabels?: Readonly<Record<string, string>>,
  ) {
    this.asOf = date(facts.meta.as_of);
    this.labels = labelsFor(facts.meta.language ?? 'en', toOverrides({ ...brandLabels, ...facts.meta.labels }));
    facts.sources.forEach((s, i) => this.sourceNumber.set(s.id, i + 1));
    this.sourceEntries = facts.sources.map((s, i) => sourceEntry(s, i + 1));
    for (const a of facts.actors ?? []) this.actorName.set(a.id, oneLine(a.name));
  }

  cite(ids: readonly string[] | undefined): Run[] {
    const numbers = [...new Set((ids ?? []).map((id) => this.sourceNumber.get(id)!))].sort((a, b) => a - b);
    return numbers.length ? [{ kind: 'cite', sources: numbers }] : [];
  }

  /** A list of actors; every actor of a deck with several is "All 8 actors", not a slide-tall cell. */
  actors(ids: readonly string[] | undefined): Run[] {
    const list = [...new Set(ids ?? [])];
    if (list.length === 0) return [raw(this.labels.none)];
    const all = this.facts.actors ?? [];
    if (all.length > 3 && list.length === all.length) return [raw(this.labels.allActors(all.length))];
    return [raw(list.map((id) => this.actorName.get(id)!).join(', '))];
  }

  /** A "new" or "updated" tag for items that changed since the earlier facts. */
  tag(key: string): Run[] {
    const mark = this.changes?.marks.get(key);
    return mark ? [{ kind: 'tag', mark }] : [];
  }

  /** A section's speaker notes, with the field they come from. */
  notes(section: keyof NonNullable<Facts['notes']>): Notes | undefined {
    const notes = paragraphs(this.facts.notes?.[section]);
    return notes && { notes, field: `notes.${section}` };
  }
}

interface Notes {
  notes: string[];
  field: string;
}

function paragraphs(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(/\n\s*\n/).map(oneLine).filter((p) => p.length > 0);
  return list.length ? list : undefined;
}

function date(value: string | number): PartialDate {
  const parsed = parseDate(value);
  // Facts reach this stage only after validation, which rejects invalid dates.
  if (typeof parsed === 'string') throw new Error(`unvalidated date: ${parsed}`);
  return parsed;
}

function sourceEntry(s: Source, number: number): SourceEntry {
  return {
    number,
    id: s.id,
    publisher: s.publisher === undefined ? '' : oneLine(s.publisher),
    title: oneLine(s.title),
    ...(s.date === undefined ? {} : { date: date(s.date) }),
    ...(s.url ? { url: new URL(s.url).href } : {}),
    checked: s.copy !== undefined,
  };
}

const item = (runs: Run[], number?: number): Block => ({ kind: 'list', ordered: number !== undefined, items: [{ runs, ...(number === undefined ? {} : { number }) }] });
const row = (columns: Column[], cells: Run[][]): Block => ({ kind: 'table', columns, rows: [cells] });
const para = (runs: Run[], role?: 'subtitle' | 'byline' | 'marking'): Block => ({ kind: 'paragraph', runs, ...(role ? { role } : {}) });
const heading = (value: string): Block => ({ kind: 'heading', runs: [raw(value)] });

function titleFlow(ctx: Context): Flow {
  const { meta } = ctx.facts;
  const L = ctx.labels;
  const units: Unit[] = [];
  if (meta.subtitle) units.push({ id: 'title.subtitle', block: para([text(meta.subtitle)], 'subtitle'), fields: ['meta.subtitle'] });
  const byline = [L.asOf(L.date(ctx.asOf))];
  if (meta.prepared_by) byline.push(L.preparedBy(oneLine(meta.prepared_by)));
  if (meta.audience) byline.push(L.audience(oneLine(meta.audience)));
  units.push({ id: 'title.byline', block: para([raw(byline.join(' · '))], 'byline'), fields: ['meta.prepared_by'] });
  if (meta.marking) units.push({ id: 'title.marking', block: para([text(meta.marking, 'strong')], 'marking'), fields: ['meta.marking'] });
  return {
    key: 'title',
    section: 'title',
    id: 'title',
    title: oneLine(meta.title),
    units,
    ...withNotes(ctx.notes('title')),
    titleSlide: true,
  };
}

function bottomLine(ctx: Context): Flow[] {
  const judgements = ctx.facts.bottom_line ?? [];
  if (judgements.length === 0) return [];
  const units = judgements.map(
    (j, i): Unit => ({
      id: `bottom-line.${i}`,
      block: item([text(j.text), ...ctx.cite(j.sources), ...ctx.tag(itemKey.judgement(j.text))], i + 1),
      group: 'bottom-line',
      fields: [`bottom_line[${i}].text`],
    }),
  );
  return [flow('bottom-line', 'bottom-line', ctx.labels.heading.bottomLine, units, ctx.notes('bottom_line'))];
}

function whatsNew(ctx: Context): Flow[] {
  if (!ctx.changes) return [];
  const L = ctx.labels;
  const { changes, sinceDate } = ctx.changes;
  const since = sinceDate ? L.date(sinceDate) : ctx.changes.since;
  const sentences = changes.length > 0 ? changes.map((c) => L.change(c.note)) : [L.noChanges(since)];
  const units = sentences.map((s, i): Unit => ({ id: `changes.${i}`, block: item([text(s)]), group: 'changes', fields: [] }));
  return [flow('changes', 'changes', L.heading.whatsNew(since), units)];
}

function background(ctx: Context): Flow[] {
  const points = ctx.facts.background?.points ?? [];
  const terms = ctx.facts.background?.terms ?? [];
  const units: Unit[] = points.map((p, i) => ({
    id: `background.point.${i}`,
    block: item([text(p.text), ...ctx.cite(p.sources), ...ctx.tag(itemKey.point(p.text))]),
    group: 'background.points',
    fields: [`background.points[${i}].text`],
  }));
  if (terms.length) {
    const termsHeading = heading(ctx.labels.keyTerms);
    units.push({ id: 'background.terms', block: termsHeading, keepWithNext: true, fields: [] });
    terms.forEach((t, i) =>
      units.push({
        id: `background.term.${i}`,
        block: item([text(t.term, 'strong'), raw(': '), text(t.definition), ...ctx.cite(t.sources), ...ctx.tag(itemKey.term(t.term))]),
        group: 'background.terms',
        context: termsHeading,
        fields: [`background.terms[${i}].definition`],
      }),
    );
  }
  if (units.length === 0) return [];
  return [flow('background', 'background', ctx.labels.heading.background, units, ctx.notes('background'))];
}

function timeline(ctx: Context): Flow[] {
  const L = ctx.labels;
  const events = (ctx.facts.timeline ?? [])
    .map((e, order) => ({ ...e, span: eventSpan(e), when: eventSpan(e).start, order }))
    .sort((a, b) => compareDates(a.when, b.when) || a.order - b.order);
  if (events.length === 0) return [];
  const entries = events.map((e) => ({
    when: e.when,
    ...(e.span.end ? { end: e.span.end } : {}),
    ...(e.span.since ? { since: true } : {}),
    label: oneLine(e.event),
    upcoming: isAfter(e.when, ctx.asOf),
  }));
  const fieldOf = new Map(events.map((e, i) => [entries[i]!, `timeline[${e.order}].event`]));
  // A crowded timeline is drawn over several slides, each a drawing of its own; where even
  // that leaves no room for its labels, it shows numbered markers and the table is their key.
  const chunks = timelineChunks(entries, ctx.asOf, DRAWING_ROOM, L);
  const numbered = chunks.some((c) => c.numbered);
  const numberOf = new Map(chunks.flatMap((c) => c.events.map((e, i) => [e, c.numbers[i]!] as const)));
  const charts = chunks.map(
    (chunk, i): Flow => ({
      key: 'timeline-chart',
      section: 'timeline',
      id: i === 0 ? 'timeline-chart' : `timeline-chart-${i + 1}`,
      title: L.continued(L.heading.timelineChart, i, chunks.length),
      fixedTitle: true,
      units: [
        {
          id: `timeline.chart.${i}`,
          block: {
            kind: 'drawing',
            drawing: {
              type: 'timeline',
              events: chunk.events,
              asOf: ctx.asOf,
              room: DRAWING_ROOM,
              ...(chunk.numbered ? { numbers: chunk.numbers } : {}),
            },
            // The drawing's text alternative: the same events, whole, in words.
            alt: chunk.events.map(
              (e, n) =>
                `${chunk.numbered ? `${chunk.numbers[n]}. ` : ''}${L.span({ start: e.when, ...(e.end ? { end: e.end } : {}), ...(e.since ? { since: true } : {}) })}${e.upcoming ? ` ${L.upcoming}` : ''}: ${e.label}`,
            ),
            label: L.continued(L.heading.timelineChart, i, chunks.length),
          },
          fields: chunk.events.map((e) => fieldOf.get(e)!),
        },
      ],
    }),
  );
  const columns: Column[] = [
    ...(numbered ? [{ label: L.columns.number, width: 0.06 }] : []),
    { label: L.columns.date, width: numbered ? 0.22 : 0.24, nowrap: true },
    { label: L.columns.event, width: numbered ? 0.72 : 0.76 },
  ];
  const numberCell = (e?: (typeof entries)[number]): Run[][] => (numbered ? [e ? [raw(String(numberOf.get(e)))] : []] : []);
  const units: Unit[] = [];
  let markerPlaced = false;
  for (const [i, e] of events.entries()) {
    const upcoming = isAfter(e.when, ctx.asOf);
    if (upcoming && !markerPlaced) {
      units.push({
        id: 'timeline.as-of',
        block: row(columns, [...numberCell(), [raw(L.dateShort(ctx.asOf), 'strong')], [raw(L.asOfBriefing, 'strong')]]),
        group: 'timeline',
        fields: [],
      });
      markerPlaced = true;
    }
    const when: Run[] = upcoming ? [raw(L.spanShort(e.span)), raw(' '), raw(L.upcoming, 'em')] : [raw(L.spanShort(e.span))];
    units.push({
      id: `timeline.${e.order}`,
      block: row(columns, [...numberCell(entries[i]), when, [text(e.event), ...ctx.cite(e.sources), ...ctx.tag(itemKey.event(e.event))]]),
      group: 'timeline',
      fields: [`timeline[${e.order}].event`],
    });
  }
  return [...charts, flow('timeline', 'timeline', L.heading.timeline, units, ctx.notes('timeline'))];
}

function positions(ctx: Context): Flow[] {
  const actors = ctx.facts.actors ?? [];
  if (actors.length === 0) return [];
  const L = ctx.labels;
  const columns: Column[] = [
    { label: L.columns.actor, width: 0.26 },
    { label: L.columns.stance, width: 0.74 },
  ];
  const units = actors.map(
    (a, i): Unit => ({
      id: `positions.${i}`,
      block: row(columns, [[text(a.name, 'strong'), ...ctx.tag(itemKey.actor(a.id))], [...stance(ctx, a), ...ctx.cite(a.stance_sources)]]),
      group: 'positions',
      fields: [`actors[${i}].stance`],
    }),
  );
  return [flow('positions', 'positions', L.heading.positions, units, ctx.notes('positions')), ...actors.map((a, i) => actorFlow(ctx, a, i)), ...unnamedSources(ctx)];
}

/** The stance, or "No stated position" set apart from facts text. */
function stance(ctx: Context, actor: Actor): Run[] {
  return actor.stance === undefined ? [raw(ctx.labels.noStance, 'em')] : [text(actor.stance)];
}

/** A quote block: the words, then who said it, when, its source, and whether it was checked. */
function quoteBlock(ctx: Context, q: Quote, actor: Actor | undefined, tag: Run[]): Block {
  const L = ctx.labels;
  const who = quoteSpeaker(q, actor, L.statement);
  const when = quoteDate(q, ctx.facts);
  const date = when && (when.fromSource ? L.dateOfSource(L.dateShort(when.date)) : L.dateShort(when.date));
  return {
    kind: 'quote',
    runs: [raw(L.quoteMarks[0]), text(q.text), raw(L.quoteMarks[1]), ...tag],
    attribution: [
      raw(`— ${oneLine(who)}${date ? `, ${date}` : ''}`),
      ...ctx.cite([q.source]),
      ...(isUnchecked(q, ctx.facts) ? [raw(' · '), raw(L.unchecked, 'em')] : []),
    ],
  };
}

/** Quotes of people the sources do not name and no actor speaks through. */
function unnamedSources(ctx: Context): Flow[] {
  const quotes = ctx.facts.quotes ?? [];
  if (quotes.length === 0) return [];
  const units = quotes.map(
    (q, i): Unit => ({ id: `unnamed.quote.${i}`, block: quoteBlock(ctx, q, undefined, []), fields: [`quotes[${i}].text`] }),
  );
  return [{ key: 'unnamed-sources', section: 'positions', id: 'unnamed-sources', title: ctx.labels.unnamedSources, units, outline: ctx.labels.unnamedSources }];
}

function actorFlow(ctx: Context, actor: Actor, a: number): Flow {
  const L = ctx.labels;
  const base = `actor-${actor.id}`;
  const units: Unit[] = [];
  if (actor.speakers?.length) {
    const who = actor.speakers.map((s) => `${oneLine(s.name)} (${oneLine(s.role)})`).join('; ');
    units.push({ id: `${base}.speakers`, block: para([raw(L.speakingFor(oneLine(actor.name)), 'strong'), raw(' '), raw(who)]), fields: [`actors[${a}].speakers`] });
  }
  units.push({
    id: `${base}.stance`,
    block: para([raw(L.stance, 'strong'), raw(' '), ...stance(ctx, actor), ...ctx.cite(actor.stance_sources), ...ctx.tag(itemKey.actor(actor.id))]),
    fields: [`actors[${a}].stance`],
  });
  for (const [qi, q] of (actor.quotes ?? []).entries()) {
    units.push({
      id: `${base}.quote.${qi}`,
      block: quoteBlock(ctx, q, actor, ctx.tag(itemKey.quote(actor.id, q.text))),
      fields: [`actors[${a}].quotes[${qi}].text`],
    });
  }
  const actions = actor.actions ?? [];
  if (actions.length) {
    const actionsHeading = heading(L.actions);
    units.push({ id: `${base}.actions`, block: actionsHeading, keepWithNext: true, fields: [] });
    actions.forEach((act, ai) =>
      units.push({
        id: `${base}.action.${ai}`,
        block: item([
          ...(act.date === undefined ? [] : [raw(`${L.spanShort(validSpan(act.date))}: `)]),
          text(act.text),
          ...ctx.cite(act.sources),
          ...ctx.tag(itemKey.action(actor.id, act.text)),
        ]),
        group: `${base}.actions`,
        context: actionsHeading,
        fields: [`actors[${a}].actions[${ai}].text`],
      }),
    );
  }
  return {
    key: base,
    section: 'positions',
    id: base,
    title: oneLine(actor.name),
    units,
    ...withNotes(actorNotes(actor, a)),
    outline: oneLine(actor.name),
  };
}

function actorNotes(actor: Actor, index: number): Notes | undefined {
  const notes = paragraphs(actor.notes);
  return notes && { notes, field: `actors[${index}].notes` };
}

function options(ctx: Context): Flow[] {
  const opts = ctx.facts.options ?? [];
  if (opts.length === 0) return [];
  const L = ctx.labels;
  const flows: Flow[] = [];
  const actors = ctx.facts.actors ?? [];
  const positioned = opts.some((o) => (o.backers?.length ?? 0) + (o.opponents?.length ?? 0) + (o.undecided?.length ?? 0) + (o.conditional?.length ?? 0) > 0);
  if (actors.length > 0 && positioned) {
    const matrixActors = actors.map((a) => ({ id: a.id, name: oneLine(a.name) }));
    const matrixOptions = opts.map((o) => ({
      title: oneLine(o.title),
      ...(o.backers ? { backers: o.backers } : {}),
      ...(o.opponents ? { opponents: o.opponents } : {}),
      ...(o.undecided ? { undecided: o.undecided } : {}),
      ...(o.conditional ? { conditional: o.conditional.map((c) => ({ actor: c.actor, condition: oneLine(c.condition) })) } : {}),
    }));
    // Many actors or options: the matrix goes on over several slides, a piece each.
    const pieces = matrixChunks({ actors: matrixActors, options: matrixOptions }, DRAWING_ROOM, L);
    pieces.forEach((piece, i) => {
      const title = L.continued(L.heading.matrix, i, pieces.length);
      flows.push({
        key: 'options',
        section: 'options',
        id: i === 0 ? 'options' : `options-${i + 1}`,
        title,
        fixedTitle: true,
        units: [
          {
            id: `options.matrix.${i}`,
            block: {
              kind: 'drawing',
              drawing: { type: 'matrix', actors: piece.actors, options: piece.options, firstOption: piece.firstOption, room: DRAWING_ROOM },
              alt: matrixAlt(L, piece.actors, piece.options, piece.firstOption),
              label: title,
            },
            fields: [],
          },
        ],
        ...(i === 0 ? withNotes(ctx.notes('options')) : {}),
      });
    });
  } else if (opts.length > 1) {
    const columns: Column[] = [
      { label: L.columns.number, width: 0.06 },
      { label: L.columns.option, width: 0.44 },
      { label: L.columns.backedBy, width: 0.25 },
      { label: L.columns.opposedBy, width: 0.25 },
    ];
    const units = opts.map(
      (o, i): Unit => ({
        id: `options.${i}`,
        block: row(columns, [[raw(String(i + 1))], [text(o.title), ...ctx.tag(itemKey.option(o))], ctx.actors(o.backers), ctx.actors(o.opponents)]),
        group: 'options',
        fields: [`options[${i}].title`],
      }),
    );
    flows.push(flow('options', 'options', L.heading.optionsTable, units, ctx.notes('options')));
  }
  // The section's notes go on its first slide: the overview if there is one.
  const notesOnOption = flows.length === 0 ? ctx.notes('options') : undefined;
  opts.forEach((o, i) => flows.push(optionFlow(ctx, o, i, opts.length, i === 0 ? notesOnOption : undefined)));
  return flows;
}

/** The matrix in words: per actor, the options it backs, opposes or is undecided on. */
function matrixAlt(L: Labels, actors: { id: string; name: string }[], opts: MatrixOption[], firstOption: number): string[] {
  return actors.map((a) => {
    const parts: string[] = [];
    opts.forEach((o, i) => {
      const n = firstOption + i;
      const condition = o.conditional?.find((c) => c.actor === a.id);
      if (o.backers?.includes(a.id)) parts.push(L.matrix.backs(n));
      else if (condition) parts.push(L.matrix.conditional(n, condition.condition));
      else if (o.opponents?.includes(a.id)) parts.push(L.matrix.opposes(n));
      else if (o.undecided?.includes(a.id)) parts.push(L.matrix.undecided(n));
    });
    return `${a.name}: ${parts.length ? parts.join('; ') : L.matrix.noPosition}`;
  });
}

function optionFlow(ctx: Context, o: Option, index: number, count: number, notes?: Notes): Flow {
  const L = ctx.labels;
  const title = L.heading.option(count > 1 ? index + 1 : undefined, oneLine(o.title));
  const base = o.id ? `option-${o.id}` : `option-${index + 1}`;
  const units: Unit[] = [
    { id: `${base}.summary`, block: para([text(o.summary), ...ctx.cite(o.sources), ...ctx.tag(itemKey.option(o))]), fields: [`options[${index}].summary`] },
  ];
  const pros = o.pros ?? [];
  const cons = o.cons ?? [];
  const columns: Column[] = [
    { label: L.columns.for, width: 0.5 },
    { label: L.columns.against, width: 0.5 },
  ];
  for (let r = 0; r < Math.max(pros.length, cons.length); r++) {
    const cell = (list: string[]) => (list[r] === undefined ? [] : [text(list[r]!)]);
    units.push({
      id: `${base}.argument.${r}`,
      block: row(columns, [cell(pros), cell(cons)]),
      group: `${base}.arguments`,
      fields: [...(pros[r] === undefined ? [] : [`options[${index}].pros[${r}]`]), ...(cons[r] === undefined ? [] : [`options[${index}].cons[${r}]`])],
    });
  }
  const who: Run[] = [];
  if (o.backers?.length) who.push(raw(L.backedBy, 'strong'), raw(' '), ...ctx.actors(o.backers));
  if (o.opponents?.length) {
    if (who.length) who.push(raw(' · '));
    who.push(raw(L.opposedBy, 'strong'), raw(' '), ...ctx.actors(o.opponents));
  }
  if (who.length) units.push({ id: `${base}.who`, block: para(who), fields: [`options[${index}].backers`] });
  (o.conditional ?? []).forEach((c, k) =>
    units.push({
      id: `${base}.conditional.${k}`,
      block: para([
        raw(L.backedIf, 'strong'),
        raw(' '),
        raw(ctx.actorName.get(c.actor)!),
        raw(' — '),
        text(c.condition),
        ...ctx.cite(c.sources),
      ]),
      fields: [`options[${index}].conditional[${k}].condition`],
    }),
  );
  return { key: base, section: 'options', id: base, title, units, ...withNotes(notes), outline: title };
}

function nextSteps(ctx: Context): Flow[] {
  const L = ctx.labels;
  const steps = (ctx.facts.next_steps ?? [])
    .map((s, order) => ({ ...s, span: s.when === undefined ? undefined : validSpan(s.when), order }))
    .map((s) => ({ ...s, due: s.span?.start }))
    // Undated steps go last, in the order written.
    .sort((a, b) => (a.due && b.due ? compareDates(a.due, b.due) : a.due ? -1 : b.due ? 1 : 0) || a.order - b.order);
  if (steps.length === 0) return [];
  const columns: Column[] = [
    { label: L.columns.when, width: 0.18, nowrap: true },
    { label: L.columns.what, width: 0.57 },
    { label: L.columns.who, width: 0.25 },
  ];
  const units = steps.map(
    (s): Unit => ({
      id: `next-steps.${s.order}`,
      block: row(columns, [
        [raw(s.span ? L.spanShort(s.span) : L.notSet)],
        [text(s.what), ...ctx.cite(s.sources), ...ctx.tag(itemKey.step(s.what))],
        ctx.actors(s.who),
      ]),
      group: 'next-steps',
      fields: [`next_steps[${s.order}].what`],
    }),
  );
  return [flow('next-steps', 'next-steps', L.heading.nextSteps, units, ctx.notes('next_steps'))];
}

function sources(ctx: Context): Flow[] {
  const L = ctx.labels;
  const units = ctx.sourceEntries.map((s, i): Unit => {
    const [open, close] = L.quoteMarks;
    const runs: Run[] = [raw(s.publisher ? `${s.publisher}, ${open}${s.title}${close}` : `${open}${s.title}${close}`)];
    if (s.date) runs.push(raw(`, ${L.date(s.date)}`));
    runs.push(raw('.'));
    if (s.url) runs.push(raw(' '), { kind: 'link', href: s.url, text: s.url });
    if (s.checked) runs.push(raw(' '), raw(L.checkedCopy, 'em'));
    return { id: `sources.${i}`, block: item(runs, s.number), group: 'sources', fields: [`sources[${i}]`] };
  });
  return [flow('sources', 'sources', L.heading.sources, units, ctx.notes('sources'))];
}

function flow(key: string, section: Flow['section'], title: string, units: Unit[], notes?: Notes): Flow {
  return { key, section, id: key, title, units, ...withNotes(notes) };
}

function withNotes(notes: Notes | undefined): { notes?: string[]; notesField?: string } {
  return notes === undefined ? {} : { notes: notes.notes, notesField: notes.field };
}

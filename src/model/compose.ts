import { compareDates, formatDate, formatDateShort, isAfter, parseDate, type PartialDate } from '../facts/dates.js';
import type { Actor, Facts, Option, Source } from '../facts/schema.js';
import { eventSpan, quoteCredit, spanText, stanceOf, validSpan } from '../facts/present.js';
import { itemKey, type ChangeSet } from '../changes/diff.js';
import { changeTag, citation, escapeParagraphs, escapeText, oneLine } from '../markdown/escape.js';
import type { Deck, SectionId, Slide } from './deck.js';
import { lines, pageTitle, paginate } from './paginate.js';
import { drawMatrix, MATRIX_ROWS } from '../visuals/matrix.js';
import type { Visual } from '../visuals/svg.js';
import { drawTimeline, timelineChunks } from '../visuals/timeline.js';

/**
 * Layout estimates for the default theme (1280×720 slide, 26px body, 23px tables), in pixels
 * of the slide's body below its heading. They only decide where long sections split; the
 * export measures every slide in Chromium and reports any that still overflow.
 */
const BODY = 530;
const px = {
  /** A list item or paragraph at full width (about 105 characters a line). */
  item: (text: string) => lines(text, 105) * 35 + 10,
  paragraph: (text: string) => lines(text, 105) * 35 + 14,
  /** A table row whose widest cell holds `text` in a column `chars` wide. */
  row: (text: string, chars: number) => lines(text, chars) * 31 + 15,
  tableHead: 48,
  quote: (text: string) => lines(text, 100) * 34 + 71,
  subheading: 58,
};

/**
 * Facts → slides. Pure and deterministic: the same facts give the same slides, in the order
 * a briefer presents them. Sections without facts are left out.
 */
export interface ComposeOptions {
  /** What changed since an earlier version: adds a "What's new" slide and tags items. */
  changes?: ChangeSet;
  /** Corrections from measuring an earlier rendering in the browser (see fit/). */
  fit?: FitHints;
}

/**
 * What measuring the rendered slides taught: sections (by `Slide.fitKey`) to split with less
 * room per slide than estimated, and slides (by id) whose text is set smaller.
 */
export interface FitHints {
  /** fitKey → share of the estimated room to use (below 1 makes more, shorter slides). */
  room: Record<string, number>;
  /** slide id → text size (1 = as designed; never below the floor). */
  zoom: Record<string, number>;
}

export function composeSlides(facts: Facts, settings: ComposeOptions = {}): Deck {
  const ctx = new Context(facts, settings.changes, settings.fit);
  const slides: Slide[] = [
    titleSlide(ctx),
    ...bottomLine(ctx),
    ...whatsNew(ctx),
    ...background(ctx),
    ...timeline(ctx),
    ...positions(ctx),
    ...options(ctx),
    ...nextSteps(ctx),
    ...sources(ctx),
  ];
  distinctIds(slides);
  for (const slide of slides) {
    const zoom = settings.fit?.zoom[slide.id];
    if (zoom !== undefined && zoom < 1) slide.zoom = zoom;
  }
  return {
    title: oneLine(facts.meta.title),
    subtitle: facts.meta.subtitle === undefined ? undefined : oneLine(facts.meta.subtitle),
    asOf: formatDate(ctx.asOf),
    preparedBy: facts.meta.prepared_by === undefined ? '' : oneLine(facts.meta.prepared_by),
    marking: facts.meta.marking === undefined ? '' : oneLine(facts.meta.marking),
    language: facts.meta.language ?? 'en',
    slides,
  };
}

class Context {
  readonly asOf: PartialDate;
  readonly sourceNumber = new Map<string, number>();
  readonly actorName = new Map<string, string>();

  constructor(
    readonly facts: Facts,
    readonly changes?: ChangeSet,
    readonly fit?: FitHints,
  ) {
    this.asOf = date(facts.meta.as_of);
    facts.sources.forEach((s, i) => this.sourceNumber.set(s.id, i + 1));
    for (const a of facts.actors ?? []) this.actorName.set(a.id, oneLine(a.name));
  }

  cite(ids: readonly string[] | undefined): string {
    return citation((ids ?? []).map((id) => this.sourceNumber.get(id)!));
  }

  actors(ids: readonly string[] | undefined): string {
    return (ids ?? []).map((id) => escapeText(this.actorName.get(id)!)).join(', ');
  }

  /** The room a section's slides get: the estimate, less what measuring showed is missing. */
  room(key: string, estimate: number): number {
    return estimate * (this.fit?.room[key] ?? 1);
  }

  /** " [!new]" or " [!updated]" for items that changed since the earlier facts. */
  tag(key: string): string {
    return changeTag(this.changes?.marks.get(key));
  }

  notes(section: keyof NonNullable<Facts['notes']>): string | undefined {
    const text = this.facts.notes?.[section];
    return text === undefined ? undefined : escapeParagraphs(text);
  }
}

function date(value: string | number): PartialDate {
  const parsed = parseDate(value);
  // Facts reach this stage only after validation, which rejects invalid dates.
  if (typeof parsed === 'string') throw new Error(`unvalidated date: ${parsed}`);
  return parsed;
}

/** Slides of one section, split where the content is too long for one slide. */
function pages<T>(
  ctx: Context,
  section: SectionId,
  title: string,
  items: readonly T[],
  weight: (item: T) => number,
  body: (page: T[], index: number, startAt: number) => string,
  notes?: string,
  budget = BODY,
  field?: (item: T) => string | undefined,
): Slide[] {
  const split = paginate(items, weight, ctx.room(section, budget));
  let startAt = 0;
  return split.map((page, i) => {
    const heading = pageTitle(title, i, split.length);
    const fields = field ? page.flatMap((item) => field(item) ?? []) : [];
    const slide: Slide = {
      id: i === 0 ? section : `${section}-${i + 1}`,
      section,
      title: heading,
      markdown: `## ${heading}\n\n${body(page, i, startAt)}`,
      ...(notes !== undefined && i === 0 ? { notes } : {}),
      fitKey: section,
      items: page.length,
      ...(fields.length ? { fields } : {}),
    };
    startAt += page.length;
    return slide;
  });
}

function titleSlide(ctx: Context): Slide {
  const { meta } = ctx.facts;
  const parts = [`# ${escapeText(meta.title)}`];
  if (meta.subtitle) parts.push(escapeText(meta.subtitle));
  const byline = [`As of ${formatDate(ctx.asOf)}`];
  if (meta.prepared_by) byline.push(`Prepared by ${escapeText(meta.prepared_by)}`);
  if (meta.audience) byline.push(`For ${escapeText(meta.audience)}`);
  parts.push(byline.join(' · '));
  if (meta.marking) parts.push(`**${escapeText(meta.marking)}**`);
  return {
    id: 'title',
    section: 'title',
    title: oneLine(meta.title),
    markdown: parts.join('\n\n'),
    ...withNotes(ctx.notes('title')),
  };
}

function bottomLine(ctx: Context): Slide[] {
  const items = ctx.facts.bottom_line ?? [];
  return pages(
    ctx,
    'bottom-line',
    'Bottom line',
    items,
    (j) => px.item(j.text) + 8,
    (page, _i, start) =>
      page.map((j, n) => `${start + n + 1}. ${escapeText(j.text)}${ctx.cite(j.sources)}${ctx.tag(itemKey.judgement(j.text))}`).join('\n'),
    ctx.notes('bottom_line'),
    BODY,
    (j) => `bottom_line[${items.indexOf(j)}].text`,
  );
}

function whatsNew(ctx: Context): Slide[] {
  if (!ctx.changes) return [];
  const { since, changes } = ctx.changes;
  const items = changes.length > 0 ? changes.map((c) => c.sentence) : [`No changes to the facts since ${since}.`];
  return pages(
    ctx,
    'changes',
    `What's new since ${since}`,
    items,
    (sentence) => px.item(sentence),
    (page) => page.map((sentence) => `- ${escapeText(sentence)}`).join('\n'),
  );
}

function background(ctx: Context): Slide[] {
  const points = ctx.facts.background?.points ?? [];
  const terms = ctx.facts.background?.terms ?? [];
  type Item = { kind: 'point' | 'term'; md: string; weight: number; field: string };
  const items: Item[] = [
    ...points.map(
      (p, i): Item => ({
        kind: 'point',
        md: `- ${escapeText(p.text)}${ctx.cite(p.sources)}${ctx.tag(itemKey.point(p.text))}`,
        weight: px.item(p.text),
        field: `background.points[${i}].text`,
      }),
    ),
    ...terms.map(
      (t, i): Item => ({
        kind: 'term',
        md: `- **${escapeText(t.term)}**: ${escapeText(t.definition)}${ctx.cite(t.sources)}${ctx.tag(itemKey.term(t.term))}`,
        // The first term carries the "Key terms" heading.
        weight: px.item(`${t.term}: ${t.definition}`) + (i === 0 ? px.subheading : 0),
        field: `background.terms[${i}].definition`,
      }),
    ),
  ];
  if (items.length === 0) return [];
  return pages(
    ctx,
    'background',
    'Background',
    items,
    (item) => item.weight,
    (page) => {
      const out: string[] = [];
      const pts = page.filter((i) => i.kind === 'point');
      const tms = page.filter((i) => i.kind === 'term');
      if (pts.length) out.push(pts.map((i) => i.md).join('\n'));
      if (tms.length) out.push('### Key terms', tms.map((i) => i.md).join('\n'));
      return out.join('\n\n');
    },
    ctx.notes('background'),
    BODY,
    (item) => item.field,
  );
}

/** A slide that shows a drawing under its heading; `alt` lines are its text alternative. */
function visualSlide(id: string, section: SectionId, title: string, visual: Visual): Slide {
  return {
    id,
    section,
    title,
    markdown: `## ${escapeText(title)}\n\n${visual.alt.map((line) => `- ${escapeText(line)}`).join('\n')}`,
    visual: { svg: visual.svg, label: visual.label },
  };
}

function timeline(ctx: Context): Slide[] {
  const events = (ctx.facts.timeline ?? [])
    .map((e, order) => ({ ...e, when: eventSpan(e).start, label: spanText(e.date ?? e.since!), ongoing: e.since !== undefined, order }))
    .sort((a, b) => compareDates(a.when, b.when) || a.order - b.order);
  if (events.length === 0) return [];
  const drawn = events.map((e) => {
    const span = eventSpan(e);
    return { when: e.when, ...(span.end ? { end: span.end } : {}), ...(span.since ? { since: true } : {}), label: oneLine(e.event), upcoming: isAfter(e.when, ctx.asOf) };
  });
  const chunks = timelineChunks(drawn, ctx.asOf);
  const charts = chunks.map((chunk, i) =>
    visualSlide(i === 0 ? 'timeline-chart' : `timeline-chart-${i + 1}`, 'timeline', pageTitle('Timeline at a glance', i, chunks.length), drawTimeline(chunk, ctx.asOf)),
  );
  type Row = { md: string; len: number; field?: string };
  const rows: Row[] = [];
  let markerPlaced = false;
  for (const e of events) {
    const upcoming = isAfter(e.when, ctx.asOf);
    if (upcoming && !markerPlaced) {
      rows.push({ md: `| **${formatDateShort(ctx.asOf)}** | **As of this briefing** |`, len: 10 });
      markerPlaced = true;
    }
    const label = e.ongoing ? `since ${e.label}` : e.label;
    const when = upcoming ? `${label} *(upcoming)*` : label;
    rows.push({
      md: `| ${when} | ${escapeText(e.event)}${ctx.cite(e.sources)}${ctx.tag(itemKey.event(e.event))} |`,
      len: e.event.length,
      field: `timeline[${e.order}].event`,
    });
  }
  const widestDate = Math.max(...events.map((e) => e.label.length + (e.ongoing ? 6 : 0) + (isAfter(e.when, ctx.asOf) ? 11 : 0)));
  const eventChars = Math.floor((1168 - 24 - 24 - widestDate * 11.5) / 10.8);
  const table = pages(
    ctx,
    'timeline',
    'Timeline',
    rows,
    // The date column is as wide as its longest entry ("22 Jan 2030 (upcoming)"); the event
    // column gets the rest, at about 10.8px a character in the table's type.
    (r) => px.row('x'.repeat(r.len), eventChars),
    (page) => ['| Date | Event |', '| --- | --- |', ...page.map((r) => r.md)].join('\n'),
    ctx.notes('timeline'),
    BODY - px.tableHead,
    (r) => r.field,
  );
  return [...charts, ...table];
}

function positions(ctx: Context): Slide[] {
  const actors = ctx.facts.actors ?? [];
  if (actors.length === 0) return [];
  const overview = pages(
    ctx,
    'positions',
    'Positions at a glance',
    actors,
    (a) => px.row(stanceOf(a), 92),
    (page) =>
      [
        '| Actor | Stance |',
        '| --- | --- |',
        ...page.map((a) => `| **${escapeText(a.name)}**${ctx.tag(itemKey.actor(a.id))} | ${escapeText(stanceOf(a))}${ctx.cite(a.stance_sources)} |`),
      ].join('\n'),
    ctx.notes('positions'),
    BODY - px.tableHead,
    (a) => `actors[${actors.indexOf(a)}].stance`,
  );
  return [...overview, ...actors.flatMap((a) => actorSlides(ctx, a))];
}

function actorSlides(ctx: Context, actor: Actor): Slide[] {
  type Block = { md: string; weight: number; field?: string };
  const head: string[] = [];
  if (actor.speakers?.length) {
    const who = actor.speakers.map((s) => `${escapeText(s.name)} (${escapeText(s.role)})`).join('; ');
    head.push(`**Speaking for ${escapeText(actor.name)}:** ${who}`);
  }
  head.push(`**Stance:** ${escapeText(stanceOf(actor))}${ctx.cite(actor.stance_sources)}${ctx.tag(itemKey.actor(actor.id))}`);
  const blocks: Block[] = [];
  const a = (ctx.facts.actors ?? []).indexOf(actor);
  for (const [qi, q] of (actor.quotes ?? []).entries()) {
    blocks.push({
      field: `actors[${a}].quotes[${qi}].text`,
      md: `> “${escapeText(q.text)}”${ctx.tag(itemKey.quote(actor.id, q.text))}\n>\n> — ${escapeText(quoteCredit(q, actor, ctx.facts))}${ctx.cite([q.source])}`,
      weight: px.quote(q.text),
    });
  }
  const actions = (actor.actions ?? []).map((act, ai): Block => {
    const when = act.date === undefined ? '' : `${spanText(act.date)}: `;
    return {
      md: `- ${when}${escapeText(act.text)}${ctx.cite(act.sources)}${ctx.tag(itemKey.action(actor.id, act.text))}`,
      weight: px.item(act.text),
      field: `actors[${a}].actions[${ai}].text`,
    };
  });
  if (actions.length) blocks.push({ md: '### Actions', weight: px.subheading }, ...actions);

  const headWeight = head.reduce((n, h) => n + px.paragraph(h), 0);
  const baseId = `actor-${actor.id}`;
  const split = paginate(blocks, (b) => b.weight, ctx.room(baseId, BODY - headWeight));
  if (split.length === 0) split.push([]);
  return split.map((page, i) => {
    const title = pageTitle(oneLine(actor.name), i, split.length);
    // A continued list of actions keeps its heading.
    if (i > 0 && page[0]?.md.startsWith('- ') && !page.some((b) => b.md === '### Actions')) {
      page.unshift({ md: '### Actions', weight: 0 });
    }
    const parts = [`## ${escapeText(actor.name)}${split.length > 1 ? ` (${i + 1}/${split.length})` : ''}`];
    if (i === 0) parts.push(head.join('\n\n'));
    parts.push(...joinBlocks(page.map((b) => b.md)));
    return {
      id: i === 0 ? baseId : `${baseId}-${i + 1}`,
      section: 'positions' as const,
      title,
      markdown: parts.join('\n\n'),
      fitKey: baseId,
      items: page.filter((b) => b.field).length,
      fields: page.flatMap((b) => b.field ?? []),
      ...withNotes(i === 0 && actor.notes !== undefined ? escapeParagraphs(actor.notes) : undefined),
      ...(i === 0 ? { outline: oneLine(actor.name) } : {}),
    };
  });
}

/** Joins consecutive list items into one list, everything else as its own block. */
function joinBlocks(mds: readonly string[]): string[] {
  const out: string[] = [];
  for (const md of mds) {
    const prev = out[out.length - 1];
    if (md.startsWith('- ') && prev !== undefined && prev.startsWith('- ')) out[out.length - 1] = `${prev}\n${md}`;
    else out.push(md);
  }
  return out;
}

function options(ctx: Context): Slide[] {
  const opts = ctx.facts.options ?? [];
  if (opts.length === 0) return [];
  const slides: Slide[] = [];
  const actors = ctx.facts.actors ?? [];
  const positioned = opts.some((o) => (o.backers?.length ?? 0) + (o.opponents?.length ?? 0) + (o.undecided?.length ?? 0) > 0);
  if (actors.length > 0 && positioned) {
    // Who backs which option, drawn: rows split across slides when there are many actors.
    const rows = paginate(actors, () => 1, MATRIX_ROWS);
    rows.forEach((page, i) => {
      const visual = drawMatrix({ actors: page.map((a) => ({ id: a.id, name: oneLine(a.name) })), options: opts });
      const slide = visualSlide(i === 0 ? 'options' : `options-${i + 1}`, 'options', pageTitle('Who backs which option', i, rows.length), visual);
      if (i === 0 && ctx.notes('options') !== undefined) slide.notes = ctx.notes('options');
      slides.push(slide);
    });
  } else if (opts.length > 1) {
    slides.push(
      ...pages(
        ctx,
        'options',
        'Options at a glance',
        opts,
        (o) => px.row(o.title, 40),
        (page, _i, start) =>
          [
            '| # | Option | Backed by | Opposed by |',
            '| --- | --- | --- | --- |',
            ...page.map(
              (o, n) =>
                `| ${start + n + 1} | ${escapeText(o.title)}${ctx.tag(itemKey.option(o))} | ${ctx.actors(o.backers) || '—'} | ${ctx.actors(o.opponents) || '—'} |`,
            ),
          ].join('\n'),
        ctx.notes('options'),
        BODY - px.tableHead,
      ),
    );
  }
  // The section's notes go on its first slide: the overview if there is one.
  const notesOnOption = slides.length === 0 ? ctx.notes('options') : undefined;
  opts.forEach((o, i) => slides.push(optionSlide(ctx, o, i, opts.length, i === 0 ? notesOnOption : undefined)));
  return slides;
}

function optionSlide(ctx: Context, o: Option, index: number, count: number, notes?: string): Slide {
  const title = count > 1 ? `Option ${index + 1}: ${oneLine(o.title)}` : `Option: ${oneLine(o.title)}`;
  const parts = [`## ${count > 1 ? `Option ${index + 1}: ` : 'Option: '}${escapeText(o.title)}`];
  parts.push(`${escapeText(o.summary)}${ctx.cite(o.sources)}${ctx.tag(itemKey.option(o))}`);
  const pros = o.pros ?? [];
  const cons = o.cons ?? [];
  if (pros.length || cons.length) {
    const rows = Array.from({ length: Math.max(pros.length, cons.length) }, (_, r) => {
      const cell = (list: string[]) => (list[r] === undefined ? ' ' : escapeText(list[r]!));
      return `| ${cell(pros)} | ${cell(cons)} |`;
    });
    parts.push(['| For | Against |', '| --- | --- |', ...rows].join('\n'));
  }
  const who: string[] = [];
  if (o.backers?.length) who.push(`**Backed by:** ${ctx.actors(o.backers)}`);
  if (o.opponents?.length) who.push(`**Opposed by:** ${ctx.actors(o.opponents)}`);
  if (who.length) parts.push(who.join(' · '));
  return {
    id: o.id ? `option-${o.id}` : `option-${index + 1}`,
    section: 'options',
    title,
    markdown: parts.join('\n\n'),
    ...withNotes(notes),
    outline: title,
  };
}

function nextSteps(ctx: Context): Slide[] {
  const steps = (ctx.facts.next_steps ?? [])
    .map((s, order) => ({ ...s, due: s.when === undefined ? undefined : validSpan(s.when).start, order }))
    // Undated steps go last, in the order written.
    .sort((a, b) => (a.due && b.due ? compareDates(a.due, b.due) : a.due ? -1 : b.due ? 1 : 0) || a.order - b.order);
  if (steps.length === 0) return [];
  return pages(
    ctx,
    'next-steps',
    'Next steps',
    steps,
    (s) => px.row(s.what, 70),
    (page) =>
      [
        '| When | What | Who |',
        '| --- | --- | --- |',
        ...page.map((s) => `| ${s.when !== undefined ? spanText(s.when) : 'Not set'} | ${escapeText(s.what)}${ctx.cite(s.sources)}${ctx.tag(itemKey.step(s.what))} | ${ctx.actors(s.who) || '—'} |`),
      ].join('\n'),
    ctx.notes('next_steps'),
    BODY - px.tableHead,
    (s) => `next_steps[${s.order}].what`,
  );
}

function sources(ctx: Context): Slide[] {
  const list = ctx.facts.sources;
  return pages(
    ctx,
    'sources',
    'Sources',
    list,
    (s) => px.item(sourceLine(s)) * 0.8,
    (page, _i, start) => page.map((s, n) => `${start + n + 1}. ${sourceLine(s)}`).join('\n'),
    ctx.notes('sources'),
    BODY,
    (s) => `sources[${list.indexOf(s)}]`,
  );
}

function sourceLine(s: Source): string {
  const parts = [s.publisher === undefined ? `“${escapeText(s.title)}”` : `${escapeText(s.publisher)}, “${escapeText(s.title)}”`];
  if (s.date !== undefined) parts.push(formatDate(date(s.date)));
  let line = parts.join(', ') + '.';
  if (s.url) line += ` <${new URL(s.url).href}>`;
  if (s.copy) line += ' *(quotes checked against a local copy)*';
  return line;
}

/**
 * Slide ids come from facts ids ("actor-nato", "option-2"), so two can meet: an actor "nato-2"
 * beside NATO's second page, an option with id "2" beside the second unnamed option. Later
 * ones get a numeric suffix; the order of slides makes this deterministic.
 */
function distinctIds(slides: Slide[]): void {
  const used = new Set<string>();
  for (const slide of slides) {
    let id = slide.id;
    for (let n = 2; used.has(id); n++) id = `${slide.id}-${n}`;
    slide.id = id;
    used.add(id);
  }
}

function withNotes(notes: string | undefined): { notes?: string } {
  return notes === undefined ? {} : { notes };
}

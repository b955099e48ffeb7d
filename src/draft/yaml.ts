/**
 * Writes a draft as a facts.yaml an analyst can finish: every value that needs judgement starts
 * with the literal text TODO (which `check` lists and `check --strict` / `build --strict` refuse)
 * and carries a comment saying what to do. Strings are written double-quoted, so article text
 * can never turn into YAML structure.
 */

export interface DraftQuote {
  text: string;
  date: string;
  source: string;
  speaker?: string;
  by?: string;
  anonymous?: string;
  partial?: boolean;
  context?: string;
  /** A comment for the analyst: how the speaker was found. */
  review?: string;
  todo?: boolean;
}

export interface DraftActor {
  id: string;
  name: string;
  aliases: string[];
  kind?: 'country' | 'alliance' | 'organisation' | 'person' | 'group';
  speakers: Array<{ name: string; role?: string }>;
  quotes: DraftQuote[];
}

export interface Draft {
  meta?: { title: string; asOf: string; dateFrom?: string | undefined; place?: string };
  sources: Array<{ id: string; title: string; publisher?: string; url?: string; date?: string; copy: string; dateFrom?: string | undefined }>;
  actors: DraftActor[];
  /** Quotes of unnamed or undecided speakers. */
  quotes: DraftQuote[];
  timeline: Array<{ date?: string; since?: string; event: string; source: string; mention: string }>;
  points: Array<{ text: string; source: string; amounts: string[] }>;
  steps: Array<{ what: string; when?: string; relative?: string; source: string }>;
  languages: Set<string>;
}

const q = (s: string): string => JSON.stringify(s.replace(/[\u0000-\u0008\u000B-\u001F]/g, ' '));
const comment = (s: string): string => `  # ${s.replace(/\s+/g, ' ')}`;

export function emitFacts(d: Draft): { yaml: string; todos: number } {
  const out: string[] = [];
  let todos = 0;
  const todo = (indent: string, key: string, text: string, why: string) => {
    todos++;
    out.push(`${indent}${key}: ${q(`TODO: ${text}`)}${comment(`TODO ${why}`)}`);
  };
  const meta = d.meta!;
  const sourceIds = (id: string) => `[${id}]`;
  out.push('# yaml-language-server: $schema=../../schema/facts.schema.json');
  out.push('# Drafted by `briefdeck draft`. Quotes are verbatim and speakers are as the article gives them;');
  out.push('# every value starting with TODO needs a human. `briefdeck check` lists them; `check --strict`');
  out.push('# and `build --strict` refuse the file until none is left.');
  out.push('');
  out.push('meta:');
  out.push(`  title: ${q(meta.title)}`);
  out.push(`  as_of: ${meta.asOf}${meta.dateFrom && meta.dateFrom !== 'dateline' ? comment(`from the ${meta.dateFrom}: check it`) : ''}`);
  if (!meta.dateFrom) todo('  ', 'subtitle', 'the article has no date: set as_of, then write a subtitle or remove this line', 'as_of is today\'s date');
  const lang = [...d.languages];
  if (lang.length === 1 && lang[0] !== 'en') out.push(`  language: ${lang[0]}`);
  out.push('');
  out.push('sources:');
  for (const s of d.sources) {
    out.push(`  - id: ${s.id}`);
    if (s.publisher) out.push(`    publisher: ${q(s.publisher)}`);
    out.push(`    title: ${q(s.title)}`);
    if (s.url) out.push(`    url: ${q(s.url)}`);
    if (s.date) out.push(`    date: ${s.date}`);
    out.push(`    copy: ${q(s.copy)}`);
  }
  const firstSource = d.sources[0]!.id;
  out.push('');
  out.push('bottom_line:');
  for (const n of ['first', 'second']) {
    out.push(`  - text: ${q(`TODO: the ${n} key judgement, in one sentence`)}${comment('TODO 2 to 4 judgements a decision-maker should take away')}`);
    out.push(`    sources: ${sourceIds(firstSource)}`);
    todos++;
  }
  if (d.points.length) {
    out.push('');
    out.push('background:');
    out.push('  points:');
    for (const p of d.points) {
      out.push(`    - text: ${q(p.text)}${comment(`amounts as written: ${p.amounts.join('; ')}`)}`);
      out.push(`      sources: ${sourceIds(p.source)}`);
    }
  }
  if (d.timeline.length) {
    out.push('');
    out.push('timeline:');
    for (const e of d.timeline) {
      out.push(e.since ? `  - since: ${q(e.since)}` : `  - date: ${q(e.date!)}`);
      out.push(`    event: ${q(e.event)}${comment(`"${e.mention}": shorten to the event`)}`);
      out.push(`    sources: ${sourceIds(e.source)}`);
    }
  }
  if (d.actors.length) {
    out.push('');
    out.push('actors:');
    for (const a of d.actors) {
      out.push(`  - id: ${a.id}`);
      out.push(`    name: ${q(a.name)}`);
      if (a.kind) out.push(`    kind: ${a.kind}${comment('guessed: check it')}`);
      if (a.speakers.length) {
        out.push('    speakers:');
        for (const s of a.speakers) {
          out.push(`      - name: ${q(s.name)}`);
          if (s.role) out.push(`        role: ${q(s.role)}`);
          else todo('        ', 'role', 'their role', 'the article gives no role');
        }
      }
      todo('    ', 'stance', `${a.name}'s position in one line`, 'from the quotes and actions below');
      if (!a.kind) todo('    ', 'notes', 'what kind of actor is this? Add kind: country, alliance, organisation, person or group, then delete this line', 'kind not clear from the article');
      if (a.quotes.length) {
        out.push('    quotes:');
        for (const x of a.quotes) emitQuote(out, '      ', x);
      }
    }
  }
  if (d.quotes.length) {
    out.push('');
    out.push('quotes:');
    for (const x of d.quotes) {
      if (x.todo) todos++;
      emitQuote(out, '  ', x);
    }
  }
  out.push('');
  out.push('options:');
  out.push(`  - title: ${q('TODO: the first option, in a few words')}${comment('TODO the courses of action the briefing weighs, with backers and opponents (actor ids)')}`);
  out.push(`    summary: ${q('TODO: what it would mean in practice; add backers: and opponents:')}`);
  out.push(`    sources: ${sourceIds(firstSource)}`);
  todos += 2;
  if (d.steps.length) {
    out.push('');
    out.push('next_steps:');
    for (const s of d.steps) {
      if (s.relative) {
        out.push(`  - what: ${q(`TODO: date it or leave it undated (given only as "${s.relative}"): ${s.what}`)}${comment('TODO a date relative to another event is never computed')}`);
      } else {
        out.push(`  - what: ${q(`TODO: who? ${s.what}`)}${comment('TODO shorten, and add who: [actor ids]')}`);
        out.push(`    when: ${q(s.when!)}`);
      }
      out.push(`    sources: ${sourceIds(s.source)}`);
      todos++;
    }
  }
  return { yaml: out.join('\n') + '\n', todos };
}

function emitQuote(out: string[], indent: string, x: DraftQuote): void {
  out.push(`${indent}- text: ${q(x.text)}`);
  const i = indent + '  ';
  if (x.speaker) out.push(`${i}speaker: ${q(x.speaker)}${x.review ? comment(x.review) : ''}`);
  if (x.by) out.push(`${i}by: ${q(x.by)}`);
  if (x.anonymous) out.push(`${i}anonymous: ${q(x.anonymous)}${x.todo ? comment('TODO name the speaker under their actor, or describe the unnamed source as the article does') : ''}`);
  out.push(`${i}date: ${q(x.date)}`);
  out.push(`${i}source: ${x.source}`);
  if (x.partial) out.push(`${i}partial: true`);
  if (x.context) out.push(`${i}context: ${q(x.context)}`);
}

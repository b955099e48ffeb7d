import { analyse, type Analysis } from '../attribution/attribute.js';
import type { Attribution, Person, QuoteSpan } from '../attribution/types.js';
import { MONTHS_EN, WEEKDAYS_EN } from '../attribution/lexicon.js';
import { fold } from '../attribution/text.js';
import { findAmounts } from './amounts.js';
import { findDates, findRelativeDates, formatDay, type Chrono, type DateMention, type Day } from './dates.js';
import { readHeader, type Header } from './header.js';
import { emitFacts, type Draft, type DraftActor, type DraftQuote } from './yaml.js';

/**
 * Drafts a facts file from articles: meta and sources from their headlines and datelines, every
 * quote verbatim with the speaker the article gives it, actors with their speakers, a timeline
 * of dated mentions, the sentences that carry amounts, and a TODO wherever a human must judge.
 * Pure: the caller reads the articles and writes the result.
 */

export interface Article {
  /** File name, e.g. nato-inf-2019-02-13.txt: the source copy is sources/<name>. */
  name: string;
  text: string;
}

export interface DraftResult {
  yaml: string;
  /** How many TODO markers the file holds. */
  todos: number;
}

/** Below this an attribution is a guess: the quote gets a TODO instead of a speaker. */
export const SURE_ENOUGH = 0.6;

export function draftFacts(articles: readonly Article[], chrono: Chrono, today: Day): DraftResult {
  const draft: Draft = { sources: [], actors: [], quotes: [], timeline: [], points: [], steps: [], languages: new Set() };
  for (const article of articles) draftOne(draft, article, chrono, today);
  return emitFacts(draft);
}

function draftOne(draft: Draft, article: Article, chrono: Chrono, today: Day): void {
  const a = analyse(article.text);
  const language = a.frame.language;
  draft.languages.add(language);
  const header = readHeader(article.text, article.name, chrono, language);
  const asOf = header.date ?? today;
  const sourceId = uniqueId(slug(article.name.replace(/\.[^.]+$/, '')) || 'source', draft.sources.map((s) => s.id));
  draft.sources.push({
    id: sourceId,
    title: header.title ?? article.name,
    ...(header.publisher ? { publisher: header.publisher } : {}),
    ...(header.url ? { url: header.url } : {}),
    ...(header.date ? { date: formatDay(header.date) } : {}),
    copy: `sources/${article.name}`,
    dateFrom: header.dateFrom,
  });
  if (!draft.meta || (header.date && formatDay(header.date) > draft.meta.asOf)) {
    draft.meta = { title: header.title ?? article.name, asOf: formatDay(asOf), dateFrom: header.dateFrom, ...(header.place ? { place: header.place } : {}) };
  }
  const inBody = (at: number) => at >= header.body.start && at < header.body.end;
  const dates = findDates(a.frame.masked, asOf, language, chrono).filter((d) => inBody(d.start));

  // Quotes and the actors they belong to.
  for (const { span, attribution } of a.quotes) {
    if (!inBody(span.start)) continue;
    placeQuote(draft, a, span, attribution, sourceId, quoteDate(a, span, dates, asOf));
  }
  // People the article names who did not speak still belong to their actor.
  for (const p of a.registry.people) {
    if (!inBody(p.first)) continue;
    addSpeaker(p.actor ? actorFor(draft, a, p.actor) : actorFor(draft, a, p.name, 'person'), p);
  }
  // States and organisations with a role in the story.
  for (const name of storyActors(a, header)) actorFor(draft, a, name);

  // Timeline: every dated mention, with the sentence that carries it.
  const datelineEnd = header.place ? article.text.slice(header.body.start).search(/[—–]|\s-\s/) + header.body.start : -1;
  for (const d of dates) {
    if (datelineEnd > 0 && d.start < datelineEnd && d.value === formatDay(asOf)) continue;
    const sentence = sentenceOf(a, d.start);
    if (!sentence) continue;
    const event: Draft['timeline'][number] = { event: sentence, source: sourceId, mention: d.text };
    if (d.since) event.since = d.value;
    else event.date = d.value;
    if (d.value.slice(0, 10) > formatDay(asOf) && !d.since) draft.steps.push({ what: sentence, when: d.value, source: sourceId });
    draft.timeline.push(event);
  }
  for (const r of findRelativeDates(a.frame.masked)) {
    if (!inBody(r.start)) continue;
    draft.steps.push({ what: sentenceOf(a, r.start) ?? r.text, relative: r.text, source: sourceId });
  }
  // Amounts, kept in the sentence that carries them.
  const seen = new Set<string>();
  for (const m of findAmounts(a.frame.masked)) {
    if (!inBody(m.start)) continue;
    const sentence = sentenceOf(a, m.start);
    if (!sentence) continue;
    const point = draft.points.find((p) => p.text === sentence);
    if (point) point.amounts.push(m.text);
    else if (!seen.has(sentence)) draft.points.push({ text: sentence, source: sourceId, amounts: [m.text] });
    seen.add(sentence);
  }
}

/** The article's sentence around an offset, verbatim, on one line. */
function sentenceOf(a: Analysis, at: number): string | undefined {
  const s = a.frame.sentences.find((x) => x.start <= at && at < x.end);
  if (!s) return undefined;
  // The dateline ("GENEVA, March 3 (Reuters) - ") heads the first sentence but is not part of it.
  return a.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim().replace(DATELINE, '');
}

const DATELINE = /^[\p{Lu}][\p{Lu}\s.'’-]{2,},[^—–\n]{0,60}?\s(?:[—–]|-)\s+/u;

/**
 * When a quote was said: a day named in its own said-clause ("told reporters on Tuesday"), if
 * it is not after the as-of date; else the as-of date, the convention for news copy.
 */
function quoteDate(a: Analysis, span: QuoteSpan, dates: readonly DateMention[], asOf: Day): string {
  const s = a.frame.sentences.find((x) => x.start <= span.open && span.open < x.end);
  const own = s ? dates.filter((d) => d.start >= s.start && d.end <= s.end && d.precision === 'day' && !d.value.includes('/') && d.value <= formatDay(asOf)) : [];
  if (own.length === 1) return own[0]!.value;
  return formatDay(asOf);
}

function placeQuote(draft: Draft, a: Analysis, span: QuoteSpan, at: Attribution, source: string, date: string): void {
  const words = span.text.split(/[\s\u00A0\u202F]+/).filter(Boolean).length;
  const partial = /^\p{Ll}/u.test(span.text) || words <= 2;
  const q: DraftQuote = { text: span.text, date, source, ...(partial ? { partial: true } : {}) };
  if (words < 2) q.context = sentenceOf(a, span.start) ?? span.text;
  const sure = at.confidence >= SURE_ENOUGH;
  if (sure && at.kind === 'person' && at.name) {
    const person = a.registry.people.find((p) => p.name === at.name);
    const owner = actorFor(draft, a, at.actor ?? at.name, at.actor ? undefined : 'person');
    addSpeaker(owner, person ?? { name: at.name, surname: at.name, first: 0, ...(at.role ? { role: at.role } : {}) });
    q.speaker = at.name;
    if (at.confidence < 0.8) q.review = `speaker found with ${at.descriptor ? `"${at.descriptor}"` : 'a pronoun or inference'}: check it`;
    owner.quotes.push(q);
  } else if (sure && at.kind === 'statement' && at.actor) {
    const owner = actorFor(draft, a, at.actor);
    const around = sentenceOf(a, span.start) ?? '';
    q.by = /\bjoint statement\b|communiqué conjoint|déclaration commune/i.test(around) ? 'joint statement' : /\bcommuniqué\b/i.test(around) ? 'communiqué' : 'statement';
    owner.quotes.push(q);
  } else if (sure && at.kind === 'anonymous' && at.descriptor) {
    q.anonymous = at.descriptor;
    draft.quotes.push(q);
  } else {
    const guess = at.kind === 'person' ? at.name : at.kind === 'statement' ? at.actor : undefined;
    q.anonymous = `TODO: who said this? ${guess ? `Perhaps ${guess}; the article is not clear.` : 'The article names no one clearly.'}`;
    q.todo = true;
    draft.quotes.push(q);
  }
}

function addSpeaker(actor: DraftActor, p: Pick<Person, 'name' | 'role'>): void {
  if (actor.kind === 'person' && actor.name !== p.name) return;
  if (!actor.speakers.some((s) => s.name === p.name)) actor.speakers.push({ name: p.name, ...(p.role ? { role: p.role } : {}) });
}

/** The draft's actor of that name (created on first use), matched by name, alias or demonym. */
function actorFor(draft: Draft, a: Analysis, name: string, kind?: DraftActor['kind']): DraftActor {
  const key = fold(name);
  const found = draft.actors.find((x) => fold(x.name) === key || x.aliases.some((al) => fold(al) === key));
  if (found) return found;
  const guessed = kind ?? guessKind(a, name);
  const actor: DraftActor = {
    id: uniqueId(slug(name) || 'actor', draft.actors.map((x) => x.id)),
    name,
    aliases: [],
    speakers: [],
    quotes: [],
    ...(guessed ? { kind: guessed } : {}),
  };
  draft.actors.push(actor);
  return actor;
}

const BLOC = /\b(?:Union|Alliance|League|Group|Coalition|Bloc|Community|Council|Pact|Partnership|Alliance|Ligue|Groupe|Communauté|Conseil)\b/u;
const ORGANISATION = /\b(?:Commission|Office|Bank|Mission|Institute|Association|Agency|Court|Fund|Committee|Organi[sz]ation|Movement|Party|Energy|Company|Corporation|Authority|Secretariat|Banque|Cour|Comité|Agence|Fonds|Mouvement|Parti)\b/u;

/** A guess at an actor's kind; undefined when the article gives too little to go on. */
function guessKind(a: Analysis, name: string): DraftActor['kind'] | undefined {
  if (/^\p{Lu}{2,6}$/u.test(name)) return undefined;
  const around = a.text.slice(Math.max(0, a.text.indexOf(name)), a.text.indexOf(name) + name.length + 80);
  if (/\b(?:a bloc|a grouping|which groups|qui regroupe|un bloc|alliance of|coalition of)\b/i.test(around) || BLOC.test(name)) return 'alliance';
  if (ORGANISATION.test(name)) return 'organisation';
  // People who hold government office for it: a country.
  if (a.registry.people.some((p) => p.actor === name && /\b(?:minister|president|prime|premier|secretary of state|chancellor|ambassador|ministre|président|présidente|première|ambassadrice|ambassadeur)\b/i.test(p.role ?? ''))) return 'country';
  if (!name.includes(' ')) {
    // A one-word name that people hold office in ("Dunmere's prime minister") or that has a demonym is a country.
    if (a.registry.people.some((p) => p.actor === name)) return 'country';
    if (new RegExp(`${name}[’']s (?:government|parliament|president|prime minister|foreign minister|capital|economy|border|army)`, 'iu').test(a.text)) return 'country';
    return undefined;
  }
  return undefined;
}

/**
 * States and organisations the article gives a voice or a role: the ones its people and quotes
 * speak for, organisations it names, and places that act (subjects of a clause, or owners of a
 * government, a minister, a delegation).
 */
function storyActors(a: Analysis, header: Header): string[] {
  const out: string[] = [];
  const body = a.text.slice(header.body.start, header.body.end);
  for (const o of a.registry.orgs) {
    if (!o.name.includes(' ') || /\b(?:Treaty|Accord|Agreement|Conference|Programme|Program|Convention|Initiative|Dam|Pipeline)\b/u.test(o.name)) continue;
    if (o.first < header.body.start || o.first >= header.body.end) continue;
    out.push(o.name);
  }
  const titleRe = /(?:[’']s)\s+(?:government|parliament|president|prime minister|foreign minister|interior minister|finance ministry|delegation|fleet|coast|capital|border|economy|territory|waters|(?:\p{Ll}+ )?minister|(?:\p{Ll}+ )?ministry)/iu;
  for (const place of a.registry.places) {
    if (!/^\p{Lu}\p{Ll}{2,}$/u.test(place) || isMonthOrDay(place)) continue;
    if (header.place && fold(place) === fold(header.place)) continue;
    const escaped = place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const asOwner = new RegExp(`\\b${escaped}${titleRe.source}`, 'iu').test(body);
    const asSubjectFr = new RegExp(`(?:^|[.!?]\\s+|,\\s+)(?:la|le|l[’'])\\s*${escaped}(?:,\\s+[^,]{3,80},)?\\s+(?:a|avait|est|sera|doit|refuse|juge|estime|affirme|accepte|entend|menace|propose|veut)\\b`, 'imu').test(body);
    const asSubject = asSubjectFr || new RegExp(`(?:^|[.!?]\\s+|,\\s+and\\s+|\\bwhile\\s+)${escaped}(?:,\\s+[^,]{3,80},)?\\s+(?:has|have|had|is|was|will|would|says|said|warned|accused|agreed|wants|plans|rejected|cut|spent|confirmed|asked|launched|denies|made)\\b`, 'mu').test(body);
    if (asOwner || asSubject) out.push(place);
  }
  return out;
}

/** An English month or weekday name: a date, not a place. */
const isMonthOrDay = (word: string) => MONTHS_EN.includes(word.toLowerCase()) || WEEKDAYS_EN.includes(word.toLowerCase());

export function slug(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

function uniqueId(base: string, taken: readonly string[]): string {
  const b = /^[a-z0-9]/.test(base) ? base : `x-${base}`;
  if (!taken.includes(b)) return b;
  for (let i = 2; ; i++) if (!taken.includes(`${b}-${i}`)) return `${b}-${i}`;
}

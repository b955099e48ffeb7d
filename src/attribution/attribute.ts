import type { Attribution, AttributedQuote, Person, QuoteSpan } from './types.js';
import { findQuotes } from './quotes.js';
import { frame, fold, indexOfWord, isCapitalised, stripPossessive, type Frame, type Token } from './text.js';
import { bodyFor, buildRegistry, splitName, personByMention, descriptorEnding, roleFromDescriptor, demonymToPlace, type Registry } from './people.js';
import {
  ANONYMITY_MARKERS,
  ANONYMOUS_NOUNS,
  DETERMINERS,
  MONTHS,
  ORG_NOUNS,
  PRONOUNS,
  ROLE_HEADS,
  ROLE_SYNONYMS,
  SPEECH_PARTICIPLES_EN,
  SPEECH_PARTICIPLES_FR,
  SPEECH_PRESENT_FR,
  SPEECH_VERBS_EN,
  TITLE_WORDS,
  WEEKDAYS,
} from './lexicon.js';

/**
 * Attribution: for each quoted passage, the subject of the said-clause that governs it. The
 * rules read the sentence around the quote (with every quote blanked out): a said-clause right
 * after it (", X said"), else the last speech verb before it (X said that "…"). The subject is
 * then resolved: a name or surname, a descriptor ("the NATO chief") to the person whose role
 * fits, a pronoun to the last subject of the same gender, an unnamed source to its first
 * description, an organisation's short name to its full one. A quote with no said-clause takes
 * the speaker of the quote it continues (split quotes, a quote run on into the next paragraph).
 * When the rules are unsure they say so (low confidence or `unknown`): a wrong speaker is
 * worse than a question.
 */

export interface Analysis {
  text: string;
  frame: Frame;
  registry: Registry;
  quotes: AttributedQuote[];
}

/** Finds every quote of an article and who said it. */
export function attributeAll(text: string): AttributedQuote[] {
  return analyse(text).quotes;
}

/** Who the article says said the quoted passage `span` (from `findQuotes(text)`). */
export function attribute(text: string, span: Pick<QuoteSpan, 'start' | 'end'>): Attribution {
  const found = analyse(text).quotes.find((q) => q.span.start <= span.start && span.end <= q.span.end + 1);
  return found?.attribution ?? { kind: 'unknown', confidence: 0 };
}

let cache: { text: string; analysis: Analysis } | undefined;

export function analyse(text: string): Analysis {
  if (cache?.text === text) return cache.analysis;
  const spans = findQuotes(text);
  const f = frame(text, spans);
  frenchForms = f.language === 'fr';
  const registry = buildRegistry(f);
  const ctx = new Context(f, registry, spans);
  const quotes = spans.filter((s) => s.role === 'quote').map((span) => ({ span, attribution: ctx.attributeSpan(span) }));
  const analysis = { text, frame: f, registry, quotes };
  cache = { text, analysis };
  return analysis;
}

type Ref =
  | { kind: 'person'; person: Person; confidence: number; descriptor?: string }
  | { kind: 'statement'; actor: string; confidence: number }
  | { kind: 'anonymous'; descriptor: string; plural: boolean; actor?: string; confidence: number };

interface Verb {
  /** Index in the sentence's tokens of the verb (the auxiliary for French compound forms). */
  at: number;
  /** Index just past the verb. */
  after: number;
  participle: boolean;
  /** Subject carried in the verb itself: "a-t-elle ajouté", "dit-il". */
  pronoun?: string;
}

/** What of an organisation speaks for it: "the council's secretariat said", "the bank's report says". */
const BODY_PARTS = /^(?:secretariat|office|board|report|study|statement|communiqué|management|leadership|presidency|delegation|administration|staff)$/;

const COORDINATORS = new Set(['and', 'but', 'et', 'mais', 'then', 'puis']);
const RELATIVES = new Set(['who', 'which', 'whose', 'whom', 'where', 'qui', 'que', 'dont', 'où', 'lequel', 'laquelle']);
const STOP_BEFORE = new Set([
  'that', 'than', 'because', 'when', 'while', 'if', 'as', 'although', 'though', 'whereas', 'after', 'before', 'since', 'until',
  'que', "qu'", 'quand', 'si', 'lorsque', 'parce', 'car', 'comme', 'pendant', 'avant', 'après',
]);
const PREPOSITIONS = new Set([
  'in', 'on', 'at', 'by', 'with', 'to', 'from', 'for', 'into', 'about', 'over', 'under', 'between', 'against', 'among', 'without', 'within',
  'dans', 'par', 'avec', 'pour', 'à', 'en', 'sur', 'sous', 'chez', 'entre', 'contre', 'vers', 'selon', 'au', 'aux',
]);
const TRAILING_ADVERBS = new Set([
  'also', 'meanwhile', 'then', 'later', 'again', 'however', 'too', 'separately', 'privately', 'publicly', 'earlier', 'once', 'further',
  'has', 'have', 'had', 'was', 'were', 'is', 'are', 'will', 'would', 'had', 'subsequently', 'repeatedly', 'previously', 'already',
  'aussi', 'toutefois', 'également', 'déjà', 'encore', 'ensuite', 'enfin', 'cependant', 'pourtant', 'néanmoins', 'lui-même', 'elle-même',
]);
const COMPLEMENT_AFTER = new Set([
  'that', 'had', 'has', 'have', 'was', 'were', 'would', 'will', 'could', 'should', 'might', 'it', 'he', 'she', 'they', 'we', 'its', 'his',
  'her', 'their', 'there', 'this', 'these', 'que', "qu'", 'the', 'a', 'an',
]);

class Context {
  private readonly done = new Map<QuoteSpan, Attribution>();
  /** Resolved grammatical subject of each sentence, for pronouns. */
  private readonly subjects = new Map<number, Ref | null>();
  /** Sentences whose subject is a person the rules cannot name: a pronoun does not look past them. */
  private readonly blocked = new Set<number>();

  constructor(
    readonly f: Frame,
    readonly reg: Registry,
    readonly spans: readonly QuoteSpan[],
  ) {}

  attributeSpan(span: QuoteSpan): Attribution {
    const cached = this.done.get(span);
    if (cached) return cached;
    const result = this.decide(span);
    this.done.set(span, result);
    return result;
  }

  private quoteToken(span: QuoteSpan): Token | undefined {
    return this.f.tokens.find((t) => t.quote && t.start === span.open);
  }

  private decide(span: QuoteSpan): Attribution {
    const qt = this.quoteToken(span);
    if (!qt) return { kind: 'unknown', confidence: 0 };
    const sentence = this.f.sentences[qt.sentence]!;
    const toks = sentence.tokens;
    const qi = toks.indexOf(qt);
    const nextQ = toks.findIndex((t, i) => i > qi && t.quote);
    const prevQ = toks.findLastIndex((t, i) => i < qi && t.quote);
    // 1. A said-clause right after the quote: "…," X said / said X / a déclaré X.
    const after = toks.slice(qi + 1, nextQ < 0 ? toks.length : nextQ);
    const fromAfter = this.saidClauseAfter(after, qt.sentence, span);
    if (fromAfter) return this.toAttribution(fromAfter, span);
    // 2. The last speech verb before it in the same sentence.
    const before = toks.slice(prevQ + 1, qi);
    const fromBefore = this.saidClauseBefore(toks, prevQ + 1, qi, qt.sentence);
    if (fromBefore === 'inherit' || (fromBefore === undefined && prevQ >= 0 && !hasVerb(before))) {
      const prev = this.previousQuote(span, 'sentence');
      if (prev) return this.inherit(prev, 0.95);
    } else if (fromBefore) return this.toAttribution(fromBefore, span);
    // 3. No said-clause: the quote continues the one before it in the paragraph, or the one
    //    the previous paragraph left open.
    if (span.continues) {
      const prev = this.previousQuote(span, 'any');
      if (prev) return this.inherit(prev, 0.9);
    }
    if (!hasVerb(before) && !hasVerb(after)) {
      const prev = this.previousQuote(span, 'paragraph');
      if (prev && !this.verbBetween(prev, span)) return this.inherit(prev, 0.9);
    }
    return { kind: 'unknown', confidence: 0 };
  }

  private inherit(prev: QuoteSpan, factor: number): Attribution {
    const a = this.attributeSpan(prev);
    return a.kind === 'unknown' ? a : { ...a, confidence: Math.round(a.confidence * factor * 100) / 100 };
  }

  private previousQuote(span: QuoteSpan, scope: 'sentence' | 'paragraph' | 'any'): QuoteSpan | undefined {
    const i = this.spans.indexOf(span);
    for (let k = i - 1; k >= 0; k--) {
      const s = this.spans[k]!;
      if (s.role !== 'quote') continue;
      if (scope === 'any') return s;
      if (s.paragraph !== span.paragraph) return undefined;
      if (scope === 'paragraph') return s;
      const a = this.quoteToken(s);
      const b = this.quoteToken(span);
      return a && b && a.sentence === b.sentence ? s : undefined;
    }
    return undefined;
  }

  /** Whether a speech verb stands between two quotes (then the later one has its own speaker). */
  private verbBetween(a: QuoteSpan, b: QuoteSpan): boolean {
    const ta = this.quoteToken(a);
    const tb = this.quoteToken(b);
    if (!ta || !tb) return true;
    const between = this.f.tokens.slice(this.f.tokens.indexOf(ta) + 1, this.f.tokens.indexOf(tb));
    // The said-clause of the earlier quote itself does not count.
    const firstVerb = findVerbs(between)[0];
    if (!firstVerb) return false;
    const rest = between.slice(firstVerb.after);
    const sentenceBreak = between.findIndex((t) => t.sentence !== ta.sentence);
    return findVerbs(rest).length > 0 || (sentenceBreak >= 0 && sentenceBreak < firstVerb.at);
  }

  private saidClauseAfter(after: Token[], si: number, span?: QuoteSpan): Ref | undefined {
    if (!after.length) return undefined;
    // A said-clause follows a quote that ends with a comma, ? or ! ("…," she said) or is set off
    // by one (« … », a-t-il dit); a quote followed straight by words is part of the sentence.
    const closing = span ? this.f.text.slice(span.end, span.close >= 0 ? span.close + 1 : span.end) : ',';
    if (!/[,?!]/.test(closing) && !/^[,—–]$/.test(after[0]!.text)) return this.selon(after, si);
    const verbs = findVerbs(after);
    const v = verbs[0];
    if (!v || v.at > 14) {
      const sel = this.selon(after, si);
      return sel;
    }
    const subjectToks = after.slice(0, v.at).filter((t) => t.text !== ',' || after.indexOf(t) > 0);
    const lead = subjectToks[0]?.text === ',' ? subjectToks.slice(1) : subjectToks;
    if (v.pronoun) return this.resolvePronoun(v.pronoun, si, lead.length ? lead[0]!.start : after[v.at]!.start);
    const next = after[v.after];
    if (lead.length === 0 || (lead.length === 1 && lead[0]!.text === ',')) {
      // Inverted: "said X", "a déclaré mardi le ministre …, Hugo Delmas-Okafor,".
      return this.subjectAfterVerb(after.slice(v.after), si);
    }
    if (next && COMPLEMENT_AFTER.has(next.lower) && !(next.lower === 'the' && after[v.at]!.lower === 'told')) return undefined;
    if (next?.lower === 'the' && after[v.at]!.lower === 'told' && after.slice(v.after, v.after + 8).some((t) => t.lower === 'that')) return undefined;
    if (lead.some((t) => t.lower === 'that' || t.lower === 'que' || STOP_BEFORE.has(t.lower) || COORDINATORS.has(t.lower))) return undefined;
    return this.subjectBefore(lead, si);
  }

  private selon(toks: Token[], si: number): Ref | undefined {
    const i = toks.findIndex((t, k) => t.lower === 'selon' || (t.lower === 'according' && toks[k + 1]?.lower === 'to'));
    if (i < 0) return undefined;
    const start = toks[i]!.lower === 'according' ? i + 2 : i + 1;
    const rest = toks.slice(start);
    const end = rest.findIndex((t) => /^[,;:—–()]$/.test(t.text));
    const np = end < 0 ? rest : rest.slice(0, end);
    if (!np.length || np.length > 12) return undefined;
    return this.resolveNP(np, si);
  }

  private saidClauseBefore(toks: Token[], from: number, to: number, si: number): Ref | 'inherit' | undefined {
    const seg = toks.slice(from, to);
    const sel = this.selon(seg, si);
    if (sel) return sel;
    const verbs = findVerbs(seg);
    const v = verbs.at(-1);
    if (!v) return undefined;
    const at = from + v.at;
    if (v.pronoun) return this.resolvePronoun(v.pronoun, si, toks[at]!.start);
    const prev = toks[at - 1];
    const coordinated = prev && COORDINATORS.has(prev.lower);
    if (v.participle || coordinated) {
      // The main clause's subject: the verb before this one in the sentence.
      const earlier = findVerbs(toks.slice(0, at - (coordinated ? 1 : 0))).filter((e) => !e.participle);
      const e = earlier.at(-1);
      if (!e) return 'inherit';
      const quoteBetween = toks.slice(e.after, at).some((t) => t.quote);
      if (quoteBetween) {
        // "…," X said, adding that "…": the earlier said-clause belongs to the earlier quote.
        return 'inherit';
      }
      // "Parliament approved …, but the president vetoed it, saying …": the participle belongs
      // to the clause it ends, whose subject is not the speech verb's.
      const clause = this.clauseSubject(toks, e.after, at - (coordinated ? 1 : 0), si);
      if (clause !== 'none') return clause;
      return this.subjectOf(toks, e, si);
    }
    return this.subjectOf(toks, { ...v, at, after: from + v.after }, si);
  }

  /**
   * The subject of a clause that a coordinator opens between `from` and `to` (", but the
   * president vetoed it"): 'none' when there is no such clause, undefined when its subject is
   * not one the rules can name.
   */
  private clauseSubject(toks: Token[], from: number, to: number, si: number): Ref | undefined | 'none' {
    let k = -1;
    for (let i = to - 1; i > from; i--) {
      if ((toks[i - 1]!.text === ',' || toks[i - 1]!.text === ';') && COORDINATORS.has(toks[i]!.lower)) {
        k = i + 1;
        break;
      }
      if (toks[i]!.text === ';') {
        k = i + 1;
        break;
      }
    }
    if (k < 0) return 'none';
    let end = k;
    while (end < to && end - k < 6 && !isVerbLike(toks[end]!) && !(end > k && /^\p{Ll}+ed$/u.test(toks[end]!.text)) && !/^[,;:]$/.test(toks[end]!.text)) end++;
    const np = toks.slice(k, end);
    if (!np.length || end === to) return undefined;
    return this.resolveNP(stripTrailing(np), si);
  }

  private subjectOf(toks: Token[], v: Verb, si: number): Ref | undefined {
    if (v.pronoun) return this.resolvePronoun(v.pronoun, si, toks[v.at]!.start);
    // The subject lies between the last quote (or sentence start) and the verb.
    const lastQ = toks.findLastIndex((t, i) => i < v.at && t.quote);
    const region = toks.slice(lastQ + 1, v.at);
    return this.subjectBefore(region, si);
  }

  /** The subject a clause ends with, read backwards from the verb. */
  subjectBefore(region: Token[], si: number, allowPreposition = false): Ref | undefined {
    let ts = stripTrailing(region);
    if (!ts.length) return undefined;
    // An unnamed source: "A senior Solvaine official who asked not to be named".
    const anon = this.anonymousAt(ts, si);
    if (anon) return anon;
    const last = ts.at(-1)!;
    if (RELATIVES.has(last.lower)) {
      ts = ts.slice(0, -1);
      if (ts.at(-1)?.text === ',') ts = ts.slice(0, -1);
      return this.subjectBefore(ts, si, true);
    }
    if (/^[,—–)]$/.test(last.text)) {
      const closer = last.text;
      const opener = closer === ')' ? '(' : closer === ',' ? ',' : null;
      let k = ts.length - 2;
      while (k >= 0 && !(opener ? ts[k]!.text === opener : /^[—–]$/.test(ts[k]!.text))) k--;
      const paren = ts.slice(k + 1, -1);
      const beforeParen = k >= 0 ? ts.slice(0, k) : [];
      if (paren.length && RELATIVES.has(paren[0]!.lower)) return this.subjectBefore(beforeParen, si);
      const parenRef = paren.length ? this.nameIn(paren) : undefined;
      const beforeRef = beforeParen.length ? this.subjectBefore(beforeParen, si) : undefined;
      // "its chief executive, Mikkel Strand,": the name the appositive gives is whom the descriptor means.
      if (parenRef && (!beforeRef || beforeRef.kind !== 'person' || beforeRef.descriptor)) return parenRef;
      if (beforeRef) return beforeRef;
      if (k < 0 && paren.length) return this.resolveNP(trailingNP(paren, allowPreposition) ?? [], si);
      return undefined;
    }
    const np = trailingNP(ts, allowPreposition);
    return np ? this.resolveNP(np, si) : undefined;
  }

  /** "Ambassador Odile Brenner-Sato" inside an appositive: a person, when it names one. */
  private nameIn(ts: Token[]): Ref | undefined {
    const runs = ts.filter((t) => isCapitalised(t));
    if (!runs.length) return undefined;
    const { name } = splitName(ts.slice(ts.findIndex((t) => isCapitalised(t))));
    if (!name.length) return undefined;
    const words = name.map((t) => t.text).join(' ');
    const p = personByMention(this.reg.people, words);
    return p ? { kind: 'person', person: p, confidence: 0.9 } : undefined;
  }

  private subjectAfterVerb(rest: Token[], si: number): Ref | undefined {
    let ts = rest;
    // Skip "mardi", "on Tuesday", "jeudi dernier".
    while (ts.length && (WEEKDAYS.has(ts[0]!.lower) || ts[0]!.lower === 'dernier' || (ts[0]!.lower === 'on' && WEEKDAYS.has(ts[1]?.lower ?? '')))) ts = ts.slice(ts[0]!.lower === 'on' ? 2 : 1);
    const stop = ts.findIndex((t) => /^[;:—–()]$/.test(t.text) || PREPOSITIONS.has(t.lower) || STOP_BEFORE.has(t.lower) || t.lower === 'lors');
    const head = stop < 0 ? ts : ts.slice(0, stop);
    const anon = this.anonymousAt(head, si);
    if (anon && anon.kind === 'anonymous') {
      const marked = ANONYMITY_MARKERS.test(this.f.text.slice(ts[0]!.start, ts.at(-1)!.end));
      return { ...anon, confidence: marked ? 0.9 : anon.confidence };
    }
    const parts: Token[][] = [[]];
    for (const t of head) {
      if (t.text === ',') parts.push([]);
      else parts.at(-1)!.push(t);
    }
    const first = parts[0]!;
    if (!first.length) return undefined;
    const second = parts[1];
    const secondRef = second?.length ? this.nameIn(second) : undefined;
    const firstRef = this.resolveNP(first, si);
    if (secondRef && (!firstRef || firstRef.kind !== 'person')) return secondRef;
    return firstRef;
  }

  private anonymousAt(ts: Token[], si: number): Ref | undefined {
    // From the clause start: determiner or number, up to four modifiers, an anonymous noun.
    const starts = [0, ...ts.map((t, i) => (t.text === ',' ? i + 1 : -1)).filter((i) => i > 0)];
    for (const s of starts) {
      const head = ts.slice(s);
      const first = head[0]?.lower ?? '';
      const oneOf = first === 'one' && head[1]?.lower === 'of';
      const indefinite = /^(?:a|an|one|two|three|four|five|several|some|un|une|deux|trois|quatre|plusieurs|certains)$/.test(first);
      if (oneOf && /^(?:them|those|these|eux|elles)$/.test(head[2]?.lower ?? '')) {
        const group = this.pluralSubjectBefore(si);
        if (group) return { kind: 'anonymous', descriptor: `one of ${group.descriptor}`, plural: false, confidence: 0.85, ...(group.actor ? { actor: group.actor } : {}) };
        return undefined;
      }
      if (!indefinite && !oneOf) continue;
      const nounAt = head.findIndex((t, i) => i > 0 && i <= 6 && ANONYMOUS_NOUNS.has(t.lower));
      if (nounAt < 0) continue;
      if (head.slice(1, nounAt).some((t) => /^[,;:]$/.test(t.text))) continue;
      // After a comma it may be an appositive ("Ann Lee, a former minister,"): only a marked one counts.
      if (s > 0 && !ANONYMITY_MARKERS.test(this.f.text.slice(head[0]!.start, head.at(-1)!.end))) continue;
      // A named person right after ("a senior official, Jane Doe,") is not anonymous.
      if (head.slice(nounAt + 1, nounAt + 3).some((t) => isCapitalised(t) && personByMention(this.reg.people, t.text))) continue;
      const descriptor = this.f.text.slice(head[0]!.start, head.at(-1)!.end).replace(/\s+/g, ' ');
      const marked = ANONYMITY_MARKERS.test(descriptor);
      const plural = /s$/.test(head[nounAt]!.lower) && !oneOf && !/^(?:a|an|one|un|une)$/.test(first);
      const actor = this.actorInDescriptor(head.slice(1, nounAt + 4));
      return {
        kind: 'anonymous',
        descriptor: lowerFirst(descriptor),
        plural,
        confidence: marked ? 0.9 : 0.75,
        ...(actor ? { actor } : {}),
      };
    }
    return undefined;
  }

  private actorInDescriptor(ts: Token[]): string | undefined {
    for (const t of ts) {
      if (!isCapitalised(t) && !(this.f.language === 'fr' && /^\p{Ll}+(?:ais|aise|ien|ienne|ois|oise|an|ane)s?$/u.test(t.text))) continue;
      const word = stripPossessive(t.text);
      const org = this.orgByWord(word);
      if (org) return org;
      const place = demonymToPlace(this.f, word, true) ?? (this.reg.places.has(word) ? word : undefined);
      if (place) return place;
    }
    return undefined;
  }

  /** The plural subject of the previous sentences: "Two diplomats familiar with the talks". */
  private pluralSubjectBefore(si: number): { descriptor: string; actor?: string } | undefined {
    for (let k = si; k >= Math.max(0, si - 2); k--) {
      const toks = this.f.sentences[k]!.tokens;
      const v = findVerbs(toks)[0];
      if (!v) continue;
      const region = toks.slice(0, v.at);
      const a = this.anonymousAt(stripTrailing(region), k);
      if (a && a.kind === 'anonymous' && a.plural) return { descriptor: a.descriptor, ...(a.actor ? { actor: a.actor } : {}) };
    }
    return undefined;
  }

  resolveNP(np: Token[], si: number): Ref | undefined {
    if (!np.length) return undefined;
    const words = np.map((t) => t.text);
    const lower = np.map((t) => t.lower);
    if (np.length === 1 && PRONOUNS[lower[0]!]) return this.resolvePronoun(lower[0]!, si, np[0]!.start);
    // Definite reference to an unnamed source met earlier: "the official said".
    if ((lower[0] === 'the' || lower[0] === 'le' || lower[0] === "l'" || lower[0] === 'la') && np.length <= 3 && ANONYMOUS_NOUNS.has(lower.at(-1)!) && !ROLE_HEADS.has(lower.at(-1)!)) {
      return this.earlierAnonymous(si);
    }
    if ((lower[0] === 'the' || lower[0] === 'le' || lower[0] === "l'") && np.length <= 3 && /^(?:official|observer|delegate|diplomat|source|responsable|diplomate)$/.test(lower.at(-1)!)) {
      return this.earlierAnonymous(si);
    }
    // A person by full name or surname (particles included: "von der Leyen said"), possibly behind a title.
    const whole = personByMention(this.reg.people, this.f.text.slice(np[0]!.start, np.at(-1)!.end));
    if (whole) return { kind: 'person', person: whole, confidence: 0.95 };
    const caps = np.filter((t) => isCapitalised(t));
    if (caps.length) {
      const { prefix, name } = splitName(np.slice(np.findIndex((t) => isCapitalised(t))));
      const nameWords = name.map((t) => t.text).join(' ');
      const p = nameWords ? personByMention(this.reg.people, nameWords) : undefined;
      if (p) return { kind: 'person', person: p, confidence: 0.95 };
      // A name the registry did not take, with a title before it: still a person.
      if (name.length >= 2 && prefix.some((t) => TITLE_WORDS.has(t.text))) {
        const person: Person = { name: nameWords, surname: name.slice(1).map((t) => t.text).join(' '), first: name[0]!.start, role: prefix.map((t) => t.text).join(' ') };
        this.reg.people.push(person);
        return { kind: 'person', person, confidence: 0.8 };
      }
    }
    // "Estmark's parliament", "Ostrenia's foreign ministry": the state.
    const owner = np.findIndex((t) => /[’']s$/.test(t.text));
    if (
      owner >= 0 &&
      owner === np.length - 2 - Math.min(2, Math.max(0, np.length - owner - 2)) &&
      np.slice(owner + 1, -1).every((t) => /^\p{Ll}+$/u.test(t.text)) &&
      /^(?:government|parliament|cabinet|ministry|delegation|legislature|administration|authorities|presidency|embassy|mission)$/.test(lower.at(-1)!) &&
      np.slice(0, owner + 1).every((t) => isCapitalised(t) || /^(?:the|of)$/.test(t.lower))
    ) {
      const who = stripPossessive(this.f.text.slice(np[owner === 0 || !DETERMINERS.has(lower[0]!) ? 0 : 1]!.start, np[owner]!.end));
      if (!personByMention(this.reg.people, who) && !this.sharedSurname(who)) {
        const actor = this.orgByWord(who) ?? (this.reg.orgs.find((o) => fold(o.name) === fold(who))?.name ?? who);
        return { kind: 'statement', actor, confidence: 0.75 };
      }
    }
    // "the council's secretariat", "the bank's board": the organisation the common noun stands for.
    if (owner >= 0 && owner <= 1 && owner < np.length - 1 && (owner === 0 || DETERMINERS.has(lower[0]!)) && BODY_PARTS.test(lower.at(-1)!)) {
      const body = bodyFor(this.reg.orgs, stripPossessive(words[owner]!), np[0]!.start);
      if (body && /^\p{Ll}/u.test(words[owner]!)) return { kind: 'statement', actor: body, confidence: 0.75 };
    }
    // An organisation by its name or a short form: "The Commission", "L'Alliance".
    const org = this.orgIn(np);
    if (org) return { kind: 'statement', actor: org, confidence: 0.85 };
    // "Halcyon Orbital said in a statement": a company or body the registry did not know.
    if (np.length >= 2 && np.length <= 5 && !DETERMINERS.has(lower[0]!) && np.every((t) => isCapitalised(t) || /^(?:of|for|de|du|des|d')$/.test(t.lower)) && !np.some((t) => TITLE_WORDS.has(t.text))) {
      const name = this.f.text.slice(np[0]!.start, np.at(-1)!.end);
      const clause = this.f.masked.slice(np.at(-1)!.end, np.at(-1)!.end + 240);
      if (/^[^.\u2063]*\b(?:statement|communiqué|press release|news release)\b/i.test(clause)) return { kind: 'statement', actor: name, confidence: 0.8 };
      const { name: nameToks } = splitName(np);
      if (nameToks.length === np.length && np.length <= 3) {
        const person: Person = { name, surname: np.slice(1).map((t) => t.text).join(' '), first: np[0]!.start };
        // Below check's decisive 0.5: a name with no role beside it could be a company.
        return { kind: 'person', person, confidence: 0.45 };
      }
    }
    // A descriptor: "the NATO chief", "The minister", "la Première ministre".
    const headAt = np.findLastIndex((t) => ROLE_HEADS.has(t.lower) || ROLE_HEADS.has(t.lower.replace(/s$/, '')));
    const det = DETERMINERS.has(lower[0]!) || /[’']s$/.test(words[0]!);
    if (headAt >= 0 && det && !/s$/.test(lower[headAt]!)) return this.resolveDescriptor(np, si);
    if (headAt >= 0 && /s$/.test(lower[headAt]!) && !ROLE_HEADS.has(lower[headAt]!)) return undefined;
    // A state or place speaking: "Estmark warned", "Karesk juge".
    if (np.length === 1 && isCapitalised(np[0]) && !MONTHS.has(lower[0]!) && !WEEKDAYS.has(lower[0]!)) {
      const word = stripPossessive(words[0]!);
      if (this.sharedSurname(word)) return undefined;
      const p = personByMention(this.reg.people, word);
      if (p) return { kind: 'person', person: p, confidence: 0.9 };
      if (this.f.language === 'en' && this.unknownSurname(word)) return undefined;
      // French names states with an article ("la Sérandie"): a bare name is a city or capital.
      const bare = this.f.language === 'fr';
      return { kind: 'statement', actor: this.orgByWord(word) ?? word, confidence: bare ? 0.4 : 0.7 };
    }
    if (np.length === 2 && DETERMINERS.has(lower[0]!) && isCapitalised(np[1]) && this.f.language === 'fr') {
      return { kind: 'statement', actor: this.orgByWord(stripPossessive(words[1]!)) ?? stripPossessive(words[1]!), confidence: 0.75 };
    }
    return undefined;
  }

  /** Whether a clause holds a personal name (two capitalised words, no title or organisation noun) the registry does not know. */
  private namesSomeone(region: readonly Token[]): boolean {
    for (let i = 0; i + 1 < region.length; i++) {
      const pair = [region[i]!, region[i + 1]!];
      if (!pair.every((t) => isCapitalised(t) && /^\p{Lu}\p{Ll}/u.test(t.text) && !TITLE_WORDS.has(t.text) && !ORG_NOUNS.has(stripPossessive(t.text)))) continue;
      if (DETERMINERS.has(pair[0]!.lower) || PREPOSITIONS.has(pair[0]!.lower) || /[’']s$/.test(pair[0]!.text)) continue;
      if (!personByMention(this.reg.people, pair.map((t) => t.text).join(' ')) && !this.orgByWord(pair[1]!.text) && !this.reg.places.has(pair[0]!.text)) return true;
    }
    return false;
  }

  /** A surname that the article writes after a first name ("Tomas Beran") but that the registry lacks: a person, not a place. */
  private unknownSurname(word: string): boolean {
    const re = new RegExp(`(?<![\\p{L}])(\\p{Lu}\\p{Ll}+)(?:\\s+\\p{Lu}\\.)?\\s+${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
    for (const m of this.f.masked.matchAll(re)) {
      const first = m[1]!;
      if (DETERMINERS.has(first.toLowerCase()) || PREPOSITIONS.has(first.toLowerCase()) || COORDINATORS.has(first.toLowerCase())) continue;
      if (TITLE_WORDS.has(first) || ORG_NOUNS.has(first) || MONTHS.has(first.toLowerCase()) || WEEKDAYS.has(first.toLowerCase()) || this.reg.places.has(first)) continue;
      return true;
    }
    return false;
  }

  /** A surname more than one person of the article bears: it names no one for sure. */
  private sharedSurname(word: string): boolean {
    return this.reg.people.filter((p) => fold(p.surname) === fold(word)).length > 1;
  }

  private orgIn(np: Token[]): string | undefined {
    const text = fold(this.f.text.slice(np[0]!.start, np.at(-1)!.end)).replace(/^(?:the|la|le|les|l')\s*/, '');
    const full = this.reg.orgs.find((o) => fold(o.name) === text || text.endsWith(fold(o.name)) && fold(o.name).includes(' '));
    if (full) return this.canonicalOrg(full.name, np[0]!.start);
    const capsOnly = np.filter((t) => isCapitalised(t));
    if (capsOnly.length === 1 && np.length <= 2 && ORG_NOUNS.has(capsOnly[0]!.text)) return this.orgByWord(capsOnly[0]!.text, np[0]!.start);
    if (np.length <= 3 && ORG_NOUNS.has(capitalise(np.at(-1)!.text)) && DETERMINERS.has(np[0]!.lower)) {
      return this.orgByWord(capitalise(np.at(-1)!.text), np[0]!.start);
    }
    return undefined;
  }

  /** The full name an organisation's short form stands for: the latest longer name holding that word. */
  orgByWord(word: string, before = Infinity): string | undefined {
    const w = fold(word);
    const matches = this.reg.orgs.filter((o) => o.first < before && o.name.includes(' ') && fold(o.name).split(/[\s’']+/).includes(w));
    const exact = this.reg.orgs.find((o) => fold(o.name) === w && o.name.includes(' '));
    if (exact) return exact.name;
    if (!matches.length) return undefined;
    return matches.sort((a, b) => b.first - a.first)[0]!.name;
  }

  private canonicalOrg(name: string, at: number): string {
    if (name.includes(' ')) return name;
    return this.orgByWord(name, at) ?? name;
  }

  private earlierAnonymous(si: number): Ref | undefined {
    for (let k = si; k >= Math.max(0, si - 3); k--) {
      const toks = this.f.sentences[k]!.tokens;
      for (const v of findVerbs(toks)) {
        const region = toks.slice(0, v.at);
        const a = this.anonymousAt(stripTrailing(region), k);
        if (a && a.kind === 'anonymous' && !a.plural) return a;
      }
    }
    return undefined;
  }

  private resolveDescriptor(np: Token[], si: number): Ref | undefined {
    const desc = this.f.text.slice(np[0]!.start, np.at(-1)!.end);
    const { role, actor: said } = roleFromDescriptor(this.f, np);
    const actor = said ? (bodyFor(this.reg.orgs, said, np[0]!.start) ?? said) : undefined;
    const words = fold(role ?? '').split(/[\s-]+/).filter((w) => w && !DETERMINERS.has(w));
    const before = np[0]!.start;
    const candidates = this.reg.people.filter((p) => p.first < before && this.roleFits(p, desc, words, actor));
    if (!candidates.length) return undefined;
    // The one most recently in the news: the latest mention of each candidate.
    const last = (p: Person) => this.lastMention(p, before);
    candidates.sort((a, b) => last(b) - last(a));
    const confidence = candidates.length === 1 ? 0.85 : 0.7;
    return { kind: 'person', person: candidates[0]!, confidence, descriptor: desc };
  }

  private roleFits(p: Person, desc: string, words: string[], actor: string | undefined): boolean {
    const role = fold(`${p.role ?? ''}`);
    if (!role) return false;
    const haystack = `${role} ${fold(p.actor ?? '')}`;
    for (const [pattern, target] of ROLE_SYNONYMS) {
      if (pattern.test(desc) && target.test(role)) {
        if (pattern.source.includes('chief') && actor && !haystack.includes(fold(actor))) return false;
        return true;
      }
    }
    if (actor && !haystack.includes(fold(actor))) return false;
    return words.length > 0 && words.every((w) => haystack.split(/[\s-]+/).some((r) => r === w || r.startsWith(w.slice(0, 5))));
  }

  private lastMention(p: Person, before: number): number {
    let at = p.first;
    const text = this.f.masked.slice(0, before);
    // Successive matches do not overlap, as a global regex's would not.
    for (let m = indexOfWord(text, p.surname); m >= 0; m = indexOfWord(text, p.surname, m + Math.max(1, p.surname.length))) at = Math.max(at, m);
    // A pronoun or descriptor that was resolved to them counts as a mention.
    for (const [span, a] of this.done) if (a.kind === 'person' && a.name === p.name && span.open < before) at = Math.max(at, span.open);
    return at;
  }

  resolvePronoun(pronoun: string, si: number, at: number): Ref | undefined {
    const info = PRONOUNS[pronoun];
    if (!info) return undefined;
    // The subject of an earlier clause in the same sentence, then of earlier sentences.
    const here = this.sentenceSubject(si, at);
    const fits = (r: Ref | null | undefined): r is Ref =>
      !!r &&
      ((r.kind === 'person' && info.person && (!info.gender || !r.person.gender || r.person.gender === info.gender)) ||
        (r.kind === 'statement' && info.org) ||
        // "Un diplomate européen … estime que … « … », a-t-il confié": the unnamed source.
        (r.kind === 'anonymous' && info.person && !r.plural));
    if (fits(here)) return { ...here, confidence: Math.min(here.confidence, 0.85) };
    const para = this.f.sentences[si]!.paragraph;
    for (let k = si - 1; k >= Math.max(0, si - 4); k--) {
      const r = this.sentenceSubject(k, Infinity);
      if (!r && this.blocked.has(k)) return undefined;
      if (fits(r)) {
        const far = para - this.f.sentences[k]!.paragraph > 1;
        const known = r.kind === 'person' && r.person.gender === info.gender;
        return { ...r, confidence: Math.min(r.confidence, far ? 0.6 : known ? 0.85 : 0.75) };
      }
    }
    return undefined;
  }

  /** The grammatical subject of a sentence's first clause (before `until`). */
  private sentenceSubject(si: number, until: number): Ref | null | undefined {
    if (until === Infinity && this.subjects.has(si)) return this.subjects.get(si);
    const toks = this.f.sentences[si]!.tokens.filter((t) => t.start < until);
    let found: Ref | undefined;
    // A quote's speaker is the subject of its sentence.
    const q = this.spans.find((s) => s.role === 'quote' && this.quoteToken(s)?.sentence === si && s.open < until && this.done.has(s));
    if (q) {
      const a = this.done.get(q)!;
      if (a.kind === 'person') {
        const p = this.reg.people.find((x) => x.name === a.name);
        if (p) found = { kind: 'person', person: p, confidence: a.confidence };
      } else if (a.kind === 'statement' && a.actor) found = { kind: 'statement', actor: a.actor, confidence: a.confidence };
    }
    if (!found) {
      const verbs = findVerbs(toks);
      for (const v of verbs) {
        if (v.pronoun) continue;
        const lastQ = toks.findLastIndex((t, i) => i < v.at && t.quote);
        const region = toks.slice(lastQ + 1, v.at);
        const r = region.length && !PRONOUNS[stripTrailing(region).at(-1)?.lower ?? ''] ? this.subjectBefore(region, si) : undefined;
        if (r) {
          found = r;
          break;
        }
        if (!r && this.namesSomeone(region)) {
          // "Her counterpart, Marta Lindqvist, said": someone the rules cannot place is the
          // subject; a later "she" is not the woman named before her.
          this.blocked.add(si);
          break;
        }
        if (region.length && PRONOUNS[stripTrailing(region).at(-1)?.lower ?? ''] && si > 0 && until === Infinity) {
          const r2 = this.resolvePronoun(stripTrailing(region).at(-1)!.lower, si, region[0]!.start);
          if (r2) {
            found = r2;
            break;
          }
        }
      }
    }
    if (!found) {
      // No speech verb: the first name or organisation that is not after a preposition.
      const firstVerb = toks.findIndex((t, i) => isVerbLike(t) || /^(?:a|ont)$/.test(t.lower) || (i > 0 && /^\p{Ll}+ed$/u.test(t.text)) || findVerbs([t]).length > 0);
      for (let i = 0; i < (firstVerb < 0 ? Math.min(toks.length, 6) : firstVerb); i++) {
        const t = toks[i]!;
        if (!isCapitalised(t) || (i > 0 && PREPOSITIONS.has(toks[i - 1]!.lower))) continue;
        let j = i;
        while (j < toks.length && j - i < 4 && isCapitalised(toks[j])) j++;
        const run = toks.slice(i, j).map((x) => stripPossessive(x.text));
        const p = personByMention(this.reg.people, run.join(' ')) ?? personByMention(this.reg.people, t.text);
        if (!p && (run.some((w) => this.sharedSurname(w)) || this.namesSomeone(toks.slice(i, j)))) {
          // "Varga rejected …" with two Vargas: a person is the subject, but not one the rules can name.
          this.blocked.add(si);
          break;
        }
        if (p) {
          found = { kind: 'person', person: p, confidence: 0.8 };
          break;
        }
        const o = this.orgByWord(stripPossessive(t.text));
        if (o && i < 4) {
          found = { kind: 'statement', actor: o, confidence: 0.7 };
          break;
        }
        if (i < 3 && this.reg.places.has(stripPossessive(t.text)) && !/[’']s$/.test(t.text)) {
          found = { kind: 'statement', actor: stripPossessive(t.text), confidence: 0.6 };
          break;
        }
      }
    }
    if (until === Infinity) this.subjects.set(si, found ?? null);
    return found;
  }

  private toAttribution(ref: Ref, span: QuoteSpan): Attribution {
    void span;
    if (ref.kind === 'person') {
      const p = ref.person;
      return {
        kind: 'person',
        name: p.name,
        ...(p.role ? { role: p.role } : {}),
        ...(p.actor ? { actor: this.canonicalActor(p.actor, p.first) } : {}),
        ...(ref.descriptor ? { descriptor: ref.descriptor } : {}),
        confidence: ref.confidence,
      };
    }
    if (ref.kind === 'statement') return { kind: 'statement', actor: ref.actor, confidence: ref.confidence };
    return { kind: 'anonymous', descriptor: ref.descriptor, ...(ref.actor ? { actor: ref.actor } : {}), confidence: ref.confidence };
  }

  private canonicalActor(actor: string, at: number): string {
    if (actor.includes(' ')) return this.reg.orgs.find((o) => fold(o.name) === fold(actor))?.name ?? actor;
    return this.orgByWord(actor, at + 1) ?? this.orgByWord(actor) ?? actor;
  }
}

function hasVerb(ts: Token[]): boolean {
  return findVerbs(ts).length > 0;
}

/**
 * Whether French verb forms count, set from the article's language by `analyse`: in English,
 * "tranche" or "note" is a noun, not "il tranche".
 */
let frenchForms = true;

/** Speech verbs in a token list, French compound forms included. */
export function findVerbs(ts: readonly Token[]): Verb[] {
  const out: Verb[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.quote) continue;
    const w = t.lower;
    // "a-t-elle ajouté", "ajoute-t-il", "dit-il"
    const inv = frenchForms ? /^(?:a|ont|avait)-t-(il|elle|ils|elles|on)$/.exec(w) : null;
    if (inv && SPEECH_PARTICIPLES_FR.has(ts[i + 1]?.lower ?? '')) {
      out.push({ at: i, after: i + 2, participle: false, pronoun: inv[1]! });
      i++;
      continue;
    }
    const inv2 = frenchForms ? /^([\p{L}]+)(?:-t)?-(il|elle|ils|elles)$/u.exec(w) : null;
    if (inv2 && (SPEECH_PRESENT_FR.has(inv2[1]!) || SPEECH_PARTICIPLES_FR.has(inv2[1]!))) {
      out.push({ at: i, after: i + 1, participle: false, pronoun: inv2[2]! });
      continue;
    }
    if (frenchForms && SPEECH_PARTICIPLES_FR.has(w)) {
      // Needs an auxiliary just before (adverbs allowed between): "a toutefois reconnu".
      let k = i - 1;
      while (k >= 0 && TRAILING_ADVERBS.has(ts[k]!.lower)) k--;
      if (k >= 0 && /^(?:a|ont|avait|avaient|aurait|auraient)$/.test(ts[k]!.lower)) {
        out.push({ at: k, after: i + 1, participle: false });
        continue;
      }
      if (k >= 0 && ts[k]!.lower === 'en') continue;
    }
    if (frenchForms && SPEECH_PRESENT_FR.has(w) && i > 0 && !DETERMINERS.has(ts[i - 1]!.lower) && !/^(?:de|du|des|d'|en|à)$/.test(ts[i - 1]!.lower)) {
      if (w !== 'dit' || /^(?:il|elle|on|qui)$/.test(ts[i - 1]!.lower) || isCapitalised(ts[i - 1])) {
        out.push({ at: i, after: i + 1, participle: false });
        continue;
      }
    }
    if (SPEECH_VERBS_EN.has(w)) {
      const prev = ts[i - 1]?.lower ?? '';
      // "who asked not to be named" describes a source; it is not a said-clause.
      if (ts[i + 1]?.lower === 'not' && ts[i + 2]?.lower === 'to') continue;
      if (DETERMINERS.has(prev) || /^(?:to|be|been|being)$/.test(prev)) continue;
      out.push({ at: i, after: i + 1, participle: false });
      continue;
    }
    // "X put it more bluntly:" / "as X put it".
    if (w === 'put' && ts[i + 1]?.lower === 'it' && i > 0) {
      out.push({ at: i, after: i + 2, participle: false });
      i++;
      continue;
    }
    if (SPEECH_PARTICIPLES_EN.has(w) && i > 0 && ts[i - 1]!.text === ',') {
      out.push({ at: i, after: i + 1, participle: true });
      continue;
    }
    if (frenchForms && (w === 'ajoutant' || w === 'estimant' || w === 'soulignant' || w === 'affirmant')) out.push({ at: i, after: i + 1, participle: true });
  }
  return out;
}

function stripTrailing(ts: readonly Token[]): Token[] {
  let out = [...ts];
  for (;;) {
    const last = out.at(-1);
    if (!last) return out;
    const l = last.lower;
    if (TRAILING_ADVERBS.has(l)) {
      out = out.slice(0, -1);
      continue;
    }
    // "for her part", "pour sa part", "pour l'instant"
    if (out.length >= 3 && /^(?:part)$/.test(l) && /^(?:for|pour)$/.test(out.at(-3)!.lower)) {
      out = out.slice(0, -3);
      continue;
    }
    if (out.length >= 3 && l === 'instant' && out.at(-3)!.lower === 'pour') {
      out = out.slice(0, -3);
      continue;
    }
    // "on Monday", "late on Monday", "mardi", "jeudi dernier", "in April"
    if (WEEKDAYS.has(l) || MONTHS.has(l) || /^\d{1,4}$/.test(l)) {
      let k = out.length - 1;
      while (k > 0 && /^(?:on|in|late|early|last|this|next|le|la|lundi|\d{1,4})$/.test(out[k - 1]!.lower)) k--;
      out = out.slice(0, k);
      continue;
    }
    if (l === 'dernier' && WEEKDAYS.has(out.at(-2)?.lower ?? '')) {
      out = out.slice(0, -2);
      continue;
    }
    return out;
  }
}

/** The noun phrase a token list ends with, or undefined when it sits after a preposition. */
function trailingNP(ts: readonly Token[], allowPreposition: boolean): Token[] | undefined {
  let k = ts.length;
  while (k > 0) {
    const t = ts[k - 1]!;
    if (/^[,;:—–()]$/.test(t.text) || t.quote) break;
    if (STOP_BEFORE.has(t.lower) || COORDINATORS.has(t.lower) || RELATIVES.has(t.lower)) break;
    if (PREPOSITIONS.has(t.lower) && !(/^(?:of|de|du|des|d')$/.test(t.lower))) {
      if (!allowPreposition) return k === ts.length ? undefined : startsWithCapitalOrDet(ts.slice(k)) && k > 0 && /^(?:by)$/.test(t.lower) ? undefined : undefined;
      break;
    }
    if (isVerbLike(t)) break;
    k--;
    // "the head of the mission", "la Commission du bassin de la Tessaure": of/de keep the phrase going.
    if (DETERMINERS.has(t.lower) && !(k > 0 && /^(?:of|de|d')$/.test(ts[k - 1]!.lower))) break;
    if (ts.length - k > 10) break;
  }
  const np = ts.slice(k);
  // Drop a leading "of …" remnant.
  return np.length ? np : undefined;
}

const startsWithCapitalOrDet = (ts: readonly Token[]): boolean => isCapitalised(ts[0]) || DETERMINERS.has(ts[0]?.lower ?? '');

/** Words that end a subject when read backwards: finite verbs other than speech verbs. */
function isVerbLike(t: Token): boolean {
  return /^(?:is|are|was|were|has|have|had|be|been|will|would|can|could|may|might|must|shall|should|does|did|do|est|sont|était|a|ont|sera|seront|led|met|made|took|gave|said|told)$/.test(t.lower) && t.lower !== 'a';
}

/** "A senior official …" → "a senior official …" (only a leading article or number word). */
const lowerFirst = (s: string): string =>
  /^(?:A|An|One|Two|Three|Four|Five|Several|Some|Un|Une|Deux|Trois|Quatre|Plusieurs|Certains)\b/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

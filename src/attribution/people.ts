import type { Organisation, Person } from './types.js';
import type { Frame, Token } from './text.js';
import { fold, indexOfWord, isCapitalised, stripPossessive } from './text.js';
import { NAME_PARTICLES, ORG_NOUNS, ROLE_HEADS, TITLE_WORDS, DETERMINERS } from './lexicon.js';

/**
 * Who and what the article names: people (a name with a role beside it) and organisations
 * (a capitalised run holding an organisation noun), each with what the article says of them.
 */

export interface Registry {
  people: Person[];
  orgs: Organisation[];
  /** Capitalised single words used as names of places or states (Estmark, Russia). */
  places: Set<string>;
}

const LEADING_FUNCTION = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'after', 'before', 'but', 'and', 'as', 'while', 'although', 'if', 'when', 'since', 'according', 'under', 'during',
  'le', 'la', 'les', "l'", 'un', 'une', 'selon', 'pour', 'dans', 'après', 'avant', 'depuis', 'en', 'à', 'au', 'aux', 'sur', 'par', 'avec', 'mais', 'et', 'lors', 'chez', 'entre',
]);
const RUN_LINKS = new Set(['of', 'for', 'de', 'du', 'des', "d'", 'la', 'le', "l'"]);

export interface Run {
  tokens: Token[];
  start: number;
  end: number;
}

/** Maximal runs of capitalised words, allowing "of", "de la", particles inside them. */
export function capitalisedRuns(tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isCapitalised(tokens[i]) || tokens[i]!.quote) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (isCapitalised(tokens[j]) && !tokens[j]!.quote) {
        j++;
        continue;
      }
      // Links and particles continue a run only when a capitalised word follows them.
      let k = j;
      while (k < tokens.length && (RUN_LINKS.has(tokens[k]!.lower) || NAME_PARTICLES.has(tokens[k]!.lower)) && k - j < 3) k++;
      if (k > j && isCapitalised(tokens[k]) && tokens[k]!.start - tokens[j - 1]!.end < 40) {
        j = k + 1;
        continue;
      }
      break;
    }
    let a = i;
    while (a < j && LEADING_FUNCTION.has(tokens[a]!.lower)) a++;
    if (a < j) runs.push({ tokens: tokens.slice(a, j), start: tokens[a]!.start, end: tokens[j - 1]!.end });
    i = j;
  }
  return runs;
}

const isNameToken = (t: Token): boolean =>
  isCapitalised(t) &&
  !/[’']s?$/.test(t.text) &&
  !TITLE_WORDS.has(t.text) &&
  !ORG_NOUNS.has(t.text) &&
  !/^\p{Lu}[\p{Lu}.]+$/u.test(t.text) &&
  !/\d/.test(t.text);

const isPossessiveName = (t: Token): boolean => /^\p{Lu}[\p{L}-]+[’']s$/u.test(t.text) && !TITLE_WORDS.has(stripPossessive(t.text)) && !ORG_NOUNS.has(stripPossessive(t.text));

/** Splits "NATO Secretary-General Jens Stoltenberg" into its prefix and the name at its end. */
export function splitName(run: readonly Token[]): { prefix: Token[]; name: Token[] } {
  let k = run.length;
  while (k > 0) {
    const t = run[k - 1]!;
    // "Finance Minister Petra Lusk's former deputy": the name owns what follows.
    if (isNameToken(t) || (k === run.length && k > 1 && isPossessiveName(t))) k--;
    else if (NAME_PARTICLES.has(t.lower) && k < run.length && k - 1 > 0 && (isNameToken(run[k - 2]!) || NAME_PARTICLES.has(run[k - 2]!.lower))) k--;
    else break;
  }
  return { prefix: run.slice(0, k), name: run.slice(k) };
}

/** Mr, Ms, Dr… say how to address someone, not what they do. */
const HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Sir', 'Dame', 'Lord', 'Lady', 'M', 'Mme', 'Mlle', 'Pr', 'Prof', 'Professor']);
const ROLE_WORD = (t: Token) => (ROLE_HEADS.has(t.lower) || TITLE_WORDS.has(t.text)) && !HONORIFICS.has(t.text);

export function buildRegistry(f: Frame): Registry {
  const people: Person[] = [];
  const orgs: Organisation[] = [];
  const places = new Set<string>();
  for (const s of f.sentences) {
    if (isHeadline(f, s)) continue;
    for (const run of capitalisedRuns(s.tokens)) {
      let toks = run.tokens;
      // "the Civic Renewal party": a name followed by a lower-case organisation noun.
      const next = s.tokens[s.tokens.indexOf(toks.at(-1)!) + 1];
      if (next && /^(?:party|movement|group|bloc|alliance|coalition|council|commission|union|league|front|agency|company|parti|mouvement|groupe|coalition)$/.test(next.text)) {
        if (!orgs.some((o) => o.name === f.text.slice(run.start, run.end))) orgs.push({ name: f.text.slice(run.start, run.end), first: run.start });
        continue;
      }
      let { prefix, name } = splitName(toks);
      // "Ann Lee of Norland": the name stands before the link word.
      const link = toks.findLastIndex((t) => RUN_LINKS.has(t.lower));
      if (name.length < 2 && link > 1 && !toks.some((t) => ORG_NOUNS.has(t.text))) {
        const head = splitName(toks.slice(0, link));
        if (head.name.length >= 2) {
          toks = toks.slice(0, link);
          ({ prefix, name } = head);
        }
      }
      const isOrg = toks.some((t) => ORG_NOUNS.has(stripPossessive(t.text)));
      if (isOrg && !(name.length >= 2 && prefix.some(ROLE_WORD))) {
        addOrg(orgs, toks, f);
        continue;
      }
      // After "de", "of", "the" a capitalised run is a department, a place or a title, not a new person.
      const prev = s.tokens[s.tokens.indexOf(toks[0]!) - 1];
      const governed = !!prev && /^(?:de|du|des|d'|l'|of|the)$/.test(prev.lower) && prefix.length === 0;
      if (name.length >= 2 && name.length <= 5 && !governed) {
        const before = s.tokens.slice(Math.max(0, s.tokens.indexOf(toks[0]!) - 10), s.tokens.indexOf(toks[0]!));
        const after = s.tokens.slice(s.tokens.indexOf(toks.at(-1)!) + 1, s.tokens.indexOf(toks.at(-1)!) + 30);
        const roleInPrefix = prefix.some(ROLE_WORD);
        // A descriptor right before it ("Solvaine's fisheries minister, Teodor …"), not any role word nearby.
        const roleBefore = descriptorEnding(before.at(-1)?.text === ',' ? before.slice(0, -1) : before).length > 0 || bareRoleBefore(before).length > 0;
        const roleAfter = after[0]?.text === ',' && (after.slice(1).some((t) => ROLE_WORD(t)) || HEADS_VERB.test(after.slice(1, 3).map((t) => t.lower).join(' ')));
        // "Amina Toure, who grows rice …": "who" says a person, where a company takes "which".
        const who = after[0]?.text === ',' && after[1]?.lower === 'who' && name.length >= 2 && name.length <= 3;
        if (!roleInPrefix && !roleBefore && !roleAfter && !who) continue;
        // The text's own spelling keeps an initial's full stop: "Joanna K. Mbeki-Strand".
        const full = stripPossessive(f.text.slice(name[0]!.start, name.at(-1)!.end).replace(/\s+/g, ' '));
        if (people.some((p) => p.name === full)) continue;
        const first = name[0]!;
        const surnameTokens = name.slice(1).filter((t, i, all) => !(i < all.length - 1 && /^\p{Lu}$/u.test(t.text)));
        const person: Person = { name: full, surname: stripPossessive(surnameTokens.map((t) => t.text).join(' ')), first: first.start };
        const role = describeRole(f, s.tokens, toks, prefix, before, after);
        Object.assign(person, role);
        // "the Forum, whose secretary-general, Tomas Beran,": the organisation just named.
        const whose = before.findLastIndex((t) => t.lower === 'whose');
        if (!person.actor && whose > 0 && before.length - whose <= 5) {
          const owner = orgs.filter((o) => o.first < before[whose]!.start && o.first >= s.start).at(-1);
          if (owner) person.actor = owner.name;
        }
        // "The World Food Agency warned … Its regional director, Hélène Osei,": the organisation
        // last named, if it was named in this sentence or the one before.
        const its = before.findLastIndex((t) => t.lower === 'its');
        if (!person.actor && its >= 0 && before.length - its <= 5) {
          const at = before[its]!.start;
          const from = f.sentences[Math.max(0, s.tokens[0]!.sentence - 1)]!.start;
          const owner = orgs
            .map((o) => ({ o, last: f.masked.lastIndexOf(o.name, at) }))
            .filter((x) => x.last >= from && /\s/.test(x.o.name))
            .sort((a, b) => b.last - a.last)[0];
          if (owner) person.actor = owner.o.name;
        }
        people.push(person);
      } else if (toks.length === 1 && !TITLE_WORDS.has(toks[0]!.text) && s.tokens.indexOf(toks[0]!) > 0) {
        places.add(stripPossessive(toks[0]!.text));
      } else if (toks.length >= 1 && /^\p{Lu}[\p{Lu}.]{1,6}$/u.test(toks[0]!.text) && toks.length === 1) {
        places.add(toks[0]!.text);
      }
    }
  }
  // Possessives name states and organisations: "Dunmere's fleet", "Aurenne’s delegation".
  for (const t of f.tokens) if (/^\p{Lu}\p{Ll}+[’']s$/u.test(t.text)) places.add(stripPossessive(t.text));
  for (const p of people) {
    // "Mr. Sandvik's deputy": the actor is the other person's.
    const boss = p.actor ? people.find((o) => o !== p && (o.surname === p.actor!.replace(/^(?:Mr|Mrs|Ms|Dr|M|Mme)\.?\s+/, '') || o.name === p.actor)) : undefined;
    if (boss) {
      if (boss.actor) p.actor = boss.actor;
      else delete p.actor;
    }
    // "the bloc's top diplomat", "the company's spokeswoman": the organisation last named before.
    if (p.actor) p.actor = bodyFor(orgs, p.actor, p.first) ?? p.actor;
    // "Her Ostmark counterpart": a place's name opens the role.
    const placed = /^(\p{Lu}\p{Ll}+)\s+(\p{Ll}.+)$/u.exec(p.role ?? '');
    if (!p.actor && placed && (places.has(placed[1]!) || orgs.some((o) => o.name === placed[1]))) {
      p.actor = placed[1]!;
      p.role = placed[2]!;
    }
    // "A fund spokeswoman, Mara Jovic": the body's noun opens the role.
    const opener = /^(\p{Ll}+)\s+(.+)$/u.exec(p.role ?? '');
    if (!p.actor && opener) {
      const body = bodyFor(orgs, opener[1]!, p.first);
      if (body) {
        p.actor = body;
        p.role = opener[2]!;
      }
    }
    // "the Union's foreign policy chief": the organisation's full name.
    // Only a short form (an organisation noun) or a state's own name ("Kovask" for "Kovask Federation").
    if (p.actor && !/\s/.test(p.actor)) {
      const word = fold(p.actor);
      const shortForm = ORG_NOUNS.has(p.actor.charAt(0).toUpperCase() + p.actor.slice(1));
      const stateOf = (o: Organisation) => new RegExp(`^${escape(p.actor!)}\\s+(?:Federation|Republic|Kingdom|Emirates|Confederation|Union)$`, 'u').test(o.name);
      const org = orgs
        .filter((o) => (shortForm ? o.first <= p.first && /\s/.test(o.name) && fold(o.name).split(/[\s’']+/).includes(word) : stateOf(o)))
        .sort((a, b) => b.first - a.first)[0];
      if (org) p.actor = org.name;
    }
    p.gender = guessGender(f, p, people);
    for (const w of p.name.split(' ')) places.delete(w);
  }
  return { people, orgs, places };
}

/** A headline or a title-case line: capitalised words there say nothing about who is who. */
function isHeadline(f: Frame, s: { start: number; end: number; tokens: Token[]; paragraph: number }): boolean {
  const words = s.tokens.filter((t) => /^\p{L}/u.test(t.text) && t.text.length > 3);
  return words.length > 2 && words.filter((t) => isCapitalised(t)).length / words.length > 0.7 && !/[.!?]$/.test(f.masked.slice(s.start, s.end).trim());
}

function addOrg(orgs: Organisation[], toks: Token[], f: Frame): void {
  let list = toks;
  // French names continue in lower case: "Commission du bassin de la Tessaure", "Alliance des États riverains".
  const last = list.at(-1)!;
  const sentence = f.sentences[last.sentence]!.tokens;
  let k = sentence.indexOf(last) + 1;
  if (f.language === 'fr') {
    const extra: Token[] = [];
    while (k < sentence.length && extra.length < 6) {
      const t = sentence[k]!;
      if (/^[,;:—–()]$/.test(t.text) || t.quote) break;
      const particle = (x: Token | undefined) => !!x && ['de', 'du', 'des', "d'", 'la', "l'"].includes(x.lower);
      const afterParticle = particle(extra.at(-1));
      // After de/du/des any word belongs to the name ("du bassin"); otherwise only particles,
      // capitalised words and adjectives ("régionale", "riverains").
      if (particle(t) || afterParticle || /^(?:\p{Lu}|\p{Ll}+(?:ain|ains|aine|aines|al|aux|ale|ales|ique|iques|aire|aires|ional|ionale|ien|ienne|iens|iennes|in|ins|ine|ines|el|els|elle|elles|if|ifs|ive|ives)$)/u.test(t.text)) {
        extra.push(t);
        k++;
        continue;
      }
      break;
    }
    while (extra.length && ['de', 'du', 'des', "d'", 'la', "l'"].includes(extra.at(-1)!.lower)) extra.pop();
    list = [...list, ...extra];
  }
  const start = list[0]!.start;
  const end = list.at(-1)!.end;
  // An article is a word of its own ("The Labour Court" → "Labour Court"); only L’ joins the next.
  let name = f.text.slice(start, end).replace(/^(?:(?:The|La|Le|Les)\s+|L[’']\s*)/u, '');
  name = stripPossessive(name);
  if (/[’']s$/.test(f.text.slice(start, end))) name = stripPossessive(name);
  if (!orgs.some((o) => o.name === name)) orgs.push({ name, first: start });
}

function describeRole(
  f: Frame,
  sentence: readonly Token[],
  run: readonly Token[],
  prefix: readonly Token[],
  before: readonly Token[],
  after: readonly Token[],
): Partial<Person> {
  const out: Partial<Person> = {};
  const words = (ts: readonly Token[]) => (ts.length ? f.text.slice(ts[0]!.start, ts.at(-1)!.end) : '');
  if (prefix.some(ROLE_WORD)) {
    const firstRole = prefix.findIndex((t) => TITLE_WORDS.has(t.text) && !HONORIFICS.has(t.text));
    const lead = prefix.slice(0, Math.max(0, firstRole));
    out.role = words(prefix.slice(Math.max(0, firstRole)));
    if (lead.length) out.actor = stripPossessive(words(lead));
  }
  // "Solvaine's fisheries minister, Teodor Vasquez-Lindgren," / "le ministre sérandais de l’Agriculture, Karim …"
  const comma = before.at(-1)?.text === ',';
  const desc = comma ? descriptorEnding(before.slice(0, -1)) : descriptorEnding(before);
  // A title alone ("Ambassador") says less than the descriptor before it ("Aurenne's chief negotiator").
  const honorific = out.role !== undefined && prefix.filter(ROLE_WORD).length === 1 && prefix.length === 1;
  if ((!out.role || honorific) && desc.length) {
    const { role, actor } = roleFromDescriptor(f, desc);
    const former = desc.some((t) => /^(?:former|ancien|ancienne|ex)$/i.test(t.lower));
    if (role && former) {
      out.formerRole = role;
      // "Son envoyé spécial, l’ancien Premier ministre …": the current role stands before.
      const at = before.length - (comma ? 1 : 0) - desc.length;
      if (before[at - 1]?.text === ',') {
        const current = descriptorEnding(before.slice(0, at - 1));
        const r = current.length ? roleFromDescriptor(f, current) : {};
        if (r.role) out.role = r.role;
        else delete out.role;
      } else delete out.role;
    } else if (role) out.role = role;
    if (actor && !out.actor && !former) out.actor = actor;
  }
  // "opposition leader Miklos Varga": a lower-case title with no article.
  const bare = bareRoleBefore(before);
  if (!out.role && bare.length) {
    out.role = words(bare);
    // "UN special envoy", "Calvarian opposition leader": whom the role serves stands before it.
    const owner = before[before.length - bare.length - 1];
    if (owner && !out.actor && /^\p{Lu}/u.test(owner.text)) {
      const place = demonymToPlace(f, stripPossessive(owner.text), true);
      if (place) out.actor = place;
    }
  }
  if (after[0]?.text === ',') {
    const clause = after.slice(1);
    const end = clause.findIndex((t) => t.text === ',' || t.text === ';');
    const app = end < 0 ? clause : clause.slice(0, end);
    const text = words(app);
    const former = /\b(?:former|ex-|ancien|ancienne)\b/i.test(text);
    const now = /\b(?:who|qui) (?:is )?now (?:the )?(.*)$/i.exec(text) ?? /\bnow (?:the )?(.*)$/i.exec(text);
    if (now) {
      const current = now[1]!.replace(/^(?:chairs|heads|directs|leads|runs)\b/i, (v) => ({ chairs: 'chair of', heads: 'head of', directs: 'director of', leads: 'leader of', runs: 'head of' })[v.toLowerCase()] ?? v);
      const split = /^(.*?)\s+of\s+(?:the\s+)?(.*)$/i.exec(current);
      if (split) {
        out.role = split[1]!;
        out.actor = stripPossessive(split[2]!);
      } else {
        const poss = /^(.*?)[’']s?\s+(.*)$/.exec(current);
        out.role = poss ? poss[2]! : current;
        if (poss) out.actor = poss[1]!;
      }
      out.formerRole = text.replace(/^(?:a|an)\s+/i, '').replace(/\s+(?:who|qui)\b.*$/i, '');
    } else if (!out.role && HEADS_VERB.test(app.slice(0, 2).map((t) => t.lower).join(' '))) {
      const rest = words(app.slice(2)).replace(/^the\s+/i, '');
      const poss = /^(.*?)[’']s\s+(.*)$/.exec(rest);
      // "who chaired the talks for the Polar Shipping Council": chair, of the council.
      const forOrg = /^(.*?)\s+(?:for|of)\s+(?:the\s+)?(\p{Lu}.*)$/u.exec(rest);
      const noun = /^ch/.test(app[1]!.lower) ? 'chair' : /^dir/.test(app[1]!.lower) ? 'director' : 'head';
      out.role = `${noun} of ${poss ? poss[2]! : forOrg ? forOrg[1]! : rest}`;
      if (poss) out.actor = poss[1]!;
      else if (forOrg) out.actor = forOrg[2]!;
    } else if (!out.role && app.some(ROLE_WORD)) {
      const cleaned = text.replace(/^(?:a|an|the)\s+/i, '');
      const split = /^(.*?)\s+of\s+(?:the\s+)?(.*)$/i.exec(cleaned);
      // "said Irena Kovac, Pellia's trade minister,": the owner before the role.
      const owned = /^(\p{Lu}[\p{L}\s-]*?)[’']s\s+(\p{Ll}.*)$/u.exec(cleaned);
      if (former) out.formerRole = cleaned;
      else if (split) {
        out.role = split[1]!;
        out.actor = stripPossessive(split[2]!);
      } else if (owned) {
        out.role = owned[2]!;
        out.actor = owned[1]!;
      } else out.role = cleaned;
    }
  }
  // "Civic Renewal's legal team is led by Per Lindqvist-Amani": head of that team.
  {
    const led = /(?:^|[.,;]\s*)(?:[Tt]he\s+)?(?:([\p{Lu}][\p{L}\s-]*?)[’']s\s+)?([\p{Ll}][\p{Ll}\s-]{2,40}?)\s+(?:is|was|are|were|will be)\s+(?:led|headed|chaired|run)\s+by\s*$/u.exec(words(before));
    if (led) {
      out.role ??= `head of ${led[2]}`;
      if (led[1] && !out.actor) out.actor = led[1];
    }
  }
  if (out.actor) out.actor = demonymToPlace(f, out.actor);
  void sentence;
  void run;
  return out;
}

/** Common nouns an article uses for an organisation it has named: "the bloc", "the company". */
const GENERIC_BODIES = /^(?:bloc|company|firm|group|grouping|alliance|organi[sz]ation|body|fund|bank|agency|coalition|consortium|institute|association|union|federation|council|commission|ministry|court)$/i;

/** The organisation a common noun ("bloc") stands for at `before`: the last named one, preferring one whose name holds the noun. */
export function bodyFor(orgs: readonly Organisation[], noun: string, before: number): string | undefined {
  if (!GENERIC_BODIES.test(noun)) return undefined;
  const named = orgs.filter((o) => o.first < before && /\s/.test(o.name)).sort((a, b) => b.first - a.first);
  return (named.find((o) => fold(o.name).split(/\s+/).includes(fold(noun))) ?? named[0])?.name;
}

/** "Maja Lind, who leads the institute's energy programme,": a role given by a verb. */
const HEADS_VERB = /^who (?:leads|led|heads|headed|chairs|chaired|directs|directed|runs|ran)$/;

const BARE_ROLE_STOP = new Set([...LEADING_FUNCTION, 'that', 'who', 'which', 'said', 'says', 'told', 'of', 'to', 'is', 'was', 'and', 'or', 'former']);

/** Lower-case words ending in a role noun right before a name, with no article: "opposition leader". */
export function bareRoleBefore(ts: readonly Token[]): Token[] {
  if (!ts.length || !ROLE_HEADS.has(ts.at(-1)!.lower) || !/^\p{Ll}/u.test(ts.at(-1)!.text)) return [];
  let k = ts.length - 1;
  while (k > 0 && ts.length - k < 4 && /^\p{Ll}[\p{Ll}-]*$/u.test(ts[k - 1]!.text) && !BARE_ROLE_STOP.has(ts[k - 1]!.lower) && !DETERMINERS.has(ts[k - 1]!.lower)) k--;
  return ts.slice(k);
}

/** An article or possessive word; "UN" (upper case) is a name, not the French "un". */
const isDeterminer = (t: Token): boolean => DETERMINERS.has(t.lower) && !/^\p{Lu}{2,}$/u.test(t.text);

/** The determiner-led phrase a token list ends with: "the Union’s foreign policy chief". */
export function descriptorEnding(ts: readonly Token[]): Token[] {
  let k = ts.length;
  while (k > 0) {
    const t = ts[k - 1]!;
    if (/^[,;:—–()]$/.test(t.text) || t.quote) break;
    k--;
    // "des Affaires étrangères", "de l’Agriculture", "of the mission" continue the role; "le ministre" starts it.
    const linked = k > 0 && /^(?:of|for|de|d')$/.test(ts[k - 1]!.lower);
    if ((isDeterminer(t) && !/^(?:des|du|de|d')$/.test(t.lower) && !linked) || /^(?:its|his|her|their|whose|son|sa|ses)$/i.test(t.lower)) break;
    if (/[’']s$/.test(t.text) && /^\p{Lu}/u.test(t.text) && (k === 0 || !isCapitalised(ts[k - 1]))) break;
  }
  const out = ts.slice(k);
  // A descriptor starts with a determiner or a possessive ("the …", "Solvaine's …", "l’ancien …").
  const first = out[0];
  const poss = out.findIndex((t) => /[’']s$/.test(t.text));
  const starts =
    !!first &&
    (isDeterminer(first) || /^(?:its|his|her|their|whose|son|sa|ses)$/i.test(first.lower) || (poss >= 0 && out.slice(0, poss + 1).every((t) => isCapitalised(t))));
  return starts && out.some(ROLE_WORD) ? out : [];
}

export function roleFromDescriptor(f: Frame, desc: readonly Token[]): { role?: string; actor?: string } {
  let ts = desc.filter(
    (t, i) =>
      (!isDeterminer(t) || (i > 0 && (/^(?:des|du)$/.test(t.lower) || /^(?:de|d'|of)$/.test(desc[i - 1]!.lower)))) &&
      !/^(?:former|ancien|ancienne|whose)$/i.test(t.lower),
  );
  let actor: string | undefined;
  const poss = ts.findIndex((t) => /[’']s$/.test(t.text));
  if (poss >= 0) {
    actor = stripPossessive(f.text.slice(ts[0]!.start, ts[poss]!.end));
    ts = ts.slice(poss + 1);
  }
  // French demonym adjective after the noun: "le ministre sérandais des Affaires étrangères".
  const kept: Token[] = [];
  for (const t of ts) {
    const place = /^\p{Ll}/u.test(t.text) && !ROLE_HEADS.has(t.lower) ? demonymToPlace(f, t.text, true) : undefined;
    if (place) actor ??= place;
    else kept.push(t);
  }
  // A leading demonym: "Valdorian energy minister".
  if (kept.length > 1 && !ROLE_WORD(kept[0]!)) {
    const place = demonymToPlace(f, kept[0]!.text, true);
    if (place) {
      actor ??= place;
      kept.shift();
    }
  }
  // "a spokesman for the association": the body's common noun, resolved by the registry.
  const forBody = kept.findLastIndex((t) => /^(?:of|for)$/.test(t.lower));
  if (forBody > 0 && !actor && kept.length === forBody + 2 && GENERIC_BODIES.test(kept[forBody + 1]!.text)) {
    actor = kept[forBody + 1]!.text;
    kept.length = forBody;
  }
  // "ambassadrice de Sérandie", "head of the Orbital Affairs Office": the actor after de / of.
  const link = kept.findLastIndex((t) => /^(?:of|de|d')$/.test(t.lower));
  if (link > 0 && !actor) {
    const tail = kept.slice(link + 1).filter((t) => !isDeterminer(t));
    const name = tail.map((t) => t.text).join(' ');
    if (tail.length && tail.every((t) => isCapitalised(t)) && f.masked.split(name).length > 2) {
      actor = name;
      kept.length = link;
    }
  }
  const role = kept.length ? kept.map((t) => t.text).join(' ').replace(/ ([’'])/g, '$1').replace(/([dl][’']) /g, '$1') : undefined;
  return { ...(role ? { role } : {}), ...(actor ? { actor: demonymToPlace(f, actor) } : {}) };
}

/**
 * "Russian" → "Russia", "sérandais" → "Sérandie", "U.S." → "United States": the capitalised
 * name in the article that shares the demonym's stem (or the initials of an acronym). Without one,
 * the word itself (or undefined when `strict`).
 */
export function demonymToPlace(f: Frame, word: string, strict = false): string | undefined {
  if (/\s/.test(word.trim())) return strict ? undefined : word;
  const known = FOLDED_DEMONYMS.get(fold(word));
  if (known) return known;
  const w = fold(word.replace(/[’']s$/, ''));
  const letters = w.replace(/\./g, '');
  if (/^[A-Z](?:\.?[A-Z])+\.?$/.test(word.replace(/[’']s$/, '')) && letters.length <= 4) {
    const re = new RegExp(`\\b${[...letters.toUpperCase()].map((c) => `${c}\\p{Ll}+`).join('\\s+')}\\b`, 'u');
    const m = re.exec(f.text);
    if (m) return m[0];
    return strict ? undefined : word;
  }
  if (w.length < 5) return strict ? undefined : word;
  // Only a word with a demonym's ending stands for another name: "Ardenne" is not "Arden".
  if (!DEMONYM_ENDING.test(w)) return strict ? undefined : word;
  const seen = new Set<string>();
  let same: string | undefined;
  for (const m of f.masked.matchAll(/(?<![\p{L}])\p{Lu}[\p{Ll}\p{M}]{3,}(?![\p{L}])/gu)) {
    const cand = m[0];
    if (seen.has(cand)) continue;
    seen.add(cand);
    const c = fold(cand);
    let common = 0;
    while (common < c.length && common < w.length && c[common] === w[common]) common++;
    // The name and the demonym share all but the name's last two letters, and at least four.
    if (c !== w && common >= Math.min(5, c.length) && common >= 4 && common >= c.length - 2 && c.length <= w.length + 1) return cand;
    if (c === w) same = cand;
  }
  return strict ? undefined : (same ?? word);
}

function guessGender(f: Frame, p: Person, others: readonly Person[]): 'm' | 'f' | undefined {
  let m = 0;
  let w = 0;
  for (const s of f.sentences) {
    // Most sentences do not name this person: a plain search rules them out before slicing.
    const hit = f.masked.indexOf(p.surname, s.start);
    if (hit < 0 || hit + p.surname.length > s.end) continue;
    const text = f.masked.slice(s.start, s.end);
    const at = indexOfWord(text, p.surname);
    if (at < 0) continue;
    // Only sentences about this person alone: a pronoun there can be theirs.
    if (others.some((o) => o !== p && text.includes(o.surname))) continue;
    const around = text.slice(Math.max(0, at - 40), at + 160);
    m += (around.match(/\b(?:he|his|him|himself|chairman|spokesman|Mr|M\.|il|le ministre|le président|ambassadeur|directeur)\b/g) ?? []).length;
    w += (around.match(/\b(?:she|her|hers|herself|chairwoman|spokeswoman|Mrs|Ms|Mme|elle|la ministre|la Première|la présidente|ambassadrice|directrice|cheffe)\b/g) ?? []).length;
  }
  if (m > w) return 'm';
  if (w > m) return 'f';
  return undefined;
}

const DEMONYM_ENDING = /(?:an|ian|ean|ese|ish|i|ic|ais|aise|ois|oise|ien|ienne|ain|aine|ote|iote|ois)s?$/;

/** Demonyms whose country name does not share their stem, or that articles use alone. */
const DEMONYMS: Record<string, string> = {
  german: 'Germany', british: 'United Kingdom', uk: 'United Kingdom', french: 'France', american: 'United States', 'u.s.': 'United States', us: 'United States',
  chinese: 'China', japanese: 'Japan', dutch: 'Netherlands', swiss: 'Switzerland', spanish: 'Spain', turkish: 'Turkey', polish: 'Poland',
  danish: 'Denmark', swedish: 'Sweden', finnish: 'Finland', irish: 'Ireland', greek: 'Greece', israeli: 'Israel', iraqi: 'Iraq',
  pakistani: 'Pakistan', afghan: 'Afghanistan', saudi: 'Saudi Arabia', emirati: 'United Arab Emirates', filipino: 'Philippines',
  allemand: 'Allemagne', allemande: 'Allemagne', britannique: 'Royaume-Uni', français: 'France', française: 'France', americain: 'États-Unis',
  américain: 'États-Unis', américaine: 'États-Unis', chinois: 'Chine', chinoise: 'Chine', espagnol: 'Espagne', espagnole: 'Espagne',
};

const FOLDED_DEMONYMS = new Map(Object.entries(DEMONYMS).map(([k, v]) => [fold(k), v]));

export const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds the person a name or surname mention refers to. */
export function personByMention(people: readonly Person[], words: string): Person | undefined {
  const w = fold(words);
  const full = people.find((p) => fold(p.name) === w);
  if (full) return full;
  // A surname two people share ("Varga" for two brothers) names neither of them for sure.
  const bySurname = people.filter((p) => fold(p.surname) === w || w.endsWith(' ' + fold(p.surname)));
  if (bySurname.length > 1 && !people.some((p) => w.endsWith(' ' + fold(p.name)))) return undefined;
  return (
    people.find((p) => fold(p.surname) === w) ??
    people.find((p) => w.endsWith(' ' + fold(p.name)) || w.endsWith(' ' + fold(p.surname)) || w === fold(p.surname))
  );
}

import { describe, expect, it } from 'vitest';
import { analyse, attribute, attributeAll, findQuotes, speakerMatches } from '../../src/attribution/index.js';

const who = (text: string) => attributeAll(text).map((q) => [q.span.text, q.attribution.kind === 'person' ? q.attribution.name : q.attribution.kind === 'statement' ? q.attribution.actor : q.attribution.kind === 'anonymous' ? `anon: ${q.attribution.descriptor}` : '?']);

describe('findQuotes', () => {
  it('finds curly, straight and French quotes, verbatim and without the closing comma', () => {
    const text = 'He said “we will go,” and "they will stay." Elle a dit « non ».';
    expect(findQuotes(text).map((q) => q.text)).toEqual(['we will go', 'they will stay', 'non']);
  });

  it('marks a quote left open at the end of a paragraph and the one that continues it', () => {
    const text = '“First part,” Ann Lee, the Foreign Minister, said. “Second part.\n\n“Third part.”';
    const q = findQuotes(text);
    expect(q.map((s) => [s.text, s.runsOn, s.continues])).toEqual([
      ['First part', false, false],
      ['Second part', true, false],
      ['Third part', false, true],
    ]);
  });

  it('tells titles and scare quotes from quotes', () => {
    const text = 'Speaking on the "Morning Hour" programme, Minister Ann Lee said the plan was "dead." The so-called "swap" deals grew.';
    expect(findQuotes(text).map((q) => [q.text, q.role])).toEqual([
      ['Morning Hour', 'title'],
      ['dead', 'quote'],
      ['swap', 'term'],
    ]);
  });

  it('splits a French incise inside one pair of guillemets', () => {
    const text = '« Nous accepterions, a confié un diplomate sous couvert d’anonymat. Mais pas plus. »';
    expect(findQuotes(text).map((q) => q.text)).toEqual(['Nous accepterions', 'Mais pas plus.'.replace(/\.$/, '')]);
  });
});

describe('attribute', () => {
  it('reads said-clauses after and before the quote, and a split quote takes the same speaker', () => {
    const text =
      'Foreign Minister Ann Lee-Smith of Norland met President Tom Berg on Monday.\n\n' +
      '“We will not move,” Lee-Smith said. “Not an inch.”\n\n' +
      'Berg said the talks were “over for now.”';
    expect(who(text)).toEqual([
      ['We will not move', 'Ann Lee-Smith'],
      ['Not an inch', 'Ann Lee-Smith'],
      ['over for now', 'Tom Berg'],
    ]);
  });

  it('resolves a pronoun to the last subject of that gender, not the last name mentioned', () => {
    const text =
      'Norland’s prime minister, Karl Dorn, said his government had met Interior Minister Piet Vaal on Monday.\n\n' +
      '“We were promised answers,” he said.';
    expect(who(text)).toEqual([['We were promised answers', 'Karl Dorn']]);
  });

  it('resolves a descriptor to the person whose role fits', () => {
    const text =
      'Alliance Secretary-General Jo Mertens said the alliance was ready. Defense Minister Ute Kamp agreed.\n\n' +
      '“We are not afraid,” the Alliance chief said.';
    const a = attribute(text, findQuotes(text)[0]!);
    expect(a.kind).toBe('person');
    expect(a.name).toBe('Jo Mertens');
  });

  it('credits an organisation, a bloc by its short name, and an anonymous source', () => {
    const text =
      'The Northern River Commission said in a statement that the river was “at risk.”\n\n' +
      'A senior official who asked not to be named said talks would go on. “Nobody wants a war,” the official said.\n\n' +
      'The Commission added that the flow was “falling fast.”';
    expect(who(text)).toEqual([
      ['at risk', 'Northern River Commission'],
      ['Nobody wants a war', 'anon: a senior official who asked not to be named'],
      ['falling fast', 'Northern River Commission'],
    ]);
  });

  it('reads French attribution: inverted subject, appositive name, -t-elle', () => {
    const text =
      '« Nous ne céderons pas », a déclaré mardi la ministre des Affaires étrangères, Claire Dumont-Rey, à Paris.\n\n' +
      '« Le dialogue reste ouvert », a-t-elle ajouté.';
    expect(who(text)).toEqual([
      ['Nous ne céderons pas', 'Claire Dumont-Rey'],
      ['Le dialogue reste ouvert', 'Claire Dumont-Rey'],
    ]);
  });

  it('reads past a programme title and a number with a thousands comma to the said-clause', () => {
    const text =
      'Borex Mining, whose 4,000 workers mine copper, said in a statement that the ban was "unlawful and late."\n\n' +
      'Norland’s energy minister, Piet Vaal, told the "Evening Hour" programme that prices would "settle by spring."';
    expect(who(text)).toEqual([
      ['unlawful and late', 'Borex Mining'],
      ['settle by spring', 'Piet Vaal'],
    ]);
  });

  it('reads "selon", a colon before the quote, and a department after "de" that is not a person', () => {
    const text =
      'Selon l’Agence du lac Miraval, le stock a baissé. L’Agence a appelé les deux pays à « revenir à la table ».\n\n' +
      'La ministre de l’Environnement de Caltor, Sara Lindqvist, a déclaré jeudi dernier : « Le lac ne peut plus attendre. »';
    expect(who(text)).toEqual([
      ['revenir à la table', 'Agence du lac Miraval'],
      ['Le lac ne peut plus attendre', 'Sara Lindqvist'],
    ]);
  });

  it('takes no said-clause from words that merely follow a quote, and no role from a title such as Ms', () => {
    const text =
      'Foreign Minister Tom Jones met Ms. Clara Diaz, the spokeswoman of the Energy Ministry, on Monday.\n\n' +
      'The Energy Ministry said it would "not tolerate" delays, while Jones warned of "serious consequences for everyone."';
    expect(who(text)).toEqual([
      ['not tolerate', 'Energy Ministry'],
      ['serious consequences for everyone', 'Tom Jones'],
    ]);
    expect(analyse(text).registry.people.find((p) => p.name === 'Clara Diaz')?.role).toBe('spokeswoman');
  });

  it('abstains when no said-clause names anyone', () => {
    const text = 'The law allows officials to close rooms "for reasons of public order and safety."';
    expect(attributeAll(text)[0]!.attribution.kind).toBe('unknown');
  });
});

describe('people', () => {
  it('reads roles from titles, descriptors, appositives and "led by", and the actor they serve', () => {
    const text =
      'OSTREL, May 14, 2030 — Norland’s Transport Minister Erik Sandvik met the Vesta Trade Council on Tuesday.\n\n' +
      'Mr. Sandvik’s deputy, Tor Haugen, said the plan was "almost ready for signature."\n\n' +
      'The Council’s delegation is led by Anna Lind, a former judge.\n\n' +
      '« Nous attendons », a déclaré le ministre vestan des Affaires étrangères, Marc Dupuis-Roy, mardi.';
    const people = Object.fromEntries(analyse(text).registry.people.map((p) => [p.name, [p.role, p.actor]]));
    expect(people).toMatchObject({
      'Erik Sandvik': ['Transport Minister', 'Norland'],
      'Tor Haugen': ['deputy', 'Norland'],
      'Anna Lind': ['head of delegation', 'Vesta Trade Council'],
      'Marc Dupuis-Roy': ['ministre des Affaires étrangères', 'Vesta'],
    });
  });
});

describe('speakerMatches', () => {
  it('says yes, no or unsure', () => {
    const a = { kind: 'person', name: 'Jens Stoltenberg', confidence: 0.9 } as const;
    expect(speakerMatches('Jens Stoltenberg', a)).toBe('yes');
    expect(speakerMatches('Mike Pompeo', a)).toBe('no');
    expect(speakerMatches('Mike Pompeo', { ...a, confidence: 0.3 })).toBe('unsure');
  });
});

import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFacts } from '../../src/facts/load.js';
import { verifyQuote } from '../../src/facts/quotes.js';
import { foldTypography, normaliseTypography } from '../../src/facts/typography.js';
import { SLIDES } from '../helpers.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';
const same = (a: string, b: string) => expect(normaliseTypography(a)).toBe(normaliseTypography(b));
const differ = (a: string, b: string) => expect(normaliseTypography(a)).not.toBe(normaliseTypography(b));
const found = (quote: string, source: string) => verifyQuote(quote, source).found;

describe('French', () => {
  const source =
    `«${NBSP}Ce barrage ne prend l\u2019eau de personne${NBSP}: il la fait travailler${NBSP}»,` +
    ` a répondu la Première ministre. Pourquoi attendre${NNBSP}? Le débit baisse de 35 à 40${NNBSP}% et le barrage produit 3${NNBSP}200 mégawatts${NNBSP}; c\u2019est tout.`;

  it('ignores the no-break spaces inside guillemets and before : ; ! ? %', () => {
    same(`«${NBSP}Nous${NBSP}»`, '"Nous"');
    same(`personne${NBSP}: il`, 'personne: il');
    same(`personne${NBSP}: il`, 'personne : il');
    same(`attendre${NNBSP}?`, 'attendre?');
    same(`vraiment${NNBSP}!`, 'vraiment !');
    same(`mégawatts${NNBSP}; c`, 'mégawatts; c');
    same(`40${NNBSP}%`, '40%');
  });

  it('equates typographic and typewriter apostrophes', () => {
    same('l\u2019eau', "l'eau");
    same('aujourd\u2019hui', 'aujourd\u02BChui');
  });

  it('ignores the space that groups thousands, whichever space it is', () => {
    same(`3${NNBSP}200 mégawatts`, '3200 mégawatts');
    same(`3${NNBSP}200 mégawatts`, '3 200 mégawatts');
    same(`1${NBSP}200${NBSP}000`, '1200000');
  });

  it('verifies a quote typed with plain spaces and straight apostrophes against the typeset article', () => {
    expect(found("Ce barrage ne prend l'eau de personne: il la fait travailler", source)).toBe(true);
    expect(found('Ce barrage ne prend l\u2019eau de personne : il la fait travailler', source)).toBe(true);
    expect(found('Pourquoi attendre?', source)).toBe(true);
    expect(found('de 35 à 40 % et le barrage produit 3200 mégawatts', source)).toBe(true);
  });

  it('stays strict on words, accents and numbers', () => {
    expect(found("Ce barrage prend l'eau de personne", source)).toBe(false);
    expect(found("Ce barrage ne prend l'eau de persone", source)).toBe(false);
    expect(found('La Premiere ministre', source)).toBe(false);
    expect(found('3 300 mégawatts', source)).toBe(false);
    expect(found('de 35 à 4 0 %', source)).toBe(false);
    differ('32 00', '3200');
  });
});

describe('the French example deck', () => {
  it('loads without a problem: every quote stands in the typeset French wire report', async () => {
    const loaded = await loadFacts(path.join(SLIDES, 'barrage-tessaure'));
    // loadFacts throws on any error, a misquote included; nor may a quote go unverified.
    expect(loaded.problems.filter((p) => /\.text$/.test(p.field))).toEqual([]);
    expect(loaded.facts.meta.language).toBe('fr');
    expect(loaded.facts.actors!.flatMap((a) => a.quotes ?? []).length).toBeGreaterThanOrEqual(8);
  });

  it('credits every quote as the report does: communiqués to their body, an unnamed official as such, with no warning', async () => {
    const loaded = await loadFacts(path.join(SLIDES, 'barrage-tessaure'));
    // No warning either: the attribution check credits every quote to whom the facts give it.
    expect(loaded.problems).toEqual([]);
    const quotes = loaded.facts.actors!.flatMap((a) => (a.quotes ?? []).map((q) => ({ actor: a.id, ...q })));
    expect(quotes.filter((q) => q.by !== undefined).map((q) => q.actor).sort()).toEqual(['alliance', 'commission']);
    expect(quotes.filter((q) => q.anonymous !== undefined).map((q) => q.actor)).toEqual(['serandie', 'serandie']);
    expect(loaded.facts.options!.flatMap((o) => o.conditional ?? []).map((c) => c.actor)).toEqual(['serandie']);
  });
});

describe('German', () => {
  const source = 'Der Minister sagte: \u201EWir werden das Abkommen nicht kündigen.\u201C Er fügte hinzu, es sei \u201Aeine Frage der Zeit\u2018. \u00BBNiemals\u00AB, rief er.';

  it('equates „…“, ‚…‘ and »…« with straight quotation marks', () => {
    same('\u201EJa\u201C', '"Ja"');
    same('\u201AJa\u2018', "'Ja'");
    same('\u00BBJa\u00AB', '"Ja"');
    expect(found('Wir werden das Abkommen nicht kündigen.', source)).toBe(true);
    expect(found('es sei \'eine Frage der Zeit\'', source)).toBe(true);
    expect(found('"Niemals", rief er', source)).toBe(true);
  });

  it('stays strict on words and umlauts', () => {
    expect(found('Wir werden das Abkommen kündigen', source)).toBe(false);
    expect(found('Wir werden das Abkommen nicht kundigen', source)).toBe(false);
  });
});

describe('Russian and Ukrainian', () => {
  const ru = 'Министр заявил: \u00ABМы не допустим \u201Eзаморозки\u201C переговоров\u00BB.';
  const uk = 'Вона сказала: \u00ABМи обʼєднані та сім\u2019ї повернуться\u00BB.';

  it('equates «…» and „…“ with straight quotation marks', () => {
    expect(found('Мы не допустим "заморозки" переговоров', ru)).toBe(true);
    expect(found('"Мы не допустим', ru)).toBe(true);
  });

  it('equates the Ukrainian apostrophes ʼ ’ and \'', () => {
    expect(found("Ми об'єднані та сім'ї повернуться", uk)).toBe(true);
    expect(found('Ми об\u2019єднані та сімʼї повернуться', uk)).toBe(true);
  });

  it('stays strict on words and letters', () => {
    expect(found('Мы допустим "заморозки" переговоров', ru)).toBe(false);
    expect(found('Ми обєднані та сім\u2019ї повернуться', uk)).toBe(false);
    expect(found('Мы не допустим "заморозки" переговоров', ru.replace('Мы', 'Вы'))).toBe(false);
  });
});

describe('Arabic', () => {
  // "We will not accept, under any circumstances, a partial solution; is that clear? 35٪"
  const source = 'قال الوزير: «لن نقبل، تحت أي ظرف، بحل جزئي؛ هل هذا واضح؟» وأضاف أن الخسائر بلغت ٣٥٪.';

  it('equates Arabic and Latin punctuation: ، ؛ ؟ ٪', () => {
    same('لن نقبل، تحت', 'لن نقبل, تحت');
    same('جزئي؛ هل', 'جزئي; هل');
    same('واضح؟', 'واضح?');
    same('٣٥٪', '35%');
    expect(found('لن نقبل, تحت أي ظرف, بحل جزئي; هل هذا واضح?', source)).toBe(true);
    expect(found('الخسائر بلغت 35%', source)).toBe(true);
  });

  it('ignores the tatweel, direction marks and presentation forms copied from a PDF', () => {
    same('واضـــح', 'واضح');
    same('\u200Fلن نقبل\u200E', 'لن نقبل');
    // لا as the lam-alef ligature U+FEFB and the isolated forms of a word.
    same('\uFEFB', 'لا');
    same('\uFE8E\uFEA3\uFEDF', 'احل'.normalize('NFKC'));
    expect(found('ﻟﻦ نقبل', source)).toBe(true);
  });

  it('stays strict on words and vowel marks', () => {
    expect(found('نقبل، تحت أي ظرف', source)).toBe(true);
    expect(found('لن نرفض، تحت أي ظرف', source)).toBe(false);
    differ('لَن', 'لن');
    expect(found('الخسائر بلغت 36%', source)).toBe(false);
  });
});

describe('Hebrew', () => {
  it('equates geresh, gershayim and maqaf with \' " and -, and stays strict on letters', () => {
    same('צה\u05F4ל', 'צה"ל');
    same('ג\u05F3ורג\u05F3', "ג'ורג'");
    same('בית\u05BEספר', 'בית-ספר');
    differ('צה"ל', 'צה"ר');
  });
});

describe('foldTypography', () => {
  it('maps every folded offset back to the input character it came from', () => {
    const input = `«${NBSP}l\u2019eau${NBSP}» 3${NNBSP}200${NBSP}: ﬁn`;
    const { text, map } = foldTypography(input);
    expect(text).toBe('"l\'eau" 3200: fin');
    expect(map.length).toBe(text.length + 1);
    expect(map[text.length]).toBe(input.length);
    expect([...text].map((_, i) => input[map[i]!])).toEqual(['«', 'l', '\u2019', 'e', 'a', 'u', '»', ' ', '3', '2', '0', '0', ':', ' ', 'ﬁ', 'ﬁ', 'n']);
  });

  it('keeps line breaks, so paragraphs stay apart', () => {
    expect(normaliseTypography('un\n\ndeux')).toBe('un\n\ndeux');
  });

  it('never changes the letters of a text, only its spacing and punctuation', () => {
    const typographic = fc.constantFrom(' ', NBSP, NNBSP, '\u2009', '«', '»', '„', '“', '’', ':', ';', '?', '!', '%', '\u00AD', '\u200F');
    const letter = fc.constantFrom('a', 'é', 'ß', 'я', 'ї', 'ع', 'ن', '7');
    fc.assert(
      fc.property(fc.array(fc.oneof(typographic, letter), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
        expect(letters(normaliseTypography(text))).toBe(letters(text));
      }),
    );
  });

  it('never equates two texts whose words differ', () => {
    const word = fc.stringMatching(/^[a-zé]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.array(word, { minLength: 1, maxLength: 6 }), (a, b) => {
        fc.pre(a.join(' ') !== b.join(' '));
        expect(normaliseTypography(`« ${a.join(NBSP)} »`)).not.toBe(normaliseTypography(`«${b.join(' ')}»`));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../../src/facts/dates.js';
import { LABEL_SETS, labelsFor, overridableKeys, type ChangeNote } from '../../src/labels/index.js';
import { composeSlides, errorsOf, factsYaml, problemAt, replace, validFacts } from '../helpers.js';

const YEAR: PartialDate = { year: 2031, precision: 'year' };
const MONTH: PartialDate = { year: 2031, month: 11, precision: 'month' };
const DAY: PartialDate = { year: 2031, month: 11, day: 12, precision: 'day' };

/** Every note type, each with a distinctive text so the sentence can be checked for it. */
const NOTES: ChangeNote[] = [
  { type: 'judgement-added', text: 'TXT' },
  { type: 'judgement-dropped', text: 'TXT' },
  { type: 'event-added', date: DAY, text: 'TXT' },
  { type: 'event-removed', text: 'TXT.', date: MONTH },
  { type: 'event-past', text: 'TXT.', date: DAY },
  { type: 'event-moved', text: 'TXT.', from: DAY, to: MONTH },
  { type: 'step-moved', text: 'TXT.', from: DAY, to: undefined },
  { type: 'actor-added', name: 'TXT', stance: 'Stance.' },
  { type: 'actor-removed', name: 'TXT' },
  { type: 'stance-shifted', name: 'TXT', now: 'Now.', was: 'Was.' },
  { type: 'quote-added', speaker: 'TXT', actor: 'Actor', date: DAY, text: 'Words' },
  { type: 'quote-withdrawn', speaker: 'TXT', actor: 'Actor', text: 'Words' },
  { type: 'action-added', actor: 'Actor', text: 'TXT' },
  { type: 'action-removed', actor: 'Actor', text: 'TXT' },
  { type: 'option-added', title: 'TXT' },
  { type: 'option-dropped', title: 'TXT' },
  { type: 'option-updated', title: 'TXT', fields: ['summary', 'backers'] },
  { type: 'step-added', date: undefined, text: 'TXT' },
  { type: 'step-done', text: 'TXT.', due: DAY },
  { type: 'step-dropped', text: 'TXT' },
  { type: 'point-added', text: 'TXT' },
  { type: 'point-removed', text: 'TXT' },
  { type: 'term-added', term: 'TXT' },
  { type: 'term-removed', term: 'TXT' },
  { type: 'definition-updated', term: 'TXT' },
  { type: 'source-added', publisher: 'TXT', title: 'Title' },
  { type: 'source-removed', publisher: 'TXT', title: 'Title' },
];

/** The plain-word labels of a set, by key. */
function words(language: string): Map<string, string> {
  const labels = LABEL_SETS[language]!;
  const out = new Map<string, string>();
  for (const key of overridableKeys()) {
    const [a, b] = key.split('.') as [string, string | undefined];
    const value = b === undefined ? (labels as unknown as Record<string, unknown>)[a] : (labels as unknown as Record<string, Record<string, unknown>>)[a]![b];
    out.set(key, value as string);
  }
  return out;
}

describe('label sets', () => {
  it('exist for English, French, German, Spanish, Russian, Ukrainian and Arabic', () => {
    expect(Object.keys(LABEL_SETS).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ru', 'uk']);
  });

  it.each(Object.keys(LABEL_SETS))('%s: every word is set, and other languages do not fall back to English sentences', (language) => {
    const mine = words(language);
    const english = words('en');
    for (const [key, value] of mine) expect(value.trim().length, key).toBeGreaterThan(0);
    if (language === 'en') return;
    // Words may coincide ("Options", "Sources", "—"), whole sentences may not.
    for (const [key, value] of mine) if (value.includes(' ') && value.length > 12) expect(value, key).not.toBe(english.get(key));
    expect(LABEL_SETS[language]!.heading.whatsNew('X')).not.toBe(LABEL_SETS['en']!.heading.whatsNew('X'));
  });

  it.each(Object.keys(LABEL_SETS))('%s: dates at year, month and day precision, in the language', (language) => {
    const L = LABEL_SETS[language]!;
    for (const d of [YEAR, MONTH, DAY]) {
      for (const format of [L.date, L.dateShort]) {
        const text = format(d);
        expect(text).toContain('2031');
        if (d.precision !== 'year') expect(text).not.toBe('2031');
        if (d.precision === 'day') expect(text).toMatch(/12/);
      }
    }
    // Month names are the language's own.
    if (language !== 'en') expect(L.date({ year: 2031, month: 2, precision: 'month' })).not.toContain('February');
  });

  it('writes dates as each language does', () => {
    expect(LABEL_SETS['en']!.date(DAY)).toBe('12 November 2031');
    expect(LABEL_SETS['fr']!.date(DAY)).toBe('12 novembre 2031');
    expect(LABEL_SETS['fr']!.date(MONTH)).toBe('novembre 2031');
    expect(LABEL_SETS['de']!.date(DAY)).toBe('12. November 2031');
    expect(LABEL_SETS['es']!.date(DAY)).toBe('12 de noviembre de 2031');
    expect(LABEL_SETS['ru']!.date(DAY)).toMatch(/^12 ноября 2031/);
    expect(LABEL_SETS['uk']!.date(DAY)).toMatch(/^12 листопада 2031/);
    // Arabic month names, with the Western digits the facts are written in.
    expect(LABEL_SETS['ar']!.date(DAY)).toMatch(/^12 نوفمبر 2031$/);
  });

  it.each(Object.keys(LABEL_SETS))('%s: a sentence for every kind of change, carrying its facts', (language) => {
    const L = LABEL_SETS[language]!;
    for (const note of NOTES) {
      const sentence = L.change(note);
      expect(sentence, note.type).toContain('TXT');
      expect(sentence, note.type).not.toMatch(/undefined|\[object/);
    }
  });

  it('counts with the language’s plural forms', () => {
    expect(LABEL_SETS['en']!.allActors(8)).toBe('All 8 actors');
    expect(LABEL_SETS['ru']!.allActors(3)).toBe('Все 3 участника');
    expect(LABEL_SETS['ru']!.allActors(8)).toBe('Все 8 участников');
    expect(LABEL_SETS['ru']!.allActors(21)).toBe('Все 21 участник');
    expect(LABEL_SETS['uk']!.allActors(5)).toBe('Усі 5 учасників');
  });
});

describe('labelsFor', () => {
  it('falls back from a regional tag to its language, and from an unknown language to English', () => {
    expect(labelsFor('fr-CA').section['bottom-line']).toBe(LABEL_SETS['fr']!.section['bottom-line']);
    expect(labelsFor('de-CH').keyTerms).toBe('Schlüsselbegriffe');
    expect(labelsFor('sw').keyTerms).toBe('Key terms');
  });

  it('writes Arabic, Hebrew and Persian right to left, everything else left to right', () => {
    expect(labelsFor('ar').dir).toBe('rtl');
    expect(labelsFor('he').dir).toBe('rtl');
    expect(labelsFor('fa-IR').dir).toBe('rtl');
    expect(labelsFor('en-GB').dir).toBe('ltr');
    expect(labelsFor('ru').dir).toBe('ltr');
  });

  it('lays an organisation’s own wording over the language’s', () => {
    const L = labelsFor('en', { heading: { bottomLine: 'Key judgements' }, section: { 'bottom-line': 'Judgements' }, keyTerms: 'Glossary' });
    expect(L.heading.bottomLine).toBe('Key judgements');
    expect(L.section['bottom-line']).toBe('Judgements');
    expect(L.section.background).toBe('Background');
    expect(L.keyTerms).toBe('Glossary');
    expect(overridableKeys()).toContain('heading.bottomLine');
  });
});

describe('labels in the facts', () => {
  const withLabels = (labels: string) => factsYaml(replace('  marking: UNCLASSIFIED', `  marking: UNCLASSIFIED\n  labels:\n${labels}`));

  it('set a deck’s own wording, in its language', () => {
    const deck = composeSlides(validFacts(withLabels('    heading.bottomLine: Key judgements\n    section.bottom-line: Judgements\n')));
    const slide = deck.slides.find((s) => s.section === 'bottom-line')!;
    expect(slide.title).toBe('Key judgements');
    expect(deck.labels.section['bottom-line']).toBe('Judgements');
    const french = composeSlides(validFacts(withLabels('    keyTerms: Lexique\n').replace('  marking: UNCLASSIFIED', '  marking: UNCLASSIFIED\n  language: fr-CA')));
    expect(french.labels.keyTerms).toBe('Lexique');
    expect(french.slides.find((s) => s.section === 'bottom-line')!.title).toBe('L’essentiel');
  });

  it('refuses a key that names no word of the deck, with a "did you mean"', () => {
    const problems = errorsOf(withLabels('    heading.bottomLne: Key judgements\n'));
    expect(problemAt(problems, 'meta.labels.heading.bottomLne').message).toMatch(/did you mean "heading\.bottomLine"\?/);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chrono from 'chrono-node';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftDeck } from '../../src/commands/draft.js';
import { findAmounts } from '../../src/draft/amounts.js';
import { findDates, findRelativeDates, type Chrono } from '../../src/draft/dates.js';
import { loadFacts } from '../../src/facts/load.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'articles');
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function drafted(article: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefdeck-draft-'));
  dirs.push(dir);
  const deck = path.join(dir, 'deck');
  const outcome = await draftDeck([path.join(fixtures, article), deck]);
  const yaml = await readFile(outcome.factsFile, 'utf8');
  return { deck, outcome, yaml, facts: parse(yaml) };
}

describe('draft', () => {
  it('drafts the INF article into facts that check accepts, and that --strict refuses for their TODOs', async () => {
    const { deck, outcome, facts } = await drafted('nato-inf-2019-02-13.txt');
    expect(facts.meta.as_of).toBe('2019-02-13');
    expect(facts.sources[0].copy).toBe('sources/nato-inf-2019-02-13.txt');
    const nato = facts.actors.find((a: { name: string }) => a.name === 'NATO');
    expect(nato.speakers).toEqual([{ name: 'Jens Stoltenberg', role: 'Secretary-General' }]);
    expect(nato.quotes.map((q: { text: string }) => q.text)).toContain('This is very serious. We will take our time');
    const dated = nato.quotes.find((q: { text: string }) => q.text.startsWith('continues to develop'));
    expect(dated.date).toBe('2019-02-12');
    const loaded = await loadFacts(deck);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.problems.filter((p) => /TODO/.test(p.message)).length).toBe(outcome.todos);
    await expect(loadFacts(deck, { strict: true })).rejects.toThrow();
  });

  it('drafts the French article: guillemets, inverted subjects, an unnamed source, a bloc', async () => {
    const { deck, facts } = await drafted('barrage-tessaure-2031-11-12.txt');
    expect(facts.meta.language).toBe('fr');
    expect(facts.meta.as_of).toBe('2031-11-12');
    const speakers = facts.actors.flatMap((a: { speakers?: { name: string }[] }) => (a.speakers ?? []).map((s) => s.name));
    expect(speakers).toEqual(expect.arrayContaining(['Hugo Delmas-Okafor', 'Ilona Vasquez-Brandt']));
    const anon = facts.quotes.find((q: { text: string }) => q.text.startsWith('Varesse accepterait'));
    expect(anon.anonymous).toMatch(/^un haut responsable sérandais/);
    const alliance = facts.actors.find((a: { name: string }) => a.name === 'Alliance des États riverains');
    expect(alliance.quotes[0]).toMatchObject({ text: 's’abstenir de toute mesure unilatérale', by: 'joint statement' });
    const loaded = await loadFacts(deck);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses to overwrite a deck', async () => {
    const { deck } = await drafted('soren-basin-2031-03-04.txt');
    await expect(draftDeck([path.join(fixtures, 'soren-basin-2031-03-04.txt'), deck])).rejects.toThrow(/already exists/);
  });
});

describe('dates', () => {
  const c = chrono as unknown as Chrono;
  const asOf = { y: 2031, m: 10, d: 15 }; // a Wednesday
  const values = (s: string, lang: 'en' | 'fr' = 'en') => findDates(s, asOf, lang, c).map((d) => [d.text, d.value, d.precision, d.since ?? false]);

  it('resolves weekdays by tense, months across the year boundary, since and ranges', () => {
    expect(values('Talks failed on Tuesday. The fleet will sail on Friday.')).toEqual([
      ['on Tuesday', '2031-10-14', 'day', false],
      ['on Friday', '2031-10-17', 'day', false],
    ]);
    expect(values('The quota expires on January 1, after a vote in March that was held since 2020.').map((v) => v[1])).toEqual(['2032-01-01', '2031-03', '2020']);
    expect(values('Talks resume on November 18–20 in the capital.')).toEqual([['November 18–20', '2031-11-18/2031-11-20', 'day', false]]);
    expect(values('La Commission a estimé jeudi dernier que le sommet du 2 au 4 décembre aura lieu.', 'fr').map((v) => v[1])).toEqual(['2031-10-09', '2031-12-02/2031-12-04']);
  });

  it('never computes a date given only relative to another event', () => {
    const text = 'Talks resume a week before the annual meeting.';
    expect(findDates(text, asOf, 'en', c)).toEqual([]);
    expect(findRelativeDates(text).map((r) => r.text)).toEqual(['a week before the annual meeting']);
  });
});

describe('amounts', () => {
  it('finds amounts as written', () => {
    const text = 'Poland will buy $414 million of launchers over six months, a 22 percent rise; le barrage produit 3\u202f200 mégawatts et 80\u202f% de l’eau.';
    expect(findAmounts(text).map((a) => a.text)).toEqual(['$414 million', 'six months', '22 percent', '3\u202f200 mégawatts', '80\u202f%']);
  });
});

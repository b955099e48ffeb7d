import { describe, expect, it } from 'vitest';
import { diffFacts, itemKey } from '../../src/changes/diff.js';
import type { Facts } from '../../src/facts/schema.js';
import { renderHtml } from '../../src/html/render.js';
import { validFacts, composeSlides } from '../helpers.js';

const BEFORE = `meta:
  title: Test briefing
  as_of: 2020-01-15
  prepared_by: Test desk
  marking: UNCLASSIFIED
sources:
  - { id: a, publisher: Wire, title: First report }
bottom_line:
  - { text: Talks are stuck., sources: [a] }
  - { text: A deal is unlikely this month., sources: [a] }
timeline:
  - { date: 2020-01-10, event: Talks open., sources: [a] }
  - { date: 2020-01-20, event: Summit in the capital., sources: [a] }
  - { date: 2020-02, event: Deadline for a deal., sources: [a] }
actors:
  - id: gov
    name: The Government
    speakers: [{ name: Jo Brandt, role: Minister }]
    stance: Holding firm.
    quotes:
      - { text: Not one step back, speaker: Jo Brandt, date: 2020-01-10, source: a }
  - id: rebels
    name: The Rebels
    stance: Want a ceasefire.
options:
  - { id: wait, title: Wait and see, summary: Do nothing yet., pros: [Cheap], sources: [a] }
  - { id: push, title: Push for talks, summary: Lean on both sides., sources: [a] }
next_steps:
  - { what: Summit in the capital., when: 2020-01-20, sources: [a] }
  - { what: Report to the minister., when: 2020-03, sources: [a] }
`;

const AFTER = BEFORE.replace('as_of: 2020-01-15', 'as_of: 2020-01-25')
  .replace('  - { id: a, publisher: Wire, title: First report }', '  - { id: a, publisher: Wire, title: First report }\n  - { id: b, publisher: Wire, title: Second report }')
  .replace('  - { text: A deal is unlikely this month., sources: [a] }', '  - { text: A deal is now possible., sources: [b] }')
  .replace('  - { date: 2020-02, event: Deadline for a deal., sources: [a] }', '  - { date: 2020-03, event: Deadline for a deal., sources: [a] }\n  - { date: 2020-01-22, event: Ceasefire agreed., sources: [b] }')
  .replace('    stance: Holding firm.', '    stance: Open to a ceasefire.')
  .replace(
    '      - { text: Not one step back, speaker: Jo Brandt, date: 2020-01-10, source: a }',
    '      - { text: We are ready to talk, speaker: Jo Brandt, date: 2020-01-22, source: b }',
  )
  .replace('  - id: rebels\n    name: The Rebels\n    stance: Want a ceasefire.\n', '  - id: mediators\n    name: The Mediators\n    stance: Offer to host talks.\n')
  .replace('  - { id: wait, title: Wait and see, summary: Do nothing yet., pros: [Cheap], sources: [a] }\n', '')
  .replace('  - { id: push, title: Push for talks, summary: Lean on both sides., sources: [a] }', '  - { id: push, title: Push for talks, summary: Lean on both sides., backers: [mediators], sources: [a] }\n  - { id: aid, title: Send aid, summary: Fund relief., sources: [b] }')
  .replace('  - { what: Summit in the capital., when: 2020-01-20, sources: [a] }\n', '')
  .replace('  - { what: Report to the minister., when: 2020-03, sources: [a] }', '  - { what: Report to the minister., when: 2020-04, sources: [a] }\n  - { what: Monitors deploy., when: 2020-02-01, sources: [b] }');

const before: Facts = validFacts(BEFORE);
const after: Facts = validFacts(AFTER);

describe('what changed between two versions of the facts', () => {
  const set = diffFacts(before, after);
  const sentences = set.changes.map((c) => c.sentence);

  it('dates the comparison by the earlier as-of date', () => {
    expect(set.since).toBe('15 January 2020');
  });

  it('describes each change in a plain sentence', () => {
    expect(sentences).toEqual([
      'New key judgement: A deal is now possible.',
      'Key judgement dropped: A deal is unlikely this month.',
      'New event, 22 Jan 2020: Ceasefire agreed.',
      'Now past: Summit in the capital (20 Jan 2020)',
      'Date moved: Deadline for a deal, from Feb 2020 to Mar 2020',
      'New actor: The Mediators. Offer to host talks.',
      'Actor removed: The Rebels',
      'The Government\'s stance shifted: now "Open to a ceasefire"; was "Holding firm"',
      'New quote from Jo Brandt (The Government), 22 Jan 2020: "We are ready to talk"',
      'Quote withdrawn: Jo Brandt (The Government), "Not one step back"',
      'Option added: Send aid',
      'Option dropped: Wait and see',
      'Option updated: Push for talks (backers)',
      'New next step, 1 Feb 2020: Monitors deploy.',
      'Done: Summit in the capital (was due 20 Jan 2020)',
      'Next step moved: Report to the minister, from Mar 2020 to Apr 2020',
      'New source: Wire, "Second report"',
    ]);
  });

  it('marks new and updated items for tags on their own slides', () => {
    expect(set.marks.get(itemKey.event('Ceasefire agreed.'))).toBe('new');
    expect(set.marks.get(itemKey.event('Deadline for a deal.'))).toBe('updated');
    expect(set.marks.get(itemKey.actor('gov'))).toBe('updated');
    expect(set.marks.get(itemKey.actor('mediators'))).toBe('new');
    expect(set.marks.get(itemKey.quote('gov', 'We are ready to talk'))).toBe('new');
    expect(set.marks.get(itemKey.option({ id: 'aid', title: 'Send aid' }))).toBe('new');
    expect(set.marks.get(itemKey.step('Monitors deploy.'))).toBe('new');
    expect(set.marks.has(itemKey.event('Talks open.'))).toBe(false);
  });

  it('finds nothing between identical facts', () => {
    expect(diffFacts(after, structuredClone(after)).changes).toEqual([]);
  });
});

describe('the "What\'s new" slide', () => {
  it('comes right after the bottom line and tags changed items on their slides', () => {
    const deck = composeSlides(after, { changes: diffFacts(before, after) });
    expect(deck.slides.map((s) => s.id).slice(0, 3)).toEqual(['title', 'bottom-line', 'changes']);
    // 17 changes take two slides; the second continues the first.
    expect(deck.slides[2]!.title).toBe("What's new since 15 January 2020 (1/2)");
    expect(deck.slides[3]!.title).toBe("What's new since 15 January 2020 (2/2)");
    const html = renderHtml(deck, { generator: 'test' });
    const section = (id: string) => html.slice(html.indexOf(`<section id="${id}"`), html.indexOf('</section>', html.indexOf(`<section id="${id}"`)));
    expect(section('changes') + section('changes-2')).toContain('Option dropped: Wait and see');
    expect(section('timeline')).toMatch(/Ceasefire agreed\.<sup class="cite">.*?<\/sup> <span class="tag tag-new">new<\/span>/);
    expect(section('timeline')).toMatch(/Deadline for a deal\..*?<span class="tag tag-updated">updated<\/span>/);
    expect(section('actor-gov')).toContain('<span class="tag tag-updated">updated</span>');
    expect(section('actor-gov')).toContain('We are ready to talk”<span class="tag tag-new">new</span>'.replace('”<', '” <'));
    expect(section('next-steps')).toMatch(/Monitors deploy\..*?tag-new/);
  });

  it('says so when nothing changed, and is absent without a comparison', () => {
    const same = composeSlides(after, { changes: diffFacts(after, after) });
    expect(same.slides[2]!.markdown).toContain('No changes to the facts since 25 January 2020.');
    expect(composeSlides(after).slides.some((s) => s.section === 'changes')).toBe(false);
  });

  it('cannot be forged from facts text: tag syntax in a field stays literal', () => {
    const forged = validFacts(AFTER.replace('stance: Offer to host talks.', 'stance: "Offer to host talks [!new]"'));
    const html = renderHtml(composeSlides(forged), { generator: 'test' });
    expect(html).not.toContain('class="tag');
    expect(html).toContain('Offer to host talks [!new]');
  });
});

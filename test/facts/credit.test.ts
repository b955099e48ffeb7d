import { describe, expect, it } from 'vitest';
import { judgeCredit, samePerson, type Claim, type SourceAttribution } from '../../src/facts/credit.js';

const voss: Claim = { kind: 'person', name: 'Aniela Voss', role: 'Foreign Minister', actor: { name: 'Estmark' } };
const bank: Claim = { kind: 'statement', actor: { name: 'Northern Development Bank', aliases: ['the bank'] } };
const official: Claim = { kind: 'anonymous', description: 'a senior official who asked not to be named' };
const said = (a: Partial<SourceAttribution>): SourceAttribution => ({ kind: 'person', confidence: 0.9, ...a });

describe('judgeCredit', () => {
  it('accepts the person the source names, by full name or surname', () => {
    expect(judgeCredit(voss, said({ name: 'Aniela Voss' }))).toEqual({ verdict: 'right' });
    expect(judgeCredit(voss, said({ name: 'Voss' }))).toEqual({ verdict: 'right' });
  });

  it('calls a quote wrongly credited when the source names someone else, or an organisation', () => {
    expect(judgeCredit(voss, said({ name: 'Tomasz Rehn' }))).toEqual({ verdict: 'wrong', credited: '"Tomasz Rehn"' });
    expect(judgeCredit(voss, said({ kind: 'statement', actor: 'Estmark' }))).toEqual({ verdict: 'wrong', credited: '"Estmark" (statement)' });
    expect(judgeCredit(bank, said({ name: 'Jérôme Castaño' }))).toEqual({ verdict: 'wrong', credited: '"Jérôme Castaño"' });
    expect(judgeCredit(official, said({ name: 'Jérôme Castaño' })).verdict).toBe('wrong');
  });

  it('accepts an actor\'s statement by its name or an alias, and an unnamed source as unnamed', () => {
    expect(judgeCredit(bank, said({ kind: 'statement', actor: 'Northern Development Bank' }))).toEqual({ verdict: 'right' });
    expect(judgeCredit(bank, said({ kind: 'statement', actor: 'The bank' }))).toEqual({ verdict: 'right' });
    expect(judgeCredit(bank, said({ kind: 'statement', actor: 'Valdoria' })).verdict).toBe('wrong');
    expect(judgeCredit(official, said({ kind: 'anonymous', descriptor: 'a senior official' }))).toEqual({ verdict: 'right' });
  });

  it('is undecided, never wrong, when the source names no one or is unsure', () => {
    expect(judgeCredit(voss, said({ kind: 'unknown', confidence: 0 })).verdict).toBe('undecided');
    expect(judgeCredit(voss, said({ name: 'Tomasz Rehn', confidence: 0.3 })).verdict).toBe('undecided');
    expect(judgeCredit(official, said({ descriptor: 'the minister' })).verdict).toBe('undecided');
  });

  it('accepts a role the source uses for the claimed person, and only theirs', () => {
    expect(judgeCredit(voss, said({ descriptor: 'the foreign minister' }))).toEqual({ verdict: 'right' });
    expect(judgeCredit(voss, said({ descriptor: 'the prime minister' })).verdict).toBe('undecided');
  });
});

describe('samePerson', () => {
  it('ignores case and accents, and takes a surname or a name with particles', () => {
    expect(samePerson('Jérôme Castaño', 'jerome castano')).toBe(true);
    expect(samePerson('Ursula von der Leyen', 'von der Leyen')).toBe(true);
    expect(samePerson('Şebnem Yıldız-Okonjo', 'Yıldız-Okonjo')).toBe(true);
    expect(samePerson('Mike Pompeo', 'Mike Pence')).toBe(false);
  });
});

describe('how sure the source must be', () => {
  it('needs more certainty to call one person\'s quote another\'s than to tell a person from an organisation', () => {
    expect(judgeCredit(voss, said({ name: 'Amélie Nkemelu-Roux', confidence: 0.8 })).verdict).toBe('undecided');
    expect(judgeCredit(voss, said({ name: 'Amélie Nkemelu-Roux', confidence: 0.85 })).verdict).toBe('wrong');
    expect(judgeCredit(voss, said({ kind: 'statement', actor: 'Estmark', confidence: 0.7 })).verdict).toBe('wrong');
    expect(judgeCredit(voss, said({ kind: 'statement', actor: 'Estmark', confidence: 0.55 })).verdict).toBe('undecided');
  });
});

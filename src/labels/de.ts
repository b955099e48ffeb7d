import type { PartialDate } from '../facts/dates.js';
import { intlDates, spansOf } from './dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { bare, quoting } from './words.js';

const MARKS = ['„', '“'] as const;
const q = quoting(MARKS);
const { date, dateShort } = intlDates('de');
const short = (d: PartialDate | undefined) => (d ? dateShort(d) : 'ohne Datum');
const FIELDS: Record<OptionField, string> = {
  title: 'Titel',
  summary: 'Zusammenfassung',
  pros: 'Argumente dafür',
  cons: 'Argumente dagegen',
  backers: 'Unterstützer',
  opponents: 'Gegner',
};

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `Neue Kernaussage: ${c.text}`;
    case 'judgement-dropped': return `Kernaussage gestrichen: ${c.text}`;
    case 'event-added': return `Neues Ereignis, ${short(c.date)}: ${c.text}`;
    case 'event-removed': return `Ereignis entfernt: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `Datum verschoben: ${bare(c.text)}, vom ${short(c.from)} auf den ${short(c.to)}`;
    case 'event-past': return `Inzwischen vergangen: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `Neuer Akteur: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `Akteur entfernt: ${c.name}`;
    case 'stance-shifted': return `Die Haltung von ${c.name} hat sich verändert: jetzt ${q(bare(c.now))}; zuvor ${q(bare(c.was))}`;
    case 'quote-added': return `Neues Zitat von ${c.speaker} (${c.actor}), ${short(c.date)}: ${q(c.text)}`;
    case 'quote-withdrawn': return `Zitat zurückgezogen: ${c.speaker} (${c.actor}), ${q(c.text)}`;
    case 'action-added': return `Neue Maßnahme von ${c.actor}: ${c.text}`;
    case 'action-removed': return `Für ${c.actor} nicht mehr aufgeführt: ${c.text}`;
    case 'option-added': return `Option hinzugefügt: ${c.title}`;
    case 'option-dropped': return `Option gestrichen: ${c.title}`;
    case 'option-updated': return `Option geändert: ${c.title} (${c.fields.map((f) => FIELDS[f]).join(', ')})`;
    case 'step-added': return `Neuer nächster Schritt, ${c.date ? dateShort(c.date) : 'noch ohne Datum'}: ${c.text}`;
    case 'step-done': return `Erledigt: ${bare(c.text)} (fällig am ${short(c.due)})`;
    case 'step-dropped': return `Nächster Schritt gestrichen: ${c.text}`;
    case 'step-moved': return `Nächster Schritt verschoben: ${bare(c.text)}, vom ${short(c.from)} auf den ${short(c.to)}`;
    case 'point-added': return `Neuer Hintergrund: ${c.text}`;
    case 'point-removed': return `Hintergrund entfernt: ${c.text}`;
    case 'term-added': return `Neuer Schlüsselbegriff: ${c.term}`;
    case 'term-removed': return `Schlüsselbegriff entfernt: ${c.term}`;
    case 'definition-updated': return `Definition geändert: ${c.term}`;
    case 'source-added': return `Neue Quelle: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
    case 'source-removed': return `Nicht mehr zitierte Quelle: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
  }
}

export const de: Labels = {
  language: 'de',
  dir: 'ltr',
  section: {
    title: 'Lagevortrag',
    'bottom-line': 'Das Wichtigste',
    changes: 'Änderungen',
    background: 'Hintergrund',
    timeline: 'Zeitleiste',
    positions: 'Positionen',
    options: 'Optionen',
    'next-steps': 'Nächste Schritte',
    sources: 'Quellen',
  },
  heading: {
    bottomLine: 'Das Wichtigste',
    whatsNew: (since) => `Neu seit dem ${since}`,
    background: 'Hintergrund',
    timelineChart: 'Zeitleiste im Überblick',
    timeline: 'Zeitleiste',
    positions: 'Positionen im Überblick',
    matrix: 'Wer welche Option unterstützt',
    optionsTable: 'Optionen im Überblick',
    option: (n, title) => (n === undefined ? `Option: ${title}` : `Option ${n}: ${title}`),
    nextSteps: 'Nächste Schritte',
    sources: 'Quellen',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'Schlüsselbegriffe',
  actions: 'Maßnahmen',
  speakingFor: (actor) => `Für ${actor} sprechen:`,
  stance: 'Haltung:',
  backedBy: 'Unterstützt von:',
  opposedBy: 'Abgelehnt von:',
  columns: {
    date: 'Datum',
    event: 'Ereignis',
    actor: 'Akteur',
    stance: 'Haltung',
    number: 'Nr.',
    option: 'Option',
    backedBy: 'Unterstützt von',
    opposedBy: 'Abgelehnt von',
    for: 'Dafür',
    against: 'Dagegen',
    when: 'Wann',
    what: 'Was',
    who: 'Wer',
  },
  asOf: (d) => `Stand: ${d}`,
  asOfFooter: (d) => `Stand: ${d}`,
  preparedBy: (who) => `Erstellt von ${who}`,
  audience: (who) => `Für ${who}`,
  asOfBriefing: 'Stand dieses Vortrags',
  upcoming: '(bevorstehend)',
  notSet: 'Offen',
  none: '—',
  allActors: (count) => `Alle ${count} Akteure`,
  noChanges: (since) => `Keine Änderungen an den Fakten seit dem ${since}.`,
  checkedCopy: '(Zitate mit einer lokalen Kopie abgeglichen)',
  matrix: {
    backs: (n) => `unterstützt Option ${n}`,
    opposes: (n) => `lehnt Option ${n} ab`,
    undecided: (n) => `unentschieden bei Option ${n}`,
    noPosition: 'keine bekannte Haltung',
    unknown: (n) => `Haltung zu Option ${n} unbekannt`,
    conditional: (n, c) => `unterstützt Option ${n} ${c}`,
    conditionalMark: 'unterstützt unter Bedingung',
  },
  drawing: {
    past: 'vergangen',
    upcoming: 'bevorstehend',
    numbered: 'nummeriert wie in der Tabelle der Zeitleiste',
    option: 'Option',
    backs: 'unterstützt',
    conditional: 'unterstützt unter Bedingungen',
    opposes: 'lehnt ab',
    open: 'unentschieden',
    unknown: 'Haltung unbekannt',
    timeline: (count, from, to, numbered, asOf) =>
      `Zeitleiste mit ${count} ${count === 1 ? 'Ereignis' : 'Ereignissen'} (${from} – ${to})${numbered ? ', nummeriert wie in der Tabelle der Zeitleiste' : ''}; Stand: ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `Haltungen von ${actors} ${actors === 1 ? 'Akteur' : 'Akteuren'} zu ${options} ${options === 1 ? 'Option' : 'Optionen'}${range ? ` (${range[0]} bis ${range[1]})` : ''}: gefüllter Kreis unterstützt;${conditional ? ' halb gefüllter Kreis unterstützt unter Bedingungen;' : ''} Kreuz lehnt ab; leerer Kreis unentschieden; Strich Haltung unbekannt.`,
  },
  date,
  dateShort,
  span: spansOf(date, (d) => `seit ${d}`),
  spanShort: spansOf(dateShort, (d) => `seit ${d}`),
  quoteMarks: MARKS,
  statement: 'Erklärung',
  dateOfSource: (date) => `${date} (Datum der Quelle)`,
  unchecked: 'nicht mit der Quelle abgeglichen',
  noStance: 'Keine erklärte Position',
  backedIf: 'Unterstützt unter einer Bedingung:',
  unnamedSources: 'Ungenannte Quellen',
  change,
  briefingAsOf: (d) => `Lagevortrag, Stand ${d}`,
  handoutSubject: (about) => `Handreichung mit Sprechnotizen und Quellen — ${about}`,
  handoutTitle: (title) => `${title} — Handreichung`,
  handoutDoc: (title, d) => `${title} · Handreichung · Stand ${d}`,
  speakerNotes: 'Sprechnotizen',
  sourcesCited: (count) => (count === 1 ? 'Auf dieser Folie zitierte Quelle' : 'Auf dieser Folie zitierte Quellen'),
  slideOf: (n, total) => `Folie ${n} von ${total}`,
  noNotes: 'Keine Sprechnotizen oder Quellen zu dieser Folie.',
  controls: { previous: 'vorherige Folie', next: 'nächste Folie', above: 'Folie darüber', below: 'Folie darunter' },
  allSourcesListed: 'Diese Folie listet alle Quellen des Vortrags auf.',
  notesGoOn: 'Die Notizen gehen in der Referentenansicht weiter.',
};

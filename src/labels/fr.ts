import type { PartialDate } from '../facts/dates.js';
import { intlDates, spansOf } from './dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { bare, quoting } from './words.js';

// French typography: a no-break space before « : », inside « guillemets ».
const NB = '\u00a0';
const MARKS = ['«\u00a0', '\u00a0»'] as const;
const q = quoting(MARKS);
const { date, dateShort } = intlDates('fr');
const short = (d: PartialDate | undefined) => (d ? dateShort(d) : 'sans date');
const FIELDS: Record<OptionField, string> = {
  title: 'intitulé',
  summary: 'résumé',
  pros: 'arguments pour',
  cons: 'arguments contre',
  backers: 'soutiens',
  opponents: 'opposants',
};

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `Nouveau jugement clé${NB}: ${c.text}`;
    case 'judgement-dropped': return `Jugement clé retiré${NB}: ${c.text}`;
    case 'event-added': return `Nouvel événement, ${short(c.date)}${NB}: ${c.text}`;
    case 'event-removed': return `Événement retiré${NB}: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `Date modifiée${NB}: ${bare(c.text)}, du ${short(c.from)} au ${short(c.to)}`;
    case 'event-past': return `Désormais passé${NB}: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `Nouvel acteur${NB}: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `Acteur retiré${NB}: ${c.name}`;
    case 'stance-shifted': return `La position de ${c.name} a évolué${NB}: désormais ${q(bare(c.now))}${NB}; auparavant ${q(bare(c.was))}`;
    case 'quote-added': return `Nouvelle citation de ${c.speaker} (${c.actor}), ${short(c.date)}${NB}: ${q(c.text)}`;
    case 'quote-withdrawn': return `Citation retirée${NB}: ${c.speaker} (${c.actor}), ${q(c.text)}`;
    case 'action-added': return `Nouvelle action de ${c.actor}${NB}: ${c.text}`;
    case 'action-removed': return `Action qui ne figure plus pour ${c.actor}${NB}: ${c.text}`;
    case 'option-added': return `Option ajoutée${NB}: ${c.title}`;
    case 'option-dropped': return `Option abandonnée${NB}: ${c.title}`;
    case 'option-updated': return `Option modifiée${NB}: ${c.title} (${c.fields.map((f) => FIELDS[f]).join(', ')})`;
    case 'step-added': return `Nouvelle étape, ${c.date ? dateShort(c.date) : 'date non fixée'}${NB}: ${c.text}`;
    case 'step-done': return `Fait${NB}: ${bare(c.text)} (prévu le ${short(c.due)})`;
    case 'step-dropped': return `Étape abandonnée${NB}: ${c.text}`;
    case 'step-moved': return `Étape déplacée${NB}: ${bare(c.text)}, du ${short(c.from)} au ${short(c.to)}`;
    case 'point-added': return `Nouvel élément de contexte${NB}: ${c.text}`;
    case 'point-removed': return `Élément de contexte retiré${NB}: ${c.text}`;
    case 'term-added': return `Nouveau terme clé${NB}: ${c.term}`;
    case 'term-removed': return `Terme clé retiré${NB}: ${c.term}`;
    case 'definition-updated': return `Définition modifiée${NB}: ${c.term}`;
    case 'source-added': return `Nouvelle source${NB}: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
    case 'source-removed': return `Source qui n’est plus citée${NB}: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
  }
}

export const fr: Labels = {
  language: 'fr',
  dir: 'ltr',
  section: {
    title: 'Note de synthèse',
    'bottom-line': 'L’essentiel',
    changes: 'Évolutions',
    background: 'Contexte',
    timeline: 'Chronologie',
    positions: 'Positions',
    options: 'Options',
    'next-steps': 'Prochaines étapes',
    sources: 'Sources',
  },
  heading: {
    bottomLine: 'L’essentiel',
    whatsNew: (since) => `Ce qui a changé depuis le ${since}`,
    background: 'Contexte',
    timelineChart: 'La chronologie en un coup d’œil',
    timeline: 'Chronologie',
    positions: 'Les positions en un coup d’œil',
    matrix: 'Qui soutient quelle option',
    optionsTable: 'Les options en un coup d’œil',
    option: (n, title) => (n === undefined ? `Option${NB}: ${title}` : `Option ${n}${NB}: ${title}`),
    nextSteps: 'Prochaines étapes',
    sources: 'Sources',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'Termes clés',
  actions: 'Actions',
  speakingFor: (actor) => `S’expriment pour ${actor}${NB}:`,
  stance: `Position${NB}:`,
  backedBy: `Soutenue par${NB}:`,
  opposedBy: `Combattue par${NB}:`,
  columns: {
    date: 'Date',
    event: 'Événement',
    actor: 'Acteur',
    stance: 'Position',
    number: 'N°',
    option: 'Option',
    backedBy: 'Soutenue par',
    opposedBy: 'Combattue par',
    for: 'Pour',
    against: 'Contre',
    when: 'Quand',
    what: 'Quoi',
    who: 'Qui',
  },
  asOf: (d) => `Situation au ${d}`,
  asOfFooter: (d) => `situation au ${d}`,
  preparedBy: (who) => `Rédigé par ${who}`,
  audience: (who) => `À l’attention de ${who}`,
  asOfBriefing: 'Date de la présente note',
  upcoming: '(à venir)',
  notSet: 'Non fixée',
  none: '—',
  allActors: (count) => `Les ${count} acteurs`,
  noChanges: (since) => `Aucun changement dans les faits depuis le ${since}.`,
  checkedCopy: '(citations vérifiées sur une copie locale)',
  matrix: {
    backs: (n) => `soutient l’option ${n}`,
    opposes: (n) => `s’oppose à l’option ${n}`,
    undecided: (n) => `indécis sur l’option ${n}`,
    noPosition: 'position inconnue',
    unknown: (n) => `position inconnue sur l’option ${n}`,
    conditional: (n, c) => `soutient l’option ${n} ${c}`,
    conditionalMark: 'soutient sous condition',
  },
  drawing: {
    past: 'passé',
    upcoming: 'à venir',
    numbered: 'numérotés comme dans le tableau chronologique',
    option: 'Option',
    backs: 'soutient',
    conditional: 'soutient sous conditions',
    opposes: 's’oppose',
    open: 'indécis',
    unknown: 'position inconnue',
    timeline: (count, from, to, numbered, asOf) =>
      `Chronologie de ${count} ${count > 1 ? 'événements' : 'événement'} (${from} – ${to})${numbered ? ', numérotés comme dans le tableau chronologique' : ''}${NB}; situation au ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `Positions de ${actors} ${actors > 1 ? 'acteurs' : 'acteur'} sur ${options} ${options > 1 ? 'options' : 'option'}${range ? ` (${range[0]} à ${range[1]})` : ''}${NB}: cercle plein, soutient${NB};${conditional ? ` cercle à demi plein, soutient sous conditions${NB};` : ''} croix, s’oppose${NB}; cercle vide, indécis${NB}; tiret, position inconnue.`,
  },
  date,
  dateShort,
  span: spansOf(date, (d) => `depuis ${d}`),
  spanShort: spansOf(dateShort, (d) => `depuis ${d}`),
  quoteMarks: MARKS,
  statement: 'déclaration',
  dateOfSource: (date) => `${date} (date de la source)`,
  unchecked: 'non vérifiée dans la source',
  noStance: 'Aucune position déclarée',
  backedIf: 'Soutien sous condition\u00a0:',
  unnamedSources: 'Sources non nommées',
  change,
  briefingAsOf: (d) => `Note de synthèse, situation au ${d}`,
  handoutSubject: (about) => `Document avec notes de l’orateur et sources — ${about}`,
  handoutTitle: (title) => `${title} — document à distribuer`,
  handoutDoc: (title, d) => `${title} · Document à distribuer · situation au ${d}`,
  speakerNotes: 'Notes de l’orateur',
  sourcesCited: (count) => (count === 1 ? 'Source citée sur cette diapositive' : 'Sources citées sur cette diapositive'),
  slideOf: (n, total) => `Diapositive ${n} sur ${total}`,
  noNotes: 'Ni notes ni sources pour cette diapositive.',
  controls: { previous: 'diapositive précédente', next: 'diapositive suivante', above: 'diapositive au-dessus', below: 'diapositive en dessous' },
  allSourcesListed: 'Cette diapositive liste toutes les sources de la note.',
  notesGoOn: 'La suite des notes figure dans la vue de l’orateur.',
};

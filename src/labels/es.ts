import type { PartialDate } from '../facts/dates.js';
import { intlDates, spansOf } from './dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { bare, quoting } from './words.js';

const MARKS = ['«', '»'] as const;
const q = quoting(MARKS);
const { date, dateShort } = intlDates('es');
const short = (d: PartialDate | undefined) => (d ? dateShort(d) : 'sin fecha');
const FIELDS: Record<OptionField, string> = {
  title: 'título',
  summary: 'resumen',
  pros: 'argumentos a favor',
  cons: 'argumentos en contra',
  backers: 'apoyos',
  opponents: 'oponentes',
};

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `Nueva conclusión clave: ${c.text}`;
    case 'judgement-dropped': return `Conclusión clave retirada: ${c.text}`;
    case 'event-added': return `Nuevo acontecimiento, ${short(c.date)}: ${c.text}`;
    case 'event-removed': return `Acontecimiento retirado: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `Fecha cambiada: ${bare(c.text)}, del ${short(c.from)} al ${short(c.to)}`;
    case 'event-past': return `Ya ocurrido: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `Nuevo actor: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `Actor retirado: ${c.name}`;
    case 'stance-shifted': return `La postura de ${c.name} ha cambiado: ahora ${q(bare(c.now))}; antes ${q(bare(c.was))}`;
    case 'quote-added': return `Nueva cita de ${c.speaker} (${c.actor}), ${short(c.date)}: ${q(c.text)}`;
    case 'quote-withdrawn': return `Cita retirada: ${c.speaker} (${c.actor}), ${q(c.text)}`;
    case 'action-added': return `Nueva acción de ${c.actor}: ${c.text}`;
    case 'action-removed': return `Acción que ya no figura para ${c.actor}: ${c.text}`;
    case 'option-added': return `Opción añadida: ${c.title}`;
    case 'option-dropped': return `Opción descartada: ${c.title}`;
    case 'option-updated': return `Opción modificada: ${c.title} (${c.fields.map((f) => FIELDS[f]).join(', ')})`;
    case 'step-added': return `Nuevo paso, ${c.date ? dateShort(c.date) : 'sin fecha fijada'}: ${c.text}`;
    case 'step-done': return `Hecho: ${bare(c.text)} (previsto para el ${short(c.due)})`;
    case 'step-dropped': return `Paso descartado: ${c.text}`;
    case 'step-moved': return `Paso aplazado: ${bare(c.text)}, del ${short(c.from)} al ${short(c.to)}`;
    case 'point-added': return `Nuevo antecedente: ${c.text}`;
    case 'point-removed': return `Antecedente retirado: ${c.text}`;
    case 'term-added': return `Nuevo término clave: ${c.term}`;
    case 'term-removed': return `Término clave retirado: ${c.term}`;
    case 'definition-updated': return `Definición modificada: ${c.term}`;
    case 'source-added': return `Nueva fuente: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
    case 'source-removed': return `Fuente que ya no se cita: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
  }
}

export const es: Labels = {
  language: 'es',
  dir: 'ltr',
  section: {
    title: 'Informe',
    'bottom-line': 'Lo esencial',
    changes: 'Cambios',
    background: 'Antecedentes',
    timeline: 'Cronología',
    positions: 'Posiciones',
    options: 'Opciones',
    'next-steps': 'Próximos pasos',
    sources: 'Fuentes',
  },
  heading: {
    bottomLine: 'Lo esencial',
    whatsNew: (since) => `Novedades desde el ${since}`,
    background: 'Antecedentes',
    timelineChart: 'La cronología de un vistazo',
    timeline: 'Cronología',
    positions: 'Las posiciones de un vistazo',
    matrix: 'Quién apoya cada opción',
    optionsTable: 'Las opciones de un vistazo',
    option: (n, title) => (n === undefined ? `Opción: ${title}` : `Opción ${n}: ${title}`),
    nextSteps: 'Próximos pasos',
    sources: 'Fuentes',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'Términos clave',
  actions: 'Acciones',
  speakingFor: (actor) => `Hablan en nombre de ${actor}:`,
  stance: 'Postura:',
  backedBy: 'Apoyada por:',
  opposedBy: 'Rechazada por:',
  columns: {
    date: 'Fecha',
    event: 'Acontecimiento',
    actor: 'Actor',
    stance: 'Postura',
    number: 'N.º',
    option: 'Opción',
    backedBy: 'Apoyada por',
    opposedBy: 'Rechazada por',
    for: 'A favor',
    against: 'En contra',
    when: 'Cuándo',
    what: 'Qué',
    who: 'Quién',
  },
  asOf: (d) => `Situación a ${d}`,
  asOfFooter: (d) => `situación a ${d}`,
  preparedBy: (who) => `Elaborado por ${who}`,
  audience: (who) => `Para ${who}`,
  asOfBriefing: 'Fecha de este informe',
  upcoming: '(próximo)',
  notSet: 'Sin fijar',
  none: '—',
  allActors: (count) => `Los ${count} actores`,
  noChanges: (since) => `Ningún cambio en los hechos desde el ${since}.`,
  checkedCopy: '(citas cotejadas con una copia local)',
  matrix: {
    backs: (n) => `apoya la opción ${n}`,
    opposes: (n) => `se opone a la opción ${n}`,
    undecided: (n) => `indeciso sobre la opción ${n}`,
    noPosition: 'postura desconocida',
    unknown: (n) => `postura desconocida sobre la opción ${n}`,
    conditional: (n, c) => `apoya la opción ${n} ${c}`,
    conditionalMark: 'apoya con condiciones',
  },
  drawing: {
    past: 'pasado',
    upcoming: 'próximo',
    numbered: 'numerados como en la tabla cronológica',
    option: 'Opción',
    backs: 'apoya',
    conditional: 'apoya con condiciones',
    opposes: 'se opone',
    open: 'indeciso',
    unknown: 'postura desconocida',
    timeline: (count, from, to, numbered, asOf) =>
      `Cronología de ${count} ${count === 1 ? 'acontecimiento' : 'acontecimientos'} (${from} – ${to})${numbered ? ', numerados como en la tabla cronológica' : ''}; situación a ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `Posturas de ${actors} ${actors === 1 ? 'actor' : 'actores'} sobre ${options} ${options === 1 ? 'opción' : 'opciones'}${range ? ` (de la ${range[0]} a la ${range[1]})` : ''}: círculo lleno apoya;${conditional ? ' círculo medio lleno apoya con condiciones;' : ''} cruz se opone; círculo vacío indeciso; guion postura desconocida.`,
  },
  date,
  dateShort,
  span: spansOf(date, (d) => `desde ${d}`),
  spanShort: spansOf(dateShort, (d) => `desde ${d}`),
  quoteMarks: MARKS,
  statement: 'declaración',
  dateOfSource: (date) => `${date} (fecha de la fuente)`,
  unchecked: 'no cotejada con la fuente',
  noStance: 'Sin posición declarada',
  backedIf: 'Apoyo condicionado:',
  unnamedSources: 'Fuentes no identificadas',
  change,
  briefingAsOf: (d) => `Informe, situación a ${d}`,
  handoutSubject: (about) => `Documento con notas del orador y fuentes — ${about}`,
  handoutTitle: (title) => `${title} — documento`,
  handoutDoc: (title, d) => `${title} · Documento · situación a ${d}`,
  speakerNotes: 'Notas del orador',
  sourcesCited: (count) => (count === 1 ? 'Fuente citada en esta diapositiva' : 'Fuentes citadas en esta diapositiva'),
  slideOf: (n, total) => `Diapositiva ${n} de ${total}`,
  noNotes: 'Sin notas ni fuentes para esta diapositiva.',
  controls: { previous: 'diapositiva anterior', next: 'diapositiva siguiente', above: 'diapositiva de arriba', below: 'diapositiva de abajo' },
  allSourcesListed: 'Esta diapositiva enumera todas las fuentes del informe.',
  notesGoOn: 'Las notas continúan en la vista del orador.',
};

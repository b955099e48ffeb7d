import type { PartialDate } from '../facts/dates.js';
import { intlDates, pluralOf, spansOf } from './dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { bare, quoting } from './words.js';

const MARKS = ['«', '»'] as const;
const q = quoting(MARKS);
const { date, dateShort } = intlDates('ru');
const plural = pluralOf('ru');
const short = (d: PartialDate | undefined) => (d ? dateShort(d) : 'без даты');
const FIELDS: Record<OptionField, string> = {
  title: 'название',
  summary: 'описание',
  pros: 'доводы за',
  cons: 'доводы против',
  backers: 'сторонники',
  opponents: 'противники',
};
const ACTORS: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'участник', few: 'участника', many: 'участников' };
const EVENTS: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'событие', few: 'события', many: 'событий' };

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `Новый ключевой вывод: ${c.text}`;
    case 'judgement-dropped': return `Ключевой вывод снят: ${c.text}`;
    case 'event-added': return `Новое событие, ${short(c.date)}: ${c.text}`;
    case 'event-removed': return `Событие исключено: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `Дата перенесена: ${bare(c.text)}, с ${short(c.from)} на ${short(c.to)}`;
    case 'event-past': return `Уже состоялось: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `Новый участник: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `Участник исключён: ${c.name}`;
    case 'stance-shifted': return `Позиция изменилась (${c.name}): теперь ${q(bare(c.now))}; прежде ${q(bare(c.was))}`;
    case 'quote-added': return `Новая цитата: ${c.speaker} (${c.actor}), ${short(c.date)}: ${q(c.text)}`;
    case 'quote-withdrawn': return `Цитата снята: ${c.speaker} (${c.actor}), ${q(c.text)}`;
    case 'action-added': return `Новое действие (${c.actor}): ${c.text}`;
    case 'action-removed': return `Действие больше не указано (${c.actor}): ${c.text}`;
    case 'option-added': return `Добавлен вариант: ${c.title}`;
    case 'option-dropped': return `Вариант снят: ${c.title}`;
    case 'option-updated': return `Вариант изменён: ${c.title} (${c.fields.map((f) => FIELDS[f]).join(', ')})`;
    case 'step-added': return `Новый шаг, ${c.date ? dateShort(c.date) : 'дата не назначена'}: ${c.text}`;
    case 'step-done': return `Выполнено: ${bare(c.text)} (срок — ${short(c.due)})`;
    case 'step-dropped': return `Шаг снят: ${c.text}`;
    case 'step-moved': return `Шаг перенесён: ${bare(c.text)}, с ${short(c.from)} на ${short(c.to)}`;
    case 'point-added': return `Новые сведения: ${c.text}`;
    case 'point-removed': return `Сведения исключены: ${c.text}`;
    case 'term-added': return `Новый термин: ${c.term}`;
    case 'term-removed': return `Термин исключён: ${c.term}`;
    case 'definition-updated': return `Определение изменено: ${c.term}`;
    case 'source-added': return `Новый источник: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
    case 'source-removed': return `Источник больше не цитируется: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
  }
}

export const ru: Labels = {
  language: 'ru',
  dir: 'ltr',
  section: {
    title: 'Справка',
    'bottom-line': 'Главное',
    changes: 'Изменения',
    background: 'Предыстория',
    timeline: 'Хронология',
    positions: 'Позиции',
    options: 'Варианты',
    'next-steps': 'Дальнейшие шаги',
    sources: 'Источники',
  },
  heading: {
    bottomLine: 'Главное',
    whatsNew: (since) => `Что нового с ${since}`,
    background: 'Предыстория',
    timelineChart: 'Хронология в общих чертах',
    timeline: 'Хронология',
    positions: 'Позиции в общих чертах',
    matrix: 'Кто поддерживает какой вариант',
    optionsTable: 'Варианты в общих чертах',
    option: (n, title) => (n === undefined ? `Вариант: ${title}` : `Вариант ${n}: ${title}`),
    nextSteps: 'Дальнейшие шаги',
    sources: 'Источники',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'Ключевые термины',
  actions: 'Действия',
  speakingFor: (actor) => `Представители (${actor}):`,
  stance: 'Позиция:',
  backedBy: 'Поддерживают:',
  opposedBy: 'Выступают против:',
  columns: {
    date: 'Дата',
    event: 'Событие',
    actor: 'Участник',
    stance: 'Позиция',
    number: '№',
    option: 'Вариант',
    backedBy: 'Поддерживают',
    opposedBy: 'Против',
    for: 'За',
    against: 'Против',
    when: 'Когда',
    what: 'Что',
    who: 'Кто',
  },
  asOf: (d) => `По состоянию на ${d}`,
  asOfFooter: (d) => `по состоянию на ${d}`,
  preparedBy: (who) => `Подготовлено: ${who}`,
  audience: (who) => `Для: ${who}`,
  asOfBriefing: 'Дата этой справки',
  upcoming: '(предстоит)',
  notSet: 'Не назначено',
  none: '—',
  allActors: (count) => `Все ${count} ${ACTORS[plural(count)] ?? 'участника'}`,
  noChanges: (since) => `С ${since} факты не изменились.`,
  checkedCopy: '(цитаты сверены с локальной копией)',
  matrix: {
    backs: (n) => `поддерживает вариант ${n}`,
    opposes: (n) => `против варианта ${n}`,
    undecided: (n) => `не определился по варианту ${n}`,
    noPosition: 'позиция неизвестна',
    unknown: (n) => `позиция по варианту ${n} неизвестна`,
    conditional: (n, c) => `поддерживает вариант ${n} ${c}`,
    conditionalMark: 'поддерживает при условии',
  },
  drawing: {
    past: 'прошло',
    upcoming: 'предстоит',
    numbered: 'номера как в таблице хронологии',
    option: 'Вариант',
    backs: 'поддерживает',
    conditional: 'поддерживает при условиях',
    opposes: 'против',
    open: 'не определился',
    unknown: 'позиция неизвестна',
    timeline: (count, from, to, numbered, asOf) =>
      `Хронология: ${count} ${EVENTS[plural(count)] ?? 'события'} (${from} – ${to})${numbered ? ', номера как в таблице хронологии' : ''}; по состоянию на ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `Позиции участников (${actors}) по вариантам (${options})${range ? `, варианты с ${range[0]} по ${range[1]}` : ''}: закрашенный круг — поддерживает;${conditional ? ' наполовину закрашенный круг — поддерживает при условиях;' : ''} крест — против; пустой круг — не определился; тире — позиция неизвестна.`,
  },
  date,
  dateShort,
  span: spansOf(date, (d) => `с ${d}`),
  spanShort: spansOf(dateShort, (d) => `с ${d}`),
  quoteMarks: MARKS,
  statement: 'заявление',
  dateOfSource: (date) => `${date} (дата источника)`,
  unchecked: 'не сверено с источником',
  noStance: 'Позиция не заявлена',
  backedIf: 'Поддерживает при условии:',
  unnamedSources: 'Неназванные источники',
  change,
  briefingAsOf: (d) => `Справка по состоянию на ${d}`,
  handoutSubject: (about) => `Раздаточный материал с заметками докладчика и источниками — ${about}`,
  handoutTitle: (title) => `${title} — раздаточный материал`,
  handoutDoc: (title, d) => `${title} · Раздаточный материал · по состоянию на ${d}`,
  speakerNotes: 'Заметки докладчика',
  sourcesCited: (count) => (count === 1 ? 'Источник, цитируемый на слайде' : 'Источники, цитируемые на слайде'),
  slideOf: (n, total) => `Слайд ${n} из ${total}`,
  noNotes: 'К этому слайду нет заметок и источников.',
  controls: { previous: 'предыдущий слайд', next: 'следующий слайд', above: 'слайд выше', below: 'слайд ниже' },
  allSourcesListed: 'На этом слайде перечислены все источники справки.',
  notesGoOn: 'Продолжение заметок — в режиме докладчика.',
};

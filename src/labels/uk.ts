import type { PartialDate } from '../facts/dates.js';
import { intlDates, pluralOf, spansOf } from './dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { bare, quoting } from './words.js';

const MARKS = ['«', '»'] as const;
const q = quoting(MARKS);
const { date, dateShort } = intlDates('uk');
const plural = pluralOf('uk');
const short = (d: PartialDate | undefined) => (d ? dateShort(d) : 'без дати');
const FIELDS: Record<OptionField, string> = {
  title: 'назва',
  summary: 'опис',
  pros: 'аргументи за',
  cons: 'аргументи проти',
  backers: 'прихильники',
  opponents: 'противники',
};
const ACTORS: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'учасник', few: 'учасники', many: 'учасників' };
const EVENTS: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'подія', few: 'події', many: 'подій' };

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `Новий ключовий висновок: ${c.text}`;
    case 'judgement-dropped': return `Ключовий висновок знято: ${c.text}`;
    case 'event-added': return `Нова подія, ${short(c.date)}: ${c.text}`;
    case 'event-removed': return `Подію вилучено: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `Дату перенесено: ${bare(c.text)}, з ${short(c.from)} на ${short(c.to)}`;
    case 'event-past': return `Уже відбулося: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `Новий учасник: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `Учасника вилучено: ${c.name}`;
    case 'stance-shifted': return `Позиція змінилася (${c.name}): тепер ${q(bare(c.now))}; раніше ${q(bare(c.was))}`;
    case 'quote-added': return `Нова цитата: ${c.speaker} (${c.actor}), ${short(c.date)}: ${q(c.text)}`;
    case 'quote-withdrawn': return `Цитату знято: ${c.speaker} (${c.actor}), ${q(c.text)}`;
    case 'action-added': return `Нова дія (${c.actor}): ${c.text}`;
    case 'action-removed': return `Дію більше не зазначено (${c.actor}): ${c.text}`;
    case 'option-added': return `Додано варіант: ${c.title}`;
    case 'option-dropped': return `Варіант знято: ${c.title}`;
    case 'option-updated': return `Варіант змінено: ${c.title} (${c.fields.map((f) => FIELDS[f]).join(', ')})`;
    case 'step-added': return `Новий крок, ${c.date ? dateShort(c.date) : 'дату не призначено'}: ${c.text}`;
    case 'step-done': return `Виконано: ${bare(c.text)} (строк — ${short(c.due)})`;
    case 'step-dropped': return `Крок знято: ${c.text}`;
    case 'step-moved': return `Крок перенесено: ${bare(c.text)}, з ${short(c.from)} на ${short(c.to)}`;
    case 'point-added': return `Нові відомості: ${c.text}`;
    case 'point-removed': return `Відомості вилучено: ${c.text}`;
    case 'term-added': return `Новий термін: ${c.term}`;
    case 'term-removed': return `Термін вилучено: ${c.term}`;
    case 'definition-updated': return `Визначення змінено: ${c.term}`;
    case 'source-added': return `Нове джерело: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
    case 'source-removed': return `Джерело більше не цитується: ${c.publisher ? `${c.publisher}, ` : ''}${q(c.title)}`;
  }
}

export const uk: Labels = {
  language: 'uk',
  dir: 'ltr',
  section: {
    title: 'Довідка',
    'bottom-line': 'Головне',
    changes: 'Зміни',
    background: 'Передісторія',
    timeline: 'Хронологія',
    positions: 'Позиції',
    options: 'Варіанти',
    'next-steps': 'Подальші кроки',
    sources: 'Джерела',
  },
  heading: {
    bottomLine: 'Головне',
    whatsNew: (since) => `Що нового від ${since}`,
    background: 'Передісторія',
    timelineChart: 'Хронологія стисло',
    timeline: 'Хронологія',
    positions: 'Позиції стисло',
    matrix: 'Хто підтримує який варіант',
    optionsTable: 'Варіанти стисло',
    option: (n, title) => (n === undefined ? `Варіант: ${title}` : `Варіант ${n}: ${title}`),
    nextSteps: 'Подальші кроки',
    sources: 'Джерела',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'Ключові терміни',
  actions: 'Дії',
  speakingFor: (actor) => `Представники (${actor}):`,
  stance: 'Позиція:',
  backedBy: 'Підтримують:',
  opposedBy: 'Виступають проти:',
  columns: {
    date: 'Дата',
    event: 'Подія',
    actor: 'Учасник',
    stance: 'Позиція',
    number: '№',
    option: 'Варіант',
    backedBy: 'Підтримують',
    opposedBy: 'Проти',
    for: 'За',
    against: 'Проти',
    when: 'Коли',
    what: 'Що',
    who: 'Хто',
  },
  asOf: (d) => `Станом на ${d}`,
  asOfFooter: (d) => `станом на ${d}`,
  preparedBy: (who) => `Підготовлено: ${who}`,
  audience: (who) => `Для: ${who}`,
  asOfBriefing: 'Дата цієї довідки',
  upcoming: '(попереду)',
  notSet: 'Не призначено',
  none: '—',
  allActors: (count) => `Усі ${count} ${ACTORS[plural(count)] ?? 'учасника'}`,
  noChanges: (since) => `Від ${since} факти не змінилися.`,
  checkedCopy: '(цитати звірено з локальною копією)',
  matrix: {
    backs: (n) => `підтримує варіант ${n}`,
    opposes: (n) => `проти варіанта ${n}`,
    undecided: (n) => `не визначився щодо варіанта ${n}`,
    noPosition: 'позиція невідома',
    unknown: (n) => `позиція щодо варіанта ${n} невідома`,
    conditional: (n, c) => `підтримує варіант ${n} ${c}`,
    conditionalMark: 'підтримує за умови',
  },
  drawing: {
    past: 'минуло',
    upcoming: 'попереду',
    numbered: 'номери як у таблиці хронології',
    option: 'Варіант',
    backs: 'підтримує',
    conditional: 'підтримує за умов',
    opposes: 'проти',
    open: 'не визначився',
    unknown: 'позиція невідома',
    timeline: (count, from, to, numbered, asOf) =>
      `Хронологія: ${count} ${EVENTS[plural(count)] ?? 'події'} (${from} – ${to})${numbered ? ', номери як у таблиці хронології' : ''}; станом на ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `Позиції учасників (${actors}) щодо варіантів (${options})${range ? `, варіанти з ${range[0]} по ${range[1]}` : ''}: зафарбоване коло — підтримує;${conditional ? ' наполовину зафарбоване коло — підтримує за умов;' : ''} хрестик — проти; порожнє коло — не визначився; риска — позиція невідома.`,
  },
  date,
  dateShort,
  span: spansOf(date, (d) => `з ${d}`),
  spanShort: spansOf(dateShort, (d) => `з ${d}`),
  quoteMarks: MARKS,
  statement: 'заява',
  dateOfSource: (date) => `${date} (дата джерела)`,
  unchecked: 'не звірено з джерелом',
  noStance: 'Позицію не заявлено',
  backedIf: 'Підтримує за умови:',
  unnamedSources: 'Неназвані джерела',
  change,
  briefingAsOf: (d) => `Довідка станом на ${d}`,
  handoutSubject: (about) => `Роздатковий матеріал із нотатками доповідача та джерелами — ${about}`,
  handoutTitle: (title) => `${title} — роздатковий матеріал`,
  handoutDoc: (title, d) => `${title} · Роздатковий матеріал · станом на ${d}`,
  speakerNotes: 'Нотатки доповідача',
  sourcesCited: (count) => (count === 1 ? 'Джерело, процитоване на слайді' : 'Джерела, процитовані на слайді'),
  slideOf: (n, total) => `Слайд ${n} з ${total}`,
  noNotes: 'До цього слайда немає нотаток і джерел.',
  controls: { previous: 'попередній слайд', next: 'наступний слайд', above: 'слайд вище', below: 'слайд нижче' },
  allSourcesListed: 'На цьому слайді перелічено всі джерела довідки.',
  notesGoOn: 'Продовження нотаток — у режимі доповідача.',
};

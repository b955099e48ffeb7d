import type { PartialDate } from '../facts/dates.js';
import { intlDates, spansOf } from './dates.js';
import type { ChangeNote, Labels, OptionField } from './types.js';
import { quoting } from './words.js';

const MARKS = ['«', '»'] as const;
const q = quoting(MARKS);
// Western digits, as the facts themselves are written, so figures read the same in text and dates.
const { date, dateShort } = intlDates('ar-u-nu-latn');
const short = (d: PartialDate | undefined) => (d ? dateShort(d) : 'دون تاريخ');
const bare = (text: string) => text.trim().replace(/[.。]$/, '');
const FIELDS: Record<OptionField, string> = {
  title: 'العنوان',
  summary: 'الملخص',
  pros: 'الحجج المؤيدة',
  cons: 'الحجج المعارضة',
  backers: 'المؤيدون',
  opponents: 'المعارضون',
};

function change(c: ChangeNote): string {
  switch (c.type) {
    case 'judgement-added': return `تقدير رئيسي جديد: ${c.text}`;
    case 'judgement-dropped': return `حُذف تقدير رئيسي: ${c.text}`;
    case 'event-added': return `حدث جديد، ${short(c.date)}: ${c.text}`;
    case 'event-removed': return `حُذف حدث: ${bare(c.text)} (${short(c.date)})`;
    case 'event-moved': return `تغيّر موعد: ${bare(c.text)}، من ${short(c.from)} إلى ${short(c.to)}`;
    case 'event-past': return `مضى الآن: ${bare(c.text)} (${short(c.date)})`;
    case 'actor-added': return `طرف جديد: ${c.name}. ${c.stance}`;
    case 'actor-removed': return `حُذف طرف: ${c.name}`;
    case 'stance-shifted': return `تغيّر موقف ${c.name}: الآن ${q(bare(c.now))}؛ وكان ${q(bare(c.was))}`;
    case 'quote-added': return `تصريح جديد لـ${c.speaker} (${c.actor})، ${short(c.date)}: ${q(c.text)}`;
    case 'quote-withdrawn': return `سُحب تصريح: ${c.speaker} (${c.actor})، ${q(c.text)}`;
    case 'action-added': return `إجراء جديد من ${c.actor}: ${c.text}`;
    case 'action-removed': return `لم يعد مدرجًا لـ${c.actor}: ${c.text}`;
    case 'option-added': return `أُضيف خيار: ${c.title}`;
    case 'option-dropped': return `استُبعد خيار: ${c.title}`;
    case 'option-updated': return `عُدّل خيار: ${c.title} (${c.fields.map((f) => FIELDS[f]).join('، ')})`;
    case 'step-added': return `خطوة تالية جديدة، ${c.date ? dateShort(c.date) : 'لم يُحدَّد موعد'}: ${c.text}`;
    case 'step-done': return `أُنجز: ${bare(c.text)} (كان موعده ${short(c.due)})`;
    case 'step-dropped': return `أُلغيت خطوة: ${c.text}`;
    case 'step-moved': return `تأجّلت خطوة: ${bare(c.text)}، من ${short(c.from)} إلى ${short(c.to)}`;
    case 'point-added': return `خلفية جديدة: ${c.text}`;
    case 'point-removed': return `حُذفت خلفية: ${c.text}`;
    case 'term-added': return `مصطلح رئيسي جديد: ${c.term}`;
    case 'term-removed': return `حُذف مصطلح رئيسي: ${c.term}`;
    case 'definition-updated': return `عُدّل تعريف: ${c.term}`;
    case 'source-added': return `مصدر جديد: ${c.publisher ? `${c.publisher}، ` : ''}${q(c.title)}`;
    case 'source-removed': return `مصدر لم يعد مستشهدًا به: ${c.publisher ? `${c.publisher}، ` : ''}${q(c.title)}`;
  }
}

export const ar: Labels = {
  language: 'ar',
  dir: 'rtl',
  section: {
    title: 'إحاطة',
    'bottom-line': 'الخلاصة',
    changes: 'المستجدات',
    background: 'الخلفية',
    timeline: 'التسلسل الزمني',
    positions: 'المواقف',
    options: 'الخيارات',
    'next-steps': 'الخطوات التالية',
    sources: 'المصادر',
  },
  heading: {
    bottomLine: 'الخلاصة',
    whatsNew: (since) => `المستجدات منذ ${since}`,
    background: 'الخلفية',
    timelineChart: 'التسلسل الزمني بإيجاز',
    timeline: 'التسلسل الزمني',
    positions: 'المواقف بإيجاز',
    matrix: 'من يؤيد أي خيار',
    optionsTable: 'الخيارات بإيجاز',
    option: (n, title) => (n === undefined ? `الخيار: ${title}` : `الخيار ${n}: ${title}`),
    nextSteps: 'الخطوات التالية',
    sources: 'المصادر',
  },
  continued: (title, index, count) => (count > 1 ? `${title} (${index + 1}/${count})` : title),
  keyTerms: 'مصطلحات رئيسية',
  actions: 'الإجراءات',
  speakingFor: (actor) => `المتحدثون باسم ${actor}:`,
  stance: 'الموقف:',
  backedBy: 'يؤيده:',
  opposedBy: 'يعارضه:',
  columns: {
    date: 'التاريخ',
    event: 'الحدث',
    actor: 'الطرف',
    stance: 'الموقف',
    number: 'رقم',
    option: 'الخيار',
    backedBy: 'يؤيده',
    opposedBy: 'يعارضه',
    for: 'مع',
    against: 'ضد',
    when: 'متى',
    what: 'ماذا',
    who: 'من',
  },
  asOf: (d) => `حتى ${d}`,
  asOfFooter: (d) => `حتى ${d}`,
  preparedBy: (who) => `إعداد ${who}`,
  audience: (who) => `إلى ${who}`,
  asOfBriefing: 'تاريخ هذه الإحاطة',
  upcoming: '(قادم)',
  notSet: 'غير محدد',
  none: '—',
  allActors: (count) => `جميع الأطراف (${count})`,
  noChanges: (since) => `لا تغيير في الوقائع منذ ${since}.`,
  checkedCopy: '(طوبقت الاقتباسات مع نسخة محلية)',
  matrix: {
    backs: (n) => `يؤيد الخيار ${n}`,
    opposes: (n) => `يعارض الخيار ${n}`,
    undecided: (n) => `متردد بشأن الخيار ${n}`,
    noPosition: 'موقف غير معروف',
    unknown: (n) => `الموقف من الخيار ${n} غير معروف`,
    conditional: (n, c) => `يدعم الخيار ${n} ${c}`,
    conditionalMark: 'يدعم بشرط',
  },
  drawing: {
    past: 'سابق',
    upcoming: 'قادم',
    numbered: 'مرقمة كما في جدول التسلسل الزمني',
    option: 'الخيار',
    backs: 'يؤيد',
    conditional: 'يؤيد بشروط',
    opposes: 'يعارض',
    open: 'متردد',
    unknown: 'موقف غير معروف',
    // Counts as "(number of events: 3)", which needs none of Arabic's six plural forms.
    timeline: (count, from, to, numbered, asOf) =>
      `التسلسل الزمني (عدد الأحداث: ${count})، ${from} – ${to}${numbered ? '، مرقمة كما في جدول التسلسل الزمني' : ''}؛ حتى ${asOf}.`,
    matrix: (actors, options, range, conditional) =>
      `مواقف الأطراف من الخيارات (عدد الأطراف: ${actors}، عدد الخيارات: ${options}${range ? `، من ${range[0]} إلى ${range[1]}` : ''}): دائرة ممتلئة يؤيد،${conditional ? ' دائرة نصف ممتلئة يؤيد بشروط،' : ''} علامة × يعارض، دائرة فارغة متردد، شرطة موقف غير معروف.`,
  },
  date,
  dateShort,
  span: spansOf(date, (d) => `منذ ${d}`),
  spanShort: spansOf(dateShort, (d) => `منذ ${d}`),
  quoteMarks: MARKS,
  statement: 'بيان',
  dateOfSource: (date) => `${date} (تاريخ المصدر)`,
  unchecked: 'لم يُطابَق مع المصدر',
  noStance: 'لا موقف معلن',
  backedIf: 'يدعم بشرط:',
  unnamedSources: 'مصادر غير مسماة',
  change,
  briefingAsOf: (d) => `إحاطة حتى ${d}`,
  handoutSubject: (about) => `نشرة مع ملاحظات المتحدث والمصادر — ${about}`,
  handoutTitle: (title) => `${title} — نشرة`,
  handoutDoc: (title, d) => `${title} · نشرة · حتى ${d}`,
  speakerNotes: 'ملاحظات المتحدث',
  sourcesCited: (count) => (count === 1 ? 'المصدر المستشهد به في هذه الشريحة' : 'المصادر المستشهد بها في هذه الشريحة'),
  slideOf: (n, total) => `الشريحة ${n} من ${total}`,
  noNotes: 'لا ملاحظات ولا مصادر لهذه الشريحة.',
  controls: { previous: 'الشريحة السابقة', next: 'الشريحة التالية', above: 'الشريحة أعلاه', below: 'الشريحة أدناه' },
  allSourcesListed: 'تسرد هذه الشريحة جميع مصادر الإحاطة.',
  notesGoOn: 'تتمة الملاحظات في عرض المتحدث.',
};

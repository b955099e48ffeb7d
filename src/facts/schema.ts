import { z } from 'zod';
import { LabelOverridesSchema } from '../labels/overrides.js';

/**
 * The facts file format. Field names are snake_case because analysts write them by hand;
 * every object is strict so a misspelt key is an error (with a "did you mean") rather than a
 * fact that silently disappears from the deck.
 */

const text = (description: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
    .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
    .describe(description);

const id = (description: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be an id (text)') })
    .regex(/^[a-z0-9][a-z0-9-]*$/, {
      message: 'must be lower-case letters, digits and hyphens, e.g. "rferl-2019-02-13"',
    })
    .describe(description);

const DATE_MESSAGE = 'must be a date: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-02-13';

/** Year, year-month or full date. Its validity (2019-02-30) is checked after the schema. */
export const DateField = z
  .union([z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: DATE_MESSAGE }), z.number().int(DATE_MESSAGE).min(1000, DATE_MESSAGE).max(9999, DATE_MESSAGE)], {
    error: (iss) =>
      iss.input === undefined ? 'is required' : DATE_MESSAGE,
  })
  .describe('A date of year, month or day precision: 1987, 2019-02 or 2019-02-13.');

const sourceRefs = z
  .array(id('The id of an entry under sources.'), { error: 'must be a list of source ids, e.g. [rferl]' })
  .min(1, { message: 'must name at least one source id' })
  .describe('Ids of the sources that support this fact.');

const actorRefs = (what: string) =>
  z
    .array(id('The id of an entry under actors.'), { error: 'must be a list of actor ids, e.g. [nato, us]' })
    .describe(what);

const notes = (what: string) =>
  text(`Speaker notes for ${what}; shown in the speaker view, not on the slide.`).optional();

export const Meta = z
  .strictObject({
    title: text('Deck title, shown on the title slide and as the PDF title.'),
    subtitle: text('One line under the title.').optional(),
    as_of: DateField.describe('The date the facts are current to (YYYY-MM-DD). Later events are marked upcoming.'),
    prepared_by: text('Who prepared the briefing: a unit or a person.'),
    marking: text('Handling marking shown on every slide and PDF page, e.g. "UNCLASSIFIED // FOR DISCUSSION".'),
    audience: text('Who the briefing is for, e.g. "Minister\'s office".').optional(),
    changes_since: text(
      'Earlier facts to compare with, for a "What\'s new" slide: a facts.yaml or build snapshot (facts.json) path relative to this deck folder, or a git revision such as HEAD~1 or a tag.',
    ).optional(),
    theme: text(
      'How the deck looks: a built-in theme (briefing, the light default; dark, for dim rooms) or the path, inside this deck folder, of a brand file (e.g. brand.yaml) with colours, font, logo and footer text. The --theme option overrides it.',
    ).optional(),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: 'must be a language tag such as "en" or "en-GB"' })
      .describe('Language of the facts, as a BCP 47 tag (en, en-GB, fr). Defaults to en.')
      .optional(),
    labels: LabelOverridesSchema.optional(),
  })
  .describe('About the briefing as a whole.');

export const Source = z.strictObject({
  id: id('Short id used to cite this source, e.g. rferl-2019-02-13.'),
  publisher: text('Who published it, e.g. RFE/RL.'),
  title: text('Headline or document title.'),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .describe('Where to read it.')
    .optional(),
  date: DateField.describe('Publication date.').optional(),
  copy: text(
    'Path, inside the deck folder, of a local plain-text copy of the source (e.g. sources/article.txt). Quotes citing this source are checked against it.',
  ).optional(),
});

export const Judgement = z.strictObject({
  text: text('A key judgement: one sentence a decision-maker should take away.'),
  sources: sourceRefs.optional(),
});

export const Point = z.strictObject({
  text: text('A background fact.'),
  sources: sourceRefs,
});

export const Term = z.strictObject({
  term: text('The term, e.g. INF Treaty.'),
  definition: text('What it means, in one sentence.'),
  sources: sourceRefs.optional(),
});

export const Event = z.strictObject({
  date: DateField,
  event: text('What happened (or will happen) on that date.'),
  sources: sourceRefs,
});

export const Speaker = z.strictObject({
  name: text('Full name.'),
  role: text('Title or role, e.g. Secretary-General.'),
});

export const Quote = z.strictObject({
  text: text('The exact words, without the surrounding quotation marks. Use … to join two parts of one quote.'),
  speaker: text('Name of the speaker; must be one of this actor\'s speakers.'),
  date: DateField.describe('When it was said.'),
  source: id('The id of the source that reports the quote.'),
});

export const Action = z.strictObject({
  text: text('What the actor did or announced.'),
  date: DateField.optional(),
  sources: sourceRefs,
});

export const Actor = z.strictObject({
  id: id('Short id used by options and next steps, e.g. nato, us.'),
  name: text('Display name, e.g. United States.'),
  kind: z
    .enum(['country', 'alliance', 'organisation', 'person', 'group'], {
      error: 'must be one of: country, alliance, organisation, person, group',
    })
    .describe('What sort of actor this is.')
    .optional(),
  speakers: z.array(Speaker).describe('Who speaks for the actor in these facts.').optional(),
  stance: text('The actor\'s position in one line.'),
  stance_sources: sourceRefs.optional(),
  quotes: z.array(Quote).optional(),
  actions: z.array(Action).optional(),
  notes: notes('this actor\'s slide'),
});

export const Option = z.strictObject({
  id: id('Short id for the option.').optional(),
  title: text('The option in a few words.'),
  summary: text('What it would mean in practice.'),
  pros: z.array(text('An argument for.')).optional(),
  cons: z.array(text('An argument against.')).optional(),
  backers: actorRefs('Actors that back it.').optional(),
  opponents: actorRefs('Actors that oppose it.').optional(),
  undecided: actorRefs('Actors known to be undecided (shown as open in the positions matrix).').optional(),
  sources: sourceRefs,
});

export const Step = z.strictObject({
  what: text('What happens next.'),
  when: DateField.describe('When it is due; leave out when no date is set.').optional(),
  who: actorRefs('Actors involved.').optional(),
  sources: sourceRefs,
});

export const SectionNotes = z
  .strictObject({
    title: notes('the title slide'),
    bottom_line: notes('the bottom line'),
    background: notes('the background'),
    timeline: notes('the timeline'),
    positions: notes('the positions overview'),
    options: notes('the options'),
    next_steps: notes('the next steps'),
    sources: notes('the sources slide'),
  })
  .describe('Speaker notes per section.');

export const Facts = z
  .strictObject({
    meta: Meta,
    sources: z.array(Source).min(1, { message: 'must list at least one source: every fact needs one' }),
    bottom_line: z
      .array(Judgement)
      .min(2, { message: 'needs 2 to 4 key judgements: add one' })
      .max(4, { message: 'takes 2 to 4 key judgements: merge or move the rest to background' })
      .describe('The bottom line up front: 2 to 4 key judgements.'),
    background: z
      .strictObject({
        points: z.array(Point).optional(),
        terms: z.array(Term).optional(),
      })
      .optional(),
    timeline: z.array(Event).optional(),
    actors: z.array(Actor).optional(),
    options: z.array(Option).optional(),
    next_steps: z.array(Step).optional(),
    notes: SectionNotes.optional(),
  })
  .describe('A briefdeck facts file: structured, sourced facts about one news event.');

export type Facts = z.infer<typeof Facts>;
export type Meta = z.infer<typeof Meta>;
export type Source = z.infer<typeof Source>;
export type Actor = z.infer<typeof Actor>;
export type Quote = z.infer<typeof Quote>;
export type Option = z.infer<typeof Option>;
export type Step = z.infer<typeof Step>;
export type Event = z.infer<typeof Event>;

/** The JSON Schema published for editors (`briefdeck schema`). */
export function factsJsonSchema(): object {
  const schema = z.toJSONSchema(Facts, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://briefdeck.invalid/facts.schema.json',
    title: 'briefdeck facts',
    ...schema,
  };
}

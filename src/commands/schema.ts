import { writeFile } from 'node:fs/promises';
import { factsJsonSchema } from '../facts/schema.js';

/** What each section is for, shown by editors on hover; the facts schema's own wording wins where it has one. */
const SECTIONS: Record<string, string> = {
  meta: 'About the briefing as a whole: title, as-of date, who prepared it, marking, theme.',
  sources: 'Every source the facts cite, each with an id; a local copy (copy:) lets quotes be checked word for word.',
  bottom_line: 'The bottom line up front: the key judgements, shown first.',
  background: 'Context: points (each sourced) and terms with their definitions.',
  timeline: 'Dated events, any precision (YYYY, YYYY-MM, YYYY-MM-DD); events after as_of are shown as upcoming.',
  actors: 'Who takes part: countries, alliances, organisations, people, groups; their stance, quotes and actions.',
  quotes: 'Quotes of people the source does not name and no actor speaks through.',
  options: 'The courses of action under discussion, with pros, cons, backers and opponents (actor ids).',
  next_steps: 'What happens next: what, when (optional) and who (actor ids).',
  notes: 'Speaker notes per section, shown in the speaker view and the handout.',
};

/** A full date with a real month and day number; `check` also knows each month's length. */
const FULL_DATE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

type JsonObject = { [key: string]: unknown };

/**
 * The JSON Schema of facts files, as written to schema/facts.schema.json: the facts schema,
 * with a description on every section and `as_of` held to a full date, as `check` holds it
 * (what JSON Schema cannot say, such as 2019-02-30, is left to `check`).
 */
export function publishedSchema(): JsonObject {
  const schema = factsJsonSchema() as JsonObject;
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  for (const [name, property] of Object.entries(properties)) {
    if (!property.description && SECTIONS[name]) property.description = SECTIONS[name];
  }
  const meta = properties.meta?.properties as Record<string, JsonObject> | undefined;
  if (meta?.as_of) {
    const description = meta.as_of.description;
    meta.as_of = { type: 'string', pattern: FULL_DATE, ...(description ? { description } : {}) };
  }
  return schema;
}

export function schemaText(): string {
  return JSON.stringify(publishedSchema(), null, 2) + '\n';
}

/** `schema --out <file>`: writes the JSON Schema for editors. */
export async function writeSchema(file: string): Promise<void> {
  await writeFile(file, schemaText());
}

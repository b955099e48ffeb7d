import { writeFile } from 'node:fs/promises';
import { factsJsonSchema } from '../facts/schema.js';

/** The JSON Schema of facts files, as written to schema/facts.schema.json. */
export function schemaText(): string {
  return JSON.stringify(factsJsonSchema(), null, 2) + '\n';
}

/** `schema --out <file>`: writes the JSON Schema for editors. */
export async function writeSchema(file: string): Promise<void> {
  await writeFile(file, schemaText());
}

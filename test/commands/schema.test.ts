import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSchema, schemaText } from '../../src/commands/schema.js';
import { ROOT } from '../helpers.js';

type Json = { [key: string]: unknown };

describe('the published JSON Schema', () => {
  const schema = publishedSchema();
  const properties = schema.properties as Record<string, Json>;

  it('describes every top-level section', () => {
    for (const [name, property] of Object.entries(properties)) {
      expect(typeof property.description, name).toBe('string');
      expect((property.description as string).length, name).toBeGreaterThan(10);
    }
  });

  it('holds as_of to a full date, as check does (a month alone is refused)', () => {
    const asOf = (properties.meta!.properties as Record<string, Json>).as_of!;
    expect(asOf.type).toBe('string');
    const pattern = new RegExp(asOf.pattern as string);
    for (const good of ['2026-11-26', '2019-02-13']) expect(pattern.test(good), good).toBe(true);
    for (const bad of ['2026-11', '2026', '26 November 2026', '2026-13-01', '2026-11-32']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('is what schema/facts.schema.json holds (regenerate with npm run schema)', async () => {
    expect(await readFile(path.join(ROOT, 'schema', 'facts.schema.json'), 'utf8')).toBe(schemaText());
  });
});

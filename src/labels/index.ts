import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import type { LabelOverrides, Labels } from './types.js';
import { uk } from './uk.js';

export type { ChangeNote, LabelOverrides, Labels, OptionField, SectionKey } from './types.js';

/** Label sets by primary language subtag. A language without one gets English words. */
export const LABEL_SETS: Readonly<Record<string, Labels>> = { en, fr, de, es, ru, uk, ar };

/** Languages written right to left, whether or not briefdeck has their words. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** The primary subtag of a BCP 47 tag: `fr-CA` → `fr`, `de-CH` → `de`. */
export function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/**
 * The labels for a deck's language (`fr-CA` falls back to `fr`, an unknown language to
 * English), written right to left where the language is, with an organisation's own wording
 * laid over them ("Key judgements" instead of "Bottom line").
 */
export function labelsFor(language: string, overrides: LabelOverrides = {}): Labels {
  const primary = primaryLanguage(language);
  const base = LABEL_SETS[primary] ?? en;
  const dir = RTL.has(primary) ? 'rtl' : base.dir;
  const { section, heading, columns, drawing, controls, ...words } = overrides;
  return {
    ...base,
    ...words,
    dir,
    section: { ...base.section, ...section },
    heading: { ...base.heading, ...heading },
    columns: { ...base.columns, ...columns },
    drawing: { ...base.drawing, ...drawing },
    controls: { ...base.controls, ...controls },
  };
}

/** The words an override may replace, by dotted key, for schema and messages. */
export function overridableKeys(): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(en)) {
    if (typeof v === 'string' && k !== 'language' && k !== 'dir') keys.push(k);
    else if (k === 'section' || k === 'heading' || k === 'columns' || k === 'drawing' || k === 'controls') {
      for (const [k2, v2] of Object.entries(v as object)) if (typeof v2 === 'string') keys.push(`${k}.${k2}`);
    }
  }
  return keys;
}

import { z } from 'zod';
import { overridableKeys, type LabelOverrides } from './index.js';

/** `labels:` in a facts file's meta or a brand file: the organisation's own wording, by key. */
export const LabelOverridesSchema = z
  .record(
    z.string(),
    z
      .string({ error: 'must be text' })
      .refine((s) => s.trim().length > 0 && !/[\r\n]/.test(s), { message: 'must be one line of text' }),
  )
  .describe(
    `Your own wording for words briefdeck adds, by key, e.g. "heading.bottomLine: Key judgements". Keys: ${overridableKeys().join(', ')}.`,
  );

/** The keys of `labels` that name no word briefdeck adds. */
export function unknownLabelKeys(labels: Readonly<Record<string, string>>): string[] {
  const known = new Set(overridableKeys());
  return Object.keys(labels).filter((k) => !known.has(k));
}

/** Dotted keys ("heading.bottomLine") → the overrides `labelsFor` lays over a language's words. */
export function toOverrides(labels: Readonly<Record<string, string>> | undefined): LabelOverrides {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    const [group, word] = key.split('.') as [string, string | undefined];
    if (word === undefined) out[group] = value.trim();
    else out[group] = { ...(out[group] as object | undefined), [word]: value.trim() };
  }
  return out as LabelOverrides;
}

import type { FieldPath } from './yaml.js';

/*
 * Every error at once: when the schema refuses some entries, the rest of the file is still
 * cross-checked (references, dates, quotes). The entries the schema refused are set aside —
 * the list item that holds each problem — and what remains is checked; the problems found
 * are mapped back to the fields as written.
 */

export interface Salvaged<T> {
  facts: T;
  /** A path in the salvaged facts → the same field in the file. */
  original: (path: FieldPath) => FieldPath;
  /** Ids of the entries set aside: references to them are not errors of their own. */
  setAside: string[];
}

/**
 * The facts without the list items the schema refused, when that leaves facts it accepts;
 * undefined when a problem lies outside any list item (e.g. a missing meta.title), where
 * nothing can be set aside.
 */
export function salvage<T>(
  value: Record<string, unknown>,
  problems: readonly { path: FieldPath; unknownKeys?: readonly string[] }[],
  accept: (value: unknown) => T | undefined,
): Salvaged<T> | undefined {
  const copy = structuredClone(value);
  const at = (path: FieldPath) => path.reduce<unknown>((node, part) => (node as Record<string | number, unknown> | undefined)?.[part], copy);
  // An unknown field is left out; any other problem sets aside the outermost list item around it.
  const items = new Map<string, { list: FieldPath; index: number }>();
  for (const { path: p, unknownKeys } of problems) {
    if (unknownKeys) {
      const node = at(p);
      if (node && typeof node === 'object') for (const key of unknownKeys) delete (node as Record<string, unknown>)[key];
      continue;
    }
    const item = p.findIndex((part) => typeof part === 'number');
    if (item < 0) return undefined;
    const list = p.slice(0, item);
    items.set(JSON.stringify([...list, p[item]]), { list, index: p[item] as number });
  }
  const kept = new Map<string, number[]>();
  const setAside: string[] = [];
  const byList = new Map<string, { list: FieldPath; drop: Set<number> }>();
  for (const { list, index } of items.values()) {
    const key = JSON.stringify(list);
    const entry = byList.get(key) ?? { list, drop: new Set<number>() };
    entry.drop.add(index);
    byList.set(key, entry);
  }
  for (const [key, { list, drop }] of byList) {
    const parent = at(list.slice(0, -1));
    const name = list[list.length - 1]!;
    const array = (parent as Record<string | number, unknown> | undefined)?.[name];
    if (!Array.isArray(array)) return undefined;
    const indices = array.map((_, i) => i).filter((i) => !drop.has(i));
    for (const i of drop) {
      const id = (array[i] as { id?: unknown } | null)?.id;
      if (typeof id === 'string') setAside.push(id);
    }
    (parent as Record<string | number, unknown>)[name] = indices.map((i) => array[i]);
    kept.set(key, indices);
  }
  const facts = accept(copy);
  if (facts === undefined) return undefined;
  const original = (path: FieldPath): FieldPath =>
    path.map((part, i) => {
      if (typeof part !== 'number') return part;
      const indices = kept.get(JSON.stringify(path.slice(0, i)));
      return indices?.[part] ?? part;
    });
  return { facts, original, setAside };
}

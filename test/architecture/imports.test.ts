import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const SRC = path.join(ROOT, 'src');

/** Every .ts file under src/, as a path relative to src/ with forward slashes. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/**
 * The modules a file imports at run time, with the line of each import: static imports and
 * re-exports (not `import type`/`export type`, which vanish when compiled) and `import()`.
 */
function importsOf(file: string): { target: string; line: number }[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const found: { target: string; line: number }[] = [];
  const patterns = [
    /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm,
    /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)).replace(/\.js$/, '.ts');
      found.push({ target: resolved, line: text.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}

type Graph = Map<string, Map<string, string>>;

/** Module graph: file → imported file → where ("file:line"). */
function moduleGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles()) {
    const edges = new Map<string, string>();
    for (const { target, line } of importsOf(file)) if (!edges.has(target)) edges.set(target, `src/${file}:${line}`);
    graph.set(file, edges);
  }
  return graph;
}

/** The same graph by top-level folder of src/ (a file directly in src/ is its own node). */
function folderGraph(modules: Graph): Graph {
  const folder = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);
  const graph: Graph = new Map();
  for (const [file, edges] of modules) {
    const from = folder(file);
    const out = graph.get(from) ?? new Map<string, string>();
    graph.set(from, out);
    for (const [target, where] of edges) {
      const to = folder(target);
      if (to !== from && !out.has(to)) out.set(to, `${where} imports src/${target}`);
    }
  }
  return graph;
}

/**
 * One shortest cycle through each strongly connected component of more than one node (or a
 * node importing itself), written out import by import so a failure says exactly which
 * imports to break.
 */
export function cycles(graph: Graph): string[] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);

  return components.map((component) => {
    const inside = new Set(component);
    const start = component[0]!;
    // Breadth-first from the start back to itself, inside the component.
    const previous = new Map<string, string>();
    const queue = [start];
    let end: string | undefined;
    while (queue.length > 0 && end === undefined) {
      const node = queue.shift()!;
      for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
        if (!inside.has(next)) continue;
        if (next === start) {
          end = node;
          break;
        }
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    const chain = [end!];
    while (chain[0] !== start) chain.unshift(previous.get(chain[0]!)!);
    return [...chain, start]
      .slice(0, -1)
      .map((node, i, all) => `  ${graph.get(node)!.get(all[i + 1] ?? start)}`)
      .join('\n');
  });
}

describe('imports in src/', () => {
  const modules = moduleGraph();

  it('finds the imports it checks (the scan itself works)', () => {
    expect(modules.size).toBeGreaterThan(20);
    expect(modules.get('cli/main.ts')?.has('cli/run.ts')).toBe(true);
    // A lazy import() counts; an import type does not.
    expect([...modules.values()].some((edges) => edges.size > 0)).toBe(true);
    for (const [file, edges] of modules) {
      for (const target of edges.keys()) expect(modules.has(target), `${file} imports missing ${target}`).toBe(true);
    }
  });

  it('reports a cycle import by import', () => {
    const graph: Graph = new Map([
      ['a.ts', new Map([['b.ts', 'src/a.ts:1']])],
      ['b.ts', new Map([['c.ts', 'src/b.ts:2']])],
      ['c.ts', new Map([['a.ts', 'src/c.ts:3'], ['d.ts', 'src/c.ts:4']])],
      ['d.ts', new Map()],
    ]);
    expect(cycles(graph)).toEqual(['  src/a.ts:1\n  src/b.ts:2\n  src/c.ts:3']);
    expect(cycles(new Map([['a.ts', new Map([['d.ts', 'x']])], ['d.ts', new Map()]]))).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    const found = cycles(modules);
    expect(found, `import cycles (each line: the file and line of one import in the cycle):\n${found.join('\n\n')}`).toEqual([]);
  });

  it('has no import cycle between folders through the commands (e.g. commands ↔ watch)', () => {
    // Stage folders (facts, model, labels, …) are the business of their owners; the folders
    // that wire them together must never be part of a cycle.
    const wiring = ['cli', 'commands', 'watch', 'serve'];
    const found = cycles(folderGraph(modules)).filter((cycle) => wiring.some((folder) => cycle.includes(`src/${folder}/`)));
    expect(found, `folder import cycles:\n${found.join('\n\n')}`).toEqual([]);
  });

  it('imports flow one way: nothing imports cli/, and only cli/ and watch/ import commands/', () => {
    const wrong: string[] = [];
    for (const [file, edges] of modules) {
      for (const [target, where] of edges) {
        if (target.startsWith('cli/') && !file.startsWith('cli/')) wrong.push(`${where} imports src/${target}`);
        if (target.startsWith('commands/') && !/^(cli|commands|watch)\//.test(file) && file !== 'index.ts') wrong.push(`${where} imports src/${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

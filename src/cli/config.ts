import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefdeckError, ExitCode, type Problem } from '../errors.js';
import { displayPath } from '../facts/load.js';
import { closest } from '../facts/parse.js';
import { readYamlMap, type FieldPath } from '../facts/yaml.js';
import { isBrandPath } from '../theme/theme.js';

/** Defaults a team shares: the `build` and `serve` options a config file may set. */
export interface Config {
  theme?: string;
  out?: string;
  pdf?: boolean;
  handout?: boolean;
  pptx?: boolean;
  jobs?: number;
  timeout?: number;
}

export interface FoundConfig {
  /** The file the values came from. */
  file: string;
  values: Config;
}

/** Config files, in the order looked for in each folder; package.json counts only with a `briefdeck` key. */
export const CONFIG_FILES = ['briefdeck.config.json', 'briefdeck.config.yaml', 'briefdeck.config.yml', 'package.json'] as const;

type Check = (value: unknown) => string | undefined;
const KEYS: Record<keyof Config, Check> = {
  theme: (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a theme name (briefing, dark) or the path of a brand file'),
  out: (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be the path of the output folder, e.g. build'),
  pdf: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  handout: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  pptx: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  jobs: (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'must be a whole number of decks built at once, e.g. 4'),
  timeout: (v) => (typeof v === 'number' && v > 0 ? undefined : 'must be a number of seconds, e.g. 30'),
};

/**
 * The team's config: the first config file found in `cwd` or a folder above it. Two config
 * files in one folder are an error (which one wins would be a guess). Paths in it (out, a
 * brand file as theme) are relative to the config file's folder and returned absolute.
 */
export async function findConfig(cwd = process.cwd()): Promise<FoundConfig | undefined> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found: { file: string; bytes: Buffer }[] = [];
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) continue;
      if (name === 'package.json' && !hasBriefdeckKey(bytes)) continue;
      found.push({ file, bytes });
    }
    if (found.length > 1) {
      throw new BriefdeckError(
        `two config files in ${displayPath(dir)}: ${found.map((f) => path.basename(f.file)).join(' and ')}: keep one`,
        ExitCode.usage,
      );
    }
    if (found[0]) return readConfig(found[0].file, found[0].bytes);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function hasBriefdeckKey(bytes: Buffer): boolean {
  try {
    const json = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null && 'briefdeck' in json;
  } catch {
    return false;
  }
}

/** Reads and checks one config file; every problem is reported at once, located. */
export function readConfig(file: string, bytes: Uint8Array): FoundConfig {
  const shown = displayPath(file);
  const inPackage = path.basename(file) === 'package.json';
  const read = readYamlMap(bytes, shown, {
    what: 'config file',
    content: 'the config',
    emptyHint: 'write the defaults as key: value lines (theme, out, pdf, handout, pptx, jobs, timeout), or delete it',
    maxAliases: 10,
    mapOf: 'settings (theme:, out:, …)',
    valuesAre: 'the values',
  });
  const fail = (problems: Problem[]) => {
    const n = problems.length;
    return new BriefdeckError(`${shown}: ${n} error${n === 1 ? '' : 's'} in the config file`, ExitCode.usage, problems);
  };
  if (!read.value) throw fail(read.problems);
  const prefix: FieldPath = inPackage ? ['briefdeck'] : [];
  const raw = inPackage ? read.value.briefdeck : read.value;
  const problem = (field: FieldPath, message: string, at: 'key' | 'value' = 'value'): Problem => ({
    severity: 'error',
    file: shown,
    ...read.locate([...prefix, ...field], at),
    field: [...prefix, ...field].join('.'),
    message,
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw fail([problem([], 'must be a map of settings, e.g. { "theme": "dark", "out": "build" }')]);
  }
  const problems: Problem[] = [];
  const values: Config = {};
  const known = Object.keys(KEYS);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const check = KEYS[key as keyof Config];
    if (!check) {
      const guess = closest(key, known);
      problems.push(problem([key], `unknown setting${guess ? `: did you mean "${guess}"?` : `: use ${known.join(', ')}`}`, 'key'));
      continue;
    }
    const wrong = check(value);
    if (wrong) problems.push(problem([key], wrong));
    else (values as Record<string, unknown>)[key] = value;
  }
  if (problems.length > 0) throw fail(problems);
  const dir = path.dirname(file);
  if (values.out !== undefined) values.out = path.resolve(dir, values.out);
  if (values.theme !== undefined && isBrandPath(values.theme)) values.theme = path.resolve(dir, values.theme);
  return { file, values };
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe('.github/workflows/decks.yml', () => {
  it('builds every share of a matrix with --shard i/n, Debian chromium, caches and PDF artefacts', async () => {
    const workflow = parse(await readFile(path.join(ROOT, '.github', 'workflows', 'decks.yml'), 'utf8')) as {
      jobs: { build: { strategy: { matrix: { shard: number[] } }; steps: Step[]; container?: string } };
    };
    const job = workflow.jobs.build;
    const shards = job.strategy.matrix.shard;
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const steps = job.steps;
    const build = steps.find((s) => s.run?.includes('briefdeck build'))!;
    // Every share i of the same n: the matrix and the command agree.
    expect(build.run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(job.container).toMatch(/bookworm|debian/);
    expect(steps.some((s) => s.run?.includes('apt-get install') && s.run.includes('chromium'))).toBe(true);
    const caches = steps.filter((s) => s.uses?.startsWith('actions/cache'));
    expect(caches.map((c) => c.with?.path)).toEqual(expect.arrayContaining(['~/.npm', 'build']));
    // The build folder is cached per share, so a share finds its own decks' build state.
    expect(String(caches.find((c) => c.with?.path === 'build')!.with!.key)).toContain('${{ matrix.shard }}');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(String(upload.with!.path)).toContain('build/*/*.pdf');
    // Steps run in order: dependencies before the build, the build before the upload.
    const at = (step: Step) => steps.indexOf(step);
    expect(at(steps.find((s) => s.run?.startsWith('npm ci'))!)).toBeLessThan(at(build));
    expect(at(build)).toBeLessThan(at(upload));
  });
});

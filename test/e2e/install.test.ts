import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SLIDES, tempDir } from './helpers.js';

const run = promisify(execFile);
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const npmRun = (args: string[], cwd: string) => run(npm[0]!, [...npm.slice(1), ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });

/*
 * The package as a user gets it: packed with `npm pack` (from the dist/ that `npm test`
 * compiled), installed globally into a temporary prefix, used from a folder outside this
 * repository, as a command and as a library.
 */
let tmp: string;
let tarball: string;
let prefix: string;
let installed: string;
let bin: string;
beforeAll(async () => {
  tmp = await tempDir('install');
  // --ignore-scripts: dist/ is compiled already (pretest); prepare would compile it again.
  const { stdout } = await npmRun(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
  tarball = path.join(tmp, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  prefix = path.join(tmp, 'prefix');
  await npmRun(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], tmp);
  installed = path.join(prefix, 'lib', 'node_modules', 'briefdeck');
  bin = path.join(prefix, 'bin', 'briefdeck');
}, 300_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm pack + npm install -g', () => {
  it('packs the compiled code, themes, template, schema and LICENSE; no sources or source maps', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/dist/briefdeck.mjs');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/schema/facts.schema.json');
    expect(files).toContain('package/templates/starter/facts.yaml');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
    const js = await readFile(path.join(installed, 'dist', 'index.js'), 'utf8');
    expect(js).not.toContain('sourceMappingURL');
  });

  it('installs a working briefdeck command that builds a deck outside the repository', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run(bin, ['-v'])).stdout.trim()).toBe(version);
    const work = path.join(tmp, 'work');
    await cp(path.join(SLIDES, 'inf-treaty'), path.join(work, 'slides', 'inf-treaty'), { recursive: true });
    const { stdout } = await run(bin, ['build', '--no-pdf', '--json'], { cwd: work });
    const summary = JSON.parse(stdout.trim()) as { deck: string; status: string; slides: number };
    expect(summary).toMatchObject({ deck: 'inf-treaty', status: 'built' });
    expect(summary.slides).toBeGreaterThan(10);
    const html = await readFile(path.join(work, 'build', 'inf-treaty', 'index.html'), 'utf8');
    expect(html).toContain('NATO after the INF Treaty');

    // A new deck there gets a $schema line that resolves: the schema is written beside it.
    await run(bin, ['new', 'slides/topic'], { cwd: work });
    const facts = await readFile(path.join(work, 'slides', 'topic', 'facts.yaml'), 'utf8');
    expect(facts.split('\n')[0]).toBe('# yaml-language-server: $schema=facts.schema.json');
    expect(await readFile(path.join(work, 'slides', 'topic', 'facts.schema.json'), 'utf8')).toBe(
      await readFile(path.join(installed, 'schema', 'facts.schema.json'), 'utf8'),
    );
    expect((await run(bin, ['check', 'slides/topic'], { cwd: work })).stdout).toMatch(/valid, \d+ slides/);
  });

  it("offers the library: import { build, check } from 'briefdeck', typed", async () => {
    const project = path.join(tmp, 'project');
    await mkdir(path.join(project, 'node_modules'), { recursive: true });
    await symlink(installed, path.join(project, 'node_modules', 'briefdeck'), 'dir');
    await writeFile(path.join(project, 'package.json'), '{ "type": "module" }\n');
    await cp(path.join(SLIDES, 'inf-treaty'), path.join(project, 'slides', 'inf-treaty'), { recursive: true });
    const script = `
      import { build, check, VERSION } from 'briefdeck';
      const checked = await check();
      const result = await build([], { pdf: false, out: 'out' });
      console.log(JSON.stringify({ version: VERSION, checked: checked.map((c) => [c.deck, c.ok, c.slides]),
        built: result.built.map((b) => [b.name, b.deck.slides.length]), failed: result.failed.length }));`;
    await writeFile(path.join(project, 'use.mjs'), script);
    const out = JSON.parse((await run(process.execPath, ['use.mjs'], { cwd: project })).stdout) as {
      checked: [string, boolean, number][];
      built: [string, number][];
      failed: number;
    };
    expect(out.checked).toEqual([['inf-treaty', true, out.built[0]![1]]]);
    expect(out.built[0]![0]).toBe('inf-treaty');
    expect(out.failed).toBe(0);

    // The types: a wrong option is a compile error, a right one is not.
    const typed = `import { build, check, type CheckResult } from 'briefdeck';
const r = await build(['slides/inf-treaty'], { pdf: false, jobs: 2, shard: { index: 1, count: 2 } });
const n: number = r.built.length + r.failed.length;
const c: CheckResult[] = await check();
export { n, c };
`;
    await writeFile(path.join(project, 'use.ts'), typed);
    await writeFile(path.join(project, 'bad.ts'), `import { build } from 'briefdeck';\nawait build([], { pdf: 'no' });\nexport {};\n`);
    const tsc = (file: string) =>
      run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext',
        '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--typeRoots', path.join(ROOT, 'node_modules', '@types'),
        '--types', 'node', file], { cwd: project });
    await expect(tsc('use.ts')).resolves.toBeDefined();
    await expect(tsc('bad.ts')).rejects.toMatchObject({ stdout: expect.stringMatching(/bad\.ts\(2,.*Type 'string' is not assignable to type 'boolean( \| undefined)?'/) });
  });
});

import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser, systemChrome } from '../../src/browser/find.js';
import { BriefdeckError, ExitCode } from '../../src/errors.js';
import { removeTemp, tempDir } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('find');
});
afterEach(() => removeTemp(tmp));

async function fakeBrowser(file: string, mode = 0o755): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\n');
  await chmod(file, mode);
  return file;
}

const none = () => undefined;

describe('findBrowser', () => {
  it('takes BRIEFDECK_BROWSER before PATH, and refuses one that is not executable', async () => {
    const named = await fakeBrowser(path.join(tmp, 'named', 'chrome'));
    await fakeBrowser(path.join(tmp, 'bin', 'chromium'));
    const env = { BRIEFDECK_BROWSER: named, PATH: path.join(tmp, 'bin') };
    expect(findBrowser({ env, platform: 'linux', home: tmp, chrome: none })).toBe(named);
    const plain = await fakeBrowser(path.join(tmp, 'plain'), 0o644);
    expect(() => findBrowser({ env: { CHROME_PATH: plain }, platform: 'linux', home: tmp, chrome: none })).toThrow(/CHROME_PATH=.*is not an executable file/);
  });

  it('finds chromium, google-chrome or chrome on PATH, in that order of names', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const chrome = await fakeBrowser(path.join(a, 'chrome'));
    const chromium = await fakeBrowser(path.join(b, 'chromium'));
    expect(findBrowser({ env: { PATH: `${a}:${b}` }, platform: 'linux', home: tmp, chrome: none })).toBe(chromium);
    expect(findBrowser({ env: { PATH: a }, platform: 'linux', home: tmp, chrome: none })).toBe(chrome);
    // A non-executable file of that name is passed over.
    await fakeBrowser(path.join(tmp, 'c', 'google-chrome'), 0o644);
    expect(findBrowser({ env: { PATH: `${path.join(tmp, 'c')}:${a}` }, platform: 'linux', home: tmp, chrome: none })).toBe(chrome);
  });

  it('asks @puppeteer/browsers for Google Chrome before the Chromium and Edge folders', () => {
    const asked: string[] = [];
    const found = findBrowser({ env: { PATH: '' }, platform: 'linux', home: tmp, chrome: (p) => (asked.push(p), '/opt/google/chrome/chrome') });
    expect(found).toBe('/opt/google/chrome/chrome');
    expect(asked).toEqual(['linux']);
  });

  it('finds a Mac browser installed per user in ~/Applications', async () => {
    const app = await fakeBrowser(path.join(tmp, 'Applications', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'));
    expect(findBrowser({ env: { PATH: '' }, platform: 'darwin', home: tmp, chrome: none })).toBe(app);
  });

  it('knows Google Chrome per channel from @puppeteer/browsers, e.g. /opt/google/chrome/chrome', () => {
    const stable = '/opt/google/chrome/chrome';
    const found = systemChrome('linux');
    if (existsSync(stable)) expect(found).toBe(stable);
    else expect(found === undefined || found.startsWith('/opt/google/chrome-')).toBe(true);
    expect(systemChrome('aix')).toBeUndefined();
  });

  it('says where it looked and how to get a browser when there is none', () => {
    let error: unknown;
    try {
      findBrowser({ env: { PATH: path.join(tmp, 'empty') }, platform: 'darwin', home: tmp, chrome: none });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as BriefdeckError).exitCode).toBe(ExitCode.environment);
    const message = (error as BriefdeckError).message;
    expect(message).toContain('BRIEFDECK_BROWSER');
    expect(message).toContain('on PATH');
    expect(message).toContain(path.join(tmp, 'Applications', 'Chromium.app'));
  });
});

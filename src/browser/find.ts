import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BriefdeckError, ExitCode } from '../errors.js';

/** Environment variables that name a browser, in order of precedence. */
export const BROWSER_ENV = ['BRIEFDECK_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Program names looked for on PATH, in order. */
const PATH_NAMES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge'],
  darwin: ['chromium', 'google-chrome', 'chrome'],
  win32: ['chrome.exe', 'msedge.exe', 'chromium.exe'],
};

/**
 * Browsers that @puppeteer/browsers does not know (it knows Google Chrome's own install
 * folders): Chromium and Edge, and on macOS the per-user ~/Applications.
 */
function otherInstalls(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  switch (platform) {
    case 'linux':
      return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/microsoft-edge', '/opt/microsoft/msedge/msedge'];
    case 'darwin':
      return ['/Applications', path.join(home, 'Applications')].flatMap((apps) => [
        `${apps}/Google Chrome.app/Contents/MacOS/Google Chrome`,
        `${apps}/Chromium.app/Contents/MacOS/Chromium`,
        `${apps}/Microsoft Edge.app/Contents/MacOS/Microsoft Edge`,
      ]);
    case 'win32': {
      const roots = [env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), env.PROGRAMFILES, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)']];
      return roots
        .filter((r): r is string => !!r)
        .flatMap((r) => [path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'), path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
    }
    default:
      return [];
  }
}

/** Google Chrome where @puppeteer/browsers knows it is installed (stable first), e.g. /opt/google/chrome/chrome, %LOCALAPPDATA%. */
export function systemChrome(platform: NodeJS.Platform): string | undefined {
  const browsers = createRequire(import.meta.url)('@puppeteer/browsers') as typeof import('@puppeteer/browsers');
  const target = {
    linux: os.arch() === 'arm64' ? browsers.BrowserPlatform.LINUX_ARM : browsers.BrowserPlatform.LINUX,
    darwin: os.arch() === 'arm64' ? browsers.BrowserPlatform.MAC_ARM : browsers.BrowserPlatform.MAC,
    win32: browsers.BrowserPlatform.WIN64,
  }[platform as 'linux' | 'darwin' | 'win32'];
  if (!target) return undefined;
  for (const channel of Object.values(browsers.ChromeReleaseChannel)) {
    try {
      return browsers.computeSystemExecutablePath({ browser: browsers.Browser.CHROME, channel, platform: target });
    } catch {
      // not installed on this channel
    }
  }
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  /** Chrome's own install folders; @puppeteer/browsers by default. */
  chrome?: (platform: NodeJS.Platform) => string | undefined;
}

/**
 * The Chrome or Chromium to drive: an environment variable first, then a browser on PATH, then
 * Google Chrome where @puppeteer/browsers knows it installs (per channel, per user on Windows),
 * then Chromium and Edge in their usual folders. Throws a message that says how to get one.
 */
export function findBrowser(options: FindOptions = {}): string {
  const { env = process.env, platform = process.platform, home = os.homedir(), chrome = systemChrome } = options;
  for (const name of BROWSER_ENV) {
    const value = env[name];
    if (!value) continue;
    if (executable(value)) return value;
    throw new BriefdeckError(
      `${name}=${value} is not an executable file: point it at a Chrome or Chromium binary, or unset it`,
      ExitCode.environment,
    );
  }
  const names = PATH_NAMES[platform] ?? [];
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : path.delimiter).filter(Boolean);
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (executable(file)) return file;
    }
  }
  const fromChrome = chrome(platform);
  if (fromChrome) return fromChrome;
  const others = otherInstalls(platform, env, home);
  const found = others.find(executable);
  if (found) return found;
  throw new BriefdeckError(
    [
      'No Chrome or Chromium found; the PDF export needs one.',
      '  Debian/Ubuntu: apt-get update && apt-get install -y chromium',
      `  Or point ${BROWSER_ENV[0]} at a Chrome or Chromium binary, e.g. ${BROWSER_ENV[0]}=/opt/chrome/chrome`,
      '  Or build the HTML alone: briefdeck build --no-pdf',
      `  Looked for ${names.join(', ') || '(no known names on this platform)'} on PATH, for Google Chrome in its install folders, and in: ${others.join(', ') || '(none)'}`,
    ].join('\n'),
    ExitCode.environment,
  );
}

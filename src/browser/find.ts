import { accessSync, constants } from 'node:fs';
import { BriefdeckError, ExitCode } from '../errors.js';

/** Environment variables that name a browser, in order of precedence. */
export const BROWSER_ENV = ['BRIEFDECK_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

const KNOWN_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chrome or Chromium to drive: an environment variable first, then the usual install
 * locations. Throws a message that says how to get one.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  for (const name of BROWSER_ENV) {
    const value = env[name];
    if (!value) continue;
    if (executable(value)) return value;
    throw new BriefdeckError(
      `${name}=${value} is not an executable file: point it at a Chrome or Chromium binary, or unset it`,
      ExitCode.environment,
    );
  }
  const candidates = KNOWN_PATHS[platform] ?? [];
  const found = candidates.find(executable);
  if (found) return found;
  throw new BriefdeckError(
    [
      'No Chrome or Chromium found; the PDF export needs one.',
      '  Debian/Ubuntu: apt-get update && apt-get install -y chromium',
      `  Or point ${BROWSER_ENV[0]} at a Chrome or Chromium binary, e.g. ${BROWSER_ENV[0]}=/opt/chrome/chrome`,
      '  Or build the HTML alone: briefdeck build --no-pdf',
      `  Looked in: ${candidates.join(', ') || '(no known locations on this platform)'}`,
    ].join('\n'),
    ExitCode.environment,
  );
}

/**
 * Locating a Chromium for the PDF: `PUPPETEER_EXECUTABLE_PATH` first, then the usual system
 * paths (Debian's `chromium`). dxreport never downloads a browser.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findBrowser(environment: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnvironment = environment.PUPPETEER_EXECUTABLE_PATH ?? environment.CHROME_PATH;
  if (fromEnvironment && existsSync(fromEnvironment)) return fromEnvironment;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export const BROWSER_HINT =
  'no Chromium found for the PDF: install it (Debian: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH; everything else was written';

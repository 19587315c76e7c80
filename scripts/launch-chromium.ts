// For the browser tests: Debian's chromium, found or installed by scripts/ensure-chromium.mjs,
// launched headless by playwright-core — the one way every browser test gets its browser — and an
// empty screenshot folder under test-output/. Test helper; imports vitest, playwright-core and
// node built-ins.

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

const ensureScript = fileURLToPath(new URL('./ensure-chromium.mjs', import.meta.url));
const testOutput = fileURLToPath(new URL('../test-output/', import.meta.url));

/** Longest a first run may take to install chromium with apt-get, milliseconds. */
export const CHROMIUM_SETUP_MS = 600_000;

/** Launches headless chromium (installing it first when missing). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync(process.execPath, [ensureScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

/**
 * For a test file: launches chromium before its tests and closes it after, and empties
 * `test-output/<name>/` for its screenshots. Returns the browser (valid inside tests) and that folder.
 * @example const chrome = useChromium('pages'); … const page = await chrome.browser().newPage();
 */
export function useChromium(name: string): { browser: () => Browser; outDir: string } {
  const outDir = `${testOutput}${name}`;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
  }, CHROMIUM_SETUP_MS);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => {
      if (browser === undefined) throw new Error('chromium is not launched yet (use it inside a test)');
      return browser;
    },
    outDir,
  };
}

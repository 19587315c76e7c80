#!/usr/bin/env node
// Makes sure a Chromium for the browser test is installed: prints the path of the executable, and
// installs Debian's `chromium` with apt-get (non-interactive) when none is found, with a small CJK
// font (fonts-wqy-microhei) when none is installed, so Chinese reports render legibly. Run by the browser
// test before it starts (so `npm ci && npm test` works on a fresh Debian machine) and usable alone:
// `node scripts/ensure-chromium.mjs`. Set CHROMIUM_PATH to use another executable.
// Exit 0 with the path on stdout; 1 with the reason on stderr when no browser can be had.

import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian and Ubuntu put the browser, in the order tried. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first installed Chromium, or null. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return executable(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find(executable) ?? null;
}

/** Debian's small Chinese font, installed when fontconfig has no Chinese font. */
export const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

/** The font file that package installs (found without fontconfig's fc-list, which may be absent). */
const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** Whether a font covering Chinese is installed: that file, or any font fontconfig lists for zh. */
export function hasCjkFont() {
  if (existsSync(CJK_FONT_FILE)) return true;
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return false;
  }
}

/** Installs Debian's chromium and a CJK font when missing (as root, or through sudo); returns the path or throws. */
export function ensureChromium(log = (line) => process.stderr.write(line + '\n')) {
  const found = findChromium();
  const packages = [...(found ? [] : ['chromium']), ...(hasCjkFont() ? [] : [CJK_FONT_PACKAGE])];
  if (packages.length === 0) return found;
  if (!found && process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const run = (args) => {
    const [cmd, ...rest] = asRoot ? args : ['sudo', '-n', ...args];
    // apt-get's progress goes to our stderr: stdout carries only the path (the test reads it).
    execFileSync(cmd, rest, { stdio: ['ignore', 2, 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  log(`ensure-chromium: installing ${packages.join(' and ')} with apt-get (once per machine)…`);
  try {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages]);
  } catch (err) {
    if (found) {
      log(`ensure-chromium: could not install ${packages.join(' ')} (${err.message.split('\n')[0]}); Chinese text may show as boxes`);
      return found;
    }
    throw new Error(`could not install chromium with apt-get (${err.message.split('\n')[0]}); install it by hand: apt-get install chromium`);
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but none of ${CHROMIUM_CANDIDATES.join(', ')} exists`);
  return installed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(ensureChromium() + '\n');
  } catch (err) {
    process.stderr.write(`ensure-chromium: ${err.message}\n`);
    process.exitCode = 1;
  }
}

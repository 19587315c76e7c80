#!/usr/bin/env node
// Makes sure a Chromium for the browser test is installed: prints the path of the executable, and
// installs Debian's `chromium` with apt-get (non-interactive) when none is found, with a small CJK
// font (fonts-wqy-microhei) when none is installed, so Chinese reports render legibly. Run by the browser
// test before it starts (so `npm ci && npm test` works on a fresh Debian machine) and usable alone:
// `node scripts/ensure-chromium.mjs`. Set CHROMIUM_PATH to use another executable.
// Exit 0 with the path on stdout; 1 with the reason on stderr when no browser can be had. When
// another apt or dpkg process holds the lock (a fresh machine running its own updates), it waits
// for it, at most APT_LOCK_TIMEOUT_SEC in all, and says so.

import { execFileSync, spawnSync } from 'node:child_process';
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

/** Longest wait, in all, for another apt or dpkg process to release its lock, seconds. */
export const APT_LOCK_TIMEOUT_SEC = 300;
/** Pause between two attempts while the lock is held, milliseconds. */
const APT_LOCK_RETRY_MS = 5000;
/** What apt-get prints when another process holds one of its locks (dpkg's, or the lists'). */
const LOCKED = /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock (the )?(administration )?directory|is another process using it/i;

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `apt-get …args` (through `sudo -n` unless root), waiting while another apt or dpkg process
 * holds the lock: apt-get itself waits for the dpkg lock (DPkg::Lock::Timeout), and a run refused
 * by a lock (the package lists' lock has no timeout) is tried again every few seconds, until
 * APT_LOCK_TIMEOUT_SEC have passed in all. apt-get's output goes to our stderr. Throws on failure.
 */
export function runApt(args, { asRoot, log, spawn = spawnSync, now = Date.now, sleep = sleepSync, timeoutSec = APT_LOCK_TIMEOUT_SEC } = {}) {
  const deadline = now() + timeoutSec * 1000;
  let told = false;
  for (;;) {
    const remaining = Math.max(1, Math.ceil((deadline - now()) / 1000));
    const full = ['apt-get', '-o', `DPkg::Lock::Timeout=${remaining}`, ...args];
    const [cmd, ...rest] = asRoot ? full : ['sudo', '-n', ...full];
    const r = spawn(cmd, rest, { stdio: ['ignore', 2, 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.stderr) process.stderr.write(r.stderr);
    if (r.error) throw r.error;
    if (r.status === 0) return;
    const locked = LOCKED.test(r.stderr ?? '');
    if (locked && now() < deadline) {
      if (!told) log(`ensure-chromium: another apt or dpkg process holds the lock; waiting for it (at most ${timeoutSec} s in all)…`);
      told = true;
      sleep(APT_LOCK_RETRY_MS);
      continue;
    }
    if (locked) throw new Error(`another apt or dpkg process held the lock for more than ${timeoutSec} s; try again when it is done`);
    const last = (r.stderr ?? '').trim().split('\n').pop() ?? '';
    throw new Error(`${cmd} ${rest.join(' ')} exited with ${r.status}${last ? `: ${last}` : ''}`);
  }
}

/** Installs Debian's chromium and a CJK font when missing (as root, or through sudo); returns the path or throws. */
export function ensureChromium(log = (line) => process.stderr.write(line + '\n')) {
  const found = findChromium();
  const packages = [...(found ? [] : ['chromium']), ...(hasCjkFont() ? [] : [CJK_FONT_PACKAGE])];
  if (packages.length === 0) return found;
  if (!found && process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // apt-get's progress goes to our stderr: stdout carries only the path (the test reads it).
  const run = (args) => runApt(args, { asRoot, log });
  log(`ensure-chromium: installing ${packages.join(' and ')} with apt-get (once per machine)…`);
  try {
    run(['update']);
    run(['install', '-y', '--no-install-recommends', ...packages]);
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

#!/usr/bin/env node
// The README's example outputs, generated: each block under an `<!-- example: keep=… -->` comment
// is its first line's command (`$ npx chatsim …`) run with the built CLI in a scratch directory
// (the scenarios and fit/ linked in),
// keeping the output lines the comment lists (1-based, ranges a-b) and one `…` for each gap.
// `node scripts/readme-examples.mjs` checks (exit 1 and a diff summary when a block drifted);
// `--write` rewrites README.md. Reads dist/ (build first); its test runs in `npm test`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MARK = /^<!-- example: keep=([0-9,\- ]+) -->$/;

/** Splits a command line into words, honouring double and single quotes. */
export function words(line) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Output lines `keep` selects (e.g. "1-3,5"), with `…` for every gap; trailing blanks dropped. */
export function select(lines, keep) {
  const wanted = new Set();
  for (const part of keep.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) wanted.add(i);
  }
  const out = [];
  let gap = false;
  lines.forEach((line, i) => {
    if (wanted.has(i + 1)) {
      if (gap && out.length > 0) out.push('…');
      gap = false;
      out.push(line);
    } else gap = true;
  });
  if (gap && out.length > 0 && lines.length > Math.max(...wanted)) out.push('…');
  return out;
}

/** Runs `$ npx chatsim …` with the built CLI in a scratch directory holding only the scenarios and fit/ (presets, fixtures). */
function run(command) {
  const argv = words(command.replace(/^\$ npx chatsim /, ''));
  const dir = mkdtempSync(join(tmpdir(), 'chatsim-readme-'));
  try {
    symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
    symlinkSync(join(ROOT, 'fit'), join(dir, 'fit'));
    const out = execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...argv], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    return out.replace(/\n$/, '').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The README with every example block regenerated, and the commands of the blocks that changed. */
export function regenerate(text) {
  const lines = text.split('\n');
  const changed = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARK.exec(lines[i]);
    if (!m) continue;
    if (lines[i + 1] !== '```' || !lines[i + 2]?.startsWith('$ npx chatsim ')) throw new Error(`README.md:${i + 1}: an example comment must be followed by a block starting with "$ npx chatsim …"`);
    const end = lines.indexOf('```', i + 2);
    const command = lines[i + 2];
    const body = [command, ...select(run(command), m[1])];
    const old = lines.slice(i + 2, end);
    if (old.join('\n') !== body.join('\n')) changed.push(command);
    lines.splice(i + 2, end - (i + 2), ...body);
    i += 1 + body.length;
  }
  return { text: lines.join('\n'), changed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = join(ROOT, 'README.md');
  const { text, changed } = regenerate(readFileSync(file, 'utf8'));
  if (process.argv.includes('--write')) {
    writeFileSync(file, text);
    process.stdout.write(changed.length === 0 ? 'README examples up to date\n' : `rewrote ${changed.length} example(s):\n${changed.join('\n')}\n`);
  } else if (changed.length > 0) {
    process.stderr.write(`README examples drifted (run: node scripts/readme-examples.mjs --write):\n${changed.join('\n')}\n`);
    process.exitCode = 1;
  }
}

// The built CLI as a process (dist/cli/main.js, built by `npm test` first): what only a real
// process shows, such as a reader of stdout that goes away (issue 14): quiet, with the command's own
// exit code.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../scenarios/examples/webshop-day.yaml', import.meta.url));

/** Runs the CLI with its stdout closed before it writes anything (as `… | true`). */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the chatsim process', () => {
  it('ends quietly with its own exit code 0 when stdout is closed (chatsim run … | head -1)', async () => {
    const r = await withClosedStdout(['run', EXAMPLE, '--replications', '2', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('keeps the verdict when stdout is closed: a missed target still exits 1 (check … | head -1 under pipefail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatsim-pipe-'));
    const strict = join(dir, 'strict.yaml');
    writeFileSync(strict, readFileSync(EXAMPLE, 'utf8').replace('serviceLevel >= 65%', 'serviceLevel >= 99.9%'));
    const r = await withClosedStdout(['check', strict, '--replications', '2', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});

// The built CLI as a process (dist/cli/main.js, built by `npm test` first): what only a real
// process shows, such as a reader of stdout that goes away (issue 14).

import { spawn } from 'node:child_process';
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
  it('ends quietly with exit 0 when stdout is closed (chatsim run … | head -1)', async () => {
    const r = await withClosedStdout(['run', EXAMPLE, '--replications', '2', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

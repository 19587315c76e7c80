import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { table } from './output.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

describe('table', () => {
  const rows = [['metric', 'mean', 'meaning'], ['frtMean', '20.3 s', 'mean first response time over answered (首次响应时间)']];

  it('cuts the fitted column with … so every line fits the width, wide characters counted twice', () => {
    const out = table(rows, (c) => c === 1, { width: 40, column: 2 });
    for (const line of out.trimEnd().split('\n')) expect([...line].length + [...line].filter((ch) => /[\u2e80-\ua4cf]/.test(ch)).length).toBeLessThanOrEqual(40);
    expect(out).toMatch(/ mean first response ti…$/m);
  });

  it('leaves a table that fits as it is, and never cuts a column below 16', () => {
    expect(table(rows, (c) => c === 1, { width: 500, column: 2 })).toBe(table(rows, (c) => c === 1));
    const narrow = table(rows, (c) => c === 1, { width: 10, column: 2 });
    expect(narrow.split("\n")[2]).toMatch(/ mean first resp…$/);
  });
});

describe('chatsim run on a terminal', () => {
  it('fits the metric table to the terminal width; through a pipe it prints the full text', async () => {
    const yaml = readFileSync(new URL('../scenarios/examples/webshop-day.yaml', import.meta.url), 'utf8');
    const tty = Object.assign(memoryIo({ 'w.yaml': yaml }), { stdoutColumns: 100 });
    expect(await main(['run', 'w.yaml', '--replications', '2', '--quiet'], tty)).toBe(0);
    const metricRows = tty.out.split('\n').filter((l) => /^(frtMean|responseRate24h|agentsOnlineMean)\s/.test(l));
    expect(metricRows).toHaveLength(3);
    for (const l of metricRows) expect([...l].length).toBeLessThanOrEqual(100);
    expect(metricRows.some((l) => l.endsWith('…'))).toBe(true);
    const pipe = memoryIo({ 'w.yaml': yaml });
    expect(await main(['run', 'w.yaml', '--replications', '2', '--quiet'], pipe)).toBe(0);
    expect(pipe.out).toContain('(answered by a person within 24 h + deflected without follow-up) / started');
  });
});

describe('output paths that cannot be written', () => {
  it('are refused before any work: a directory, a path under a file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { whyNotWritable } = await import('./io.js');
    const dir = mkdtempSync(join(tmpdir(), 'chatsim-out-'));
    writeFileSync(join(dir, 'a-file'), 'x');
    expect(whyNotWritable(dir)).toBe('it is a directory');
    expect(whyNotWritable(join(dir, 'a-file', 'x.json'))).toBe(`${join(dir, 'a-file')} is a file, not a folder`);
    expect(whyNotWritable(join(dir, 'new', 'deeper', 'x.json'))).toBeNull();
    expect(whyNotWritable(join(dir, 'a-file'))).toBeNull();
  });
});

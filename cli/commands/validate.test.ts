// Tests of `chatsim validate` through an in-memory Io: exit codes, output, no stack traces.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, memoryIo } from '../io.js';
import { validateCommand } from './validate.js';

const example = (name: string) => readFileSync(new URL(`../../scenarios/examples/${name}`, import.meta.url), 'utf8');
const invalid = (name: string) => readFileSync(new URL(`../../scenarios/invalid/${name}`, import.meta.url), 'utf8');

describe('chatsim validate', () => {
  it('exits 0 with a one-line summary for a valid scenario', async () => {
    const io = memoryIo({ 'webshop-day.yaml': example('webshop-day.yaml') });
    expect(await validateCommand({ file: 'webshop-day.yaml' }, io)).toBe(EXIT_OK);
    expect(io.out).toBe('webshop-day.yaml: ok — webshop-day: 2 skill groups, 14 agents in 5 groups, 1 day\n');
    expect(io.err).toBe('');
  });

  it('exits 2 and prints every located issue for an invalid scenario', async () => {
    const io = memoryIo({ 'bad.yaml': invalid('multiple-errors.yaml') });
    expect(await validateCommand({ file: 'bad.yaml' }, io)).toBe(EXIT_INVALID);
    expect(io.out).toBe('');
    const lines = io.err.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[0]).toBe('bad.yaml:3:7  days  must be a whole number from 1 to 366 (got 0)');
    expect(lines.at(-1)).toBe(`bad.yaml: invalid — ${lines.length - 1} issues`);
  });

  it('exits 2 for a missing file, located at file:1:1, without a stack trace', async () => {
    const io = memoryIo();
    expect(await validateCommand({ file: 'nope.yaml' }, io)).toBe(EXIT_INVALID);
    expect(io.err).toBe('nope.yaml:1:1  (file)  cannot read the scenario file: no such file\nnope.yaml: invalid — 1 issue\n');
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a YAML syntax error, without a stack trace', async () => {
    const io = memoryIo({ 's.yaml': 'name: [unclosed\n' });
    expect(await validateCommand({ file: 's.yaml' }, io)).toBe(EXIT_INVALID);
    expect(io.err).toMatch(/^s\.yaml:\d+:\d+ {2}\(file\) {2}YAML syntax error: /);
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});

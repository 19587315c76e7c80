// The committed JSON Schema must be what ./json-schema.ts generates; UPDATE_SCHEMA=1 rewrites it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGENERATE_COMMAND, buildJsonSchema, renderJsonSchema } from './json-schema.js';
import { CLOCK_PATTERN, DURATION_PATTERN, RATE_PATTERN } from './schema.js';
import { parseClock, parseDuration, parseRateWithUnit } from '../core/units.js';

const file = fileURLToPath(new URL('./scenario.schema.json', import.meta.url));

describe('scenario.schema.json', () => {
  it('is up to date with scenarios/schema.ts', () => {
    const generated = renderJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, generated);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== generated) {
      expect.fail(`scenarios/scenario.schema.json is out of date with scenarios/schema.ts; regenerate it with\n  ${REGENERATE_COMMAND}\n(or npm run schema) and commit the result`);
    }
  });

  it('documents the fields editors complete', () => {
    const schema = buildJsonSchema() as { $schema: string; title: string; properties: Record<string, { description?: string }> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('chatsim scenario');
    for (const [key, field] of Object.entries(schema.properties)) expect(field.description, key).toBeTruthy();
  });
});

describe('the editor patterns agree with the unit parsers', () => {
  const agree = (pattern: string, parse: (s: string) => number | undefined, samples: string[]) => {
    const re = new RegExp(pattern);
    for (const s of samples) expect(re.test(s), s).toBe(parse(s) !== undefined && parse(s)! >= 0);
  };
  it('durations', () => {
    agree(DURATION_PATTERN, parseDuration, ['30s', '2m', '1h30m', '1h 30m', '1.5h', '.5s', '90', '0', '250ms', '1d', '3 days', '2 mins',
      'twenty', '', '1x', 's', '1h-30m', '-5s', '5 s', '1 h 2 m 3 s']);
  });
  it('clock times', () => {
    agree(CLOCK_PATTERN, parseClock, ['09:00', '9:00', '24:00', '12:30:15', '00:00', '9am', '0900', '']);
  });
  it('rates', () => {
    // a bare number is refused (it would be per second), except 0
    agree(RATE_PATTERN, parseRateWithUnit, ['300/h', '5/min', '0.5/s', '2000/d', '12', '.5', '0', '0.0', '300 / h', '-5/h', 'lots', '3/week', '']);
  });
});

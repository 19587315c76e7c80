// The JSON Schema of the raw scenario YAML, generated from ./schema.ts, for editors (completion,
// hover docs, red squiggles via yaml-language-server). Cross-field rules are not in it. Must not
// import yaml, node:* or sim/.

import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

/** Where the generated schema is committed, relative to the repository root. */
export const JSON_SCHEMA_FILE = 'scenarios/scenario.schema.json';

/** The command that rewrites `JSON_SCHEMA_FILE` (also `npm run schema`). */
export const REGENERATE_COMMAND = 'UPDATE_SCHEMA=1 npx vitest run scenarios/json-schema.test.ts';

/**
 * Builds the JSON Schema (draft 2020-12) of the raw scenario: titles, descriptions, defaults and
 * examples on every field; refinements (units parsed, windows not overlapping) are left to chatsim.
 * @example JSON.stringify(buildJsonSchema(), null, 2)
 */
export function buildJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // zod bounds every integer by the safe-integer range: noise for people reading the schema
      const s = jsonSchema as Record<string, unknown>;
      if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
      if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
    },
  });
  return schema as Record<string, unknown>;
}

/** The schema as committed: two-space JSON with a final newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

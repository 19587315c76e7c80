// Golden output: `chatsim run` on an example with a fixed seed must reproduce the committed JSON
// byte for byte. Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run cli/commands/golden.test.ts`
// and review the diff: every changed number is a changed prediction.

import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { loadScenario } from '../../scenarios/load.js';
import { simulate } from '../../sim/model/contact-centre.js';
import { agentTable } from '../../core/roster.js';
import { replicationSeed } from '../../sim/engine/random.js';
import { ArrayRecorder } from '../../sim/test-helpers/scenario.js';
import { rosterCheck } from '../../core/roster.js';
import { checkInvariants } from '../../core/invariants.js';

const examplesDir = new URL('../../scenarios/examples/', import.meta.url);
const goldenFile = new URL('./__golden__/webshop-day.seed-1.json', import.meta.url);

describe('golden run', () => {
  it('reproduces webshop-day, seed 1, 3 replications, byte for byte', async () => {
    const io = memoryIo({ 'scenarios/examples/webshop-day.yaml': readFileSync(new URL('webshop-day.yaml', examplesDir), 'utf8') });
    const code = await main(['run', 'scenarios/examples/webshop-day.yaml', '--seed', '1', '--replications', '3', '--json', 'out.json'], io);
    expect(code).toBe(0);
    const got = io.files.get('out.json')!;
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenFile, got);
    expect(got).toBe(readFileSync(goldenFile, 'utf8'));
  });
});

describe('every example', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml'));
  it('there are examples', () => expect(files.length).toBeGreaterThanOrEqual(4));
  for (const f of files) {
    it(`${f} validates, runs and keeps every invariant`, () => {
      const loaded = loadScenario(readFileSync(new URL(f, examplesDir), 'utf8'), f);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      const s = loaded.scenario;
      const rec = new ArrayRecorder();
      const stats = simulate(s, { seed: replicationSeed(s.seed, 1), recorder: rec });
      expect(stats.visitors).toBeGreaterThan(100);
      expect(stats.cut).toBe(false);
      expect(checkInvariants(rec.records, rec.samples, agentTable(s).map((a) => a.cap), stats.visitors, rosterCheck(s))).toEqual([]);
      expect(rec.records.filter((r) => r.outcome === 'served').length / stats.visitors).toBeGreaterThan(0.8);
    });
  }
});

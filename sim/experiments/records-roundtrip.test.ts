// A simulated run written to a records file and read back measures exactly the same: the path a
// backend export or a load-test result takes goes through the same metric code as a simulation.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load.js';
import { simulate } from '../model/contact-centre.js';
import { ArrayRecorder } from '../../core/records.js';
import { decodeRecords, encodeRecordsLines } from '../../core/records-codec.js';
import { computeMetrics, metricsContext } from '../../core/metrics/index.js';
import { checkInvariants } from '../../core/invariants.js';

const dir = new URL('../../scenarios/examples/', import.meta.url);

describe('records file round trip', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(`${name}: same metrics from the decoded file`, () => {
      const loaded = loadScenario(readFileSync(new URL(name, dir), 'utf8'), name);
      if (!loaded.ok) throw new Error(`${name} does not load`);
      const s = { ...loaded.scenario, horizonSec: Math.min(loaded.scenario.horizonSec, 86_400) };
      const rec = new ArrayRecorder();
      const stats = simulate(s, { seed: 'roundtrip/rep-1', recorder: rec });
      const ctx = metricsContext(s);
      const text = [...encodeRecordsLines({ context: ctx, endAt: stats.endAt }, rec.records, rec.samples)].join('\n');
      const file = decodeRecords(text, name);
      expect(file.records.length).toBe(stats.visitors);
      expect(checkInvariants(file.records, file.samples, ctx.agents.map((a) => a.cap), stats.visitors)).toEqual([]);
      const direct = JSON.stringify(computeMetrics(ctx, rec.records, rec.samples, stats.endAt));
      expect(JSON.stringify(computeMetrics(file.header.context, file.records, file.samples, file.header.endAt))).toBe(direct);
    });
  }
});

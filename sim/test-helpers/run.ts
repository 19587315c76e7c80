// Runs a scenario once with every invariant checked (the roster included): the one way the model
// tests simulate. Not part of the build.

import { expect } from 'vitest';
import type { Scenario } from '../../core/scenario.js';
import { simulate } from '../model/contact-centre.js';
import { agentTable } from '../../core/roster.js';
import { computeMetrics } from '../../core/metrics/collector.js';
import { metricsContext } from '../../core/metrics/index.js';
import { ArrayRecorder } from './scenario.js';
import { rosterCheck } from '../../core/roster.js';
import { checkInvariants } from '../../core/invariants.js';

/** Simulates `s` with `seed`, asserts every invariant, and returns records, stats and metrics. */
export function runChecked(s: Scenario, seed = '1', extra: { policy?: string; arrivals?: Record<string, number[]> } = {}) {
  const rec = new ArrayRecorder();
  const stats = simulate(s, { seed, recorder: rec, ...extra });
  const caps = agentTable(s).map((a) => a.cap);
  expect(checkInvariants(rec.records, rec.samples, caps, stats.visitors, rosterCheck(s))).toEqual([]);
  const byId = [...rec.records].sort((a, b) => a.id - b.id);
  const metrics = computeMetrics(metricsContext(s), rec.records, rec.samples, stats.endAt);
  return { rec, stats, byId, metrics };
}

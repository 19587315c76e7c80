// Worker-thread entry for parallel replications: receives a scenario and replication numbers, runs
// each and posts its metrics back (and, when asked, its progress now and then while it runs). Only
// message passing; the work is runReplication's.

import { parentPort, workerData } from 'node:worker_threads';
import { replicationSeed } from '../engine/random.js';
import { replicationFraction, runReplication } from './run.js';
import type { Scenario } from '../../core/scenario.js';

/** Set once per worker. */
export interface WorkerSetup {
  scenario: Scenario;
  seed: string;
  policy: string;
  warmupSec: number;
  arrivals?: Record<string, number[]>;
  /** Post `{ r, fraction }` now and then while a replication runs. */
  progress?: boolean;
}

/** A request: run replication `r` (1-based). */
export interface WorkerRequest { r: number }

const setup = workerData as WorkerSetup;
parentPort!.on('message', (msg: WorkerRequest | null) => {
  if (msg === null) {
    parentPort!.close();
    return;
  }
  try {
    const r = msg.r;
    const extras = setup.progress === true ? { onClock: (now: number) => parentPort!.postMessage({ r, fraction: replicationFraction(setup.scenario, now) }) } : {};
    const one = runReplication(setup.scenario, replicationSeed(setup.seed, r), setup.policy, setup.warmupSec, extras);
    parentPort!.postMessage({ r: msg.r, metrics: one.metrics, stats: one.stats });
  } catch (err) {
    parentPort!.postMessage({ r: msg.r, error: (err as Error).message });
  }
});

// Worker-thread entry for parallel replications: receives a scenario and replication numbers, runs
// each and posts its metrics back. Only message passing; the work is runReplication's.

import { parentPort, workerData } from 'node:worker_threads';
import { replicationSeed } from '../engine/random.js';
import { runReplication } from './run.js';
import type { Scenario } from '../../core/scenario.js';

/** Set once per worker. */
export interface WorkerSetup {
  scenario: Scenario;
  seed: string;
  policy: string;
  warmupSec: number;
  arrivals?: Record<string, number[]>;
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
    const one = runReplication(setup.scenario, replicationSeed(setup.seed, msg.r), setup.policy, setup.warmupSec);
    parentPort!.postMessage({ r: msg.r, metrics: one.metrics, stats: one.stats });
  } catch (err) {
    parentPort!.postMessage({ r: msg.r, error: (err as Error).message });
  }
});

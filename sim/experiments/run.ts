// Replications of one scenario: runs the model R times on the streams `<seed>/rep-<r>`, collects
// each run's metrics and summarises them (mean and 95 % CI). No I/O; must not import cli/.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import type { Scenario } from '../../core/scenario.js';
import { replicationSeed } from '../engine/random.js';
import { simulate, type RunStats } from '../model/contact-centre.js';
import { MetricsCollector, metricsContext, summariseReplications, type RunMetrics, type Summary } from '../../core/metrics/index.js';
import type { Recorder } from '../../core/records.js';
import type { TraceHeader, TraceVisitor } from '../../core/trace.js';

/** One replication of the model (the API's `simulate`; re-exported so callers need not know the model's files). */
export { simulate, type RunStats, type SimulateOptions } from '../model/contact-centre.js';

/** Default number of replications when neither the scenario nor the caller says. */
export const DEFAULT_REPLICATIONS = 10;

export interface ReplicationOptions {
  /** Base seed; replication r (1-based) uses `<seed>/rep-<r>`. Default: the scenario's. */
  seed?: string;
  /** Default: the scenario's. */
  replications?: number;
  /** Routing policy name; default: the scenario's. */
  policy?: string;
  /** Warm-up in seconds; default: the scenario's. */
  warmupSec?: number;
  /** Called after each replication with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads for `runReplicationsParallel` (default: the machine's cores). Results are
   * byte-identical for any number: replication r always runs on the streams `<seed>/rep-<r>` and
   * results are combined in replication order.
   */
  workers?: number;
}

export interface ReplicationResult {
  seed: string;
  replications: number;
  policy: string;
  warmupSec: number;
  summary: Summary;
  runs: RunMetrics[];
  stats: RunStats[];
}

/** What a replication may take besides its scenario and seed. */
export interface ReplicationExtras {
  /** The visitors of a trace instead of drawn ones (see `SimulateOptions.visitors`). */
  visitors?: Iterable<TraceVisitor>;
  /** Also receives every record and sample (e.g. a records file writer). */
  recorder?: Recorder;
}

/** A recorder handing everything to both `a` and `b`, in that order. */
function both(a: Recorder, b: Recorder): Recorder {
  return {
    conversationEnded: (r) => { a.conversationEnded(r); b.conversationEnded(r); },
    agentState: (s) => { a.agentState(s); b.agentState(s); },
  };
}

/**
 * Runs one replication on the streams of `seed` and returns its metrics and run statistics.
 * @example const { metrics } = runReplication(scenario, replicationSeed('1', 1), 'least-loaded', 0);
 */
export function runReplication(scenario: Scenario, seed: string, policy: string, warmupSec: number, extras: ReplicationExtras = {}): { metrics: RunMetrics; stats: RunStats } {
  const collector = new MetricsCollector(metricsContext(scenario, warmupSec));
  const recorder = extras.recorder !== undefined ? both(collector, extras.recorder) : collector;
  const stats = simulate(scenario, { seed, policy, recorder, ...(extras.visitors !== undefined ? { visitors: extras.visitors } : {}) });
  return { metrics: collector.finish(stats.endAt), stats };
}

/**
 * Simulates exactly the visitors of a trace: one replication of the header's scenario, the
 * rule-dependent draws (routing, lurkers' replies) on the streams of the header's seed and
 * replication. The same result as that replication of `runReplications` on the scenario.
 * @example const reader = new TraceReader(lines, 'day.trace.jsonl'); const r = runTrace(reader.first(), reader);
 */
export function runTrace(header: TraceHeader, visitors: Iterable<TraceVisitor>, options: { policy?: string; warmupSec?: number; recorder?: Recorder } = {}): ReplicationResult {
  const scenario = header.scenario;
  const policy = options.policy ?? scenario.policy;
  const warmupSec = options.warmupSec ?? scenario.warmupSec;
  const one = runReplication(scenario, replicationSeed(header.seed, header.replication), policy, warmupSec, { visitors, ...(options.recorder !== undefined ? { recorder: options.recorder } : {}) });
  return { seed: header.seed, replications: 1, policy, warmupSec, summary: summariseReplications([one.metrics]), runs: [one.metrics], stats: [one.stats] };
}

/**
 * Runs the replications of a scenario and summarises them.
 * @example const r = runReplications(scenario, { replications: 20 }); r.summary.metrics.frtMean.mean
 */
export function runReplications(scenario: Scenario, options: ReplicationOptions = {}): ReplicationResult {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications ?? DEFAULT_REPLICATIONS;
  const policy = options.policy ?? scenario.policy;
  const warmupSec = options.warmupSec ?? scenario.warmupSec;
  const runs: RunMetrics[] = [];
  const stats: RunStats[] = [];
  for (let r = 1; r <= replications; r++) {
    const one = runReplication(scenario, replicationSeed(seed, r), policy, warmupSec);
    runs.push(one.metrics);
    stats.push(one.stats);
    options.onProgress?.(r, replications);
  }
  return { seed, replications, policy, warmupSec, summary: summariseReplications(runs), runs, stats };
}

/**
 * Young-generation size of each worker, MB. The model allocates one short-lived object per
 * visitor; a larger nursery means fewer scavenges competing for the cores (measured in
 * `npm run bench -- --case workers`).
 */
export const WORKER_YOUNG_GENERATION_MB = 64;

/**
 * The machine's cores: the default number of workers.
 * @example await runReplicationsParallel(scenario, { workers: defaultWorkers() })
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The compiled worker entry (tests running the TypeScript sources use the build in dist/). */
function workerUrl(): URL {
  const here = new URL('./replication-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return here;
  const built = new URL('../../dist/sim/experiments/replication-worker.js', import.meta.url);
  if (!existsSync(built)) throw new Error('parallel replications need the build: run `npm run build` first');
  return built;
}

interface WorkerReply { r: number; metrics?: RunMetrics; stats?: RunStats; error?: string }

/**
 * Like `runReplications`, on `options.workers` worker threads (in this thread when 1 or when there
 * is a single replication). Same result, byte for byte, whatever the number of workers.
 * @example const r = await runReplicationsParallel(scenario, { replications: 20, workers: 2 });
 */
export async function runReplicationsParallel(scenario: Scenario, options: ReplicationOptions = {}): Promise<ReplicationResult> {
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications ?? DEFAULT_REPLICATIONS;
  const policy = options.policy ?? scenario.policy;
  const warmupSec = options.warmupSec ?? scenario.warmupSec;
  const workers = Math.min(options.workers ?? defaultWorkers(), replications);
  if (workers <= 1) return runReplications(scenario, { ...options, seed, replications, policy, warmupSec });

  const runs: RunMetrics[] = new Array(replications);
  const stats: RunStats[] = new Array(replications);
  let next = 1;
  let done = 0;
  const url = workerUrl();
  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let failed = false;
    const stopAll = () => { for (const w of pool) void w.terminate(); };
    for (let i = 0; i < workers; i++) {
      const w = new Worker(url, { workerData: { scenario, seed, policy, warmupSec }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      pool.push(w);
      w.on('message', (msg: WorkerReply) => {
        if (failed) return;
        if (msg.error !== undefined) {
          failed = true;
          stopAll();
          reject(new Error(`replication ${msg.r}: ${msg.error}`));
          return;
        }
        runs[msg.r - 1] = msg.metrics!;
        stats[msg.r - 1] = msg.stats!;
        done++;
        options.onProgress?.(done, replications);
        if (next <= replications) w.postMessage({ r: next++ });
        else w.postMessage(null);
        if (done === replications) resolve();
      });
      w.on('error', (err) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(err);
      });
      w.postMessage({ r: next++ });
    }
  });
  return { seed, replications, policy, warmupSec, summary: summariseReplications(runs), runs, stats };
}

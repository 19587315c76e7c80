// Traces and records files through the API: write the trace of a replication (the visitors it
// draws, streamed), read one back lazily, simulate it, and write a replication's records. Lines go
// to any writer and come from any line source (a file, a socket, a test's array). Pure over those;
// must not import cli/.

import { ChatsimError } from '../core/errors.js';
import { FOLLOWS_VOLUME_UNSUPPORTED, followsVolumeGroup } from '../core/scenario-json.js';
import type { Scenario } from '../core/scenario.js';
import type { TraceHeader } from '../core/trace.js';
import type { Recorder } from '../core/records.js';
import { encodeTraceLines, TraceReader } from '../core/trace-codec.js';
import { encodeRecordsHeader, RecordsLineWriter } from '../core/records-codec.js';
import { metricsContext } from '../core/metrics/index.js';
import { replicationSeed } from '../sim/engine/random.js';
import { drawnVisitors } from '../sim/model/visitor-source.js';
import { runReplication, runTrace, type ReplicationExtras } from '../sim/experiments/run.js';

export { TraceReader, TraceDecoder, TraceFormatError, decodeTrace, encodeTraceLines, TRACE_FORMAT, TRACE_VERSION, type TraceFile } from '../core/trace-codec.js';
export type { TraceDeflection, TraceEnd, TraceHeader, TraceReturn, TraceVisit, TraceVisitor } from '../core/trace.js';
export { runTrace };

/** Something text is written to piece by piece (a file writer, a stream, an array's push). */
export interface TextSink {
  write(text: string): void;
}

/** Which replication a trace or a records file is of. */
export interface ReplicationRef {
  /** Base seed; default: the scenario's. */
  seed?: string;
  /** 1-based, like `runReplications`' replications; default 1. */
  replication?: number;
  /** Where it comes from, for people (written into the header). */
  source?: string;
}

/**
 * The lines of the trace of one replication of `scenario` (each without its newline): the header,
 * every visitor it draws in arrival order, the end line. Drawn as they are pulled, without
 * simulating, so a trace of any length takes bounded memory.
 * @example for (const line of traceLines(scenario, { seed: '7' })) out.write(line + '\n');
 */
export function traceLines(scenario: Scenario, ref: ReplicationRef = {}): Generator<string> {
  const follows = followsVolumeGroup(scenario);
  if (follows !== undefined) throw new ChatsimError(`agents.${follows}: ${FOLLOWS_VOLUME_UNSUPPORTED}`);
  const seed = ref.seed ?? scenario.seed;
  const replication = ref.replication ?? 1;
  const header: Omit<TraceHeader, 'format' | 'version'> = { seed, replication, scenario, ...(ref.source !== undefined ? { source: ref.source } : {}) };
  return encodeTraceLines(header, drawnVisitors(scenario, replicationSeed(seed, replication)));
}

/**
 * Writes the trace of one replication of `scenario` to `out`, line by line; returns the number of
 * visitors.
 * @example const out = fileWriter('day.trace.jsonl'); writeTrace(scenario, { seed: '1' }, out); out.close();
 */
export function writeTrace(scenario: Scenario, ref: ReplicationRef, out: TextSink): number {
  let lines = 0;
  for (const line of traceLines(scenario, ref)) {
    out.write(line + '\n');
    lines++;
  }
  return lines - 2;
}

/**
 * A trace read lazily from `lines` (e.g. `fileLines(path)`): `first()` gives the header, iterating
 * gives the visitors, each line checked as it comes (a TraceFormatError names `file:line`).
 * @example const trace = readTrace(fileLines('day.trace.jsonl'), 'day.trace.jsonl'); const result = runTrace(trace.first(), trace);
 */
export function readTrace(lines: Iterable<string>, file: string): TraceReader {
  return new TraceReader(lines, file);
}

/** Which run's records to write: a scenario's replication, or a trace's visitors (read again). */
export interface RecordsRun extends ReplicationRef {
  policy?: string;
  warmupSec?: number;
  /** The visitors of a trace instead of drawing them (the trace's seed and replication go in `seed`, `replication`). */
  visitors?: ReplicationExtras['visitors'];
  /**
   * When the run ends (`RunStats.endAt`), if known from an earlier run of the same replication:
   * the header needs it before the first record, so without it the replication runs twice.
   */
  endAt?: number;
}

/**
 * Writes the records file of one replication — its conversations and agent samples as they happen
 * (the kernel's records codec) — to `out`; returns the number of conversations.
 * @example writeRecords(scenario, { seed: '1', replication: 1 }, out);
 */
export function writeRecords(scenario: Scenario, run: RecordsRun, out: TextSink): number {
  const seed = run.seed ?? scenario.seed;
  const replication = run.replication ?? 1;
  const policy = run.policy ?? scenario.policy;
  const warmupSec = run.warmupSec ?? scenario.warmupSec;
  const replSeed = replicationSeed(seed, replication);
  if (run.visitors !== undefined && run.endAt === undefined) throw new Error('writeRecords: a trace run needs endAt (its visitors can be read once)');
  const endAt = run.endAt ?? runReplication(scenario, replSeed, policy, warmupSec).stats.endAt;
  out.write(encodeRecordsHeader({ context: metricsContext(scenario, warmupSec), endAt, source: run.source ?? `chatsim ${scenario.name} seed ${seed} replication ${replication}` }) + '\n');
  let conversations = 0;
  const writer = new RecordsLineWriter((line) => out.write(line));
  const recorder: Recorder = {
    conversationEnded: (r) => { conversations++; writer.conversationEnded(r); },
    agentState: (s) => writer.agentState(s),
  };
  const { stats } = runReplication(scenario, replSeed, policy, warmupSec, { recorder, ...(run.visitors !== undefined ? { visitors: run.visitors } : {}) });
  if (stats.endAt !== endAt) throw new Error(`writeRecords: the run ended at ${stats.endAt}, not at the given endAt ${endAt}`);
  return conversations;
}

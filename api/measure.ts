// `chatsim measure` through the API: the metrics of records files (a backend export, `chatsim run
// --records`), each file one run, through the one metric code the simulator uses (the kernel's
// MetricsCollector and summary). Files are read line by line as they are pulled. Pure over the
// line sources; must not import cli/.

import { ChatsimError } from '../core/errors.js';
import { MetricsCollector, summariseReplications, type MetricsContext, type RunMetrics, type Summary } from '../core/metrics/index.js';
import { RecordsDecoder, type RecordsHeader } from '../core/records-codec.js';
import { shiftRecord, shiftSample, type ConversationRecord } from '../core/records.js';

/** One records file to measure: its name (for messages) and its lines. */
export interface RecordsSource {
  file: string;
  lines: Iterable<string>;
}

/** The metrics of records files. */
export interface MeasuredRecords {
  /** Each file's header, in the order given. */
  headers: RecordsHeader[];
  /** The metrics context of the first file (the others measure the same groups, agents and intervals). */
  context: MetricsContext;
  /** Conversation records read, all files together. */
  conversations: number;
  /** Each file's metrics, as one run. */
  runs: RunMetrics[];
  /** The runs summarised like replications (one file: its own values, no intervals). */
  summary: Summary;
}

/** What must agree between records files measured together (their metrics are pooled by name and index). */
function sameRun(a: MetricsContext, b: MetricsContext): string | null {
  if (a.groups.join() !== b.groups.join()) return `skill groups ${b.groups.join(', ')} instead of ${a.groups.join(', ')}`;
  if (a.agents.map((x) => x.id).join() !== b.agents.map((x) => x.id).join()) return 'other agents';
  if (a.intervalSec !== b.intervalSec) return `intervals of ${b.intervalSec} s instead of ${a.intervalSec} s`;
  if ((a.classes ?? []).join() !== (b.classes ?? []).join()) return 'other priority classes';
  return null;
}

/**
 * Measures records files: streams each through the records decoder into a MetricsCollector on its
 * header's context, up to its header's `endAt`, and summarises the runs as replications. With
 * `shiftSec`, every instant is first moved by that much (a backend's clock onto a trace's: interval
 * rows then fall on the trace's intervals of the day).
 * @throws {RecordsFormatError} at the first bad line (`file:line field message`)
 * @throws {ChatsimError} when files measure different runs (other groups, agents, intervals or classes)
 * @example const m = measureRecords([{ file: 'export.jsonl', lines: fileLines('export.jsonl') }]); m.summary.metrics.frtMean
 */
export function measureRecords(sources: readonly RecordsSource[], options: { shiftSec?: number } = {}): MeasuredRecords {
  const dt = options.shiftSec ?? 0;
  if (sources.length === 0) throw new ChatsimError('measure: no records files given');
  const headers: RecordsHeader[] = [];
  const runs: RunMetrics[] = [];
  let conversations = 0;
  for (const { file, lines } of sources) {
    const decoder = new RecordsDecoder(file);
    let collector: MetricsCollector | undefined;
    for (const line of lines) {
      const x = decoder.push(line);
      if (x === null) continue;
      if (x === decoder.header) {
        const why = headers.length > 0 ? sameRun(headers[0].context, decoder.header.context) : null;
        if (why !== null) throw new ChatsimError(`${file}: measures another run than ${sources[0].file} (${why}); measure them apart`);
        collector = new MetricsCollector(decoder.header.context);
      } else if ('agentIndex' in x) collector!.agentState(dt === 0 ? x : shiftSample(x, dt));
      else {
        collector!.conversationEnded(dt === 0 ? x as ConversationRecord : shiftRecord(x as ConversationRecord, dt));
        conversations++;
      }
    }
    const header = decoder.finish();
    headers.push(header);
    runs.push(collector!.finish(header.endAt + dt));
  }
  return { headers, context: headers[0].context, conversations, runs, summary: summariseReplications(runs) };
}

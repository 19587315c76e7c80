// A visitor trace: everything random the simulator draws for one replication, per visitor, and the
// scenario (roster and rules) the visitors run under. What `chatsim trace` writes, `chatsim run
// --trace` simulates and a load generator or the backend replays. Types only (the JSON Lines codec
// is trace-codec.ts); imports only the kernel.

import type { Scenario } from './scenario.js';
import type { JsonLinesHeader } from './json-lines.js';

/** The `format` of a trace's header line. */
export const TRACE_FORMAT = 'chatsim.trace';
/** The trace version this code writes and reads. */
export const TRACE_VERSION = 1;

/** Line 1 of a trace: what it is, the streams it came from, and the rules the visitors run under. */
export interface TraceHeader extends JsonLinesHeader<typeof TRACE_FORMAT> {
  /**
   * The base seed. The rule-dependent draws (the routing stream, each lurker's reply stream) come
   * from the streams of replication `replication` of it (`<seed>/rep-<replication>`), as in a run.
   */
  seed: string;
  /** The replication (1-based, like `chatsim run`'s replications) the visitors were drawn for. */
  replication: number;
  /**
   * The resolved scenario: agents (skills, levels, caps, speed, slowdown, rank, reply probability,
   * shifts), routing policy, overflow, auto-transfer, silent close, classes, horizon, warm-up, drain
   * — every time in seconds. Its arrival and duration specs say how the visitors were drawn; a
   * replay uses the visitors below instead.
   */
  scenario: Scenario;
  /** Where the trace comes from, for people (`chatsim trace webshop-day.yaml`). */
  source?: string;
}

/** A visit's own drawn work: patience and the base durations of its rounds. */
export interface TraceVisit {
  /** Seconds the visitor waits for a first manual reply before leaving; `Infinity`: never leaves. */
  patienceSec: number;
  /**
   * Base reply delays (for a speed-1 agent holding one chat), seconds: the first reply, then the
   * answer to each later visitor message. Its length is the number of rounds (≥ 1).
   */
  replySec: number[];
  /** Think time before each visitor message after the first, seconds; length `replySec.length − 1`. */
  thinkSec: number[];
  /** Wrap-up time after the close, seconds (事后处理). */
  wrapUpSec: number;
}

/** A served visitor's next visit: when, after the release, and its own draws. */
export interface TraceReturn extends TraceVisit {
  /** Seconds after the served visit's release (wrap-up end) the visitor comes back. */
  afterSec: number;
}

/** A visitor's next attempt after abandoning in queue: when, after they left, and its own draws. */
export interface TraceRetry extends TraceVisit {
  /** Seconds after the abandoned attempt left the queue the visitor comes back. */
  afterSec: number;
}

/** How an FAQ card or a bot answered: `deflected` needs no person; `followsUp` needs one later. */
export type TraceDeflection = 'deflected' | 'followsUp';

/** One visitor (a line of a trace after the header), in arrival order. */
export interface TraceVisitor extends TraceVisit {
  /** Arrival instant, seconds from the start of the horizon (day 0, 00:00); below the horizon. */
  at: number;
  /** Index into the scenario's skill groups. */
  group: number;
  /** Index into the scenario's priority classes; present exactly when the scenario has classes. */
  class?: number;
  /** Deflected by an FAQ card or a bot (groups with deflection); absent: needs a person at once. */
  deflection?: TraceDeflection;
  /** Would leave a message rather than wait on (groups with leaveMessage); absent: false. */
  leavesMessage?: boolean;
  /** The agent will mark it "no reply needed" (groups with a share of them); absent: false. */
  noReplyNeeded?: boolean;
  /**
   * The returning-visitor link (groups with returning): the visits this visitor comes back for,
   * each used only if the visit before it was served, and only before the horizon. Absent: none.
   */
  returns?: TraceReturn[];
  /**
   * Retries after abandoning (groups with retry): the attempts this visitor makes, in order, each
   * used only if the attempt before it was abandoned in queue, and only before the horizon; the
   * visitor's returns follow whichever attempt is served. Absent: none.
   */
  retries?: TraceRetry[];
}

/** The last line of a trace: how many visitor lines it holds (a cut file has no end line). */
export interface TraceEnd {
  end: true;
  visitors: number;
}

// Every text the command line shows about its own options, files and budget (the scenario's own
// messages live in scenarios/messages.ts). Error text is an API: cli/options.test.ts pins it.
// Pure; must not import node:*.

import { durationText, megabytes } from '../scenarios/messages.js';

/** A whole number with thousands separators: `20,000,000`. */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Rounds an estimate to two significant digits for people: `21,140` → `21,000`. */
export function about(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  if (n < 100) return String(Math.round(n));
  const p = 10 ** (Math.floor(Math.log10(n)) - 1);
  return grouped(Math.round(n / p) * p);
}

/** Messages of command-line options; `option` is the flag as typed (`--replications`). */
export const CLI_MSG = {
  count: (option: string, min: number, max: number | undefined, text: string) =>
    max === undefined
      ? `${option} must be a whole number ≥ ${min} (got "${text}")`
      : `${option} must be a whole number from ${min} to ${grouped(max)} (got "${text}")`,
  duration: (option: string, text: string, example: string) => `${option} "${text}" is not a duration (try ${example})`,
  positiveDuration: (option: string, text: string) => `${option} must be more than 0 (got "${text}")`,
  positiveNumber: (option: string, max: number, text: string) => `${option} must be a number above 0 and at most ${grouped(max)} (got "${text}")`,
  unknownPolicy: (name: string, hint: string | undefined, known: readonly string[]) => `unknown policy "${name}"${hint ? ` — did you mean "${hint}"?` : ''} (known: ${known.join(', ')})`,
  durationAtMost: (option: string, maxSec: number, text: string) => `${option} must be at most ${durationText(maxSec)} (got "${text}")`,
  rate: (option: string, text: string) => `${option} "${text}" is not a rate (try 300/h or 5/min)`,
  bareRate: (option: string, text: string) =>
    `${option} needs its unit: write ${text.trim()}/h for ${text.trim()} an hour (or /min, /s); a bare number would be per second (got "${text}")`,
  positiveRate: (option: string, text: string) => `${option} must be more than 0 (got "${text}")`,
  empty: (option: string) => `${option} must not be empty`,
  optionAsValue: (option: string, value: string) =>
    `${option} needs a value, but the next word is the option ${value}; write ${option} VALUE (or ${option}=VALUE)`,
  staffInterval: (text: string, minSec: number) =>
    `--interval "${text}" must be a duration that divides a day, at least ${durationText(minSec)} (each interval is searched apart), e.g. 15m, 30m or 1h`,

  // --- files
  tooLarge: (path: string, maxBytes: number) => `${path} is larger than ${megabytes(maxBytes)}, the most chatsim reads of such a file (is it the right file?)`,

  // --- the budget of a run
  estimate: (command: string, e: { visitorsPerReplication: number; replications: number; runs: number; events: number; memoryBytesPerWorker: number }, runsWord: string, each = '') =>
    `chatsim ${command}: simulating ~${about(e.visitorsPerReplication)} visitors per replication × ${e.replications} replication${e.replications === 1 ? '' : 's'}` +
    `${e.runs > 1 ? ` × ${e.runs} ${runsWord}` : ''}${each} (~${about(e.events)} events, ~${about(e.memoryBytesPerWorker / (1024 * 1024))} MB per worker)`,
  overBudget: (command: string, kind: 'visitors' | 'events', estimate: number, limit: number, maxVisitors: number) =>
    `chatsim ${command}: this would simulate ~${about(estimate)} ${kind}, more than the budget of ${grouped(limit)}` +
    (kind === 'events' ? ` (${grouped(limit / maxVisitors)} per visitor of --max-visitors ${grouped(maxVisitors)})` : '') +
    `; lower the rates${kind === 'events' ? ', rounds' : ''}, days or replications, or raise the budget with --max-visitors N if the machine can take it`,
  staffUnmet: (unreachable: number) =>
    unreachable > 0
      ? `chatsim staff: ${unreachable} interval(s) miss a target even with the most agents tried (UNREACHABLE above), so the targets are not met`
      : 'chatsim staff: the roster misses a target in some interval (see the warning above), so the targets are not met',
} as const;

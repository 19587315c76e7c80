// The one parser of each kind of command-line value, shared by every command: whole numbers
// (`--replications`, `--workers`, `--agents`…), durations (`--warmup`, `--aht`…) and rates
// (`--rate`), positive numbers (`--time-scale`), replay windows (`--from`/`--to`) and policy names (`--policy`). Each returns the value or the error line, worded in cli/messages.ts.

import { formatClock, parseClock, parseDuration, parseRate, rateHasUnit } from '../core/units.js';
import { getPolicy, POLICY_NAMES } from '../core/routing/policies.js';
import { suggest } from '../scenarios/messages.js';
import { CLI_MSG } from './messages.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (error: string): Parsed<never> => ({ ok: false, error });

/**
 * A whole number written in digits (no sign, exponent, hexadecimal or fraction: `0x10`, `1e9`,
 * `2.5` and `+3` are refused), from `min` to `max`.
 * @example parseCount('--replications', '20', { min: 1, max: 1000 }) // { ok: true, value: 20 }
 */
export function parseCount(option: string, text: string, bounds: { min: number; max?: number }): Parsed<number> {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || (bounds.max !== undefined && n > bounds.max)) return bad(CLI_MSG.count(option, bounds.min, bounds.max, text));
  return ok(n);
}

/**
 * A duration (`30s`, `2m`, `1h30m`; a bare number is seconds) of at most `maxSec`, and above 0
 * with `positive`. `example` is shown in the error (`4m or 240s`).
 * @example parseDurationOption('--warmup', '2h', { example: '30m or 2h' }) // { ok: true, value: 7200 }
 */
export function parseDurationOption(option: string, text: string, o: { example: string; positive?: boolean; maxSec?: number }): Parsed<number> {
  const sec = parseDuration(text);
  if (sec === undefined) return bad(CLI_MSG.duration(option, text, o.example));
  if (o.positive && !(sec > 0)) return bad(CLI_MSG.positiveDuration(option, text));
  if (o.maxSec !== undefined && sec > o.maxSec) return bad(CLI_MSG.durationAtMost(option, o.maxSec, text));
  return ok(sec);
}

/**
 * An interval of the day (`1h`, `30m`) that divides a day and is at least `minSec`; `undefined`
 * gives `fallbackSec`.
 * @example parseDayIntervalOption('--interval', '30m', 3600, 900) // { ok: true, value: 1800 }
 */
export function parseDayIntervalOption(option: string, text: string | undefined, fallbackSec: number, minSec: number): Parsed<number> {
  if (text === undefined) return ok(fallbackSec);
  const p = parseDurationOption(option, text, { example: '1h', positive: true });
  if (!p.ok) return p;
  if (p.value < minSec || 86_400 % p.value !== 0) return bad(`${option} must divide a day and be at least ${minSec / 60}m (got ${text})`);
  return p;
}

/**
 * A rate with its unit (`300/h`, `5/min`, `0.5/s`), per second, above 0. A bare number is refused
 * with the unit to add: `--rate 240` would be 864,000 an hour.
 * @example parseRateOption('--rate', '240/h') // { ok: true, value: 0.0666… }
 */
export function parseRateOption(option: string, text: string): Parsed<number> {
  const r = parseRate(text);
  if (r === undefined) return bad(CLI_MSG.rate(option, text));
  if (r > 0 && !rateHasUnit(text)) return bad(CLI_MSG.bareRate(option, text));
  if (!(r > 0)) return bad(CLI_MSG.positiveRate(option, text));
  return ok(r);
}

/**
 * A decimal number above 0 and at most `max` (`60`, `0.5`; no exponent or hexadecimal).
 * @example parsePositiveNumber('--time-scale', '60', 1e6) // { ok: true, value: 60 }
 */
export function parsePositiveNumber(option: string, text: string, max: number): Parsed<number> {
  const t = text.trim();
  const n = /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
  if (!(n > 0 && n <= max)) return bad(CLI_MSG.positiveNumber(option, max, text));
  return ok(n);
}

/**
 * A routing policy's name, known to the kernel's registry; the error says which are known and
 * suggests the nearest.
 * @example parsePolicyOption('least-loded') // { ok: false, error: 'unknown policy "least-loded" — did you mean "least-loaded"? (known: …)' }
 */
export function parsePolicyOption(text: string): Parsed<string> {
  if (getPolicy(text)) return ok(text);
  return bad(CLI_MSG.unknownPolicy(text, suggest(text, POLICY_NAMES), POLICY_NAMES));
}

/** An instant for `--from`/`--to`: a time of day (`09:00`), or a duration from day 0 (`1d9h`, `32400`), seconds. */
export function parseInstant(text: string): number | undefined {
  return parseClock(text) ?? parseDuration(text);
}

/**
 * The window `[from, to)` of a replay (`chatsim replay`, `chatsim loadgen`), scenario seconds from
 * day 0: from 0 and to the horizon when left out; `to` must come after `from`.
 * @example parseWindowOptions('09:00', '10:00', 86400) // { ok: true, value: { fromSec: 32400, toSec: 36000 } }
 */
export function parseWindowOptions(from: string | undefined, to: string | undefined, horizonSec: number): Parsed<{ fromSec: number; toSec: number }> {
  let fromSec = 0;
  let toSec = horizonSec;
  if (from !== undefined) {
    const x = parseInstant(from);
    if (x === undefined) return bad(`--from must be a time of day (09:00) or a duration from day 0 (1d9h) (got ${from})`);
    fromSec = x;
  }
  if (to !== undefined) {
    const x = parseInstant(to);
    if (x === undefined) return bad(`--to must be a time of day (10:00) or a duration from day 0 (1d10h) (got ${to})`);
    toSec = x;
  }
  if (!(toSec > fromSec)) return bad(`--to (${formatClock(toSec)}) must come after --from (${formatClock(fromSec)})`);
  return ok({ fromSec, toSec });
}

// The zod schema of a scenario file as people write it (the raw YAML form): types, ranges and units
// of each field, field docs for the generated JSON Schema, and the defaults. Cross-field rules live in
// ./validate.ts. Must not import yaml, node:* or sim/ beyond the routing policy names.

import { z } from 'zod';
import { DEFAULT_POLICY, POLICY_NAMES } from '../core/routing/policies.js';
import { MSG } from './messages.js';
import { parseClock, parseDuration, parseRate, rateHasUnit } from '../core/units.js';
export { DAY_SEC } from '../core/units.js';
import { DAY_SEC } from '../core/units.js';

/** Longest horizon a scenario may ask for, days. */
export const MAX_DAYS = 366;
/** Upper bound (exclusive) of the day-to-day coefficient of variation. */
export const MAX_DAILY_CV = 3;

/**
 * Bounds of the fields, far beyond any real chat centre and tight enough that every accepted
 * scenario draws finite times, keeps the means people wrote and ends (the run budget in
 * sim/experiments/budget.ts bounds the work as a whole). Every message names its bound.
 */
export const BOUNDS = {
  /** Any duration: a year of 366 days. */
  maxDurationSec: MAX_DAYS * DAY_SEC,
  /** How long open conversations may still finish after the horizon. */
  maxDrainSec: 7 * DAY_SEC,
  /** Shortest interval of the day (1440 a day). */
  minIntervalSec: 60,
  /** Arrival rate of one window, per hour (about 28 a second). */
  maxRatePerHour: 100_000,
  /** Promotion multiplier. */
  maxPromoFactor: 100,
  /** Rounds of one conversation (fixed, or any value or mean of a distribution). */
  maxRounds: 1000,
  /** Coefficient of variation of a gamma or lognormal: below it the gamma's shape overflows; above it draws run to the far tail. */
  minCv: 0.001,
  maxCv: 10,
  /** Sigma of a lognormal given by its median (cv ≈ 23). */
  maxSigma: 2.5,
  /** Agents in one agent group. */
  maxAgentsPerGroup: 10_000,
  /** Chats one agent holds at once. */
  maxConcurrent: 1000,
  /** Agent speed (reply delays are divided by it). */
  minSpeed: 0.01,
  maxSpeed: 100,
  /** Slow-down per extra chat held. */
  maxSlowdown: 10,
  /** Replications of one run. */
  maxReplications: 1000,
  /** Auto-transfers of one chat. */
  maxTransfers: 100,
  /** Retries of one visitor after abandoning. */
  maxRetries: 100,
  /** Shortest auto-transfer delay: the check repeats this often while nobody else is free (1e-160 s never advanced the clock). */
  minAutoTransferSec: 1,
} as const;

/**
 * Every default of the raw form, in one place, written as in YAML (durations as text). The JSON
 * Schema shows them to editors; `normaliseScenario` applies them.
 */
export const DEFAULTS = {
  description: '',
  days: 1,
  seed: '1',
  replications: 10,
  warmup: '0s',
  slTime: '20s',
  interval: '30m',
  queuePlacementThreshold: '60s',
  drain: '4h',
  policy: DEFAULT_POLICY,
  /** firstReply, nextReply and wrapUp when neither the group nor the top level sets them (fixed 0 s). */
  serviceTime: 0,
  /** `none`: the visitor never leaves. */
  patience: 'none',
  rounds: 1,
  thinkTime: 0,
  dailyCv: 0,
  promoDay: 0,
  speed: 1,
  rank: 1,
  slowdown: 0,
  /** onlineEarly and onlineLate: no margin. */
  onlineMargin: '0s',
  /** Weekday of day 0. */
  startDay: 'mon',
  replyProbability: 1,
  maxTransfers: 1,
  priority: 0,
  aging: '1/s',
  followUpAfter: '1m',
  stickyWait: '0s',
  /** Most retries of one visitor after abandoning in queue. */
  retryMax: 3,
} as const;

/** Distribution names of the `dist` key. */
export const DIST_NAMES = ['exponential', 'lognormal', 'gamma', 'uniform', 'fixed', 'empirical'] as const;

/** Skill-group and agent-group ids: used in RNG stream names and output columns. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Ids refused although they match {@link ID_PATTERN}: the properties every JavaScript object has
 * (`constructor`, `toString`, …). Looked up in a plain object they would find the property instead
 * of nothing, so a run could quietly differ from what `validate` accepted.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** What `parseDuration` reads (lower case), for editors; `parseDuration` stays the authority. */
export const DURATION_PATTERN =
  '^\\s*(?:(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\\s*)+$|^\\s*(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*$';
/** What `parseClock` reads, for editors. */
export const CLOCK_PATTERN = '^\\s*\\d{1,2}:\\d{2}(?::\\d{2})?\\s*$';
/** Non-negative rates with their unit (or 0 alone), for editors; the schema stays the authority. */
export const RATE_PATTERN = '^\\s*(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*/\\s*(?:s|sec|second|m|min|minute|h|hr|hour|d|day)\\s*$|^\\s*(?:0+(?:\\.0*)?|\\.0+)\\s*$';

type Issue = { input?: unknown };
type Describe = (value: unknown) => string;
const err = (describe: Describe) => ({ error: (iss: Issue) => describe(iss.input) });

// ---------------------------------------------------------------- scalars

function integer(min: number, max?: number, describe: Describe = (v) => MSG.integerRange(min, max, v)) {
  const e = err(describe);
  const s = z.number(e).int(e).min(min, e);
  return max === undefined ? s : s.max(max, e);
}

/** A whole number ≥ `min` (worded as before) and at most `max` (worded apart, naming the bound). */
function boundedInteger(min: number, max: number, atMost: Describe = (v) => MSG.integerAtMost(max, v), describe: Describe = (v) => MSG.integerRange(min, undefined, v)) {
  const e = err(describe);
  return z.number(e).int(e).min(min, e).max(max, err(atMost));
}

const positiveNumber = () => z.number(err((v) => MSG.numberAbove(0, v))).gt(0, err((v) => MSG.numberAbove(0, v)));
const nonNegativeNumber = () => z.number(err((v) => MSG.numberAtLeast(0, v))).min(0, err((v) => MSG.numberAtLeast(0, v)));

/** A duration as text (`30s`, `1h30m`) or a number of seconds; `positive` excludes 0; at most `maxSec`. */
function durationSchema(positive: boolean, maxSec: number = BOUNDS.maxDurationSec) {
  const number = positive
    ? z.number().gt(0, err(MSG.positiveDuration))
    : z.number().min(0, err(MSG.negativeDuration));
  return z
    .union([number, z.string()], err(MSG.duration))
    .refine((v) => typeof v === 'number' || parseDuration(v) !== undefined, err(MSG.duration))
    .refine((v) => typeof v === 'number' || !positive || (parseDuration(v) ?? 1) > 0, err(MSG.positiveDuration))
    .refine((v) => !((parseDuration(v) ?? 0) > maxSec), err((v) => MSG.durationAtMost(maxSec, v)));
}

const DURATION_DOC = {
  pattern: DURATION_PATTERN,
  examples: ['30s', '2m', '1h30m', 45],
};

/** A duration ≥ 0: text such as `30s`, `2m`, `1h30m`, `1d`, or a number of seconds. */
export const Duration = durationSchema(false).meta({
  id: 'Duration',
  title: 'duration',
  description: 'A duration: text such as 30s, 2m, 1h30m or 1d, or a number of seconds.',
  ...DURATION_DOC,
});

/** A duration > 0. */
export const PositiveDuration = durationSchema(true).meta({
  id: 'PositiveDuration',
  title: 'duration > 0',
  description: 'A duration longer than 0: text such as 30s, 2m or 1h30m, or a number of seconds.',
  ...DURATION_DOC,
});

/** A time of day `HH:MM` (or `HH:MM:SS`) from `00:00` to `24:00`. */
export const ClockTime = z
  .string(err(MSG.clock))
  .refine((v) => parseClock(v) !== undefined, err(MSG.clock))
  .meta({
    id: 'ClockTime',
    title: 'time of day',
    description: 'A time of day, "HH:MM" from "00:00" to "24:00" (quote it in YAML).',
    pattern: CLOCK_PATTERN,
    examples: ['09:00', '18:30', '24:00'],
  });

/**
 * A bare number (or text without a unit) other than 0: refused, since a person means "an hour"
 * where chatsim would read "a second" (`rate: 60` would be 216,000 an hour).
 */
function bareRate(v: string | number): boolean {
  return parseRate(v) !== undefined && (parseRate(v) ?? 0) > 0 && !rateHasUnit(v);
}

/** A rate with its unit: `300/h`, `5/min`, `2000/d`, `1/s`; 0 needs none; never negative. */
function rateSchema(maxPerHour?: number) {
  return z
    .union([z.number().min(0, err(MSG.negativeRate)), z.string()], err(MSG.rate))
    .refine((v) => typeof v === 'number' || parseRate(v) !== undefined, err(MSG.rate))
    .refine((v) => typeof v === 'number' || (parseRate(v) ?? 0) >= 0, err(MSG.negativeRate))
    .refine((v) => !bareRate(v), err((v) => MSG.bareRate(v, maxPerHour)))
    .refine((v) => maxPerHour === undefined || bareRate(v) || !((parseRate(v) ?? 0) * 3600 > maxPerHour), err((v) => MSG.rateAtMost(maxPerHour ?? 0, v)));
}

const RATE_DOC = {
  pattern: RATE_PATTERN,
  examples: ['300/h', '5/min'],
};

/** A rate with its unit (`300/h`, `5/min`, `2000/d`, `1/s`; 0 alone); never negative. */
export const Rate = rateSchema().meta({
  id: 'Rate',
  title: 'rate',
  description: 'So many per unit of time: 300/h, 5/min, 2000/d or 1/s. A bare number is refused (except 0): write its unit.',
  ...RATE_DOC,
});

/** An arrival rate: a {@link Rate} of at most `BOUNDS.maxRatePerHour`. */
export const ArrivalRate = rateSchema(BOUNDS.maxRatePerHour).meta({
  id: 'ArrivalRate',
  title: 'arrival rate',
  description: `Arrivals per unit of time: 300/h, 5/min, 2000/d or 1/s, at most ${BOUNDS.maxRatePerHour}/h. A bare number is refused (except 0): write its unit.`,
  ...RATE_DOC,
});

// ---------------------------------------------------------------- distributions

type ValueSchema = typeof Duration | ReturnType<typeof roundsValue>;

/** A value of a distribution of rounds: a number from 0 (or above 0) to `BOUNDS.maxRounds`. */
function roundsValue(positive: boolean) {
  const base = positive ? positiveNumber() : nonNegativeNumber();
  return base.max(BOUNDS.maxRounds, err((v) => MSG.roundsAtMost(BOUNDS.maxRounds, v)));
}

/** Reads a validated value of a distribution field as a number (seconds for times). */
function valueOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseDuration(v);
  return undefined;
}

function distributionObjects(value: ValueSchema, positive: ValueSchema, unit: string) {
  const dist = <T extends (typeof DIST_NAMES)[number]>(name: T) => z.literal(name);
  const cv = positiveNumber()
    .refine((v) => !(v > 0) || (v >= BOUNDS.minCv && v <= BOUNDS.maxCv), err((v) => MSG.cv(BOUNDS.minCv, BOUNDS.maxCv, v)))
    .meta({ description: `Coefficient of variation: standard deviation / mean, from ${BOUNDS.minCv} to ${BOUNDS.maxCv}.` });

  const exponential = z
    .strictObject({ dist: dist('exponential'), mean: positive.meta({ description: `Mean (> 0)${unit}.` }) })
    .meta({ title: 'exponential', description: 'Exponential (memoryless) with the given mean.' });

  const lognormal = z
    .strictObject({
      dist: dist('lognormal'),
      mean: positive.optional().meta({ description: `Mean (> 0)${unit}; give it with cv.` }),
      cv: cv.optional(),
      median: positive.optional().meta({ description: `Median (> 0)${unit}; give it with sigma.` }),
      sigma: positiveNumber()
        .max(BOUNDS.maxSigma, err((v) => MSG.sigma(BOUNDS.maxSigma, v)))
        .optional()
        .meta({ description: `Standard deviation of the log (> 0, at most ${BOUNDS.maxSigma}); give it with median.` }),
    })
    .superRefine((o, ctx) => {
      const given = (['mean', 'cv', 'median', 'sigma'] as const).filter((k) => o[k] !== undefined);
      const byMean = o.mean !== undefined && o.cv !== undefined && o.median === undefined && o.sigma === undefined;
      const byMedian = o.median !== undefined && o.sigma !== undefined && o.mean === undefined && o.cv === undefined;
      if (!byMean && !byMedian) ctx.addIssue({ code: 'custom', message: MSG.lognormalParams(given), input: o });
    })
    .meta({ title: 'lognormal', description: 'Lognormal, given by mean and cv, or by median and sigma. Right-skewed: typical of reply times.' });

  const gamma = z
    .strictObject({ dist: dist('gamma'), mean: positive.meta({ description: `Mean (> 0)${unit}.` }), cv })
    .meta({ title: 'gamma', description: 'Gamma with the given mean and coefficient of variation.' });

  const uniform = z
    .strictObject({
      dist: dist('uniform'),
      min: value.meta({ description: `Smallest value (≥ 0)${unit}.` }),
      max: value.meta({ description: `Largest value (≥ min)${unit}.` }),
    })
    .superRefine((o, ctx) => {
      const min = valueOf(o.min);
      const max = valueOf(o.max);
      if (min !== undefined && max !== undefined && min > max) {
        ctx.addIssue({ code: 'custom', path: ['max'], message: MSG.minAboveMax(o.min, o.max), input: o.max });
      }
    })
    .meta({ title: 'uniform', description: 'Uniform between min and max.' });

  const fixed = z
    .strictObject({ dist: dist('fixed'), value: value.meta({ description: `The value (≥ 0)${unit}.` }) })
    .meta({ title: 'fixed', description: 'Always the same value.' });

  const point = z
    .tuple([z.number(err(MSG.quantileProbability)).min(0, err(MSG.quantileProbability)).max(1, err(MSG.quantileProbability)), value], err(MSG.quantilePoint))
    .meta({ description: `[probability, value${unit}]` });

  const empirical = z
    .strictObject({
      dist: dist('empirical'),
      values: z
        .array(value, err((v) => MSG.list('values', v)))
        .min(1, { error: () => MSG.emptyValues() })
        .optional()
        .meta({ description: `Observed values${unit}, resampled with equal probability.` }),
      quantiles: z
        .array(point, err((v) => MSG.list('[probability, value] pairs', v)))
        .optional()
        .meta({ description: 'Points [p, value] of the inverse CDF, p from exactly 0 to exactly 1, increasing; linear in between.' }),
    })
    .superRefine((o, ctx) => {
      const given = (['values', 'quantiles'] as const).filter((k) => o[k] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({ code: 'custom', message: MSG.empiricalParams(given), input: o });
        return;
      }
      if (o.quantiles !== undefined) checkQuantiles(o.quantiles, ctx);
    })
    .meta({ title: 'empirical', description: 'Resample observed values, or interpolate a table of quantiles.' });

  return z.discriminatedUnion('dist', [exponential, lognormal, gamma, uniform, fixed, empirical], {
    error: (iss) => {
      if (iss.code === 'invalid_union') {
        const input = iss.input as Record<string, unknown> | undefined;
        return input?.dist === undefined ? MSG.missingDist(DIST_NAMES, Object.keys(input ?? {})) : MSG.unknownDist(input.dist, DIST_NAMES);
      }
      return MSG.distribution(iss.input);
    },
  });
}

function checkQuantiles(points: ReadonlyArray<readonly [number, unknown]>, ctx: z.RefinementCtx): void {
  if (points.length < 2) {
    ctx.addIssue({ code: 'custom', path: ['quantiles'], message: MSG.quantilesTooFew(), input: points });
    return;
  }
  const first = points[0][0];
  const last = points[points.length - 1][0];
  if (first !== 0) ctx.addIssue({ code: 'custom', path: ['quantiles', 0, 0], message: MSG.quantilesStart(first), input: first });
  if (last !== 1) ctx.addIssue({ code: 'custom', path: ['quantiles', points.length - 1, 0], message: MSG.quantilesEnd(last), input: last });
  for (let i = 1; i < points.length; i++) {
    const [p, v] = points[i];
    const [prevP, prevV] = points[i - 1];
    if (!(p > prevP)) {
      ctx.addIssue({ code: 'custom', path: ['quantiles', i, 0], message: MSG.quantilesNotIncreasing(p, prevP), input: p });
    }
    const value = valueOf(v);
    const previous = valueOf(prevV);
    if (value !== undefined && previous !== undefined && value < previous) {
      ctx.addIssue({ code: 'custom', path: ['quantiles', i, 1], message: MSG.quantileValuesDecreasing(v, prevV), input: v });
    }
  }
}

const TIME_UNIT = ' (a duration such as 30s, or seconds)';
const timeObjects = distributionObjects(Duration, PositiveDuration, TIME_UNIT).meta({
  id: 'DurationDistribution',
  title: 'distribution of durations',
  description: 'A { dist: … } mapping: exponential, lognormal, gamma, uniform, fixed or empirical; values are durations.',
});

/** A random duration: a duration (fixed) or a `{ dist: … }` mapping whose values are durations. */
export const TimeDistribution = z.union([Duration, timeObjects], err(MSG.distribution)).meta({
  id: 'TimeDistribution',
  title: 'random duration',
  description: 'A duration such as 30s (always that), or a distribution such as { dist: lognormal, mean: 20s, cv: 0.6 }.',
});

const patienceScalar = z
  .union([z.number().min(0, err(MSG.patience)), z.string()], err(MSG.patience))
  .refine((v) => typeof v === 'number' || v.trim() === 'none' || parseDuration(v) !== undefined, err(MSG.patience))
  .refine((v) => (typeof v === 'string' && v.trim() === 'none') || !((parseDuration(v) ?? 0) > BOUNDS.maxDurationSec), err((v) => MSG.durationAtMost(BOUNDS.maxDurationSec, v)))
  .meta({ pattern: `^\\s*none\\s*$|${DURATION_PATTERN}` });

/** Patience: `none` (never leaves), a duration, or a time distribution. */
export const Patience = z.union([patienceScalar, timeObjects], err(MSG.patience)).meta({
  id: 'Patience',
  title: 'patience',
  description: 'How long a visitor waits for the first manual reply before leaving: none (never leaves), a duration, or a distribution.',
  examples: ['none', '90s', { dist: 'exponential', mean: '90s' }],
});

/** Rounds: a whole number ≥ 1, or a distribution of plain numbers (samples are rounded, at least 1). */
export const Rounds = z
  .union([boundedInteger(1, BOUNDS.maxRounds, (v) => MSG.roundsAtMost(BOUNDS.maxRounds, v), MSG.count), distributionObjects(roundsValue(false), roundsValue(true), '')], err(MSG.count))
  .meta({
    id: 'Rounds',
    title: 'rounds',
    description: `Visitor↔agent rounds per conversation: a whole number up to ${BOUNDS.maxRounds}, or a distribution of numbers up to ${BOUNDS.maxRounds} (samples rounded, at least 1).`,
    examples: [3, { dist: 'uniform', min: 2, max: 6 }],
  });

// ---------------------------------------------------------------- groups and agents

/** Service times of a skill group; each field falls back to the top-level `service`, then to fixed 0. */
export const Service = z
  .strictObject({
    firstReply: TimeDistribution.optional().meta({ description: 'Delay from assignment to the first manual reply, before agent speed and load. Default: the top-level value, else 0.' }),
    nextReply: TimeDistribution.optional().meta({ description: 'Delay from a later visitor message to the agent\'s reply, before speed and load. Default: the top-level value, else 0.' }),
    wrapUp: TimeDistribution.optional().meta({ description: 'Wrap-up (事后处理) after closing, while the slot stays busy. Default: the top-level value, else 0.' }),
  }, err((v) => MSG.mapping('firstReply, nextReply and wrapUp', v)))
  .meta({ id: 'Service', title: 'service times' });

/** Weekday names of `days:` lists and `startDay`, Monday first (index 0). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const Weekday = z.enum(WEEKDAYS, err((v) => MSG.weekday(v, WEEKDAYS))).meta({ title: 'weekday' });

const RateWindow = z
  .strictObject({
    from: ClockTime.meta({ description: 'Start of the window, time of day.' }),
    to: ClockTime.meta({ description: 'End of the window (after from; may be "24:00").' }),
    rate: ArrivalRate.meta({ description: `Arrivals per unit of time inside the window, with its unit (300/h); at most ${BOUNDS.maxRatePerHour}/h.` }),
    days: z
      .array(Weekday, err((v) => MSG.list('weekdays (mon, tue, …, sun)', v)))
      .min(1, { error: () => MSG.noWeekdays() })
      .optional()
      .meta({ description: 'Weekdays the window holds (mon … sun); leave out for every day. Windows of a common weekday must not overlap.' }),
  }, err((v) => MSG.mapping('from, to, rate and days', v)))
  .superRefine((w, ctx) => {
    const from = parseClock(w.from);
    const to = parseClock(w.to);
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: MSG.windowOrder(w.from, w.to), input: w.to });
    }
  })
  .meta({ title: 'rate window' });

const Promo = z
  .strictObject({
    name: z.string(err(MSG.string)).optional().meta({ description: 'A label for reports (e.g. double-11).' }),
    day: integer(0).optional().meta({ description: 'Day of the simulation, 0 = the first.', default: DEFAULTS.promoDay }),
    from: ClockTime.meta({ description: 'Start, time of day.' }),
    to: ClockTime.meta({ description: 'End, time of day (after from).' }),
    factor: positiveNumber().max(BOUNDS.maxPromoFactor, err((v) => MSG.numberAtMost(BOUNDS.maxPromoFactor, v))).meta({ description: `Multiplies the arrival rate (8 = eight times the usual); at most ${BOUNDS.maxPromoFactor}.` }),
  }, err((v) => MSG.mapping('name, day, from, to and factor', v)))
  .superRefine((p, ctx) => {
    const from = parseClock(p.from);
    const to = parseClock(p.to);
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: MSG.promoOrder(p.from, p.to), input: p.to });
    }
  })
  .meta({ title: 'promotion' });

const Arrivals = z
  .strictObject({
    rates: z
      .array(RateWindow, err((v) => MSG.list('rate windows', v)))
      .min(1, { error: () => MSG.emptyRates() })
      .meta({ description: 'Rate windows by time of day, the same every day; no arrivals outside them. Windows must not overlap.' }),
    dailyCv: z
      .number(err(MSG.dailyCv))
      .gt(0, err(MSG.dailyCv))
      .lt(MAX_DAILY_CV, err(MSG.dailyCv))
      // a smaller cv overflows the daily multiplier's gamma shape (1 / cv²) and the rate becomes NaN
      .refine((v) => !(v > 0) || v >= BOUNDS.minCv, err((v) => MSG.dailyCvTooSmall(BOUNDS.minCv, v)))
      .optional()
      .meta({ description: 'Day-to-day variation: cv of a multiplier drawn per day (mean 1). Leave out for none.' }),
    promos: z
      .array(Promo, err((v) => MSG.list('promotions', v)))
      .optional()
      .meta({ description: 'Promotions: windows of one day when the rate is multiplied.' }),
  }, err((v) => MSG.mapping('rates, dailyCv and promos', v)))
  .meta({ title: 'arrivals' });

const share = () => z.number(err(MSG.share)).min(0, err(MSG.share)).max(1, err(MSG.share));

const OverflowRing = z
  .strictObject({
    after: PositiveDuration.meta({ description: 'Seconds in queue after which the chat may also go to these agent groups.' }),
    to: z
      .array(z.string(err(MSG.string)), err((v) => MSG.list('agent group ids', v)))
      .min(1, { error: () => MSG.emptyOverflowTo() })
      .meta({ description: 'Agent groups that may take the chat from then on (besides the agents holding its skill).' }),
  }, err((v) => MSG.mapping('after and to', v)))
  .meta({ title: 'overflow ring' });

const LeaveMessage = z
  .strictObject({
    after: PositiveDuration.meta({ description: 'After this long in queue (or at once when nobody with the skill is online) a visitor may leave a message (转留言) instead of waiting.' }),
    share: share().optional().meta({ description: 'Share of visitors who leave a message then; the others wait until their patience runs out. Default 1.', default: 1 }),
  }, err((v) => MSG.mapping('after and share', v)))
  .meta({ id: 'LeaveMessage', title: 'leave a message' });

const Deflection = z
  .strictObject({
    share: share().meta({ description: 'Share of conversations an FAQ card or a bot answers first.' }),
    followUp: share().optional().meta({ description: 'Share of those whose visitor sends another message and then needs a person. Default 0.', default: 0 }),
    followUpAfter: Duration.optional().meta({ description: 'When the follow-up comes, after the first message.', default: DEFAULTS.followUpAfter }),
  }, err((v) => MSG.mapping('share, followUp and followUpAfter', v)))
  .meta({ id: 'Deflection', title: 'deflection (FAQ cards, bots)' });

const Returning = z
  .strictObject({
    share: share().refine((v) => v < 1, err(MSG.returningShare)).meta({ description: 'Share of served conversations whose visitor comes back (a new conversation of this group), below 1.' }),
    after: TimeDistribution.meta({ description: 'When they come back, after the close: a duration or a distribution.' }),
    wait: Duration.optional().meta({ description: 'How long a returning visitor waits for the agent who served them when that agent is on shift but busy (熟客优先); 0: only if free at once.', default: DEFAULTS.stickyWait }),
    fallback: z
      .enum(POLICY_NAMES as [string, ...string[]], err((v) => MSG.policy(v, POLICY_NAMES)))
      .optional()
      .meta({ description: 'The policy that routes them when their agent is not available in time.', default: DEFAULTS.policy }),
  }, err((v) => MSG.mapping('share, after, wait and fallback', v)))
  .meta({ id: 'Returning', title: 'returning visitors (sticky routing)' });

const Retry = z
  .strictObject({
    share: share().meta({ description: 'Share of visitors who abandon in queue and come back (a new conversation of this group and class, with their own patience and durations); the same share after each abandoned retry.' }),
    after: TimeDistribution.meta({ description: 'When they come back, after leaving the queue: a duration or a distribution.' }),
    max: boundedInteger(1, BOUNDS.maxRetries).optional().meta({ description: `Most retries per visitor (at most ${BOUNDS.maxRetries}).`, default: DEFAULTS.retryMax }),
  }, err((v) => MSG.mapping('share, after and max', v)))
  .meta({ id: 'Retry', title: 'retries after abandoning' });

/** Patience by priority class id; a class left out keeps the group's (or the window's) patience. */
const ClassPatience = z
  .record(z.string(), Patience, err((v) => MSG.mapping('priority class ids to patience', v)))
  .meta({ description: 'Patience of the visitors of some priority classes (vip: { dist: exponential, mean: 10m }); classes left out keep the patience above.' });

/** Visitors arriving between two clock times draw these instead of the group's own (the most specific written wins). */
const TimeWindow = z
  .strictObject({
    from: ClockTime.meta({ description: 'Start of the window, time of day; a visitor arriving at or after it…' }),
    to: ClockTime.meta({ description: '…and before this (after from; may be "24:00") draws the fields below.' }),
    patience: Patience.optional().meta({ description: 'Patience of visitors arriving in the window (every class, unless classPatience names it). Default: the group\'s.' }),
    classPatience: ClassPatience.optional(),
    thinkTime: TimeDistribution.optional().meta({ description: 'Think time of visitors arriving in the window (for calls written as chats: the handle time). Default: the group\'s.' }),
    service: Service.optional().meta({ description: 'Service times of visitors arriving in the window, field by field over the group\'s.' }),
  }, err((v) => MSG.mapping('from, to, patience, classPatience, thinkTime and service', v)))
  .superRefine((w, ctx) => {
    const from = parseClock(w.from);
    const to = parseClock(w.to);
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: MSG.timeWindowOrder(w.from, w.to), input: w.to });
    }
    if (w.patience === undefined && w.classPatience === undefined && w.thinkTime === undefined && w.service === undefined) {
      ctx.addIssue({ code: 'custom', message: MSG.emptyTimeWindow(), input: w });
    }
  })
  .meta({ id: 'TimeWindow', title: 'time window of the day' });

const SkillGroup = z
  .strictObject({
    arrivals: Arrivals.meta({ description: 'When conversations arrive.' }),
    patience: Patience.optional().meta({ default: DEFAULTS.patience }),
    rounds: Rounds.optional().meta({ default: DEFAULTS.rounds }),
    thinkTime: TimeDistribution.optional().meta({ description: 'Time between an agent reply and the visitor\'s next message.', default: DEFAULTS.thinkTime }),
    service: Service.optional().meta({ description: 'Overrides of the top-level service times, field by field.' }),
    classShares: z
      .record(z.string(), share(), err((v) => MSG.mapping('priority class ids to shares', v)))
      .optional()
      .meta({ description: 'This group\'s own shares of the priority classes (add up to 1); default: the classes\' shares.' }),
    classPatience: ClassPatience.optional(),
    during: z
      .array(TimeWindow, err((v) => MSG.list('time windows such as { from: "09:00", to: "12:00", patience: 3m }', v)))
      .optional()
      .meta({ description: 'Windows of the day (not overlapping) in which arriving visitors draw another patience, think time or service times; the draw takes the arrival\'s time of day.' }),
    leaveMessage: LeaveMessage.optional().meta({ description: 'Visitors may leave a message instead of waiting; messages are answered when an agent is free, possibly the next shift.' }),
    silentClose: PositiveDuration.optional().meta({ description: 'Overrides the top-level silentClose for this group.' }),
    returning: Returning.optional().meta({ description: 'Returning visitors go back to the agent who served them (sticky routing).' }),
    retry: Retry.optional().meta({ description: 'Visitors who abandon in queue may come back later as a new conversation (retries).' }),
    deflection: Deflection.optional().meta({ description: 'FAQ cards or a bot answer a share of the chats; some follow up and need a person. Automatic answers are never responses.' }),
    noReplyNeeded: share().optional().meta({ description: 'Share of conversations an agent marks "no reply needed"; left out of the 24-hour response rate. Default 0.' }),
    overflow: z
      .array(OverflowRing, err((v) => MSG.list('overflow rings such as { after: 60s, to: [aftersales-team] }', v)))
      .optional()
      .meta({ description: 'Overflow rings: after each ring\'s delay in queue, agents of its agent groups may take the chat too. Leave out for none.' }),
  }, err((v) => MSG.mapping('arrivals, patience, rounds, thinkTime, service, classShares, classPatience, during, leaveMessage, silentClose, returning, retry, deflection, noReplyNeeded and overflow', v)))
  .meta({ id: 'SkillGroup', title: 'skill group' });


const Break = z
  .strictObject({
    start: ClockTime.meta({ description: 'Start of the break, time of day, inside the shift.' }),
    end: ClockTime.meta({ description: 'End of the break, time of day, after start, inside the shift.' }),
  }, err((v) => MSG.mapping('start and end', v)))
  .superRefine((b, ctx) => {
    const start = parseClock(b.start);
    const end = parseClock(b.end);
    if (start !== undefined && end !== undefined && end <= start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: MSG.breakOrder(b.start, b.end), input: b.end });
    }
  })
  .meta({ title: 'break' });

const Shift = z
  .strictObject({
    start: ClockTime.meta({ description: 'Start, time of day.' }),
    end: ClockTime.meta({ description: 'End, time of day, after start (up to "24:00").' }),
    days: z
      .array(Weekday, err((v) => MSG.list('weekdays (mon, tue, …, sun)', v)))
      .min(1, { error: () => MSG.noWeekdays() })
      .optional()
      .meta({ description: 'Weekdays this shift is worked (mon … sun); leave out for every day. Day 0 of the run is `startDay`.' }),
    breaks: z
      .array(Break, err((v) => MSG.list('breaks', v)))
      .optional()
      .meta({ description: 'Breaks inside the shift (lunch, short breaks): the agent takes no new chat but finishes the open ones.' }),
  }, err((v) => MSG.mapping('start, end, days and breaks', v)))
  .superRefine((s, ctx) => {
    const start = parseClock(s.start);
    const end = parseClock(s.end);
    if (start !== undefined && end !== undefined && end <= start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: MSG.shiftOrder(s.start, s.end), input: s.end });
    }
  })
  .meta({ title: 'shift' });

/** Most agents a group following volume may field on one day, as a multiple of its count (the default of `max`). */
export const FOLLOWS_VOLUME_MAX_FACTOR = 2;

const FollowsVolume = z
  .strictObject({
    of: z
      .union([z.string(err(MSG.string)), z.array(z.string(err(MSG.string)), err((v) => MSG.list('skill group ids', v))).min(1, { error: () => MSG.noSkills() })], err((v) => MSG.list('skill group ids', v)))
      .meta({ description: 'The skill group (or groups, weighted by their expected arrivals that day) whose drawn day-to-day volume (dailyCv) the count follows.' }),
    elasticity: nonNegativeNumber().max(2, err((v) => MSG.numberAtMost(2, v))).meta({ description: 'On a day of volume m × the usual, the group fields count × m^elasticity agents (0: never changes, 1: in proportion), rounded at random to a whole number with that mean.' }),
    max: boundedInteger(1, BOUNDS.maxAgentsPerGroup).optional().meta({ description: `The most agents on any day, at least count (default ${FOLLOWS_VOLUME_MAX_FACTOR} × count).` }),
  }, err((v) => MSG.mapping('of, elasticity and max', v)))
  .meta({ id: 'FollowsVolume', title: 'staffing that follows the day\'s volume' });

const AgentGroup = z
  .strictObject({
    count: boundedInteger(0, BOUNDS.maxAgentsPerGroup).meta({ description: `Number of identical agents in the group, at most ${BOUNDS.maxAgentsPerGroup} (0 keeps the group defined but empty).` }),
    skills: z
      .array(z.string(err((v) => MSG.unknownSkill(v, []))), err((v) => MSG.list('skill group ids', v)))
      .min(1, { error: () => MSG.noSkills() })
      .meta({ description: 'Skill groups these agents serve.' }),
    maxConcurrent: boundedInteger(1, BOUNDS.maxConcurrent).meta({ description: `Maximum concurrent chats per agent (最大接待量), wrap-up included; at most ${BOUNDS.maxConcurrent}.` }),
    speed: positiveNumber()
      .refine((v) => !(v > 0) || (v >= BOUNDS.minSpeed && v <= BOUNDS.maxSpeed), err((v) => MSG.numberFromTo(BOUNDS.minSpeed, BOUNDS.maxSpeed, v)))
      .optional()
      .meta({ description: `Reply delays are divided by this (2 = twice as fast), from ${BOUNDS.minSpeed} to ${BOUNDS.maxSpeed}.`, default: DEFAULTS.speed }),
    rank: z.number(err(MSG.number)).optional().meta({ description: 'Lower = more experienced; experienced-first routing prefers the lowest.', default: DEFAULTS.rank }),
    slowdown: nonNegativeNumber().max(BOUNDS.maxSlowdown, err((v) => MSG.numberAtMost(BOUNDS.maxSlowdown, v))).optional().meta({ description: `Reply delays stretch by this for every chat held beyond the first; at most ${BOUNDS.maxSlowdown}.`, default: DEFAULTS.slowdown }),
    shifts: z
      .array(Shift, err((v) => MSG.list('shifts', v)))
      .optional()
      .meta({ description: 'Shifts of the day, by weekday when they list days; leave out for online all day. Shifts of a common weekday must not overlap.' }),
    onlineEarly: Duration.optional().meta({ description: 'Agents log in this long before each shift starts (e.g. 5m).', default: DEFAULTS.onlineMargin }),
    onlineLate: Duration.optional().meta({ description: 'Agents stay online this long after each shift ends (e.g. 5m).', default: DEFAULTS.onlineMargin }),
    skillLevels: z
      .record(z.string(), integer(1, 10), err((v) => MSG.mapping('skill group ids to levels 1–10', v)))
      .optional()
      .meta({ description: 'Level of each skill, 1–10, higher preferred (default 1): a free agent takes chats of its highest-level skills first, and a chat goes to the free agents with the highest level in its skill.' }),
    replyProbability: z
      .number(err(MSG.probability))
      .min(0, err(MSG.probability))
      .max(1, err(MSG.probability))
      .optional()
      .meta({ description: 'Chance that an agent replies to a chat assigned to them at all; 0 = a lurker, online and taking chats but never answering.', default: DEFAULTS.replyProbability }),
    followsVolume: FollowsVolume.optional().meta({ description: 'The count of each day follows that day\'s drawn volume of some skill groups (count is the count on a day of usual volume). Simulator only: chatsim trace and serve refuse it.' }),
  }, err((v) => MSG.mapping('count, skills, maxConcurrent, speed, rank, slowdown, shifts, onlineEarly, onlineLate, skillLevels, replyProbability and followsVolume', v)))
  .meta({ id: 'AgentGroup', title: 'agent group' });

const VacationWindow = z
  .strictObject({
    day: integer(0).meta({ description: 'Day of the simulation, 0 = the first.' }),
    from: ClockTime.optional().meta({ description: 'Start, time of day (default "00:00").' }),
    to: ClockTime.optional().meta({ description: 'End, time of day, after from (default "24:00").' }),
  }, err((v) => MSG.mapping('day, from and to', v)))
  .superRefine((w, ctx) => {
    const from = parseClock(w.from ?? '00:00');
    const to = parseClock(w.to ?? '24:00');
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: MSG.vacationOrder(w.from ?? '00:00', w.to ?? '24:00'), input: w.to });
    }
  })
  .meta({ title: 'vacation window' });

const AutoTransfer = z
  .strictObject({
    after: PositiveDuration
      .refine((v) => !((parseDuration(v) ?? 1) > 0) || parseDuration(v)! >= BOUNDS.minAutoTransferSec, err((v) => MSG.autoTransferTooSoon(BOUNDS.minAutoTransferSec, v)))
      .meta({ description: 'A chat assigned but without a first reply this long after assignment moves to another agent with a free slot; at least 1s.' }),
    maxTransfers: boundedInteger(1, BOUNDS.maxTransfers).optional().meta({ description: `Most moves per chat (at most ${BOUNDS.maxTransfers}); after that it stays with its agent.`, default: DEFAULTS.maxTransfers }),
    away: z
      .strictObject({
        misses: integer(1).meta({ description: 'An agent whose chats were moved away this many times goes away…' }),
        for: PositiveDuration.meta({ description: '…for this long: no new chats (the open ones are kept), then back.' }),
      }, err((v) => MSG.mapping('misses and for', v)))
      .optional()
      .meta({ description: 'Sets agents who keep missing chats away for a while.' }),
  }, err((v) => MSG.mapping('after, maxTransfers and away', v)))
  .meta({ id: 'AutoTransfer', title: 'auto-transfer (延误对话自动转接)' });

const PriorityClass = z
  .strictObject({
    share: share().meta({ description: 'Share of each skill group\'s conversations in this class, 0–1 (shares add up to 1).' }),
    priority: nonNegativeNumber().optional().meta({ description: 'Priority points on entering the queue; with aging, a chat of priority p is served as if it had waited p / aging longer.', default: DEFAULTS.priority }),
    slTime: Duration.optional().meta({ description: 'Threshold T of this class\'s service level (per-class SLA time). Default: the top-level slTime.' }),
  }, err((v) => MSG.mapping('share, priority and slTime', v)))
  .meta({ id: 'PriorityClass', title: 'priority class' });

const groupId = (kind: 'skill group' | 'agent group' | 'priority class') =>
  z
    .string()
    .regex(ID_PATTERN, { error: (iss) => MSG.badId(kind, String(iss.input)) })
    .refine((id) => !ID_PATTERN.test(id) || !RESERVED_IDS.has(id), { error: (iss) => MSG.reservedId(kind, String(iss.input)) });

// ---------------------------------------------------------------- the scenario

/** The whole raw scenario file. */
const SlaEntry = z.union([
  z.string(err(MSG.slaEntry)).meta({ description: 'A target on the whole run: <metric> <op> <value>, e.g. "serviceLevel >= 80%", "frtP90 <= 30s".' }),
  z.strictObject({
    target: z.string(err(MSG.slaEntry)).meta({ description: 'The target: <metric> <op> <value>.' }),
    per: z.enum(['interval'], err((v) => MSG.slaPer(v))).optional().meta({ description: 'interval: the target must hold in every interval of the day that has arrivals.' }),
    group: z.string(err(MSG.string)).optional().meta({ description: 'A skill group id: the target applies to that group\'s conversations.' }),
  }),
], err(MSG.slaEntry));

export const ScenarioSchema = z
  .strictObject({
    name: z.string(err(MSG.nonEmptyString)).min(1, err(MSG.nonEmptyString)).meta({ description: 'Name of the scenario, shown in reports.' }),
    description: z.string(err(MSG.string)).optional().meta({ description: 'What the scenario is about.' }),
    days: integer(1, MAX_DAYS).optional().meta({ description: 'Simulated days; rates and shifts repeat every day.', default: DEFAULTS.days }),
    startDay: Weekday.optional().meta({ description: 'Weekday of day 0 (mon … sun), for shifts that list days.', default: DEFAULTS.startDay }),
    seed: z
      .union([z.string(), z.number().refine((v) => Number.isInteger(v), err(MSG.seed)).refine((v) => !Number.isInteger(v) || Number.isSafeInteger(v), err(MSG.seedTooBig))], err(MSG.seed))
      .optional()
      .meta({ description: 'Random seed; the same seed gives the same run.', default: DEFAULTS.seed }),
    replications: boundedInteger(1, BOUNDS.maxReplications, (v) => MSG.replicationsAtMost(BOUNDS.maxReplications, v)).optional().meta({ description: `Independent replications for confidence intervals, at most ${BOUNDS.maxReplications}.`, default: DEFAULTS.replications }),
    warmup: Duration.optional().meta({ description: 'Conversations and agent time before this instant are not measured; shorter than the horizon.', default: DEFAULTS.warmup }),
    slTime: Duration.optional().meta({ description: 'Threshold T of the service level SL(T): share answered within T.', default: DEFAULTS.slTime }),
    interval: PositiveDuration
      .refine((v) => !((parseDuration(v) ?? 0) > 0) || parseDuration(v)! >= BOUNDS.minIntervalSec, err((v) => MSG.intervalTooShort(BOUNDS.minIntervalSec, v)))
      // the collector's own test (DAY_SEC % interval === 0), so whatever validates also runs
      .refine((v) => !((parseDuration(v) ?? 0) >= BOUNDS.minIntervalSec) || DAY_SEC % parseDuration(v)! === 0, err(MSG.intervalDivides))
      .optional()
      .meta({ description: `Interval of the day for per-interval (分时段) metrics; must divide 24h, at least ${BOUNDS.minIntervalSec / 60} minute.`, default: DEFAULTS.interval }),
    queuePlacementThreshold: Duration.optional().meta({ description: 'Queue placement rate counts conversations queued longer than this.', default: DEFAULTS.queuePlacementThreshold }),
    drain: durationSchema(false, BOUNDS.maxDrainSec).optional().meta({ description: 'After the horizon, how long open conversations may still finish (no new arrivals); at most 7d.', default: DEFAULTS.drain }),
    policy: z
      .enum(POLICY_NAMES as [string, ...string[]], err((v) => MSG.policy(v, POLICY_NAMES)))
      .optional()
      .meta({ description: 'Routing policy: which free agent takes a chat.', default: DEFAULTS.policy }),
    service: Service.optional().meta({ description: 'Service times for every skill group (each group may override).' }),
    classes: z
      .record(groupId('priority class'), PriorityClass, err((v) => MSG.mapping('priority classes by id', v)))
      .refine((c) => Object.keys(c).length > 0, err(MSG.noClasses))
      .optional()
      .meta({ description: 'Priority classes (vip, urgent, standard…): each conversation draws one; the queue serves the highest aged priority first; metrics per class.' }),
    aging: Rate.optional().meta({ description: 'Priority points gained per unit of waiting time (1/s: one point a second); must be > 0.', default: DEFAULTS.aging }),
    silentClose: PositiveDuration.optional().meta({ description: 'The system closes a conversation when the visitor stays silent this long after an agent reply (the remaining rounds never happen). Leave out for never.' }),
    vacation: z
      .array(VacationWindow, err((v) => MSG.list('vacation windows such as { day: 5, from: "00:00", to: "24:00" }', v)))
      .optional()
      .meta({ description: 'Windows when the shop is in vacation mode: conversations started in them are left out of the 24-hour response rate.' }),
    autoTransfer: AutoTransfer.optional().meta({ description: 'Moves chats left without a first reply to another agent. Leave out for none.' }),
    groups: z
      .record(groupId('skill group'), SkillGroup, err((v) => MSG.mapping('skill groups by id', v)))
      .refine((g) => Object.keys(g).length > 0, err(MSG.noGroups))
      .meta({ description: 'Skill groups (pre-sales, after-sales, …) by id: where conversations arrive.' }),
    agents: z
      .record(groupId('agent group'), AgentGroup, err((v) => MSG.mapping('agent groups by id', v)))
      .refine((a) => Object.keys(a).length > 0, err(MSG.noAgentGroups))
      .meta({ description: 'Agent groups by id: identical agents with the same skills, cap, speed and shifts.' }),
    sla: z
      .array(SlaEntry, err((v) => MSG.slaList(v)))
      .optional()
      .meta({ description: 'Service targets checked by `chatsim check`: "serviceLevel >= 80%" for the whole run, or { target, per: interval } for every interval of the day, or { target, group: presales } for one skill group.' }),
  }, err(MSG.notScenario))
  .meta({
    title: 'chatsim scenario',
    description: 'An online customer-service chat centre for chatsim: arrivals by skill group, agents, shifts and routing. Times are durations (30s, 2m, 1h30m) or seconds; times of day are "HH:MM".',
  });

/** The validated raw scenario: as written, nothing converted, no defaults applied. */
export type RawScenario = z.infer<typeof ScenarioSchema>;
export type RawSkillGroup = RawScenario['groups'][string];
export type RawAgentGroup = RawScenario['agents'][string];
export type RawService = NonNullable<RawScenario['service']>;
export type RawTimeDistribution = z.infer<typeof TimeDistribution>;
export type RawPatience = z.infer<typeof Patience>;
export type RawRounds = z.infer<typeof Rounds>;

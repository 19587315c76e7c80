// Every text a scenario problem can show, in one module, with the kernel's "did you mean" helper. Error text
// is an API: snapshot tests over scenarios/invalid/ pin it. Pure; must not import zod, yaml or node:*.

import { didYouMean } from '../core/suggest.js';

export { editDistance, suggest } from '../core/suggest.js';

/**
 * How an offending value is shown in `(got …)`: strings quoted, numbers and booleans as written,
 * lists and mappings by kind (they are located by line and column anyway).
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
  return String(value);
}

/** ` (got …)`, appended to every message about a value. */
function got(value: unknown): string {
  return ` (got ${shown(value)})`;
}


/**
 * A duration in seconds as a scenario would write it: `366d`, `7d`, `1m`, `90s` (the largest unit
 * that divides it).
 */
export function durationText(sec: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (sec >= size && sec % size === 0) return `${sec / size}${unit}`;
  return `${sec}s`;
}

/** A size in bytes for people: `512 KB`, `1 MB`, `50.3 MB`. */
export function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function list(names: readonly string[]): string {
  return names.join(', ');
}

/** Messages, grouped by what they are about. Each takes the offending value when there is one. */
export const MSG = {
  // --- the file itself
  unreadable: (reason: string) => `cannot read the scenario file: ${reason}`,
  emptyFile: () => 'the file is empty; a scenario needs at least name, groups and agents',
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  duplicateKey: (key: string) => `"${key}" appears twice in the same mapping; keep one`,
  notScenario: (value: unknown) => `a scenario must be a mapping of settings (name:, groups:, agents:, …)${got(value)}`,
  tooLarge: (bytes: number, max: number) =>
    `the file is ${megabytes(bytes)}; a scenario may be at most ${megabytes(max)} (is this the right file?)`,
  tooLargeToRead: (max: number) => `it is larger than ${megabytes(max)}, the most a scenario may be (is this the right file?)`,
  unresolvedAlias: (name: string) =>
    `alias *${name} names no anchor &${name} before it; mark the value to repeat with &${name} first, or write it out` +
    (name.endsWith(':') ? ` (a colon right after an alias is read as part of its name: quote text that starts with *)` : ''),
  mergeSource: () => 'a merge (<<) must name a mapping, such as <<: *defaults where &defaults marks a mapping, or a list of them',
  aliasExpansion: (max: number) =>
    `the aliases expand to more than ${max} values (a file that repeats itself like this is refused); write the values out, or use fewer nested aliases`,
  collectionKey: () => 'a key must be plain text, not a list or a mapping',
  reservedKey: (key: string) => `"${key}" cannot be used as a key: the name is reserved in JavaScript`,
  yamlData: (detail: string) => `YAML error: ${detail}`,

  // --- keys
  required: (key: string) => `required setting "${key}" is missing`,
  unknownKey: (key: string, allowed: readonly string[]) =>
    `unknown setting "${key}"${didYouMean(key, allowed)}${allowed.length > 0 ? ` (allowed here: ${list(allowed)})` : ''}`,
  badId: (kind: 'skill group' | 'agent group' | 'priority class', id: string) =>
    `${kind} id "${id}" must start with a letter and contain only letters, digits, "-" and "_"`,
  reservedId: (kind: 'skill group' | 'agent group' | 'priority class', id: string) =>
    `${kind} id "${id}" is a reserved name (a property of every JavaScript object); choose another id`,

  // --- plain values
  string: (value: unknown) => `must be text${got(value)}`,
  nonEmptyString: (value: unknown) => `must be non-empty text${got(value)}`,
  mapping: (what: string, value: unknown) => `must be a mapping of ${what}${got(value)}`,
  list: (what: string, value: unknown) => `must be a list of ${what}${got(value)}`,
  integerRange: (min: number, max: number | undefined, value: unknown) =>
    max === undefined ? `must be a whole number ≥ ${min}${got(value)}` : `must be a whole number from ${min} to ${max}${got(value)}`,
  numberAbove: (min: number, value: unknown) => `must be a number > ${min}${got(value)}`,
  numberAtLeast: (min: number, value: unknown) => `must be a number ≥ ${min}${got(value)}`,
  numberBetween: (minExclusive: number, maxExclusive: number, value: unknown) =>
    `must be a number > ${minExclusive} and < ${maxExclusive}${got(value)}`,
  number: (value: unknown) => `must be a number${got(value)}`,
  integerAtMost: (max: number, value: unknown) => `must be at most ${max}${got(value)}`,
  numberAtMost: (max: number, value: unknown) => `must be at most ${max}${got(value)}`,
  numberFromTo: (min: number, max: number, value: unknown) => `must be a number from ${min} to ${max}${got(value)}`,
  cv: (min: number, max: number, value: unknown) =>
    `must be from ${min} to ${max}; for a value that never varies, write the value itself (fixed)${got(value)}`,
  sigma: (max: number, value: unknown) => `must be at most ${max} (a cv of about ${Math.round(Math.sqrt(Math.exp(max * max) - 1))})${got(value)}`,
  seedTooBig: (value: unknown) => `a number seed must be a whole number up to ${Number.MAX_SAFE_INTEGER}; quote a longer seed to make it text${got(value)}`,
  replicationsAtMost: (max: number, value: unknown) => `must be at most ${max} replications${got(value)}`,
  returningShare: (value: unknown) => `must be below 1: with 1 every visitor would come back after every conversation, without end${got(value)}`,
  probability: (value: unknown) => `must be a probability from 0 to 1${got(value)}`,
  share: (value: unknown) => `must be a share from 0 to 1, such as 0.1 for 10 %${got(value)}`,
  sharesSum: (sum: number) => `shares must add up to 1 (got ${Math.round(sum * 1e6) / 1e6})`,
  noClasses: (value: unknown) => `must define at least one priority class, or leave classes out${got(value)}`,
  unknownClass: (id: string, classes: readonly string[]) =>
    classes.length === 0 ? `"${id}" is not a priority class: the scenario has no classes` : `"${id}" is not a priority class of this scenario${didYouMean(id, classes)} (classes: ${list(classes)})`,
  agingNotPositive: (value: unknown) => `must be a rate above 0, such as 1/s or 10/min${got(value)}`,
  seed: (value: unknown) => `must be text or a whole number${got(value)}`,
  policy: (value: unknown, known: readonly string[]) =>
    typeof value === 'string'
      ? `unknown routing policy "${value}"${didYouMean(value, known)} (known: ${list(known)})`
      : `must be the name of a routing policy, one of ${list(known)}${got(value)}`,

  // --- units
  duration: (value: unknown) => `must be a duration such as 30s, 2m or 1h30m, or a number of seconds${got(value)}`,
  negativeDuration: (value: unknown) => `must not be negative${got(value)}`,
  positiveDuration: (value: unknown) => `must be longer than 0${got(value)}`,
  clock: (value: unknown) => `must be a time of day from "00:00" to "24:00", such as "09:30"${got(value)}`,
  rate: (value: unknown) => `must be a rate such as 300/h or 5/min${got(value)}`,
  bareRate: (value: unknown, maxPerHour?: number) =>
    maxPerHour !== undefined && Number(value) > maxPerHour
      ? `a rate needs its unit, such as 300/h, and an arrival rate is at most ${maxPerHour}/h${got(value)}`
      : `a rate needs its unit: write ${String(value).trim()}/h for ${String(value).trim()} an hour (or /min, /s, /d)${got(value)}`,
  rateAtMost: (maxPerHour: number, value: unknown) => `must be at most ${maxPerHour}/h${got(value)}`,
  durationAtMost: (maxSec: number, value: unknown) => `must be at most ${durationText(maxSec)}${got(value)}`,
  autoTransferTooSoon: (minSec: number, value: unknown) =>
    `must be at least ${durationText(minSec)}: while no other agent is free the check repeats this often until the first reply${got(value)}`,
  intervalTooShort: (minSec: number, value: unknown) => `must be at least ${durationText(minSec)}, such as 15m, 30m or 1h${got(value)}`,
  negativeRate: (value: unknown) => `must not be negative${got(value)}`,
  intervalDivides: (value: unknown) => `must divide 24h into whole intervals, such as 15m, 30m or 1h${got(value)}`,
  warmupTooLong: (value: unknown, days: number) =>
    `must be shorter than the simulated horizon of ${days} ${days === 1 ? 'day' : 'days'}${got(value)}`,

  // --- distributions
  distribution: (value: unknown) =>
    `must be a duration such as 30s, or a distribution such as { dist: exponential, mean: 30s }${got(value)}`,
  count: (value: unknown) => `must be a whole number ≥ 1, or a distribution such as { dist: uniform, min: 2, max: 6 }${got(value)}`,
  roundsAtMost: (max: number, value: unknown) => `must be at most ${max} rounds${got(value)}`,
  countValue: (value: unknown) => `must be a number ≥ 0${got(value)}`,
  patience: (value: unknown) =>
    `must be none (never leaves), a duration such as 90s, or a distribution such as { dist: exponential, mean: 90s }${got(value)}`,
  missingDist: (known: readonly string[], given: readonly string[]) =>
    `a distribution needs "dist", one of ${list(known)}${given.length === 0 ? '' : ` (got only ${list(given)})`}`,
  unknownDist: (value: unknown, known: readonly string[]) =>
    typeof value === 'string'
      ? `unknown distribution "${value}"${didYouMean(value, known)} (known: ${list(known)})`
      : `must be the name of a distribution, one of ${list(known)}${got(value)}`,
  lognormalParams: (given: readonly string[]) =>
    `a lognormal needs either mean and cv, or median and sigma${given.length === 0 ? ' (got neither)' : ` (got ${list(given)})`}`,
  empiricalParams: (given: readonly string[]) =>
    `an empirical distribution needs either values or quantiles, not both${given.length === 0 ? ' (got neither)' : ` (got ${list(given)})`}`,
  emptyValues: () => 'must list at least one value (got an empty list)',
  minAboveMax: (min: unknown, max: unknown) => `min must not be above max (got min ${shown(min)}, max ${shown(max)})`,
  quantilePoint: (value: unknown) => `must be a pair [probability, value], such as [0.5, 20s]${got(value)}`,
  quantileProbability: (value: unknown) => `the probability must be a number from 0 to 1${got(value)}`,
  quantilesTooFew: () => 'must list at least two points, from probability 0 to probability 1',
  quantilesStart: (p: unknown) => `the first probability must be exactly 0${got(p)}`,
  quantilesEnd: (p: unknown) => `the last probability must be exactly 1${got(p)}`,
  quantilesNotIncreasing: (p: unknown, previous: unknown) =>
    `probabilities must increase strictly from point to point (got ${shown(p)} after ${shown(previous)})`,
  quantileValuesDecreasing: (value: unknown, previous: unknown) =>
    `values must not decrease from point to point (got ${shown(value)} after ${shown(previous)})`,

  // --- arrivals, shifts, promotions
  emptyRates: () => 'must list at least one rate window, such as { from: "09:00", to: "18:00", rate: 200/h } (got an empty list)',
  windowOrder: (from: string, to: string) => `rate window ends at ${to}, which is not after its start ${from}`,
  timeWindowOrder: (from: string, to: string) => `time window ends at ${to}, which is not after its start ${from}`,
  emptyTimeWindow: () => 'must set at least one of patience, classPatience, thinkTime or service for the window',
  timeWindowsOverlap: (a: string, b: string, other: string) => `time window ${a} overlaps time window ${b} (${other}); windows must not overlap`,
  followsMaxBelowCount: (max: unknown, count: unknown) => `must be at least the group's count ${String(count)}${got(max)}`,
  windowsOverlap: (a: string, b: string, other: string) => `rate window ${a} overlaps rate window ${b} (${other}); windows must not overlap`,
  shiftOrder: (start: string, end: string) =>
    `shift end ${end} is ${end === start ? 'the same as' : 'before'} start ${start}; a shift ends after it starts, within one day (split a night shift in two)`,
  shiftsOverlap: (a: string, b: string, other: string) => `shift ${a} overlaps shift ${b} (${other}); shifts must not overlap`,
  breakOrder: (start: string, end: string) => `break end ${end} is ${end === start ? 'the same as' : 'before'} start ${start}; a break ends after it starts`,
  breakOutsideShift: (b: string, shift: string) => `break ${b} is not inside its shift ${shift}; a break lies within the shift`,
  breaksOverlap: (a: string, b: string, other: string) => `break ${a} overlaps break ${b} (${other}); breaks must not overlap`,
  weekday: (value: unknown, known: readonly string[]) =>
    typeof value === 'string'
      ? `unknown weekday "${value}"${didYouMean(value, known)} (weekdays: ${list(known)})`
      : `must be a weekday, one of ${list(known)}${got(value)}`,
  noWeekdays: () => 'must list at least one weekday, such as [mon, tue, wed, thu, fri] (got an empty list); leave days out for every day',
  vacationOrder: (from: string, to: string) => `vacation window ends at ${to}, which is not after its start ${from}; split a window that crosses midnight into two days`,
  promoOrder: (from: string, to: string) => `promotion ends at ${to}, which is not after its start ${from}`,
  promoDay: (value: unknown, days: number) =>
    `must be a day of the simulation, from 0 to ${days - 1} (day 0 is the first of ${days} ${days === 1 ? 'day' : 'days'})${got(value)}`,
  dailyCv: (value: unknown) => `must be > 0 and < 3; leave dailyCv out for no day-to-day variation${got(value)}`,
  dailyCvTooSmall: (min: number, value: unknown) => `must be at least ${min}; leave dailyCv out for no day-to-day variation${got(value)}`,

  // --- groups and agents
  noGroups: (value: unknown) => `must define at least one skill group${got(value)}`,
  noAgentGroups: (value: unknown) => `must define at least one agent group${got(value)}`,
  noSkills: () => 'must list at least one skill group (got an empty list)',
  unknownSkill: (skill: unknown, groups: readonly string[]) =>
    typeof skill === 'string'
      ? `"${skill}" is not a skill group of this scenario${didYouMean(skill, groups)} (skill groups: ${list(groups)})`
      : `must be the id of a skill group${got(skill)}`,
  duplicateSkill: (skill: string) => `"${skill}" is listed twice`,
  emptyOverflowTo: () => 'must list at least one agent group (got an empty list)',
  unknownAgentGroup: (id: unknown, groups: readonly string[]) =>
    typeof id === 'string'
      ? `"${id}" is not an agent group of this scenario${didYouMean(id, groups)} (agent groups: ${list(groups)})`
      : `must be the id of an agent group${got(id)}`,
  levelForMissingSkill: (skill: string) => `"${skill}" is not one of this agent group's skills; give levels only to skills it lists`,
  groupWithoutAgents: (group: string) =>
    `no agent group with count ≥ 1 has skill "${group}", so its chats would wait forever; add it to an agent group's skills`,
  noAgents: (total: number) => `no agents: every agent group has count 0 (got ${total} agents in total)`,

  // --- staffing targets (chatsim staff --target, and the API's staff())
  staffTargetFewer: (text: string) =>
    `"${text}" is met by fewer agents, not more, but staff searches for the fewest agents meeting every target; ` +
    'check such a limit on a roster with chatsim check, or state it the other way round (e.g. "occupancy <= 90%")',
  staffIntervalTooShort: (sec: number, minSec: number) =>
    `the staffing interval must be at least ${durationText(minSec)} (each interval is searched apart; got ${durationText(sec)}); give --interval 15m, 30m or 1h`,

  // --- sla
  slaList: (value: unknown) => `must be a list of targets such as "serviceLevel >= 80%"${got(value)}`,
  slaEntry: (value: unknown) => `must be a target such as "serviceLevel >= 80%" or { target: "frtP90 <= 30s", per: interval }${got(value)}`,
  slaPer: (value: unknown) => `per must be "interval" (leave it out for the whole run)${got(value)}`,
  slaTarget: (error: string) => error,
  slaScope: () => 'give either per: interval or group, not both',
} as const;

// A normalised Scenario as JSON (the header of a trace): written with ±Infinity as strings (a
// visitor who never leaves has patience `{ kind: "fixed", value: "Infinity" }`), and read back with
// every field checked against the shape and the cross references of core/scenario.ts (skills name
// groups, overflow rings name agent groups, policies exist). The first problem is thrown with its
// path (`groups[1].patience.mean`). Imports only the kernel.

import type { DistributionSpec } from './distributions.js';
import type { AgentGroup, PriorityClass, RateWindow, Scenario, Shift, SkillGroup, TimeWindow } from './scenario.js';
import type { SlaTarget } from './metrics/targets.js';
import { decodeNumber, encodeNumber } from './records-codec.js';
import { isObject } from './json-lines.js';
import { getPolicy, POLICY_NAMES } from './routing/policies.js';
import { DAY_SEC } from './units.js';
import { metricsContext, validateMetricsContext } from './metrics/context.js';

/** Why a trace or the live backend cannot take staffing that follows the day's volume. */
export const FOLLOWS_VOLUME_UNSUPPORTED = 'staffing that follows the day\'s volume (followsVolume) is simulator-only: a trace does not hold the agents each day drew, so chatsim trace, serve and replay refuse it; leave it out (or set the counts by hand) for a live run';

/** The first agent group of `scenario` whose staffing follows the day's volume, if any. */
export function followsVolumeGroup(scenario: Scenario): string | undefined {
  return scenario.agents.find((a) => a.followsVolume !== undefined)?.id;
}

/** A problem in a scenario read from JSON: `path` is where (`agents[0].count`), `message` what. */
export class ScenarioJsonProblem {
  constructor(readonly path: string, readonly message: string) {}
}

/**
 * A JSON-safe copy of `value`: every non-finite number as {@link encodeNumber} writes it
 * (`"Infinity"`, `"-Infinity"`, `null`), everything else as it is.
 * @example JSON.stringify(encodeDeep(scenario))
 */
export function encodeDeep(value: unknown): unknown {
  if (typeof value === 'number') return encodeNumber(value);
  if (Array.isArray(value)) return value.map(encodeDeep);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeDeep(v);
    return out;
  }
  return value;
}

const fail = (path: string, message: string): never => { throw new ScenarioJsonProblem(path, message); };
const got = (v: unknown) => `(got ${JSON.stringify(v)})`;

function obj(v: unknown, path: string): Record<string, unknown> {
  if (!isObject(v)) fail(path, `must be an object ${got(v)}`);
  return v as Record<string, unknown>;
}

function list(v: unknown, path: string, min = 0): unknown[] {
  if (!Array.isArray(v) || v.length < min) fail(path, `must be a list${min > 0 ? ` of at least ${min}` : ''} ${got(v)}`);
  return v as unknown[];
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v === '') fail(path, `must be a non-empty string ${got(v)}`);
  return v as string;
}

interface NumRule { min?: number; max?: number; above?: number; below?: number; int?: boolean; infinite?: boolean }

/** A number (or "Infinity" when `infinite`) within the rule's bounds. */
function num(v: unknown, path: string, r: NumRule = {}): number {
  const x = typeof v === 'number' ? v : r.infinite ? decodeNumber(v) : undefined;
  const bounds = [
    r.int ? 'an integer' : 'a number',
    r.min !== undefined ? `≥ ${r.min}` : '', r.above !== undefined ? `> ${r.above}` : '',
    r.max !== undefined ? `≤ ${r.max}` : '', r.below !== undefined ? `< ${r.below}` : '',
    r.infinite ? 'or "Infinity"' : '',
  ].filter((s) => s !== '').join(' ');
  const ok = x !== undefined && x === x && (Number.isFinite(x) || (r.infinite === true && x === Infinity))
    && !(r.int && !Number.isInteger(x)) && !(r.min !== undefined && x < r.min) && !(r.max !== undefined && x > r.max)
    && !(r.above !== undefined && !(x > r.above)) && !(r.below !== undefined && !(x < r.below));
  if (!ok) fail(path, `must be ${bounds} ${got(v)}`);
  return x as number;
}

function optional<T>(o: Record<string, unknown>, key: string, read: (v: unknown, path: string) => T, path: string): T | undefined {
  return o[key] === undefined ? undefined : read(o[key], `${path}.${key}`);
}

const share = (v: unknown, path: string) => num(v, path, { min: 0, max: 1 });
const seconds = (v: unknown, path: string) => num(v, path, { min: 0 });

/** A distribution spec (durations ≥ 0; `infinite` lets a fixed value be "Infinity": patience). */
function distribution(v: unknown, path: string, infinite = false): DistributionSpec {
  const o = obj(v, path);
  const p = (k: string) => `${path}.${k}`;
  switch (o.kind) {
    case 'exponential': return { kind: 'exponential', mean: num(o.mean, p('mean'), { above: 0 }) };
    case 'lognormal': return { kind: 'lognormal', mu: num(o.mu, p('mu')), sigma: num(o.sigma, p('sigma'), { min: 0 }) };
    case 'gamma': return { kind: 'gamma', mean: num(o.mean, p('mean'), { above: 0 }), cv: num(o.cv, p('cv'), { above: 0 }) };
    case 'uniform': {
      const min = seconds(o.min, p('min'));
      return { kind: 'uniform', min, max: num(o.max, p('max'), { min }) };
    }
    case 'fixed': return { kind: 'fixed', value: num(o.value, p('value'), { min: 0, infinite }) };
    case 'empirical': return { kind: 'empirical', values: list(o.values, p('values'), 1).map((x, i) => seconds(x, `${p('values')}[${i}]`)) };
    case 'quantiles': {
      let last = -Infinity;
      const points = list(o.points, p('points'), 2).map((x, i): [number, number] => {
        const pair = list(x, `${p('points')}[${i}]`, 2);
        const q = num(pair[0], `${p('points')}[${i}][0]`, { min: 0, max: 1, above: last });
        last = q;
        return [q, seconds(pair[1], `${p('points')}[${i}][1]`)];
      });
      return { kind: 'quantiles', points };
    }
    default: return fail(p('kind'), `must be one of exponential, lognormal, gamma, uniform, fixed, empirical, quantiles ${got(o.kind)}`);
  }
}

function policy(v: unknown, path: string): string {
  const name = str(v, path);
  if (!getPolicy(name)) fail(path, `must be a routing policy (${POLICY_NAMES.join(', ')}) ${got(v)}`);
  return name;
}

function group(v: unknown, path: string, classes: number): SkillGroup {
  const o = obj(v, path);
  const p = (k: string) => `${path}.${k}`;
  const arrivals = obj(o.arrivals, p('arrivals'));
  const service = obj(o.service, p('service'));
  const g: SkillGroup = {
    id: str(o.id, p('id')),
    arrivals: {
      windows: list(arrivals.windows, p('arrivals.windows')).map((w, i) => {
        const q = obj(w, `${p('arrivals.windows')}[${i}]`);
        const at = (k: string) => `${p('arrivals.windows')}[${i}].${k}`;
        const fromSec = num(q.fromSec, at('fromSec'), { min: 0, max: DAY_SEC });
        const out: RateWindow = { fromSec, toSec: num(q.toSec, at('toSec'), { min: fromSec, max: DAY_SEC }), ratePerSec: num(q.ratePerSec, at('ratePerSec'), { min: 0 }) };
        const runDays = optional(q, 'runDays', list, `${p('arrivals.windows')}[${i}]`);
        if (runDays) out.runDays = runDays.map((d, j) => num(d, `${at('runDays')}[${j}]`, { int: true, min: 0, max: 6 }));
        return out;
      }),
      promos: list(arrivals.promos, p('arrivals.promos')).map((w, i) => {
        const q = obj(w, `${p('arrivals.promos')}[${i}]`);
        const at = (k: string) => `${p('arrivals.promos')}[${i}].${k}`;
        const startAt = seconds(q.startAt, at('startAt'));
        return { name: str(q.name, at('name')), startAt, endAt: num(q.endAt, at('endAt'), { min: startAt }), factor: num(q.factor, at('factor'), { min: 0 }) };
      }),
      dailyCv: num(arrivals.dailyCv, p('arrivals.dailyCv'), { min: 0 }),
    },
    patience: distribution(o.patience, p('patience'), true),
    rounds: distribution(o.rounds, p('rounds')),
    thinkTime: distribution(o.thinkTime, p('thinkTime')),
    service: {
      firstReply: distribution(service.firstReply, p('service.firstReply')),
      nextReply: distribution(service.nextReply, p('service.nextReply')),
      wrapUp: distribution(service.wrapUp, p('service.wrapUp')),
    },
  };
  const leave = optional(o, 'leaveMessage', obj, path);
  if (leave) g.leaveMessage = { afterSec: seconds(leave.afterSec, p('leaveMessage.afterSec')), share: share(leave.share, p('leaveMessage.share')) };
  const silent = optional(o, 'silentCloseSec', seconds, path);
  if (silent !== undefined) g.silentCloseSec = silent;
  const ret = optional(o, 'returning', obj, path);
  if (ret) {
    g.returning = {
      share: num(ret.share, p('returning.share'), { min: 0, below: 1 }),
      after: distribution(ret.after, p('returning.after')),
      waitSec: seconds(ret.waitSec, p('returning.waitSec')),
      fallback: policy(ret.fallback, p('returning.fallback')),
    };
  }
  const retry = optional(o, 'retry', obj, path);
  if (retry) {
    g.retry = {
      share: share(retry.share, p('retry.share')),
      after: distribution(retry.after, p('retry.after')),
      max: num(retry.max, p('retry.max'), { min: 1, int: true }),
    };
  }
  const d = optional(o, 'deflection', obj, path);
  if (d) g.deflection = { share: share(d.share, p('deflection.share')), followUp: share(d.followUp, p('deflection.followUp')), followUpAfterSec: seconds(d.followUpAfterSec, p('deflection.followUpAfterSec')) };
  const noReply = optional(o, 'noReplyNeeded', share, path);
  if (noReply !== undefined) g.noReplyNeeded = noReply;
  const shares = optional(o, 'classShares', (v, at) => list(v, at).map((x, i) => share(x, `${at}[${i}]`)), path);
  if (shares !== undefined) {
    if (shares.length !== classes) fail(p('classShares'), `must have one share per priority class (${classes}) ${got(o.classShares)}`);
    g.classShares = shares;
  }
  const classPatience = (v: unknown, at: string) => {
    const out = list(v, at).map((x, i) => distribution(x, `${at}[${i}]`, true));
    if (out.length !== classes) fail(at, `must have one patience per priority class (${classes}) ${got(v)}`);
    return out;
  };
  const cp = optional(o, 'classPatience', classPatience, path);
  if (cp !== undefined) g.classPatience = cp;
  const during = optional(o, 'during', list, path);
  if (during) {
    let last = 0;
    g.during = during.map((w, i) => {
      const q = obj(w, `${p('during')}[${i}]`);
      const at = (k: string) => `${p('during')}[${i}].${k}`;
      const fromSec = num(q.fromSec, at('fromSec'), { min: last, max: DAY_SEC });
      const toSec = num(q.toSec, at('toSec'), { above: fromSec, max: DAY_SEC });
      last = toSec;
      const svc = obj(q.service, at('service'));
      const out: TimeWindow = {
        fromSec,
        toSec,
        patience: distribution(q.patience, at('patience'), true),
        thinkTime: distribution(q.thinkTime, at('thinkTime')),
        service: {
          firstReply: distribution(svc.firstReply, at('service.firstReply')),
          nextReply: distribution(svc.nextReply, at('service.nextReply')),
          wrapUp: distribution(svc.wrapUp, at('service.wrapUp')),
        },
      };
      const wcp = optional(q, 'classPatience', classPatience, `${p('during')}[${i}]`);
      if (wcp !== undefined) out.classPatience = wcp;
      return out;
    });
  }
  const overflow = optional(o, 'overflow', list, path);
  if (overflow) {
    g.overflow = overflow.map((r, i) => {
      const q = obj(r, `${p('overflow')}[${i}]`);
      return { afterSec: seconds(q.afterSec, `${p('overflow')}[${i}].afterSec`), agentGroups: list(q.agentGroups, `${p('overflow')}[${i}].agentGroups`, 1).map((x, j) => str(x, `${p('overflow')}[${i}].agentGroups[${j}]`)) };
    });
  }
  return g;
}

function shift(v: unknown, path: string): Shift {
  const o = obj(v, path);
  const startSec = num(o.startSec, `${path}.startSec`, { min: 0, max: DAY_SEC });
  const s: Shift = { startSec, endSec: num(o.endSec, `${path}.endSec`, { above: startSec, max: DAY_SEC }) };
  const days = optional(o, 'days', list, path);
  if (days) s.days = days.map((d, i) => num(d, `${path}.days[${i}]`, { int: true, min: 0, max: 6 }));
  const breaks = optional(o, 'breaks', list, path);
  if (breaks) {
    s.breaks = breaks.map((b, i) => {
      const q = obj(b, `${path}.breaks[${i}]`);
      const start = num(q.startSec, `${path}.breaks[${i}].startSec`, { min: 0, max: DAY_SEC });
      return { startSec: start, endSec: num(q.endSec, `${path}.breaks[${i}].endSec`, { above: start, max: DAY_SEC }) };
    });
  }
  return s;
}

function agentGroup(v: unknown, path: string, groupIds: readonly string[]): AgentGroup {
  const o = obj(v, path);
  const p = (k: string) => `${path}.${k}`;
  const a: AgentGroup = {
    id: str(o.id, p('id')),
    count: num(o.count, p('count'), { int: true, min: 1 }),
    skills: list(o.skills, p('skills'), 1).map((s, i) => {
      const id = str(s, `${p('skills')}[${i}]`);
      if (!groupIds.includes(id)) fail(`${p('skills')}[${i}]`, `must be a skill group id (${groupIds.join(', ')}) ${got(s)}`);
      return id;
    }),
    maxConcurrent: num(o.maxConcurrent, p('maxConcurrent'), { int: true, min: 0 }),
    speed: num(o.speed, p('speed'), { above: 0 }),
    rank: num(o.rank, p('rank')),
    slowdown: num(o.slowdown, p('slowdown'), { min: 0 }),
    shifts: list(o.shifts, p('shifts')).map((s, i) => shift(s, `${p('shifts')}[${i}]`)),
  };
  const early = optional(o, 'onlineEarlySec', seconds, path);
  if (early !== undefined) a.onlineEarlySec = early;
  const late = optional(o, 'onlineLateSec', seconds, path);
  if (late !== undefined) a.onlineLateSec = late;
  const levels = optional(o, 'skillLevels', obj, path);
  if (levels) {
    a.skillLevels = {};
    for (const [k, x] of Object.entries(levels)) {
      if (!a.skills.includes(k)) fail(`${p('skillLevels')}.${k}`, `must be one of the agent group's skills (${a.skills.join(', ')})`);
      a.skillLevels[k] = num(x, `${p('skillLevels')}.${k}`, { int: true, min: 1, max: 10 });
    }
  }
  const reply = optional(o, 'replyProbability', share, path);
  if (reply !== undefined) a.replyProbability = reply;
  // the agents of each day would be the replication's draw, which a trace does not hold
  if (o.followsVolume !== undefined) fail(p('followsVolume'), FOLLOWS_VOLUME_UNSUPPORTED);
  return a;
}

const OPS = ['>=', '<=', '>', '<'] as const;
const SCOPES = ['overall', 'interval', 'group'] as const;

function sla(v: unknown, path: string, groupIds: readonly string[]): SlaTarget {
  const o = obj(v, path);
  const t: SlaTarget = {
    metric: str(o.metric, `${path}.metric`),
    op: OPS.includes(o.op as never) ? (o.op as SlaTarget['op']) : fail(`${path}.op`, `must be one of ${OPS.join(', ')} ${got(o.op)}`),
    value: num(o.value, `${path}.value`),
    text: str(o.text, `${path}.text`),
    scope: SCOPES.includes(o.scope as never) ? (o.scope as SlaTarget['scope']) : fail(`${path}.scope`, `must be one of ${SCOPES.join(', ')} ${got(o.scope)}`),
  };
  if (t.scope === 'group') {
    const g = str(o.group, `${path}.group`);
    if (!groupIds.includes(g)) fail(`${path}.group`, `must be a skill group id (${groupIds.join(', ')}) ${got(o.group)}`);
    t.group = g;
  }
  return t;
}

/**
 * The scenario a JSON value holds (see the header of this file); throws a
 * {@link ScenarioJsonProblem} at the first field that is missing, mistyped or out of range.
 * @example const scenario = decodeScenarioJson(JSON.parse(line).scenario);
 */
export function decodeScenarioJson(v: unknown): Scenario {
  const o = obj(v, 'scenario');
  const days = num(o.days, 'days', { int: true, min: 1 });
  const horizonSec = num(o.horizonSec, 'horizonSec');
  if (horizonSec !== days * DAY_SEC) fail('horizonSec', `must be days × ${DAY_SEC} (${days * DAY_SEC}) ${got(o.horizonSec)}`);
  const classes: PriorityClass[] | undefined = optional(o, 'classes', list, 'scenario')?.map((c, i) => {
    const q = obj(c, `classes[${i}]`);
    return { id: str(q.id, `classes[${i}].id`), share: share(q.share, `classes[${i}].share`), priority: num(q.priority, `classes[${i}].priority`), slTimeSec: seconds(q.slTimeSec, `classes[${i}].slTimeSec`) };
  });
  const groups = list(o.groups, 'groups', 1).map((g, i) => group(g, `groups[${i}]`, classes?.length ?? 0));
  const groupIds = groups.map((g) => g.id);
  const agents = list(o.agents, 'agents', 1).map((a, i) => agentGroup(a, `agents[${i}]`, groupIds));
  const agentIds = agents.map((a) => a.id);
  for (const [i, ids] of [['groups', groupIds], ['agents', agentIds]] as const) {
    const dup = ids.find((id, k) => ids.indexOf(id) !== k);
    if (dup !== undefined) fail(i, `ids must be unique (${JSON.stringify(dup)} twice)`);
  }
  groups.forEach((g, i) => g.overflow?.forEach((r, k) => r.agentGroups.forEach((id, j) => {
    if (!agentIds.includes(id)) fail(`groups[${i}].overflow[${k}].agentGroups[${j}]`, `must be an agent group id (${agentIds.join(', ')}) ${got(id)}`);
  })));
  const s: Scenario = {
    name: str(o.name, 'name'),
    description: typeof o.description === 'string' ? o.description : fail('description', `must be a string ${got(o.description)}`),
    days,
    horizonSec,
    seed: typeof o.seed === 'string' ? o.seed : fail('seed', `must be a string ${got(o.seed)}`),
    replications: num(o.replications, 'replications', { int: true, min: 1 }),
    warmupSec: num(o.warmupSec, 'warmupSec', { min: 0, below: horizonSec }),
    slTimeSec: seconds(o.slTimeSec, 'slTimeSec'),
    intervalSec: num(o.intervalSec, 'intervalSec', { above: 0 }),
    queuePlacementThresholdSec: seconds(o.queuePlacementThresholdSec, 'queuePlacementThresholdSec'),
    drainSec: seconds(o.drainSec, 'drainSec'),
    policy: policy(o.policy, 'policy'),
    groups,
    agents,
    sla: list(o.sla, 'sla').map((t, i) => sla(t, `sla[${i}]`, groupIds)),
  };
  const weekday = optional(o, 'startWeekday', (x, at) => num(x, at, { int: true, min: 0, max: 6 }), 'scenario');
  if (weekday !== undefined) s.startWeekday = weekday;
  if (classes !== undefined) {
    s.classes = classes;
    s.agingPerSec = num(o.agingPerSec, 'agingPerSec', { above: 0 });
  }
  const vacation = optional(o, 'vacation', list, 'scenario');
  if (vacation) {
    s.vacation = vacation.map((w, i) => {
      const pair = list(w, `vacation[${i}]`, 2);
      const start = seconds(pair[0], `vacation[${i}][0]`);
      return [start, num(pair[1], `vacation[${i}][1]`, { min: start })];
    });
  }
  const t = optional(o, 'autoTransfer', obj, 'scenario');
  if (t) {
    s.autoTransfer = { afterSec: seconds(t.afterSec, 'autoTransfer.afterSec'), maxTransfers: num(t.maxTransfers, 'autoTransfer.maxTransfers', { int: true, min: 0 }) };
    const away = optional(t, 'away', obj, 'autoTransfer');
    if (away) s.autoTransfer.away = { misses: num(away.misses, 'autoTransfer.away.misses', { int: true, min: 1 }), forSec: seconds(away.forSec, 'autoTransfer.away.forSec') };
  }
  const problems = validateMetricsContext(metricsContext(s));
  if (problems.length > 0) fail('scenario', problems.join('; '));
  return s;
}

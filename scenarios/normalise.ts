// Validated raw scenario → normalised Scenario: defaults applied, every time in seconds, rates per
// second, lognormals in log space, groups and agents as lists in file order. Pure; never mutates its
// input. Must not import yaml, zod, node:* or sim/ beyond routing names.

import { BOUNDS, DAY_SEC, DEFAULTS, FOLLOWS_VOLUME_MAX_FACTOR, WEEKDAYS, type RawAgentGroup, type RawRounds, type RawScenario, type RawService, type RawSkillGroup, type RawTimeDistribution } from './schema.js';
import type { AgentGroup, AutoTransfer, DistributionSpec, PriorityClass, PromoWindow, Scenario, ServiceSpec, Shift, SkillGroup, SlaTarget, TimeWindow } from '../core/scenario.js';
import { parseTarget } from '../core/metrics/targets.js';
import { parseClock, parseDuration, parseRate } from '../core/units.js';

/**
 * Normalises a scenario that `validateScenario` accepted. Throws only on input it would have
 * refused (a programming error, not a user one).
 * @example normaliseScenario(raw).groups[0].arrivals.windows[0].ratePerSec // 300/h → 0.0833…
 */
export function normaliseScenario(raw: RawScenario): Scenario {
  const days = raw.days ?? DEFAULTS.days;
  return {
    name: raw.name,
    description: raw.description ?? DEFAULTS.description,
    days,
    horizonSec: days * DAY_SEC,
    ...(raw.startDay !== undefined ? { startWeekday: WEEKDAYS.indexOf(raw.startDay) } : {}),
    seed: String(raw.seed ?? DEFAULTS.seed),
    replications: raw.replications ?? DEFAULTS.replications,
    warmupSec: seconds(raw.warmup ?? DEFAULTS.warmup),
    slTimeSec: seconds(raw.slTime ?? DEFAULTS.slTime),
    intervalSec: seconds(raw.interval ?? DEFAULTS.interval),
    queuePlacementThresholdSec: seconds(raw.queuePlacementThreshold ?? DEFAULTS.queuePlacementThreshold),
    drainSec: seconds(raw.drain ?? DEFAULTS.drain),
    policy: raw.policy ?? DEFAULTS.policy,
    groups: Object.entries(raw.groups).map(([id, g]) => normaliseGroup(id, g, raw.service, raw.classes, raw.silentClose, raw.startDay !== undefined ? WEEKDAYS.indexOf(raw.startDay) : 0)),
    agents: Object.entries(raw.agents).map(([id, a]) => normaliseAgents(id, a)),
    sla: (raw.sla ?? []).map(normaliseSla),
    ...(raw.vacation !== undefined
      ? { vacation: raw.vacation.map((w): [number, number] => [w.day * DAY_SEC + clock(w.from ?? '00:00'), w.day * DAY_SEC + clock(w.to ?? '24:00')]).sort((a, b) => a[0] - b[0]) }
      : {}),
    ...(raw.autoTransfer !== undefined ? { autoTransfer: normaliseAutoTransfer(raw.autoTransfer) } : {}),
    ...(raw.classes !== undefined
      ? {
          classes: Object.entries(raw.classes).map(([id, c]): PriorityClass => ({
            id,
            share: c.share,
            priority: c.priority ?? DEFAULTS.priority,
            slTimeSec: seconds(c.slTime ?? raw.slTime ?? DEFAULTS.slTime),
          })),
          agingPerSec: rate(raw.aging ?? DEFAULTS.aging),
        }
      : {}),
  };
}

function normaliseAutoTransfer(t: NonNullable<RawScenario['autoTransfer']>): AutoTransfer {
  const out: AutoTransfer = { afterSec: seconds(t.after), maxTransfers: t.maxTransfers ?? DEFAULTS.maxTransfers };
  if (t.away !== undefined) out.away = { misses: t.away.misses, forSec: seconds(t.away.for) };
  return out;
}

function normaliseSla(entry: NonNullable<RawScenario['sla']>[number]): SlaTarget {
  const text = typeof entry === 'string' ? entry : entry.target;
  const parsed = parseTarget(text);
  if (!parsed.ok) throw new Error(`normaliseScenario: ${parsed.error}; validate first`);
  const { metric, op, value } = parsed.target;
  if (typeof entry !== 'string' && entry.group !== undefined) return { metric, op, value, text: parsed.target.text, scope: 'group', group: entry.group };
  const scope = typeof entry !== 'string' && entry.per === 'interval' ? 'interval' : 'overall';
  return { metric, op, value, text: parsed.target.text, scope };
}

function normaliseGroup(id: string, g: RawSkillGroup, topService: RawService | undefined, classes: RawScenario['classes'], topSilentClose?: RawScenario['silentClose'], startWeekday = 0): SkillGroup {
  const windows = g.arrivals.rates
    .map((w) => ({
      fromSec: clock(w.from),
      toSec: clock(w.to),
      ratePerSec: rate(w.rate),
      ...(w.days !== undefined ? { runDays: [...new Set(w.days.map((d) => (WEEKDAYS.indexOf(d) - startWeekday + 7) % 7))].sort((x, y) => x - y) } : {}),
    }))
    .sort((a, b) => a.fromSec - b.fromSec);
  const promos = (g.arrivals.promos ?? [])
    .map((p, i): PromoWindow => {
      const dayStart = (p.day ?? DEFAULTS.promoDay) * DAY_SEC;
      return { name: p.name ?? `promo-${i + 1}`, startAt: dayStart + clock(p.from), endAt: dayStart + clock(p.to), factor: p.factor };
    })
    .sort((a, b) => a.startAt - b.startAt);
  const patience = normalisePatience(g.patience ?? DEFAULTS.patience);
  const thinkTime = normaliseTime(g.thinkTime ?? DEFAULTS.thinkTime);
  const service = resolveService(g.service, topService);
  const classIds = classes === undefined ? [] : Object.keys(classes);
  const classPatience = g.classPatience !== undefined && classIds.length > 0
    ? classIds.map((c) => (g.classPatience![c] !== undefined ? normalisePatience(g.classPatience![c]) : patience))
    : undefined;
  const during = (g.during ?? [])
    .map((w): TimeWindow => {
      const wPatience = w.patience !== undefined ? normalisePatience(w.patience) : undefined;
      const wClass = (w.classPatience !== undefined || classPatience !== undefined) && classIds.length > 0
        ? classIds.map((c, k) => (w.classPatience?.[c] !== undefined ? normalisePatience(w.classPatience[c]) : wPatience ?? classPatience?.[k] ?? patience))
        : undefined;
      return {
        fromSec: clock(w.from),
        toSec: clock(w.to),
        patience: wPatience ?? patience,
        ...(wClass !== undefined ? { classPatience: wClass } : {}),
        thinkTime: w.thinkTime !== undefined ? normaliseTime(w.thinkTime) : thinkTime,
        service: resolveService(w.service, { ...topService, ...g.service }),
      };
    })
    .sort((a, b) => a.fromSec - b.fromSec);
  return {
    id,
    arrivals: { windows, promos, dailyCv: g.arrivals.dailyCv ?? DEFAULTS.dailyCv },
    patience,
    ...(classPatience !== undefined ? { classPatience } : {}),
    ...(during.length > 0 ? { during } : {}),
    rounds: normaliseRounds(g.rounds ?? DEFAULTS.rounds),
    thinkTime,
    service,
    ...(g.leaveMessage !== undefined ? { leaveMessage: { afterSec: seconds(g.leaveMessage.after), share: g.leaveMessage.share ?? 1 } } : {}),
    ...(g.noReplyNeeded !== undefined ? { noReplyNeeded: g.noReplyNeeded } : {}),
    ...((g.silentClose ?? topSilentClose) !== undefined ? { silentCloseSec: seconds(g.silentClose ?? topSilentClose) } : {}),
    ...(g.returning !== undefined
      ? { returning: { share: g.returning.share, after: normaliseTime(g.returning.after), waitSec: seconds(g.returning.wait ?? DEFAULTS.stickyWait), fallback: g.returning.fallback ?? DEFAULTS.policy } }
      : {}),
    ...(g.retry !== undefined ? { retry: { share: g.retry.share, after: normaliseTime(g.retry.after), max: g.retry.max ?? DEFAULTS.retryMax } } : {}),
    ...(g.deflection !== undefined
      ? { deflection: { share: g.deflection.share, followUp: g.deflection.followUp ?? 0, followUpAfterSec: seconds(g.deflection.followUpAfter ?? DEFAULTS.followUpAfter) } }
      : {}),
    ...(classes !== undefined ? { classShares: Object.entries(classes).map(([cid, c]) => g.classShares?.[cid] ?? (g.classShares !== undefined ? 0 : c.share)) } : {}),
    ...(g.overflow !== undefined && g.overflow.length > 0
      ? { overflow: g.overflow.map((r) => ({ afterSec: seconds(r.after), agentGroups: [...new Set(r.to)] })).sort((x, y) => x.afterSec - y.afterSec) }
      : {}),
  };
}

/** Field by field: the group's value, else the top level's, else fixed 0. */
function resolveService(group: RawService | undefined, top: RawService | undefined): ServiceSpec {
  const pick = (key: keyof RawService) => normaliseTime(group?.[key] ?? top?.[key] ?? DEFAULTS.serviceTime);
  return { firstReply: pick('firstReply'), nextReply: pick('nextReply'), wrapUp: pick('wrapUp') };
}

function normaliseAgents(id: string, a: RawAgentGroup): AgentGroup {
  return {
    id,
    count: a.count,
    skills: [...a.skills],
    maxConcurrent: a.maxConcurrent,
    speed: a.speed ?? DEFAULTS.speed,
    rank: a.rank ?? DEFAULTS.rank,
    slowdown: a.slowdown ?? DEFAULTS.slowdown,
    shifts: (a.shifts ?? []).map(normaliseShift).sort((x, y) => x.startSec - y.startSec),
    ...(a.onlineEarly !== undefined ? { onlineEarlySec: seconds(a.onlineEarly) } : {}),
    ...(a.onlineLate !== undefined ? { onlineLateSec: seconds(a.onlineLate) } : {}),
    ...(a.replyProbability !== undefined ? { replyProbability: a.replyProbability } : {}),
    ...(a.skillLevels !== undefined ? { skillLevels: { ...a.skillLevels } } : {}),
    ...(a.followsVolume !== undefined
      ? {
          followsVolume: {
            groups: [...new Set(typeof a.followsVolume.of === 'string' ? [a.followsVolume.of] : a.followsVolume.of)],
            elasticity: a.followsVolume.elasticity,
            max: a.followsVolume.max ?? Math.min(BOUNDS.maxAgentsPerGroup, Math.max(1, Math.ceil(a.count * FOLLOWS_VOLUME_MAX_FACTOR))),
          },
        }
      : {}),
  };
}

/** Clock times to seconds; `days` as weekday indices, `breaks` sorted; both only when written. */
function normaliseShift(s: NonNullable<RawAgentGroup['shifts']>[number]): Shift {
  const out: Shift = { startSec: clock(s.start), endSec: clock(s.end) };
  if (s.days !== undefined) out.days = [...new Set(s.days.map((d) => WEEKDAYS.indexOf(d)))].sort((x, y) => x - y);
  if (s.breaks !== undefined) out.breaks = s.breaks.map((b) => ({ startSec: clock(b.start), endSec: clock(b.end) })).sort((x, y) => x.startSec - y.startSec);
  return out;
}

/** `none` never leaves: a fixed infinite patience. */
function normalisePatience(p: RawTimeDistribution | 'none' | string | number | object): DistributionSpec {
  if (typeof p === 'string' && p.trim() === 'none') return { kind: 'fixed', value: Infinity };
  return normaliseTime(p as RawTimeDistribution);
}

function normaliseTime(d: RawTimeDistribution | number | string): DistributionSpec {
  return normaliseDistribution(d, seconds);
}

function normaliseRounds(d: RawRounds): DistributionSpec {
  return normaliseDistribution(d, (v) => {
    if (typeof v !== 'number') throw new Error(`normaliseScenario: rounds value ${String(v)} is not a number`);
    return v;
  });
}

/** A scalar is fixed; mappings by their `dist`, values converted by `value`. */
function normaliseDistribution(d: unknown, value: (v: unknown) => number): DistributionSpec {
  if (typeof d === 'number' || typeof d === 'string') return { kind: 'fixed', value: value(d) };
  const o = d as Record<string, unknown>;
  switch (o.dist) {
    case 'exponential':
      return { kind: 'exponential', mean: value(o.mean) };
    case 'lognormal': {
      if (o.median !== undefined) return { kind: 'lognormal', mu: Math.log(value(o.median)), sigma: o.sigma as number };
      const mean = value(o.mean);
      const cv = o.cv as number;
      const variance = Math.log(1 + cv * cv);
      return { kind: 'lognormal', mu: Math.log(mean) - variance / 2, sigma: Math.sqrt(variance) };
    }
    case 'gamma':
      return { kind: 'gamma', mean: value(o.mean), cv: o.cv as number };
    case 'uniform':
      return { kind: 'uniform', min: value(o.min), max: value(o.max) };
    case 'fixed':
      return { kind: 'fixed', value: value(o.value) };
    case 'empirical':
      if (Array.isArray(o.quantiles)) return { kind: 'quantiles', points: o.quantiles.map(([p, v]: [number, unknown]) => [p, value(v)] as [number, number]) };
      return { kind: 'empirical', values: (o.values as unknown[]).map(value) };
    default:
      throw new Error(`normaliseScenario: unknown distribution ${String(o.dist)}`);
  }
}

function seconds(v: unknown): number {
  const s = typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : undefined;
  if (s === undefined) throw new Error(`normaliseScenario: ${JSON.stringify(v)} is not a duration; validate first`);
  return s;
}

function clock(v: string): number {
  const s = parseClock(v);
  if (s === undefined) throw new Error(`normaliseScenario: ${JSON.stringify(v)} is not a time of day; validate first`);
  return s;
}

function rate(v: string | number): number {
  const r = parseRate(v);
  if (r === undefined) throw new Error(`normaliseScenario: ${JSON.stringify(v)} is not a rate; validate first`);
  return r;
}

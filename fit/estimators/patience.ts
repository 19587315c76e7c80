// Patience from censored waits: a visitor who abandoned after t seconds had patience t (an event);
// one who was answered after t seconds had patience of at least t (censored). The exponential
// maximum-likelihood mean and the Kaplan–Meier survival curve, and the curve written as quantile
// points with an exponential tail. Pure functions; imports nothing.

/** One wait: `sec` waited, `abandoned` = the visitor left then (else answered: censored). */
export interface WaitObservation {
  sec: number;
  abandoned: boolean;
}

/** z of a two-sided 95 % interval. */
const Z95 = 1.959964;

/** The exponential MLE of mean patience with its 95 % interval (seconds). */
export interface ExponentialPatience {
  /** Σ waits (all, censored too) / abandonments; Infinity when nobody abandoned. */
  meanSec: number;
  /** 95 % interval from the log-normal approximation of the MLE: mean · exp(∓1.96 / √d). */
  lowSec: number;
  highSec: number;
  /** Observations and abandonments (events) behind it. */
  n: number;
  abandoned: number;
}

/**
 * Exponential patience by maximum likelihood under right censoring: the log-likelihood
 * `d·log λ − λ·Σt` peaks at `λ = d / Σt`, so the mean is total waiting time over abandonments.
 * @example exponentialPatienceMle([{ sec: 10, abandoned: true }, { sec: 30, abandoned: false }]).meanSec // 40
 */
export function exponentialPatienceMle(obs: readonly WaitObservation[]): ExponentialPatience {
  let total = 0;
  let d = 0;
  for (const o of obs) {
    total += o.sec;
    if (o.abandoned) d++;
  }
  if (d === 0) return { meanSec: Infinity, lowSec: Infinity, highSec: Infinity, n: obs.length, abandoned: 0 };
  const mean = total / d;
  const f = Math.exp(Z95 / Math.sqrt(d));
  return { meanSec: mean, lowSec: mean / f, highSec: mean * f, n: obs.length, abandoned: d };
}

/** One step of a Kaplan–Meier curve: at `sec`, `events` left out of `atRisk`; S just after. */
export interface KmStep {
  sec: number;
  atRisk: number;
  events: number;
  survival: number;
}

/**
 * The Kaplan–Meier estimate of the patience survival function S(t) = P(patience > t): at each
 * distinct abandonment time, S is multiplied by `1 − events / atRisk`. A visitor answered at the
 * same instant as an abandonment is still at risk then (censoring after events, the usual
 * convention). Returns one step per distinct abandonment time, ascending.
 * @example kaplanMeier([{ sec: 1, abandoned: true }, { sec: 2, abandoned: false }, { sec: 3, abandoned: true }])
 * // [{ sec: 1, atRisk: 3, events: 1, survival: 2/3 }, { sec: 3, atRisk: 1, events: 1, survival: 0 }]
 */
export function kaplanMeier(obs: readonly WaitObservation[]): KmStep[] {
  const sorted = obs.slice().sort((a, b) => a.sec - b.sec || Number(b.abandoned) - Number(a.abandoned));
  const steps: KmStep[] = [];
  let atRisk = sorted.length;
  let s = 1;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i].sec;
    let events = 0;
    let leaving = 0;
    while (i < sorted.length && sorted[i].sec === t) {
      if (sorted[i].abandoned) events++;
      leaving++;
      i++;
    }
    if (events > 0) {
      s *= 1 - events / atRisk;
      steps.push({ sec: t, atRisk, events, survival: s });
    }
    atRisk -= leaving;
  }
  return steps;
}

/**
 * S(t) of a Kaplan–Meier curve (1 before the first step).
 * @example survivalAt(kaplanMeier(obs), 2) // 2/3
 */
export function survivalAt(steps: readonly KmStep[], sec: number): number {
  let s = 1;
  for (const st of steps) {
    if (st.sec > sec) break;
    s = st.survival;
  }
  return s;
}

/** Where a Kaplan–Meier curve becomes a tail: it has no more steps, or too few at risk. */
export interface PatienceQuantileOptions {
  /** Probabilities to write (ascending, inside (0, 1)); those the curve reaches are read from it. */
  probabilities?: readonly number[];
  /** The curve is trusted while at least this many are at risk (default 30). */
  minAtRisk?: number;
  /** Mean of the exponential tail beyond the trusted curve, seconds (e.g. the exponential MLE mean). */
  tailMeanSec: number;
}

/** Probabilities written by default: every 5 % to 95 %, then 99 %. */
export const PATIENCE_PROBABILITIES = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99] as const;

/** The last probability of a tail: the value there stands for p = 1 (a quantile table must end finite). */
export const TAIL_END_P = 0.999;

/**
 * The Kaplan–Meier curve as points [p, seconds] of the patience inverse CDF, from [0, 0] to
 * [1, …]: where the curve (while `minAtRisk` are at risk) reaches F = 1 − S ≥ p, the first time it
 * does; beyond, an exponential tail from the last trusted point:
 * `t(p) = t₀ + tailMean · ln((1 − F₀) / (1 − p))`, and p = 1 takes the value of p = 0.999.
 * Times are rounded to 0.1 s; points whose value does not grow are dropped (the table must rise).
 * @example patienceQuantiles(kaplanMeier(obs), { tailMeanSec: 120 })
 */
export function patienceQuantiles(steps: readonly KmStep[], options: PatienceQuantileOptions): Array<[number, number]> {
  const probabilities = options.probabilities ?? PATIENCE_PROBABILITIES;
  const minAtRisk = options.minAtRisk ?? 30;
  const trusted = steps.filter((s) => s.atRisk >= minAtRisk);
  const last = trusted[trusted.length - 1];
  const f0 = last === undefined ? 0 : 1 - last.survival;
  const t0 = last === undefined ? 0 : last.sec;
  const tail = (p: number) => t0 + options.tailMeanSec * Math.log((1 - f0) / (1 - p));
  const out: Array<[number, number]> = [[0, 0]];
  const push = (p: number, v: number) => {
    const value = Math.round(v * 10) / 10;
    if (value > out[out.length - 1][1]) out.push([p, value]);
  };
  for (const p of probabilities) {
    if (p <= f0) {
      const step = trusted.find((s) => 1 - s.survival >= p - 1e-12);
      push(p, step?.sec ?? t0);
    } else if (Number.isFinite(options.tailMeanSec) && f0 < 1) {
      push(p, tail(p));
    }
  }
  const hasTail = Number.isFinite(options.tailMeanSec) && f0 < TAIL_END_P;
  const endValue = hasTail ? Math.round(tail(TAIL_END_P) * 10) / 10 : Math.max(t0, out[out.length - 1][1]);
  if (out.length > 1 && out[out.length - 1][1] >= endValue) out[out.length - 1][0] = 1;
  else out.push([1, Math.max(endValue, out[out.length - 1][1] + 0.1)]);
  return out;
}

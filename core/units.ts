// Parsing of the units people write: durations (`90s`, `2m`, `1h30m`, `1d`), clock times (`09:00`,
// `24:00`) and rates (`300/h`, `5/min`, `0.5/s`, `2000/d`). Pure; results in seconds or per second.
// Each parser returns `undefined` on text it cannot read, so callers word the error. Imports nothing.

/** Seconds in a day: the period of the intervals of the day, shifts and daily rates. Defined once. */
export const DAY_SEC = 86_400;

const UNIT_SEC: Record<string, number> = {
  ms: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: DAY_SEC, day: DAY_SEC, days: DAY_SEC,
};

const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d)/gy;

/**
 * Parses a duration to seconds. A bare number is seconds. Compound forms add up (`1h30m` = 5400).
 * @example parseDuration('1h30m') // 5400
 */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  const text = input.trim().toLowerCase();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return Number(text);
  let total = 0;
  let pos = 0;
  DURATION_PART.lastIndex = 0;
  while (pos < text.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SEC[m[2]];
    pos = DURATION_PART.lastIndex;
    while (text[pos] === ' ') pos++;
  }
  return total;
}

/**
 * Parses a clock time `HH:MM` or `HH:MM:SS` (00:00 to 24:00) to seconds after midnight.
 * @example parseClock('09:30') // 34200
 */
export function parseClock(input: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(input.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (min > 59 || s > 59 || h > 24) return undefined;
  const total = h * 3600 + min * 60 + s;
  return total > 86400 ? undefined : total;
}

const RATE_UNIT_SEC: Record<string, number> = {
  s: 1, sec: 1, second: 1,
  m: 60, min: 60, minute: 60,
  h: 3600, hr: 3600, hour: 3600,
  d: 86400, day: 86400,
};

/**
 * Parses a rate (`300/h`, `5/min`, `0.5/s`, `2000/d`) to events per second. A bare number is per
 * second.
 * @example parseRate('300/h') // 0.08333…
 */
export function parseRate(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(input);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (m[2] === undefined) return value;
  const unit = RATE_UNIT_SEC[m[2].toLowerCase()];
  return unit === undefined ? undefined : value / unit;
}

/**
 * Whether rate text carries its unit (`300/h`), or is 0, which needs none. A bare number other
 * than 0 (`60`) is what people write meaning "an hour" and chatsim would read as "a second", so
 * scenarios and the command line refuse it (see {@link parseRateWithUnit}).
 * @example rateHasUnit('60') // false
 */
export function rateHasUnit(input: string | number): boolean {
  if (typeof input === 'number') return input === 0;
  return input.includes('/') || parseRate(input) === 0;
}

/**
 * Like {@link parseRate}, but a bare number other than 0 is `undefined`: the one rate parser of
 * scenarios and command-line options.
 * @example parseRateWithUnit('60/h') // 0.01666…
 * @example parseRateWithUnit('60') // undefined
 */
export function parseRateWithUnit(input: string | number): number | undefined {
  return rateHasUnit(input) ? parseRate(input) : undefined;
}

/** Formats seconds after midnight as `HH:MM` (or `HH:MM:SS` when seconds are not whole minutes). */
export function formatClock(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const base = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return r === 0 ? base : `${base}:${String(r).padStart(2, '0')}`;
}

/** Formats a duration in seconds for people: `45s`, `2m30s`, `1h05m`. */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return String(sec);
  if (sec < 60) return `${Number(sec.toFixed(sec < 10 ? 2 : 1))}s`;
  const total = Math.round(sec);
  if (total < 3600) return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(total / 3600)}h${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}m`;
}

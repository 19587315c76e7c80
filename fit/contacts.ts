// One contact as the fit sees it, whatever log it came from (delimited text through a mapping, or
// kernel records): when it was offered to people, how long it waited, how it ended, how long it
// held an agent. Also the calendar of day types and holidays, and the bad-row tally. Pure types
// and small helpers; imports nothing.

/** How a contact offered to people ended. */
export type ContactOutcome = 'served' | 'abandoned' | 'unanswered';

export interface Contact {
  /** Where it came from: file and line (delimited) or record number, for messages. */
  source: string;
  /** Calendar day key, `YYYY-MM-DD` (or `day N` for records without a calendar). */
  day: string;
  /** Weekday of that day, 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Offered to people at this many seconds after the day's midnight. */
  arrivalSec: number;
  /** Skill group id. */
  group: string;
  /** Priority class id, when the log has one. */
  priorityClass?: string;
  outcome: ContactOutcome;
  /** Whether it waited in queue (no agent free when offered). */
  queued: boolean;
  /** Abandoned after assignment, before a first reply (records); absent: in queue, or not abandoned. */
  afterAssign?: boolean;
  /** Joined the queue, seconds after the day's midnight, when it differs from `arrivalSec` (records); absent: at arrival. */
  queuedSec?: number;
  /** Seconds in queue (0 when answered at once); for abandoned ones, until they left. */
  waitSec: number;
  /**
   * Seconds from being offered to the first answer by a person (the FRT); for abandoned and
   * unanswered ones the time they were seen waiting (the censoring time of an answer).
   */
  frtSec: number;
  /** Seconds an agent was held (talk, or a chat's slot until released); NaN unless served and usable for handle times. */
  handleSec: number;
  /** Service start, seconds after the day's midnight; NaN unless served. */
  serviceStartSec: number;
  /** Agent name or id, when the log has one. */
  agent?: string;
  /** The visitor (customer id, a records file's visitorId), when the log identifies them: links retries. */
  visitor?: string;
  /**
   * Left after assignment before any reply (kernel records): seconds from assignment to leaving, a
   * lower bound of the first-reply delay (censored).
   */
  firstReplyCensoredSec?: number;
  /** The turns of a served chat, when the log has them (kernel records). */
  chat?: ChatTurns;
}

/** What a served chat's messages show, seconds. */
export interface ChatTurns {
  /** Assignment to the first manual reply. */
  firstReplySec: number;
  /** Visitor messages (rounds). */
  rounds: number;
  /** Agent reply to the visitor's next message, per later round. */
  thinkSec: number[];
  /** Visitor message to the agent's reply, per later round. */
  nextReplySec: number[];
  /** Close to the slot's release (wrap-up). */
  wrapUpSec: number;
}

/** A row that could not be read, kept with its place so it can be reported. */
export interface BadRow {
  source: string;
  reason: string;
}

/** What reading one or more logs gave. */
export interface ContactLog {
  contacts: Contact[];
  /** Rows the rules set aside on purpose (virtual calls, hung up before reaching the queue), by rule. */
  ignored: Record<string, number>;
  bad: BadRow[];
  /** Rows read in all (header lines excluded). */
  rows: number;
  /**
   * Online agents as a step function [at, count] of a run's clock (seconds from day 0, 00:00;
   * days keyed by `runDayKey`), when the log has agent states (kernel records): staffing is read,
   * not estimated.
   */
  online?: Array<[number, number]>;
  /** Most chats an agent holds, when the log says (the commonest cap of a records file). */
  maxConcurrent?: number;
}

/** Weekday names, Monday first (as in scenarios). */
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Which day type each weekday is, and days left out. */
export interface Calendar {
  /** Day-type name of each weekday, Monday first. */
  dayTypes: string[];
  /** `YYYY-MM-DD` days left out of fitting and comparing (holidays, outages). */
  holidays: Set<string>;
}

/** Monday–Friday weekday, Saturday–Sunday weekend: the default calendar. */
export const DEFAULT_DAY_TYPES = ['weekday', 'weekday', 'weekday', 'weekday', 'weekday', 'weekend', 'weekend'];

/**
 * Reads a day-type spec `sun-thu=weekday,fri=friday,sat=saturday` (ranges wrap around the week;
 * weekdays not named keep the default). Returns the list, or an error message.
 * @example parseDayTypes('sun-thu=weekday,fri=friday,sat=saturday')
 */
export function parseDayTypes(spec: string): string[] | string {
  const out = DEFAULT_DAY_TYPES.slice();
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    const m = /^([a-z]{3})(?:-([a-z]{3}))?=([A-Za-z][A-Za-z0-9_-]*)$/.exec(eq < 0 ? part : part.slice(0, eq).toLowerCase() + part.slice(eq));
    if (m === null) return `day types must read like sun-thu=weekday,fri=friday (got "${part}")`;
    const from = WEEKDAY_NAMES.indexOf(m[1] as (typeof WEEKDAY_NAMES)[number]);
    const to = m[2] === undefined ? from : WEEKDAY_NAMES.indexOf(m[2] as (typeof WEEKDAY_NAMES)[number]);
    if (from < 0 || to < 0) return `unknown weekday in "${part}" (weekdays: ${WEEKDAY_NAMES.join(', ')})`;
    for (let d = from; ; d = (d + 1) % 7) {
      out[d] = m[3];
      if (d === to) break;
    }
  }
  return out;
}

/** Seconds from 1970-01-01 (a `YYYY-MM-DD` day) or from day 0 (`day N` of a records file) to the day's midnight. */
export function dayStartSec(day: string): number {
  const m = /^day (\d+)$/.exec(day);
  if (m !== null) return Number(m[1]) * 86_400;
  const [y, mo, d] = day.split('-').map(Number);
  return Date.UTC(y, mo - 1, d) / 1000;
}

/** Weekday (0 = Monday) of a `YYYY-MM-DD` date. */
export function weekdayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return (dow + 6) % 7;
}

/** The day types present in contacts, in the order of the week (Monday first). */
export function dayTypesPresent(calendar: Calendar, contacts: readonly Contact[]): string[] {
  const seen = new Set(contacts.map((c) => calendar.dayTypes[c.weekday]));
  const out: string[] = [];
  for (const t of calendar.dayTypes) if (seen.has(t) && !out.includes(t)) out.push(t);
  return out;
}

/** Days (keys) of each day type in contacts, holidays left out, sorted. */
export function daysByType(calendar: Calendar, contacts: readonly Contact[]): Map<string, string[]> {
  const weekdayOfDay = new Map<string, number>();
  for (const c of contacts) if (!calendar.holidays.has(c.day)) weekdayOfDay.set(c.day, c.weekday);
  const out = new Map<string, string[]>();
  for (const [day, wd] of [...weekdayOfDay].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const t = calendar.dayTypes[wd];
    if (!out.has(t)) out.set(t, []);
    out.get(t)!.push(day);
  }
  return out;
}

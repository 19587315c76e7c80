// Kernel records (a `chatsim serve` export, `chatsim run --records`, any file in the records codec)
// → contacts (with each served chat's turns: reply delays, rounds, think times, wrap-up), and the
// agent state samples → online agents over time (the login/ready log the fit
// then uses for staffing instead of estimating it). Records have no calendar: day 0 is the weekday
// given. Pure; imports the kernel.

import type { RecordsFile } from '../../core/records-codec.js';
import type { Contact, ContactLog } from '../contacts.js';
import { WEEKDAY_NAMES } from '../contacts.js';
import { DAY_SEC } from '../../core/units.js';

/** The day key of day `d` of a run: `day 0`, `day 1`, … (a records file has no dates). */
export function runDayKey(d: number): string {
  return `day ${String(d).padStart(3, '0')}`;
}

/**
 * Contacts of a records file: deflected conversations were never offered to people (ignored);
 * served ones held their first agent from assignment to release. `startWeekday` is day 0's
 * weekday (0 = Monday).
 * @example contactsFromRecords(decodeRecords(text, 'run.jsonl'), 'run.jsonl', 0).contacts.length
 */
export function contactsFromRecords(file: RecordsFile, name: string, startWeekday = 0): ContactLog {
  const { header, records, samples } = file;
  const ctx = header.context;
  const log: ContactLog = { contacts: [], ignored: {}, bad: [], rows: records.length };
  records.forEach((r, i) => {
    if (r.outcome === 'deflected') {
      log.ignored['deflected (never offered to people)'] = (log.ignored['deflected (never offered to people)'] ?? 0) + 1;
      return;
    }
    const d = Math.floor(r.arrivalAt / DAY_SEC);
    const midnight = d * DAY_SEC;
    const queued = Number.isFinite(r.queuedAt);
    const leftQueueAt = Number.isFinite(r.assignedAt) ? r.assignedAt : Number.isFinite(r.abandonedAt) ? r.abandonedAt : r.endedAt;
    const outcome = r.outcome === 'served' ? 'served' : r.outcome === 'unanswered' ? 'unanswered' : 'abandoned';
    const answeredAt = Number.isFinite(r.firstReplyAt) ? r.firstReplyAt : Number.isFinite(r.abandonedAt) ? r.abandonedAt : r.endedAt;
    const c: Contact = {
      source: `${name} record ${i + 1}`,
      day: runDayKey(d),
      weekday: (startWeekday + d) % 7,
      arrivalSec: r.arrivalAt - midnight,
      group: ctx.groups[r.groupIndex],
      outcome,
      queued,
      waitSec: queued ? Math.max(0, leftQueueAt - r.queuedAt) : 0,
      frtSec: answeredAt - r.arrivalAt,
      handleSec: r.outcome === 'served' && Number.isFinite(r.assignedAt) ? r.releasedAt - r.assignedAt : NaN,
      serviceStartSec: Number.isFinite(r.assignedAt) && r.outcome === 'served' ? r.assignedAt - midnight : NaN,
    };
    if (queued && r.queuedAt !== r.arrivalAt) c.queuedSec = r.queuedAt - midnight;
    if (ctx.classes !== undefined && ctx.classes.length > 0) c.priorityClass = ctx.classes[r.classIndex ?? 0];
    if (r.agents.length > 0) c.agent = ctx.agents[r.agents[0]].id;
    if (r.visitorId !== undefined && r.visitorId >= 0) c.visitor = String(r.visitorId);
    if (r.outcome === 'abandonedAfterAssign') {
      c.afterAssign = true;
      if (Number.isFinite(r.assignedAt) && Number.isFinite(r.abandonedAt)) c.firstReplyCensoredSec = r.abandonedAt - r.assignedAt;
    }
    if (r.outcome === 'served' && r.agentMessageAt.length > 0 && Number.isFinite(r.assignedAt)) {
      const v = r.visitorMessageAt;
      const a = r.agentMessageAt;
      const thinkSec: number[] = [];
      const nextReplySec: number[] = [];
      for (let k = 1; k < v.length && k < a.length; k++) {
        thinkSec.push(v[k] - a[k - 1]);
        nextReplySec.push(a[k] - v[k]);
      }
      c.chat = { firstReplySec: r.firstReplyAt - r.assignedAt, rounds: v.length, thinkSec, nextReplySec, wrapUpSec: Number.isFinite(r.closedAt) ? r.releasedAt - r.closedAt : 0 };
    }
    log.contacts.push(c);
  });
  const caps = new Map<number, number>();
  for (const a of ctx.agents) if (a.cap > 0) caps.set(a.cap, (caps.get(a.cap) ?? 0) + 1);
  if (caps.size > 0) log.maxConcurrent = [...caps].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0][0];
  if (samples.length > 0) {
    // online agents over time from the samples: a step function of the run's clock
    const online = new Array<boolean>(ctx.agents.length).fill(false);
    let count = 0;
    const steps: Array<[number, number]> = [];
    for (const s of samples.slice().sort((x, y) => x.at - y.at)) {
      if (online[s.agentIndex] === s.online) continue;
      online[s.agentIndex] = s.online;
      count += s.online ? 1 : -1;
      if (steps.length > 0 && steps[steps.length - 1][0] === s.at) steps[steps.length - 1][1] = count;
      else steps.push([s.at, count]);
    }
    log.online = steps;
  }
  return log;
}

/** `mon` … `sun` → 0 … 6, or -1. */
export function weekdayIndex(name: string): number {
  return WEEKDAY_NAMES.indexOf(name.toLowerCase() as (typeof WEEKDAY_NAMES)[number]);
}

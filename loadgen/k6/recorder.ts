// The behaviour's Recorder under k6: each measurement into the chatsim custom metrics (summary.ts
// names them), wall durations turned into scenario seconds by the time scale. Imports k6/metrics
// (through k6-metrics.ts), the behaviour's ports and this folder.

import type { Recorder } from '../behaviour/ports.js';
import { metrics } from './k6-metrics.js';

/**
 * A recorder for one VU's visitor or agent; `tags` go on every sample (`group` for visitors, so a
 * group's sla target is a threshold on its sub-metric).
 * @param slTimeSec the service-level time, scenario seconds
 */
export function k6Recorder(timeScale: number, slTimeSec: number, tags: Record<string, string>, debug = false): Recorder {
  const sec = (ms: number) => (ms * timeScale) / 1000;
  return {
    arrivalLag: (_v, lagMs) => metrics.arrivalLag.add(Math.max(0, lagMs), tags),
    firstResponse: (_v, frtMs) => {
      const frt = sec(frtMs);
      metrics.firstResponse.add(frt, tags);
      metrics.answered.add(1, tags);
      metrics.serviceLevel.add(frt <= slTimeSec, tags);
      metrics.abandonRate.add(false, tags);
    },
    responseTime: (_v, ms) => metrics.response.add(sec(ms), tags),
    messageSent: () => metrics.messagesSent.add(1, tags),
    messageReceived: () => metrics.messagesDelivered.add(1, tags),
    error: (where, message) => {
      metrics.errors.add(1, tags);
      if (debug) console.warn(`chatsim: ${where}: ${message}`);
    },
    outcome: (_v, outcome) => {
      if (outcome === 'abandoned' || outcome === 'leftMessage') {
        metrics.abandoned.add(1, tags);
        metrics.abandonRate.add(true, tags);
        metrics.serviceLevel.add(false, tags);
      } else if (outcome === 'deflected') metrics.deflected.add(1, tags);
      else if (outcome === 'stopped') metrics.unfinished.add(1, tags);
    },
  };
}

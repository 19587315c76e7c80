// The k6 custom metrics of the chatsim script (names in summary.ts), created once in k6's init
// context. Imports k6/metrics and this folder.

import { Counter, Rate, Trend } from 'k6/metrics';
import { K6_METRICS } from './summary.js';

export const metrics = {
  firstResponse: new Trend(K6_METRICS.firstResponse),
  queueWait: new Trend(K6_METRICS.queueWait),
  response: new Trend(K6_METRICS.response),
  arrivalLag: new Trend(K6_METRICS.arrivalLag, true),
  offered: new Counter(K6_METRICS.offered),
  answered: new Counter(K6_METRICS.answered),
  abandoned: new Counter(K6_METRICS.abandoned),
  deflected: new Counter(K6_METRICS.deflected),
  serviceLevel: new Rate(K6_METRICS.serviceLevel),
  abandonRate: new Rate(K6_METRICS.abandonRate),
  abandonInQueueRate: new Rate(K6_METRICS.abandonInQueueRate),
  messagesSent: new Counter(K6_METRICS.messagesSent),
  messagesDelivered: new Counter(K6_METRICS.messagesDelivered),
  unfinished: new Counter(K6_METRICS.unfinished),
  errors: new Counter(K6_METRICS.errors),
};

// Public API of sim/metrics: the one definition of every metric, computed from records. Re-exports
// only; must not import the model (beyond records.ts types), the engine or anything with I/O.

export {
  AGENT_METRICS,
  AGENT_METRIC_NAMES,
  CONVERSATION_METRIC_NAMES,
  GROUP_METRICS,
  GROUP_METRIC_NAMES,
  INTERVAL_METRICS,
  INTERVAL_METRIC_NAMES,
  METRICS,
  OVERALL_METRIC_NAMES,
  TIME_METRIC_NAMES,
  type AgentMetricName,
  type ConversationMetricName,
  type GroupMetricName,
  type IntervalMetricName,
  type MetricInfo,
  type MetricUnit,
  type OverallMetricName,
  type TimeMetricName,
} from './catalogue.js';
export {
  MetricsCollector,
  computeMetrics,
  queueWaitOf,
  type AgentMetrics,
  type GroupMetrics,
  type IntervalMetrics,
  type OverallMetrics,
  type RunMetrics,
} from './collector.js';
export {
  DAY_SEC,
  addSpanByInterval,
  intervalCount,
  intervalOfDay,
  metricsContext,
  secondsByInterval,
  validateMetricsContext,
  type MetricsAgent,
  type MetricsContext,
} from './context.js';
export {
  AGENT_HOUR_SEC,
  FRT_BIN_EDGES_SEC,
  FRT_BIN_SEC,
  FRT_HISTOGRAM_MAX_SEC,
  HOURS_PER_DAY,
  SERVICE_BUCKET_BOUNDS_SEC,
  SERVICE_BUCKET_NAMES,
  frtHistogram,
  serviceBuckets,
  summariseDistributions,
  type AgentHourOccupancy,
  type DistributionSummary,
  type FrtHistogram,
  type RunDistributions,
  type ServiceBucketName,
  type ServiceBuckets,
} from './distributions.js';
export { quantileSorted, quantilesInPlace, regularisedIncompleteBeta, studentTUpperTail, tQuantile } from './quantile.js';
export {
  CONFIDENCE_LEVEL,
  summariseReplications,
  summariseValues,
  type AgentSummary,
  type GroupSummary,
  type IntervalSummary,
  type MetricSummary,
  type Summary,
} from './summary.js';

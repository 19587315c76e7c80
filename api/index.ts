// The public API of chatsim (`import … from 'chatsim'`): everything the CLI does, importable. Load a
// scenario, simulate it, run replications (in parallel too), compare policies, sweep parameters,
// staff a day, check sla targets, fit a scenario to logs and backtest it, build the result
// documents, compute metrics from records (and measure records files), write and replay visitor
// traces, and the error type. Re-exports only; may import anything but cli/. Reports: `chatsim/reports`.
//
// @example
// import { loadScenarioFile, runReplicationsParallel, runResultDocument, documentJson } from 'chatsim';
// const loaded = loadScenarioFile('scenarios/examples/webshop-day.yaml');
// if (loaded.ok) {
//   const result = await runReplicationsParallel(loaded.scenario, { replications: 20 });
//   process.stdout.write(documentJson(runResultDocument(loaded.scenario, 'webshop-day.yaml', result)));
// }

// ------------------------------------------------------------------------------------ scenarios
export { loadScenario, formatIssues, type FileReader, type LoadResult, type ScenarioIssue } from '../scenarios/load.js';
export { DEFAULT_MAX_READ_BYTES, NODE_FILES, loadScenarioFile, loadScenarioFileWithText } from './load.js';
export { fileLines, fileWriter, readFileHead, readTextFile, MAX_LINE_BYTES, type FileWriter } from './files.js';
export { BOUNDS } from '../scenarios/schema.js';
export { MAX_SCENARIO_BYTES } from '../scenarios/parse.js';
export { parseOverride, applyOverrides, grid, type OverrideSpec, type OverrideValue } from '../scenarios/overrides.js';
export { MAX_SWEEP_POINTS, settingsText, sweepVariants, type SweepVariant } from '../scenarios/sweep-variants.js';
export { intervalText, rosterScenarioText } from '../scenarios/write-roster.js';
export type { AgentGroup, PriorityClass, Scenario, Shift, SkillGroup } from '../core/scenario.js';
export { POLICY_NAMES, DEFAULT_POLICY } from '../core/routing/policies.js';

// ----------------------------------------------------------------------------------- simulating
export {
  DEFAULT_REPLICATIONS,
  defaultWorkers,
  runReplication,
  runReplications,
  runReplicationsParallel,
  simulate,
  type ReplicationOptions,
  type ReplicationResult,
  type RunStats,
  type SimulateOptions,
} from '../sim/experiments/run.js';
export { replicationSeed } from '../sim/engine/random.js';

// ---------------------------------------------------------------------------------- experiments
export { comparePolicies, runComparison, type ComparisonOptions, type ComparisonResult } from '../sim/experiments/compare.js';
export { runSweep, type SweepOptions } from '../sim/experiments/sweep.js';
export { defaultTemplate, staff, targetNeeds, MIN_STAFF_INTERVAL_SEC, STAFFING_DIRECTION, type StaffOptions } from '../sim/experiments/staff.js';
export { DEFAULT_MAX_VISITORS, EVENTS_PER_BUDGET_VISITOR, estimateWork, overBudget, type BudgetExcess, type WorkEstimate } from '../sim/experiments/budget.js';
export { checkScenario, type CheckResult } from '../sim/experiments/check.js';
export { erlangA, erlangB, erlangC, type ErlangAInput, type ErlangCInput, type ErlangResult } from '../sim/analytic/erlang.js';

// ------------------------------------------------------------------------------- fit, backtest
export { calendarOf, fitScenario, readLogs, type LogFile, type ReadLogsOptions } from './fit.js';
export { backtest, type BacktestOptions } from './backtest.js';
export { parseInlineMapping, parseMappingFile, MappingError, type LogMapping } from '../fit/input/mapping.js';
export { fitLog, type FitOptions, type FitResult } from '../fit/fit.js';
export { writeFittedScenario } from '../fit/write-scenario.js';

// ------------------------------------------------------------------------------------ documents
export * from '../core/documents.js';
export { checkResultDocument, compareResultDocument, measureResultDocument, runResultDocument, staffResultDocument, sweepResultDocument, type SweepSettings } from './documents.js';
export { VERSION } from './version.js';

// -------------------------------------------------------------------------------------- metrics
export {
  AGENT_METRICS,
  AGENT_METRIC_NAMES,
  CONFIDENCE_LEVEL,
  DAY_SEC,
  FRT_BIN_EDGES_SEC,
  GROUP_METRICS,
  GROUP_METRIC_NAMES,
  INTERVAL_METRICS,
  INTERVAL_METRIC_NAMES,
  METRICS,
  MetricsCollector,
  OVERALL_METRIC_NAMES,
  SERVICE_BUCKET_NAMES,
  computeMetrics,
  frtHistogram,
  metricsContext,
  serviceBuckets,
  summariseReplications,
  summariseValues,
  validateMetricsContext,
  type AgentMetricName,
  type AgentSummary,
  type DistributionSummary,
  type GroupMetricName,
  type GroupSummary,
  type IntervalMetricName,
  type IntervalSummary,
  type MetricInfo,
  type MetricSummary,
  type MetricUnit,
  type MetricsContext,
  type OverallMetricName,
  type RunMetrics,
  type Summary,
} from '../core/metrics/index.js';
export { evaluateTargets, type IntervalMiss, type TargetResult } from '../core/metrics/sla.js';
export { atRisk, margin, meets, parseTarget, type SlaTarget, type Target, type TargetOp } from '../core/metrics/targets.js';
export { copyRecord, type AgentStateSample, type ConversationRecord, type Outcome, type Recorder } from '../core/records.js';
export { decodeRecords, encodeRecordsHeader, encodeRecordsLines, RecordsDecoder, RecordsFormatError, RecordsLineWriter, RECORDS_FORMAT, RECORDS_VERSION, type RecordsFile, type RecordsHeader } from '../core/records-codec.js';
export { measureRecords, type MeasuredRecords, type RecordsSource } from './measure.js';

// ----------------------------------------------------------------------------------------- traces
export {
  TRACE_FORMAT,
  TRACE_VERSION,
  TraceDecoder,
  TraceFormatError,
  TraceReader,
  decodeTrace,
  encodeTraceLines,
  readTrace,
  runTrace,
  traceLines,
  writeRecords,
  writeTrace,
  type RecordsRun,
  type ReplicationRef,
  type TextSink,
  type TraceDeflection,
  type TraceEnd,
  type TraceFile,
  type TraceHeader,
  type TraceReturn,
  type TraceVisit,
  type TraceVisitor,
} from './trace.js';
export { checkInvariants } from '../core/invariants.js';

// ------------------------------------------------------------------------------------ load tests
export {
  decodeK6Summary, findK6, k6Args, k6BundlePath, k6Summary, k6Thresholds, operatorManifest, operatorScript, runScript, testRunManifest,
  BUNDLE_MARK, CONFIGMAP_MAX_BYTES, K6_ENV, K6_HOW_TO, K6_METRICS, K6_OFFLINE_ENV, K6_SUMMARY_FORMAT, K6_SUMMARY_VERSION, K6_THRESHOLD_METRICS, LOADGEN_FILES, LOADGEN_MARK, K6SummaryError,
  type K6Summary, type K6Thresholds, type K6TrendSummary, type RunFilesOptions, type TestRunManifest, type TestRunOptions,
} from './loadgen.js';

// --------------------------------------------------------------------------------------- errors
export { ChatsimError, ErlangInputError, ModelError, StaffError, EXIT_FAIL, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, formatError, type ChatsimErrorOptions } from '../core/errors.js';

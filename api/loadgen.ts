// Load tests through the API: the k6 script's run files, thresholds from sla targets, the chatsim
// k6 summary reader, and where k6 and the bundled script are. Re-exports loadgen/k6; must not import cli/.

export { k6Thresholds, K6_THRESHOLD_METRICS, type K6Thresholds } from '../loadgen/k6/thresholds.js';
export { decodeK6Summary, k6Summary, K6SummaryError, K6_METRICS, K6_SUMMARY_FORMAT, K6_SUMMARY_VERSION, type K6Summary, type K6TrendSummary } from '../loadgen/k6/summary.js';
export { testRunManifest, CONFIGMAP_MAX_BYTES, type TestRunManifest, type TestRunOptions } from '../loadgen/k6/manifest.js';
export { BUNDLE_MARK, k6Args, LOADGEN_FILES, LOADGEN_MARK, operatorManifest, operatorScript, runScript, type RunFilesOptions } from '../loadgen/k6/run-files.js';
export { findK6, k6BundlePath, K6_HOW_TO, K6_OFFLINE_ENV } from '../loadgen/k6/k6-binary.js';
export { K6_ENV } from '../loadgen/k6/env.js';

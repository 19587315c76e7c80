// Public API of reports/: result documents → charts (Vega-Lite specs), HTML, SVG/PNG, CSV. Re-exports
// only; must not import cli/ or touch files.

export { CLASS_METRICS, HEADLINE_METRICS, LIVE_COLOURS, compareCharts, compareLiveCharts, liveIntervalPairs, pressureIntervals, runCharts, runsSideBySideChart, sweepCharts, type ReportChart } from './charts.js';
export { agentsCsv, csv, intervalsCsv } from './csv.js';
export { formatCi, formatDifference, formatDifferenceCi, formatValue, unitOf } from './format.js';
export { REPORT_MARKER, escapeHtml, reportHtml, reportSections, type ReportLibraries, type ReportSection } from './html.js';
export { ENGLISH_METRIC_LABELS, ENGLISH_TEXTS, LANGS, hasMetricLabel, metricLabel, serviceBucketLabels, t, type Lang } from './labels.js';
export { PNG_SCALE, chartSvg, svgToPng, withPngText } from './render.js';
export { REPORTED_COMMANDS, parseResult, type CompareDocument, type CompareLiveDocument, type ReportInput, type ReportDocument, type RunDocument, type SweepDocument } from './results.js';
export * as specs from './specs.js';

// Every word a report shows, in English and Chinese (the terms of shared/DOMAIN.md): metric names,
// chart titles, axis titles, table headers. Pure data; must not import cli/ or anything with I/O.

/** Report language. */
export type Lang = 'en' | 'zh';
/** The languages, for option parsing. */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** Short labels of metrics (overall, interval, group and agent names share one table). */
const METRIC_LABELS: Record<string, { en: string; zh: string }> = {
  offered: { en: 'Offered', zh: '进线会话数' },
  answered: { en: 'Answered', zh: '人工接待数' },
  abandonedInQueue: { en: 'Abandoned in queue', zh: '排队放弃数' },
  abandonedAfterAssign: { en: 'Abandoned after assignment', zh: '分配后放弃数' },
  unanswered: { en: 'Unanswered', zh: '未应答数' },
  connectionRate: { en: 'Connection rate', zh: '接通率' },
  abandonRate: { en: 'Abandonment rate', zh: '放弃率' },
  abandonRateTotal: { en: 'Abandonment, total (after assignment too)', zh: '总放弃率（含分配后放弃）' },
  abandonAfterAssignRate: { en: 'Abandonment after assignment', zh: '分配后放弃率' },
  serviceLevel: { en: 'Service level', zh: '服务水平' },
  frtMean: { en: 'First response time (mean)', zh: '首次响应时间（均值）' },
  frtP50: { en: 'First response time p50', zh: '首次响应时间 P50' },
  frtP90: { en: 'First response time p90', zh: '首次响应时间 P90' },
  frtP95: { en: 'First response time p95', zh: '首次响应时间 P95' },
  frtP99: { en: 'First response time p99', zh: '首次响应时间 P99' },
  avgResponseTime: { en: 'Average response time', zh: '平均响应时间' },
  queuedRate: { en: 'Queued share', zh: '排队比例' },
  queueWaitMean: { en: 'Queue wait (queued)', zh: '排队时间（排队会话）' },
  queueWaitMeanAll: { en: 'Queue wait (all)', zh: '排队时间（全部会话）' },
  queuePlacementRate: { en: 'Queue placement rate', zh: '队列放置率' },
  timeToAbandonMean: { en: 'Mean time to abandon', zh: '排队平均放弃时间' },
  conversationDurationMean: { en: 'Conversation duration', zh: '平均会话时间' },
  wrapUpMean: { en: 'Wrap-up time', zh: '事后处理时间' },
  transferRate: { en: 'Transfer rate', zh: '转接率' },
  leftMessageRate: { en: 'Left a message', zh: '转留言比例' },
  deflectedRate: { en: 'Deflected (FAQ, bot)', zh: '机器人/FAQ分流率' },
  stickyRate: { en: 'Back to the same agent', zh: '熟客分配给原客服比例' },
  silentCloseRate: { en: 'Closed for silence', zh: '访客沉默自动关闭比例' },
  invalidRate: { en: 'Invalid (one-sided) rate', zh: '无效咨询率' },
  responseRate24h: { en: '24-hour response rate', zh: '24小时响应率' },
  aboutToExpire: { en: 'About to expire (open > 20 h)', zh: '即将超时会话数' },
  queueLengthMean: { en: 'Queue length', zh: '排队长度' },
  agentsOnlineMean: { en: 'Agents online', zh: '在线客服数' },
  occupancy: { en: 'Occupancy', zh: '占用率' },
  utilisation: { en: 'Utilisation', zh: '利用率' },
  chatsPerAgentHour: { en: 'Chats per agent-hour', zh: '每小时接待数' },
  arrivals: { en: 'Arrivals', zh: '进线量' },
  arrivalsPerDay: { en: 'Arrivals per day', zh: '日均进线量' },
  served: { en: 'Served', zh: '接待数' },
  firstReplies: { en: 'First replies', zh: '首次回复数' },
  onlineHours: { en: 'Online hours', zh: '在线时长（小时）' },
  chatsPerHour: { en: 'Chats per hour', zh: '每小时接待数' },
  transfersIn: { en: 'Transfers in', zh: '转入会话数' },
  misses: { en: 'Missed (auto-transferred away)', zh: '超时转出数' },
};

/** Whether a metric has labels (every metric of sim/metrics' catalogue must; labels.test.ts checks). */
export function hasMetricLabel(name: string): boolean {
  return METRIC_LABELS[name] !== undefined;
}

/** The label of a metric; the raw name when unknown. */
export function metricLabel(name: string, lang: Lang): string {
  return METRIC_LABELS[name]?.[lang] ?? name;
}

/** Every English metric label (for tests: none may appear in a Chinese report). */
export const ENGLISH_METRIC_LABELS: readonly string[] = Object.values(METRIC_LABELS).map((l) => l.en);

const TEXT = {
  reportTitle: { en: 'chatsim report', zh: 'chatsim 报告' },
  run: { en: 'Run', zh: '仿真运行' },
  compare: { en: 'Policy comparison', zh: '分配策略对比' },
  sweep: { en: 'Sweep', zh: '参数扫描' },
  runsSideBySide: { en: 'Runs side by side', zh: '多次运行对比' },
  scenario: { en: 'Scenario', zh: '场景' },
  file: { en: 'File', zh: '文件' },
  seed: { en: 'Seed', zh: '随机种子' },
  replications: { en: 'Replications', zh: '重复次数' },
  policy: { en: 'Routing policy', zh: '分配策略' },
  slTime: { en: 'Service-level time T', zh: '服务水平时间 T' },
  warmup: { en: 'Warm-up', zh: '预热时间' },
  baseline: { en: 'Baseline', zh: '基准' },
  parameters: { en: 'Parameters', zh: '参数' },
  kpis: { en: 'Key figures against the SLA targets', zh: '关键指标与 SLA 目标' },
  metric: { en: 'Metric', zh: '指标' },
  mean: { en: 'Mean', zh: '均值' },
  measured: { en: 'Measured', zh: '实测值' },
  ci95: { en: '95% CI', zh: '95% 置信区间' },
  target: { en: 'Target', zh: '目标' },
  verdict: { en: 'Result', zh: '结果' },
  pass: { en: 'pass', zh: '达标' },
  fail: { en: 'fail', zh: '未达标' },
  atRisk: { en: 'at risk', zh: '有风险' },
  noTarget: { en: '—', zh: '—' },
  scope: { en: 'Scope', zh: '范围' },
  scopeOverall: { en: 'whole run', zh: '全程' },
  scopeInterval: { en: 'every interval', zh: '每个时段' },
  scopeGroup: { en: 'skill group', zh: '技能组' },
  worstInterval: { en: 'worst interval', zh: '最差时段' },
  missedIntervals: { en: 'missed intervals', zh: '未达标时段' },
  otherTargets: { en: 'Targets per interval and per skill group', zh: '分时段与分技能组目标' },
  targetsPassed: { en: 'targets met', zh: '项目标达标' },
  noTargets: { en: 'This scenario has no SLA targets (sla: block).', zh: '该场景未设定 SLA 目标（sla: 配置）。' },
  sparseNote: {
    en: '* rests on fewer than 100 conversations over all replications: the interval may be too narrow; run more replications or a longer horizon.',
    zh: '* 全部重复实验合计不足 100 个会话：置信区间可能偏窄，请增加重复次数或延长模拟时长。',
  },
  frtHistogram: { en: 'First response time: distribution of answered conversations', zh: '首次响应时间：已接待会话的分布' },
  frtCdf: { en: 'First response time: cumulative share of answered conversations', zh: '首次响应时间：已接待会话的累计占比' },
  frtAxis: { en: 'First response time (s)', zh: '首次响应时间（秒）' },
  shareOfAnswered: { en: 'Share of answered', zh: '占已接待比例' },
  cumulativeShare: { en: 'Cumulative share of answered', zh: '已接待累计占比' },
  frtOverflow: { en: 'above the chart', zh: '超出图表范围' },
  serviceBuckets: { en: 'Service-level buckets: every offered conversation', zh: '服务水平分档：全部进线会话' },
  bucket: { en: 'Bucket', zh: '分档' },
  shareOfOffered: { en: 'Share of offered', zh: '占进线比例' },
  abandoned: { en: 'abandoned', zh: '放弃' },
  unanswered: { en: 'unanswered', zh: '未应答' },
  byInterval: { en: 'By interval of the day: where the pressure is', zh: '分时段：找出压力时段' },
  backtest: { en: 'Backtest', zh: '回测' },
  backtestByHour: { en: 'Predicted against the log, by hour of the day', zh: '预测与日志对比（分时段）' },
  backtestSubtitle: { en: 'per day, pooled over the days compared', zh: '按天平均，汇总所比较的各天' },
  log: { en: 'log', zh: '日志' },
  model: { en: 'model', zh: '模型' },
  naive: { en: 'naive (fit period repeats)', zh: '朴素预测（重复拟合期）' },
  compareLive: { en: 'Predicted vs measured', zh: '预测与实测对比' },
  predictedSeries: { en: 'predicted', zh: '预测' },
  measuredSeries: { en: 'measured', zh: '实测' },
  predictedFrom: { en: 'Predicted from', zh: '预测来源' },
  measuredFrom: { en: 'Measured from', zh: '实测来源' },
  predictedColumn: { en: 'Predicted', zh: '预测值' },
  delta: { en: 'Δ (measured − predicted)', zh: '差值（实测 − 预测）' },
  deltaRelative: { en: 'Δ %', zh: '差值 %' },
  tolerance: { en: 'Tolerance', zh: '容差' },
  tolerancesMet: { en: 'every tolerance met', zh: '全部在容差范围内' },
  tolerancesNone: { en: 'no tolerance given', zh: '未设定容差' },
  tolerancesFailed: { en: 'outside the tolerance', zh: '超出容差' },
  replayWindow: { en: 'Replay from', zh: '回放起点' },
  replayTo: { en: 'window ends', zh: '窗口结束' },
  timeScale: { en: 'Time scale', zh: '时间倍率' },
  visitorsStarted: { en: 'Visitors started / in the window', zh: '已开始访客 / 窗口内访客' },
  lostMessages: { en: 'Lost messages', zh: '丢失消息' },
  violations: { en: 'Invariant violations', zh: '不变量违反次数' },
  arrivalLag: { en: 'Arrival lag p50 / p99 / max (wall)', zh: '到达延迟 P50 / P99 / 最大（真实时间）' },
  frtOverlay: { en: 'First response time: predicted and measured distributions overlaid', zh: '首次响应时间：预测与实测分布叠加' },
  frtCdfOverlay: { en: 'First response time: cumulative share, predicted and measured (points: p50, p90, p99)', zh: '首次响应时间：预测与实测累计占比（点为 P50、P90、P99）' },
  liveByInterval: { en: 'Predicted and measured by interval of the day', zh: '预测与实测分时段对比' },
  liveByIntervalSubtitle: { en: 'the intervals either side saw conversations in, on the trace\'s clock', zh: '任一方有会话的时段，按轨迹时钟对齐' },
  liveNoMeasuredIntervals: { en: 'predicted only: the measured side has no per-interval data', zh: '仅有预测：实测一方没有分时段数据' },
  liveIntervalTable: { en: 'By interval: predicted / measured', zh: '分时段：预测 / 实测' },
  interval: { en: 'Interval', zh: '时段' },
  liveNoSides: {
    en: 'This document was written before compare-live kept each side\'s distribution and intervals: only the table is shown. Write it again with chatsim compare-live or chatsim replay --json to see the charts.',
    zh: '该文件由较早版本写出，未保存两方的分布与分时段数据：仅显示对比表。请用 chatsim compare-live 或 chatsim replay --json 重新生成以查看图表。',
  },
  liveNoFrt: {
    en: 'has no full first-response-time distribution (a k6 summary keeps only trend statistics): its p50, p90 and p99 are drawn as points on the cumulative chart.',
    zh: '没有完整的首次响应时间分布（k6 汇总只保留统计量）：其 P50、P90、P99 以点的形式画在累计占比图上。',
  },
  liveNoIntervals: {
    en: 'has no per-interval data (a k6 summary holds totals over the whole test): the by-interval lines show the other side only. Measure the backend\'s export (compare-live --measured export.jsonl) or replay with chatsim replay to compare by interval.',
    zh: '没有分时段数据（k6 汇总只有整个测试的总计）：分时段图只显示另一方。请用 chatsim compare-live 读取后端导出（export.jsonl），或用 chatsim replay 回放，以按时段对比。',
  },
  liveClockUnknown: {
    en: 'Measured intervals are on the backend\'s clock, which counts from the server\'s start; this file does not say how it lines up with the trace\'s, so they are drawn as the backend counted them. chatsim replay --json records the offset.',
    zh: '实测时段使用后端时钟（从服务启动时起算）；该文件未记录它与轨迹时钟的对应关系，因此按后端计时绘制。chatsim replay --json 会记录该偏移。',
  },
  liveClockShifted: {
    en: 'Measured intervals are the backend\'s, moved onto the trace\'s clock by the offset the replay read; they are not whole intervals of the trace\'s day, so each straddles two predicted intervals by',
    zh: '实测时段为后端时段，已按回放读取的偏移移到轨迹时钟上；它们与轨迹的时段边界不重合，每个实测时段与预测时段错开',
  },
  measuredSide: { en: 'The measured side', zh: '实测一方' },
  predictedSide: { en: 'The predicted side', zh: '预测一方' },
  days: { en: 'Days compared', zh: '比较天数' },
  logs: { en: 'Logs', zh: '日志文件' },
  hourlyAbandonmentMape: { en: 'Abandonment MAPE by hour', zh: '分时段放弃率 MAPE' },
  dailySlError: { en: 'Daily SL error, mean |Δ| (pp)', zh: '每日服务水平误差，平均绝对值（百分点）' },
  periodSlError: { en: 'Period SL, predicted − log (pp)', zh: '全期服务水平，预测 − 日志（百分点）' },
  periodAbandonmentError: { en: 'Period abandonment, predicted − log (pp)', zh: '全期放弃率，预测 − 日志（百分点）' },
  meanWait: { en: 'Mean wait (all offered)', zh: '平均排队时间（全部进线）' },
  timeOfDay: { en: 'Time of day', zh: '时段' },
  pressure: { en: 'Shaded', zh: '阴影' },
  pressureByTargets: { en: 'pressure intervals, missing a per-interval SLA target', zh: '压力时段，未达到分时段 SLA 目标' },
  pressureByFrt: { en: 'pressure intervals, the quarter with the highest first response time p90', zh: '压力时段，首次响应时间 P90 最高的四分之一时段' },
  agentHeatmap: { en: 'Agent occupancy by hour of the day', zh: '客服分时段占用率' },
  agent: { en: 'Agent', zh: '客服' },
  hour: { en: 'Hour of the day', zh: '小时' },
  agentRanking: { en: 'Agent ranking (by chats served)', zh: '客服排行（按接待数）' },
  byClass: { en: 'By priority class', zh: '按优先级类别' },
  priorityClass: { en: 'Class', zh: '优先级类别' },
  classNote: { en: 'Means over replications; the service level uses each class\'s own T.', zh: '各次重复的均值；服务水平按各类别自己的 T 计算。' },
  classServiceLevel: { en: 'Service level with each class\'s own T', zh: '服务水平按各类别自己的 T 计算' },
  classComparison: { en: 'Priority classes compared (means over replications)', zh: '优先级类别对比（各次重复的均值）' },
  rank: { en: '#', zh: '排名' },
  group: { en: 'Group', zh: '客服组' },
  policyComparison: { en: 'Policies compared (mean and 95% CI)', zh: '策略对比（均值与 95% 置信区间）' },
  runComparison: { en: 'Runs compared (mean and 95% CI)', zh: '运行对比（均值与 95% 置信区间）' },
  difference: { en: 'Δ vs baseline', zh: '与基准之差' },
  significant: { en: 'significant', zh: '显著' },
  notSignificant: { en: 'no difference', zh: '无显著差异' },
  sweepLines: { en: 'Metrics across the sweep (mean and 95% CI)', zh: '参数扫描结果（均值与 95% 置信区间）' },
  value: { en: 'Value', zh: '数值' },
  noData: { en: 'No data for this chart.', zh: '该图无数据。' },
  seconds: { en: 's', zh: '秒' },
  percent: { en: '%', zh: '%' },
} as const;

export type TextKey = keyof typeof TEXT;

/** A UI string in `lang`. */
export function t(key: TextKey, lang: Lang): string {
  return TEXT[key][lang];
}

/** Every English UI string, for tests. */
export const ENGLISH_TEXTS: readonly string[] = Object.values(TEXT).map((x) => x.en);

/**
 * Labels of the service-level buckets, in `SERVICE_BUCKET_NAMES` order, for threshold T seconds;
 * `null` for an answered band that is empty because T is at or above its upper bound.
 * @example serviceBucketLabels(20, 'en')[1] // '20–60 s'
 */
export function serviceBucketLabels(slTimeSec: number, lang: Lang): Array<string | null> {
  const sec = lang === 'zh' ? ' 秒' : ' s';
  const min = lang === 'zh' ? ' 分钟' : ' min';
  const inMinutes = (x: number) => x >= 60 && x % 60 === 0;
  const one = (x: number) => (inMinutes(x) ? `${x / 60}${min}` : `${x}${sec}`);
  const range = (lo: number, hi: number): string | null => {
    if (lo >= hi) return null;
    if (inMinutes(lo) && inMinutes(hi)) return `${lo / 60}–${hi / 60}${min}`;
    if (lo < 60 && hi === 60) return `${lo}–60${sec}`;
    return `${one(lo)}–${one(hi)}`;
  };
  const t1 = slTimeSec;
  return [
    `≤ ${one(t1)}`,
    range(t1, 60),
    range(Math.max(t1, 60), 180),
    range(Math.max(t1, 180), 600),
    `> ${one(Math.max(t1, 600))}`,
    t('abandoned', lang),
    t('unanswered', lang),
  ];
}

// The ordered lists of metric names, units and one-line descriptions for every level (overall,
// interval of the day, skill group, agent). The order here is the key order of every output.
// Pure data; must not import the model, scenarios or anything with I/O.

/**
 * How a metric's value is expressed. `rate` is a share in [0, 1]; `sec` seconds; `perHour` per
 * online agent-hour (or per online hour for one agent); `agents` a time-average number of agents;
 * `hours` hours; `perDay` per measured day; `count` a number of conversations (or a time-average
 * number of conversations for `queueLengthMean`).
 */
export type MetricUnit = 'count' | 'rate' | 'sec' | 'perHour' | 'agents' | 'hours' | 'perDay';

/** One metric as a table shows it. */
export interface MetricInfo<Name extends string = string> {
  name: Name;
  unit: MetricUnit;
  description: string;
}

/** Conversation metrics, defined for the whole run, each interval of the day and each skill group. */
export const CONVERSATION_METRIC_NAMES = [
  'offered',
  'answered',
  'abandonedInQueue',
  'abandonedAfterAssign',
  'unanswered',
  'connectionRate',
  'abandonRate',
  'abandonAfterAssignRate',
  'abandonRateTotal',
  'serviceLevel',
  'frtMean',
  'frtP50',
  'frtP90',
  'frtP95',
  'frtP99',
  'avgResponseTime',
  'queuedRate',
  'queueWaitMean',
  'queueWaitMeanAll',
  'queuePlacementRate',
  'timeToAbandonMean',
  'conversationDurationMean',
  'wrapUpMean',
  'transferRate',
  'leftMessageRate',
  'deflectedRate',
  'stickyRate',
  'silentCloseRate',
  'invalidRate',
  'responseRate24h',
  'aboutToExpire',
] as const;

/** Time-average metrics integrated over the measured time (whole run and each interval). */
export const TIME_METRIC_NAMES = [
  'queueLengthMean',
  'agentsOnlineMean',
  'occupancy',
  'utilisation',
  'chatsPerAgentHour',
] as const;

/** Overall metrics in output order. */
export const OVERALL_METRIC_NAMES = [...CONVERSATION_METRIC_NAMES, ...TIME_METRIC_NAMES] as const;

/** Interval-of-the-day metrics in output order (after `index`, `startSec`). */
export const INTERVAL_METRIC_NAMES = [
  'arrivals',
  'arrivalsPerDay',
  ...CONVERSATION_METRIC_NAMES,
  ...TIME_METRIC_NAMES,
] as const;

/** Skill-group metrics in output order. */
export const GROUP_METRIC_NAMES = CONVERSATION_METRIC_NAMES;

/** Per-agent metrics in output order (after `id`, `group`). */
export const AGENT_METRIC_NAMES = [
  'served',
  'firstReplies',
  'frtMean',
  'abandonedAfterAssign',
  'onlineHours',
  'chatsPerHour',
  'occupancy',
  'utilisation',
  'transfersIn',
  'misses',
] as const;

export type ConversationMetricName = (typeof CONVERSATION_METRIC_NAMES)[number];
export type TimeMetricName = (typeof TIME_METRIC_NAMES)[number];
export type OverallMetricName = (typeof OVERALL_METRIC_NAMES)[number];
export type IntervalMetricName = (typeof INTERVAL_METRIC_NAMES)[number];
export type GroupMetricName = (typeof GROUP_METRIC_NAMES)[number];
export type AgentMetricName = (typeof AGENT_METRIC_NAMES)[number];

const INFO: Record<OverallMetricName | IntervalMetricName | AgentMetricName, [MetricUnit, string]> = {
  offered: ['count', 'conversations offered to people (arrived after warm-up)'],
  answered: ['count', 'conversations a person answered (outcome served)'],
  abandonedInQueue: ['count', 'visitors who left while queued, unassigned'],
  abandonedAfterAssign: ['count', 'visitors who left after assignment, before the first reply'],
  unanswered: ['count', 'conversations still waiting for a first reply at the end of the run'],
  connectionRate: ['rate', 'answered / offered (接通率)'],
  abandonRate: ['rate', 'abandoned in queue / offered (queue only; see abandonRateTotal)'],
  abandonRateTotal: ['rate', 'all who left before a first reply (in queue + after assignment) / offered (总放弃率)'],
  abandonAfterAssignRate: ['rate', 'abandoned after assignment / offered'],
  serviceLevel: ['rate', 'answered with FRT ≤ T / offered; abandoned and unanswered are misses'],
  frtMean: ['sec', 'mean first response time over answered (首次响应时间)'],
  frtP50: ['sec', 'median first response time over answered'],
  frtP90: ['sec', '90th percentile of first response time over answered'],
  frtP95: ['sec', '95th percentile of first response time over answered'],
  frtP99: ['sec', '99th percentile of first response time over answered'],
  avgResponseTime: ['sec', 'mean visitor message → agent reply over all answered turns (平均响应时间)'],
  queuedRate: ['rate', 'share of offered that had to queue'],
  queueWaitMean: ['sec', 'mean queue wait over conversations that queued (排队时间)'],
  queueWaitMeanAll: ['sec', 'total queue wait / offered'],
  queuePlacementRate: ['rate', 'share of offered that waited in queue longer than the threshold (队列放置率)'],
  timeToAbandonMean: ['sec', 'mean wait of those who left the queue (排队平均放弃时间)'],
  conversationDurationMean: ['sec', 'mean arrival → close over served (平均会话时间)'],
  wrapUpMean: ['sec', 'mean close → slot released over served (事后处理时间)'],
  transferRate: ['rate', 'conversations moved between agents / conversations assigned (转接率)'],
  leftMessageRate: ['rate', 'share of offered whose visitor left a message instead of waiting (转留言)'],
  deflectedRate: ['rate', 'answered by an FAQ card or a bot without a follow-up / conversations started (not offered to people)'],
  stickyRate: ['rate', 'returning visitors first assigned to the agent who served them last / returning visitors offered (熟客优先)'],
  silentCloseRate: ['rate', 'answered conversations the system closed after the visitor stayed silent / answered'],
  invalidRate: ['rate', 'offered conversations in which only one side ever wrote a manual message / offered (无效咨询)'],
  responseRate24h: ['rate', '(answered by a person within 24 h + deflected without follow-up) / started; vacation-mode and "no reply needed" left out (24小时响应率)'],
  aboutToExpire: ['count', 'conversations left without a reply for over 20 h (vacation-mode and "no reply needed" left out)'],
  queueLengthMean: ['count', 'time-average number of conversations waiting in queue'],
  agentsOnlineMean: ['agents', 'time-average number of agents online (or still holding chats) over the measured window (warm-up to horizon), nights included'],
  occupancy: ['rate', 'slot-time in use (wrap-up included) / (online time × cap), warm-up to horizon'],
  utilisation: ['rate', 'share of online time holding at least one chat'],
  chatsPerAgentHour: ['perHour', 'answered / online agent-hours (每小时接待数)'],
  arrivals: ['count', 'conversations offered that arrived in this interval, all measured days together'],
  arrivalsPerDay: ['perDay', 'conversations offered in this interval per measured day'],
  served: ['count', 'answered conversations whose last agent was this one'],
  firstReplies: ['count', 'answered conversations whose first reply this agent gave'],
  onlineHours: ['hours', 'measured hours online (or still holding chats)'],
  chatsPerHour: ['perHour', 'served / online hours'],
  transfersIn: ['count', 'conversations transferred to this agent (转接)'],
  misses: ['count', 'conversations moved away from this agent by auto-transfer, unanswered'],
};

/** Where a per-agent metric means something narrower than the same name overall. */
const AGENT_DESCRIPTIONS: Partial<Record<AgentMetricName, string>> = {
  frtMean: 'mean first response time over the answered conversations whose first reply this agent gave',
  abandonedAfterAssign: 'visitors who left while assigned to this agent, before the first reply',
  occupancy: 'slot-time in use / (online time × this agent\'s cap); NaN for cap 0',
  utilisation: 'share of this agent\'s online time holding at least one chat',
};

function describe<Name extends keyof typeof INFO>(
  names: readonly Name[],
  overrides: Partial<Record<Name, string>> = {},
): Array<MetricInfo<Name>> {
  return names.map((name) => ({ name, unit: INFO[name][0], description: overrides[name] ?? INFO[name][1] }));
}

/**
 * Overall metrics in output order, with unit and a one-line description, for tables.
 * @example METRICS.find((m) => m.name === 'serviceLevel')?.unit // 'rate'
 */
export const METRICS: ReadonlyArray<MetricInfo<OverallMetricName>> = describe(OVERALL_METRIC_NAMES);
/** Interval-of-the-day metrics in output order. */
export const INTERVAL_METRICS: ReadonlyArray<MetricInfo<IntervalMetricName>> = describe(INTERVAL_METRIC_NAMES);
/** Skill-group metrics in output order. */
export const GROUP_METRICS: ReadonlyArray<MetricInfo<GroupMetricName>> = describe(GROUP_METRIC_NAMES);
/** Per-agent metrics in output order. */
export const AGENT_METRICS: ReadonlyArray<MetricInfo<AgentMetricName>> = describe(AGENT_METRIC_NAMES, AGENT_DESCRIPTIONS);

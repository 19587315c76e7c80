#!/usr/bin/env node
// The chatsim command line: parses argv with commander and hands each command an Io. The only
// module that touches `process`. Commands live in cli/commands/, one file each.

import { Argument, Command, CommanderError } from 'commander';
import { nodeIo, EXIT_INTERNAL, EXIT_INVALID, type Io } from './io.js';
import { ChatsimError, formatError } from '../core/errors.js';
import { validateCommand } from './commands/validate.js';
import { runCommand } from './commands/run.js';
import { traceCommand } from './commands/trace.js';
import { loadgenCommand } from './commands/loadgen.js';
import { measureCommand } from './commands/measure.js';
import { compareCommand } from './commands/compare.js';
import { checkCommand } from './commands/check.js';
import { sweepCommand } from './commands/sweep.js';
import { staffCommand } from './commands/staff.js';
import { erlangCommand, DEFAULT_CONCURRENCY, DEFAULT_SL_TIME } from './commands/erlang.js';
import { BACKTEST_REPLICATIONS } from '../api/backtest.js';
import { VERSION } from '../api/version.js';
import { MIN_BASIS } from '../core/metrics/estimate.js';
import { CLI_MSG, grouped } from './messages.js';
import { DEFAULT_MAX_VISITORS } from '../sim/experiments/budget.js';

/** An error already worded with its command (`chatsim run: …`), printed as it is. */
class UsageError extends ChatsimError {
  override name = 'UsageError';
}

/**
 * Refuses an option whose value is another option of the command (`--seed --quiet` would take
 * "--quiet" as the seed, and run without --quiet): commander cannot tell them apart.
 */
function refuseOptionsAsValues(command: Command): void {
  const flags = new Set(command.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
  flags.add('--help');
  const opts = command.opts() as Record<string, unknown>;
  for (const option of command.options) {
    if (!option.required && !option.optional) continue;
    const value = opts[option.attributeName()];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && flags.has(v.trim())) throw new UsageError(`chatsim ${command.name()}: ${CLI_MSG.optionAsValue(option.long ?? option.flags, v.trim())}`);
    }
  }
}

const BACKTEST_REPLICATIONS_HELP = String(BACKTEST_REPLICATIONS);
const MAX_VISITORS_HELP = `most visitors to simulate in all, replications included (default ${grouped(DEFAULT_MAX_VISITORS)}); a larger run is refused before it starts`;

/** Builds the program; `exit` receives each command's exit code. */
export function buildProgram(io: Io, exit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('chatsim')
    .description('Predict how an online customer-service chat team performs: simulate, calculate, compare.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride()
    .hook('preAction', (_program, action) => refuseOptionsAsValues(action));

  program
    .command('validate')
    .description('check a scenario file; prints located errors and exits 2 if it is invalid')
    .argument('<file>', 'scenario YAML file')
    .addHelpText('after', `\nExamples:\n  $ chatsim validate scenarios/examples/webshop-day.yaml\n`)
    .action(async (file: string) => exit(await validateCommand({ file }, io)));

  program
    .command('run')
    .description('simulate a scenario (or exactly the visitors of a trace) and print its metrics with 95% confidence intervals')
    .argument('[file]', 'scenario YAML file (or give --trace)')
    .option('--trace <file>', 'simulate exactly this trace (chatsim trace): one replication on its seed, under its scenario')
    .option('--records <file>', 'also write the conversations and agent samples of one replication as a records file (chatsim measure reads it)')
    .option('--records-replication <n>', 'which replication --records holds (default 1)')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replications <n>', 'independent replications (default: the scenario\'s, else 10)')
    .option('--policy <name>', 'routing policy (overrides the scenario\'s)')
    .option('--warmup <duration>', 'ignore conversations and agent time before this instant, e.g. 2h')
    .option('--json <file>', 'write the full result as JSON')
    .option('--force', 'overwrite the --json or --records file if it exists')
    .option('--workers <n>', 'worker threads for replications (default: the cores); results are identical for any number')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .option('--intervals', 'also print the intervals of the day with arrivals (分时段): arrivals per day, SL, FRT p90, wait, abandonment, queue, agents, occupancy')
    .option('--quiet', 'no estimate or progress lines on stderr')
    .addHelpText('after', `
What is measured: conversations arriving in [warm-up, horizon) are followed to their end, through the
drain; agent time and the time averages (occupancy, utilisation, queueLengthMean, agentsOnlineMean,
chatsPerAgentHour) count only inside the window [warm-up, horizon], when visitors still arrive.
Across replications a ratio metric (frtMean, serviceLevel, occupancy, …) is pooled, Σ numerators /
Σ denominators, with a delta-method 95% CI; counts and percentiles are averaged. A CI marked * rests
on fewer than ${MIN_BASIS} conversations over all replications: run more replications or a longer horizon.`)
    .addHelpText('after', `\nExamples:\n  $ chatsim run scenarios/examples/webshop-day.yaml --intervals\n  $ chatsim run scenarios/examples/promo-peak.yaml --replications 20 --warmup 2h --json peak.json\n  $ chatsim run --trace day.trace.jsonl --json day.json\n  $ chatsim run scenarios/examples/webshop-day.yaml --replications 1 --records day.records.jsonl\n`)
    .action(async (file: string | undefined, opts) => exit(await runCommand({ ...(file !== undefined ? { file } : {}), ...opts }, io)));

  program
    .command('trace')
    .description('write the visitor trace of one replication: every visitor it draws (arrival, group, class, patience, rounds, think and reply times, wrap-up, deflection, messages, returns) and the scenario they run under, as JSON Lines')
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--out <file>', 'the trace file (JSON Lines, streamed: any number of visitors)')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replication <n>', 'which replication\'s visitors, 1-based like chatsim run\'s (default 1)')
    .option('--force', 'overwrite the --out file if it exists and is not a trace')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .option('--quiet', 'no estimate line on stderr')
    .addHelpText('after', `
The trace of replication R on seed S holds the visitors that \`chatsim run --seed S\` simulates in its
R-th replication; \`chatsim run --trace FILE\` simulates exactly them, with the same result as that
replication. Format: see the README (line 1 a "chatsim.trace" header with the scenario, one line
per visitor in arrival order, an end line with the count).

Examples:
  $ chatsim trace scenarios/examples/webshop-day.yaml --seed 1 --out day.trace.jsonl
  $ chatsim run --trace day.trace.jsonl
`)
    .action(async (file: string, opts) => exit(await traceCommand({ file, ...opts }, io)));

  program
    .command('loadgen')
    .description('write a k6 load test of one replication\'s visitors against a running chatsim serve (or any backend with its API): the trace, the bundled k6 script, the exact k6 command line and a k6-operator TestRun manifest; --run runs k6')
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--target <url>', 'the backend, e.g. http://127.0.0.1:8080 (chatsim serve prints it)')
    .requiredOption('--out <dir>', 'directory for trace.jsonl, chatsim-k6.js, k6-run.sh, testrun.yaml, k6-operator.sh')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replication <n>', 'which replication\'s visitors, 1-based (default 1)')
    .option('--time-scale <x>', 'scenario seconds per wall second; use the one chatsim serve runs at (default 1)')
    .option('--parallelism <n>', 'k6-operator runners the test is split over (default 1)')
    .option('--vus <n>', 'visitor VUs (default: from the trace, the most visits open at once, with room)')
    .option('--from <time>', 'replay from this instant (09:00, or 1d9h from day 0), as chatsim replay does; T0 is the first thing that happens from there')
    .option('--to <time>', 'replay visitors arriving before this instant (default: the horizon)')
    .option('--run', 'run k6 on it now (k6 on PATH, or K6=/path/to/k6); needs the tokens file in --out')
    .option('--force', 'replace files in --out that chatsim loadgen did not write')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .addHelpText('after', `
The k6 script replays the trace (with --from/--to only the visitors arriving in that window, passed
as CHATSIM_FROM/CHATSIM_TO in scenario seconds): visitor i starts at T0 + (arrival_i − t0) / time
scale, t0 being the first arrival or the first agent coming online in the window (CHATSIM_T0, epoch
ms; default: 5 s after setup), and
talks to the backend over HTTP and k6/websockets; one VU per agent answers after the trace's reply
delays, by its shifts. It records chat_first_response_time,
chat_queue_wait, chat_response_time (scenario seconds), chat_arrival_lag (wall ms), chat_answered,
chat_abandoned, …, fails (exit 99) on the scenario's sla targets, and writes chatsim-summary.json.
Needs k6 v2.x or v1.6.0+ (the first with the stable k6/websockets module); built-in modules only, no network
beyond the target.

Examples:
  $ chatsim serve --scenario day.yaml --time-scale 60 --db live.db      # prints its URL; tokens in live.db.tokens.json
  $ chatsim loadgen day.yaml --target http://127.0.0.1:8080 --time-scale 60 --out load
  $ cp live.db.tokens.json load/tokens.json && load/k6-run.sh
  $ chatsim loadgen day.yaml --target http://127.0.0.1:8080 --time-scale 60 --out load --run --force
  $ chatsim loadgen day.yaml --target http://127.0.0.1:8080 --time-scale 60 --out load --from 09:00 --to 10:00
  $ chatsim loadgen day.yaml --target http://chat.svc:8080 --time-scale 60 --parallelism 4 --out load && load/k6-operator.sh
`)
    .action(async (file: string, opts) => exit(await loadgenCommand({ file, ...opts }, io)));

  program
    .command('measure')
    .description('print the metric table of chatsim run from records files (a backend export, chatsim run --records), through the same metric code; several files are summarised like replications')
    .argument('<records...>', 'records files (JSON Lines, "chatsim.records")')
    .option('--json <file>', 'write the measured metrics as a run document')
    .option('--force', 'overwrite the --json file if it exists')
    .addHelpText('after', `\nExamples:\n  $ chatsim measure export.jsonl\n  $ chatsim run scenarios/examples/webshop-day.yaml --replications 1 --records day.records.jsonl && chatsim measure day.records.jsonl --json measured.json\n`)
    .action(async (files: string[], opts) => exit(await measureCommand({ files, ...opts }, io)));

  program
    .command('compare')
    .description('run several routing policies on the same visitors; paired differences with 95% CIs')
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--policies <list>', 'comma-separated policies; the first is the baseline, e.g. least-loaded,round-robin')
    .option('--metrics <list>', 'comma-separated metrics to compare, or "all"')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replications <n>', 'replications per policy (default: the scenario\'s)')
    .option('--warmup <duration>', 'ignore conversations and agent time before this instant')
    .option('--workers <n>', 'worker threads (default: the cores)')
    .option('--json <file>', 'write the comparison as JSON')
    .option('--force', 'overwrite the --json file if it exists')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .option('--quiet', 'no estimate or progress lines on stderr')
    .addHelpText('after', `\nExamples:\n  $ chatsim compare scenarios/examples/novice-vs-expert.yaml --policies experienced-first,least-loaded\n  $ chatsim compare scenarios/examples/webshop-day.yaml --policies least-loaded,round-robin --metrics all --json cmp.json\n`)
    .action(async (file: string, opts) => exit(await compareCommand({ file, ...opts }, io)));

  program
    .command('sweep')
    .description('run a grid of scenario variants (--set PATH=VALUES, repeatable) on the same seeds')
    .argument('<file>', 'scenario YAML file')
    .option('--set <path=values>', 'a scenario field and its values: a comma list and/or ranges a..b or a..b:step, e.g. agents.senior.count=2..6 or agents.novice.maxConcurrent=3,5,8 (repeat for a grid)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--metrics <list>', 'comma-separated metrics (columns), or "all"')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replications <n>', 'replications per point (default: the scenario\'s)')
    .option('--policy <name>', 'routing policy (overrides the scenario\'s)')
    .option('--warmup <duration>', 'ignore conversations and agent time before this instant')
    .option('--workers <n>', 'worker threads (default: the cores)')
    .option('--csv <file>', 'write the grid as CSV (a column per parameter, then metric, metricLo, metricHi)')
    .option('--json <file>', 'write the sweep as JSON')
    .option('--force', 'overwrite the output files if they exist')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .option('--quiet', 'no estimate or progress lines on stderr')
    .addHelpText('after', `\nExamples:\n  $ chatsim sweep scenarios/examples/webshop-day.yaml --set agents.senior.count=2..6\n  $ chatsim sweep scenarios/examples/webshop-day.yaml --set agents.senior.count=3,4 --set policy=least-loaded,round-robin --csv grid.csv\n`)
    .action(async (file: string, opts) => exit(await sweepCommand({ file, ...opts }, io)));

  program
    .command('staff')
    .description('find the fewest agents per interval of the day meeting every target, by simulation; with Erlang C/A and concurrency-factor estimates')
    .argument('<file>', 'scenario YAML file')
    .option('--target <target>', 'a target every interval must meet, e.g. "serviceLevel >= 80%" or "abandonRate <= 5%" (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--interval <duration>', 'staffing interval; must divide a day (default: the scenario\'s interval)')
    .option('--template <group>', 'the agent group whose kind of agent is staffed (default: the first group serving every skill group)')
    .option('--min-shift <duration>', 'shortest shift in the roster, a multiple of the interval, e.g. 4h (short shifts are lengthened, short gaps filled)')
    .option('--max-agents <n>', 'most agents in one interval (default: from the peak load)')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replications <n>', 'replications per candidate roster (default: the scenario\'s)')
    .option('--warmup <duration>', 'ignore conversations and agent time before this instant')
    .option('--out <file>', 'write the scenario with the roster as its agents and the targets as per-interval sla entries')
    .option('--json <file>', 'write the staffing as JSON')
    .option('--force', 'overwrite the output files if they exist')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .option('--quiet', 'no estimate or progress lines on stderr')
    .addHelpText('after', `\nExamples:\n  $ chatsim staff scenarios/examples/webshop-day.yaml --target "serviceLevel >= 80%" --out roster.yaml\n  $ chatsim staff scenarios/examples/webshop-day.yaml --target "frtP90 <= 45s" --target "abandonRate <= 3%" --interval 1h --min-shift 4h\n`)
    .action(async (file: string, opts) => exit(await staffCommand({ file, ...opts }, io)));

  program
    .command('check')
    .description('run the scenario and check its sla targets; exit 0 all met, 1 any missed, 2 invalid input')
    .argument('<file>', 'scenario YAML file with an sla block')
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--replications <n>', 'replications (default: the scenario\'s)')
    .option('--policy <name>', 'routing policy (overrides the scenario\'s)')
    .option('--warmup <duration>', 'ignore conversations and agent time before this instant')
    .option('--workers <n>', 'worker threads (default: the cores)')
    .option('--junit <file>', 'write JUnit XML, one test case per target')
    .option('--json <file>', 'write the verdicts as JSON')
    .option('--force', 'overwrite the output files if they exist')
    .option('--max-visitors <n>', MAX_VISITORS_HELP)
    .option('--quiet', 'no estimate or progress lines on stderr')
    .addHelpText('after', `\nExamples:\n  $ chatsim check scenarios/examples/webshop-day.yaml\n  $ chatsim check roster.yaml --replications 30 --junit sla.xml\n`)
    .action(async (file: string, opts) => exit(await checkCommand({ file, ...opts }, io)));

  program
    .command('serve')
    .description('start the live chat backend (HTTP + WebSocket + SQLite) on a scenario\'s roster, with the kernel\'s routing rules; prints its URL')
    .option('--host <host>', 'address to bind (default 127.0.0.1: this machine only)')
    .option('--port <port>', 'port (default 0: any free port)')
    .option('--db <file>', 'SQLite database (WAL); a restart on the same file restores open conversations and the queue (default: in memory)')
    .option('--scenario <file>', 'scenario YAML whose roster creates the agents and their tokens, and whose rules apply (needed for a new database)')
    .option('--trace <file>', 'a visitor trace (chatsim trace): its header\'s scenario gives the roster and rules, as --scenario does')
    .option('--policy <name>', 'routing policy (overrides the scenario\'s)')
    .option('--time-scale <x>', 'run every configured duration x times faster; instants are recorded in scenario seconds (default 1)')
    .option('--check-invariants', 'check caps, single holders and single outcomes after every change (of what it touched; of everything every 100th change); violations are logged and counted in /metrics')
    .addHelpText('after', `\nThe admin token comes from CHATSIM_ADMIN_TOKEN, else it is generated into the tokens file (mode 0600)\nbeside the database, with the agents' tokens. SIGTERM or Ctrl-C stops it cleanly (exit 0).\n\nExamples:\n  $ chatsim serve --scenario scenarios/examples/webshop-day.yaml --db live.db --time-scale 60\n  $ chatsim serve --trace day.trace.jsonl --time-scale 120 --check-invariants\n  $ CHATSIM_ADMIN_TOKEN=... chatsim serve --db live.db --port 8080\n`)
    .action(async (opts) => {
      const untilStopped = new Promise((resolve) => { process.once('SIGTERM', resolve); process.once('SIGINT', resolve); });
      exit(await (await import('./commands/serve.js')).serveCommand({ ...opts, adminToken: process.env.CHATSIM_ADMIN_TOKEN, untilStopped }, io));
    });

  program
    .command('fit')
    .description('fit a scenario to conversation or call logs: arrivals, patience (per priority class and by hour where it differs), handle time (by hour where it moves), wrap-up, staffing and how it follows the day\'s volume, the head start of priority classes (from the order of service where the data shows one; a mapping\'s headStart wins), each with its method in a comment')
    .argument('<logs...>', 'log files: kernel records (chatsim serve export, run --records) or delimited text with a header; .gz is read as gzip')
    .option('--out <file>', 'the scenario YAML to write (required); a file of yours is never replaced without --force')
    .option('--map <spec|file>', 'field mapping of delimited logs: key=column,… (date, arrival, wait, queued, handle, outcome, group, priority, agent, customer; dateFormat, timeFormat, delimiter) or a YAML mapping file with rules, groups, classes and calendar (see fit/presets/)')
    .option('--name <name>', 'the scenario\'s name (default: the --out file name)')
    .option('--day-types <spec>', 'day type of each weekday, e.g. sun-thu=weekday,fri=friday,sat=saturday (default: the mapping\'s, else mon-fri=weekday,sat-sun=weekend)')
    .option('--holidays <days>', 'days left out, YYYY-MM-DD,… (added to the mapping\'s)')
    .option('--interval <duration>', 'interval of the day for rates and staffing (default 1h)')
    .option('--patience <kind>', 'km (Kaplan–Meier quantiles, default) or exponential (MLE); the other is written as a comment')
    .option('--staffing <choice>', 'estimate (default), low or high end of the staffing sensitivity range')
    .option('--start-day <weekday>', 'weekday of day 0 of a records file (default mon)')
    .option('--staffing-window <duration>', 'while nobody waits, the most agents busy within ± this long stand for those taking calls (default 10m)')
    .option('--retry-window <duration>', 'a visitor\'s next contact in the group this soon after abandoning is a retry (default 1h; 0: fit no retries); needs visitor ids (customer= in --map, visitorId in records)')
    .option('--force', 'overwrite --out even if it is not an earlier fitted scenario')
    .option('--quiet', 'no summary of the rows read on stderr (bad rows are listed all the same)')
    .addHelpText('after', `
How each value is estimated (the YAML says it again beside each value):
  arrivals   mean count per interval over the days of each day type; dailyCv by moments of the
             daily totals beyond Poisson: cv² = (s² − m) / m²
  patience   waits of abandoned contacts are events, of answered ones censored: exponential MLE
             (Σ waits / abandonments) and a Kaplan–Meier curve as quantiles with an exponential tail
  handle     lognormal or gamma (MLE, mean kept), else empirical quantiles, by Kolmogorov–Smirnov
  staffing   from agent states when the log has them; else, moment by moment, the agents busy
             while someone waited, or the most busy within ±10 min while nobody did; a mean over
             days; range low (busy while waiting) – high (agents seen serving)
  retries    where contacts name their visitor: an abandoned contact followed by the visitor's next
             contact in the group within --retry-window of leaving; share retried / abandoned
             (Wilson CI), the delays fitted like handle times; those retries leave the arrivals

Examples:
  $ chatsim fit 01_January.txt.gz 02_February.txt.gz --map fit/presets/anonymous-bank-1999.yaml --out bank.yaml
  $ chatsim fit calls.csv --map date=day,arrival=offered_at,wait=wait_s,handle=talk_s,outcome=result --out calls.yaml
  $ chatsim fit export.jsonl --out refit.yaml
`)
    .action(async (logs: string[], opts) => exit(await (await import('./commands/fit.js')).fitCommand({ logs, ...opts }, io)));

  program
    .command('backtest')
    .description('run a scenario over the logs\' calendar and compare with what the logs show, by hour and by day, beside the naive forecast')
    .argument('<file>', 'scenario YAML file (e.g. from chatsim fit)')
    .argument('<logs...>', 'log files to compare against (as for fit)')
    .option('--map <spec|file>', 'field mapping of delimited logs (as for fit)')
    .option('--fit-logs <logs...>', 'the fit period\'s logs: the naive forecast "the fit period repeats" (each day type\'s mean day)')
    .option('--day-types <spec>', 'day type of each weekday (as for fit)')
    .option('--holidays <days>', 'days left out of the comparison, YYYY-MM-DD,…')
    .option('--replications <n>', `replications (default ${BACKTEST_REPLICATIONS_HELP})`)
    .option('--seed <seed>', 'random seed (default: the scenario\'s seed)')
    .option('--interval <duration>', 'interval of the day of the comparison (default 1h)')
    .option('--hours <from-to>', 'hours of the day the hourly errors score (default 7-24)')
    .option('--days', 'also print the table by day')
    .option('--json <file>', 'write the backtest document as JSON')
    .option('--force', 'overwrite the --json file if it exists')
    .option('--quiet', 'no summary of the rows read on stderr (bad rows are listed all the same)')
    .addHelpText('after', `
Measured alike on the logs and on the simulated records: offered = contacts offered to people;
abandoned = left while waiting / offered; wait = queue wait over all offered; SL = answered
within T / offered. MAPE averages |model − log| / log over the scored hours.

Examples:
  $ chatsim backtest bank.yaml 03_March.txt.gz --map fit/presets/anonymous-bank-1999.yaml --fit-logs 01_January.txt.gz 02_February.txt.gz
  $ chatsim backtest bank.yaml 03_March.txt.gz --map bank-map.yaml --days --json march.json
`)
    .action(async (file: string, logs: string[], opts) => exit(await (await import('./commands/backtest.js')).backtestCommand({ file, logs, ...opts }, io)));

  program
    .command('replay')
    .description('replay a trace (or a scenario\'s) against a live backend with the Node runner; prints the measured metrics, the arrival lag and the comparison with the simulator\'s prediction of the same visitors')
    .argument('<file>', 'a trace (chatsim trace) or a scenario YAML (its trace is drawn now)')
    .requiredOption('--target <url>', 'the backend, e.g. http://127.0.0.1:8080 (chatsim serve on the same roster)')
    .option('--tokens <file>', 'the tokens file chatsim serve wrote (admin and agents)')
    .option('--admin-token <token>', 'the admin token (default: CHATSIM_ADMIN_TOKEN, else the tokens file\'s)')
    .option('--time-scale <x>', 'scenario seconds per wall second; must be the server\'s (default: read from the server)')
    .option('--from <time>', 'replay from this instant (09:00, or 1d9h from day 0); T0 is the first thing that happens from there')
    .option('--to <time>', 'replay visitors arriving before this instant (default: the horizon)')
    .option('--seed <seed>', 'with a scenario: the seed of the trace (default: the scenario\'s)')
    .option('--tolerance <list>', `pass/fail per metric: metric=10% | 2pp | 5s, comma-separated (default ${'frtP50=10%,frtP90=10%,abandonRate=2pp'})`)
    .option('--max-visitors <n>', 'refuse a window of more visitors than this (default 5000)')
    .option('--max-wall <duration>', 'refuse a replay longer than this in wall time (default 10m)')
    .option('--json <file>', 'write the comparison and the replay\'s figures (a compare-live document)')
    .option('--force', 'overwrite the output file if it exists')
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', `\nCtrl-C stops the replay cleanly: what was measured is still printed and written (exit 1).\n\nExamples:\n  $ chatsim serve --scenario day.yaml --time-scale 60 --db live.db &\n  $ chatsim replay day.yaml --target http://127.0.0.1:8080 --tokens live.db.tokens.json --from 09:00 --to 10:00 --json replay.json\n`)
    .action(async (file: string, opts) => {
      const interrupted = new Promise((resolve) => { process.once('SIGINT', resolve); });
      exit(await (await import('./commands/replay.js')).replayCommand({ file, ...opts, adminToken: opts.adminToken ?? process.env.CHATSIM_ADMIN_TOKEN, interrupted }, io));
    });

  program
    .command('compare-live')
    .description('predicted vs measured side by side, with deltas and pass/fail per tolerance; exit 1 when one fails')
    .requiredOption('--predicted <file>', 'the prediction: chatsim run --json (e.g. chatsim run --trace day.trace.jsonl --json run.json)')
    .requiredOption('--measured <file>', 'a backend export (GET /api/v1/export), a chatsim replay --json result, or a k6 summary')
    .option('--tolerance <list>', 'metric=10% | 2pp | 5s, comma-separated (default frtP50=10%,frtP90=10%,abandonRate=2pp)')
    .option('--json <file>', 'write the comparison (a compare-live document)')
    .option('--force', 'overwrite the output file if it exists')
    .addHelpText('after', `\nExamples:\n  $ chatsim compare-live --predicted run.json --measured export.jsonl --tolerance frtP90=10%,abandonRate=2pp\n`)
    .action(async (opts) => exit(await (await import('./commands/compare-live.js')).compareLiveCommand(opts, io)));

  program
    .command('report')
    .description('draw results of run, compare, sweep, backtest, replay or compare-live --json: one self-contained HTML file (opens offline), or SVG/PNG charts')
    .argument('<results...>', 'result JSON files (several runs are also shown side by side)')
    .requiredOption('--out <path>', 'the HTML file; with --format svg|png, the directory for the chart files')
    .option('--lang <lang>', 'labels in en or zh (the terms of 在线客服)', 'en')
    .option('--format <format>', 'html, or svg / png: each chart to <out>/<input>-<chart>.<format>', 'html')
    .option('--csv', 'also write each run\'s tables: <input>-intervals.csv and <input>-agents.csv beside the output')
    .option('--force', 'overwrite output files that are not earlier chatsim reports')
    .addHelpText('after', `\nA compare-live result (chatsim replay --json, chatsim compare-live --json) shows the predicted and\nmeasured FRT distributions overlaid and the per-interval lines side by side.\n\nExamples:\n  $ chatsim report day.json --out report.html\n  $ chatsim report day.json cmp.json --out charts --format png --lang zh\n  $ chatsim report replay.json --out live.html\n`)
    // loaded when used: vega and the renderers take a quarter of a second to load, which every other command would pay
    .action(async (files: string[], opts) => exit(await (await import('./commands/report.js')).reportCommand({ files, ...opts }, io)));

  program
    .command('erlang')
    .description('Erlang C (no abandonment) or Erlang A (M/M/n+M) staffing calculator')
    .addArgument(new Argument('<model>', 'c (Erlang C, no abandonment) or a (Erlang A, M/M/n+M)').choices(['c', 'a']))
    .requiredOption('--rate <rate>', 'arrival rate, e.g. 300/h')
    .requiredOption('--aht <duration>', 'mean handle time, e.g. 4m')
    .requiredOption('--agents <n>', 'number of agents')
    .option('--patience <duration>', 'mean patience (Erlang A only), e.g. 90s')
    .option('--concurrency <n>', 'chats an agent handles at once (servers = agents × concurrency)', DEFAULT_CONCURRENCY)
    .option('--sl-time <duration>', 'service-level threshold T', DEFAULT_SL_TIME)
    .option('--json', 'print JSON')
    .addHelpText('after', `\nExamples:\n  $ chatsim erlang c --rate 300/h --aht 4m --agents 22\n  $ chatsim erlang a --rate 240/h --aht 4m --patience 90s --agents 18 --concurrency 2 --json\n`)
    .action(async (model: 'c' | 'a', opts) => exit(await erlangCommand({ model, ...opts }, io)));

  program.addHelpText('after', `
Examples:
  chatsim validate scenarios/examples/webshop-day.yaml
  chatsim run scenarios/examples/webshop-day.yaml --replications 20 --json result.json
  chatsim run scenarios/examples/novice-vs-expert.yaml --policy least-loaded
  chatsim sweep scenarios/examples/webshop-day.yaml --set agents.senior.count=2..6 --set agents.senior.maxConcurrent=4,6
  chatsim staff scenarios/examples/webshop-day.yaml --target "serviceLevel >= 80%" --target "abandonRate <= 3%" --out roster.yaml
  chatsim erlang a --rate 240/h --aht 4m --patience 90s --agents 18
  chatsim fit jan.txt.gz feb.txt.gz --map fit/presets/anonymous-bank-1999.yaml --out bank.yaml
  chatsim backtest bank.yaml mar.txt.gz --map fit/presets/anonymous-bank-1999.yaml --fit-logs jan.txt.gz feb.txt.gz
  chatsim report result.json --out report.html --lang zh
  chatsim trace scenarios/examples/webshop-day.yaml --out day.trace.jsonl && chatsim run --trace day.trace.jsonl
  chatsim measure export.jsonl

Exit codes: 0 ok, 1 a check failed, 2 invalid input.`);

  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2 (commander already printed the message)
      return err.exitCode === 0 ? 0 : EXIT_INVALID;
    }
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof ChatsimError) {
      io.stderr(formatError(err));
      return err.exitCode;
    }
    io.stderr(`chatsim: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    return EXIT_INTERNAL;
  }
  return code;
}

/**
 * Keeps the command quiet when the reader of stdout or stderr goes away (`chatsim check … | head
 * -1`): the rest of the output is dropped, no stack trace is printed, and the command still ends
 * with its own exit code (1 when `check` finds a target missed, 0 when all is well), so a pipeline
 * under `set -o pipefail` reads the verdict, not the pipe. Any other stream error is still a bug.
 */
export function endQuietlyOnClosedPipe(streams: ReadonlyArray<NodeJS.WriteStream>): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') stream.destroy();
      else throw err;
    });
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.argv[1]?.endsWith('/chatsim') || process.argv[1]?.endsWith('cli/main.js')) {
  endQuietlyOnClosedPipe([process.stdout, process.stderr]);
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

// `chatsim check <file>`: runs the scenario's replications and checks its sla block. Exit 0 when
// every target holds, 1 when any fails, 2 on invalid input; `--junit` writes one test case per
// target for CI.

import type { Io } from '../io.js';
import { EXIT_FAIL, EXIT_INVALID, EXIT_OK } from '../io.js';
import { METRICS, checkResultDocument, checkScenario, type TargetResult } from '../../api/index.js';
import { junitXml } from '../../reports/junit.js';
import { SPARSE_MARK, formatCi, formatValue, sparseNote, table, toJson, writeResultFile } from '../output.js';
import { budgetProblem, loadCommandScenario, outputProblem, parseRunOptions, warmupProblem } from './run.js';
import { progress } from '../progress.js';

export interface CheckCommandOptions {
  file: string;
  seed?: string;
  replications?: string;
  policy?: string;
  warmup?: string;
  workers?: string;
  junit?: string;
  json?: string;
  force?: boolean;
  quiet?: boolean;
}

const unitOf = (metric: string) => METRICS.find((m) => m.name === metric)?.unit ?? 'count';

function scopeText(r: TargetResult): string {
  return r.scope === 'group' ? `group ${r.group}` : r.scope === 'interval' ? 'every interval' : 'overall';
}

/** One sentence on a target's verdict, for people and for JUnit. */
export function describeResult(r: TargetResult): string {
  const u = unitOf(r.metric);
  const where = r.scope === 'interval' && r.worstInterval ? ` (worst interval ${r.worstInterval})` : '';
  const measured = `${r.metric}${where} = ${formatValue(r.measured, u)}${r.ci95 ? ` ${formatCi(r.ci95, u)}` : ''}`;
  const target = `target ${r.op} ${formatValue(r.value, u)}`;
  let verdict: string;
  if (r.measured === null) verdict = 'no value to check (no conversation it applies to)';
  else if (r.pass) verdict = `met with ${formatValue(Math.abs(r.margin ?? 0), u)} to spare`;
  else verdict = `missed by ${formatValue(Math.abs(r.margin ?? 0), u)}`;
  const missed = r.missedIntervals && r.missedIntervals.length > 0 ? `; missed in ${r.missedIntervals.map((m) => m.start).join(', ')}` : '';
  return `${measured}, ${target}: ${verdict}${missed}${r.atRisk ? ' (at risk: the 95% CI straddles the target)' : ''}`;
}

/** Runs `chatsim check`. */
export async function checkCommand(opts: CheckCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  const parsed = parseRunOptions(opts, 'check');
  if (!parsed.ok) return fail(parsed.error);
  const outputs = outputProblem(io, 'check', [[opts.junit, 'xml'], [opts.json, 'json']], opts.force);
  if (outputs) return fail(outputs);
  const loaded = loadCommandScenario(opts.file, io);
  if (!loaded) return EXIT_INVALID;
  const scenario = loaded.scenario;
  if (scenario.sla.length === 0) {
    return fail(`chatsim check: ${opts.file} has no sla block, so there is nothing to check; add targets such as\n  sla:\n    - serviceLevel >= 80%\n    - { target: "frtP90 <= 45s", per: interval }`);
  }
  const warmup = warmupProblem('check', parsed.warmupSec, scenario);
  if (warmup) return fail(warmup);
  const budget = budgetProblem(io, 'check', scenario, { replications: parsed.replications, maxVisitors: parsed.maxVisitors, quiet: opts.quiet });
  if (budget) return fail(budget);

  const bar = progress(io, 'replications', opts.quiet);
  const check = await checkScenario(scenario, {
    seed: parsed.seed, replications: parsed.replications, policy: parsed.policy, warmupSec: parsed.warmupSec,
    workers: parsed.workers, onProgress: (d, t) => bar.update(d, t),
  });
  bar.finish();
  const result = check.replications;
  const results = check.targets;

  const rows: string[][] = [['target', 'scope', 'measured', '95% CI', 'margin', 'verdict']];
  for (const r of results) {
    const u = unitOf(r.metric);
    rows.push([
      r.text,
      scopeText(r) + (r.scope === 'interval' && r.worstInterval ? ` (worst ${r.worstInterval})` : ''),
      formatValue(r.measured, u),
      formatCi(r.ci95, u) + (r.sparse ? SPARSE_MARK : ''),
      r.margin === null ? '–' : (r.margin >= 0 ? '+' : '-') + formatValue(Math.abs(r.margin), u),
      (r.pass ? 'pass' : 'FAIL') + (r.atRisk ? ' (at risk)' : ''),
    ]);
  }
  const failed = results.filter((r) => !r.pass);
  io.stdout(`${scenario.name}: ${result.replications} replications (seed ${result.seed}), policy ${result.policy}\n\n`);
  io.stdout(table(rows, (c) => c >= 2 && c <= 4));
  io.stdout(sparseNote(results.map((r) => [r.text, r.sparse])));
  io.stdout('\n');
  for (const r of failed) io.stdout(`FAIL  ${r.text} (${scopeText(r)}): ${describeResult(r)}\n`);
  for (const r of results.filter((x) => x.pass && x.atRisk)) io.stdout(`RISK  ${r.text} (${scopeText(r)}): ${describeResult(r)}\n`);
  io.stdout(`${results.length - failed.length} of ${results.length} targets met${failed.length > 0 ? `; ${failed.length} failed` : ''}\n`);

  if (opts.junit) {
    const err = writeResultFile(io, opts.junit, junitXml(scenario.name, results, describeResult), opts.force, 'xml');
    if (err) return fail(`chatsim check: ${err}`);
  }
  if (opts.json) {
    const doc = checkResultDocument(scenario, opts.file, check);
    const err = writeResultFile(io, opts.json, toJson(doc), opts.force);
    if (err) return fail(`chatsim check: ${err}`);
  }
  return failed.length > 0 ? EXIT_FAIL : EXIT_OK;
}

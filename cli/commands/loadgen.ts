// `chatsim loadgen <scenario> --target URL --out DIR`: writes a k6 load test of one replication's
// visitors — the trace, the bundled k6 script, the exact k6 command line (k6-run.sh), and a
// k6-operator TestRun manifest with its apply script — and with --run runs k6 on it. Refuses to
// replace a user's files without --force. Parse options → API → write.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT_FAIL, EXIT_INVALID, EXIT_OK, type Io } from '../io.js';
import {
  BOUNDS, BUNDLE_MARK, findK6, k6Args, k6BundlePath, K6_HOW_TO, K6_OFFLINE_ENV, k6Thresholds, LOADGEN_FILES, LOADGEN_MARK,
  operatorManifest, operatorScript, runScript, TRACE_FORMAT, writeTrace, type RunFilesOptions,
} from '../../api/index.js';
import { jsonLinesKind } from '../output.js';
import { formatClock } from '../../core/units.js';
import { inWindow } from '../../loadgen/behaviour/timeline.js';
import { parseCount, parsePositiveNumber, parseWindowOptions } from '../options.js';
import { grouped } from '../messages.js';
import { budgetProblem, loadCommandScenario, outputProblem, parseRunOptions } from './run.js';

/** Options of `chatsim loadgen`. */
export interface LoadgenCommandOptions {
  file: string;
  target: string;
  out: string;
  seed?: string;
  replication?: string;
  timeScale?: string;
  parallelism?: string;
  vus?: string;
  /** Replay only visitors arriving in [from, to) (`09:00`, or `1d9h` from day 0), as `chatsim replay` does. */
  from?: string;
  to?: string;
  run?: boolean;
  force?: boolean;
  maxVisitors?: string;
}

/** A trace visitor line's arrival (`{"at":32403.09,…`: the codec writes `at` first). */
const AT_OF_LINE = /^\{"at":(-?[0-9.eE+-]+)[,}]/;

/** Largest time scale accepted (a day in under 10 s). */
const MAX_TIME_SCALE = 10_000;

/** How `--run` starts k6 (tests replace it); resolves to k6's exit code. */
export type K6Runner = (k6: string, args: string[], cwd: string, env: Record<string, string>, io: Io) => Promise<number>;

const spawnK6: K6Runner = (k6, args, cwd, env) => new Promise((resolvePromise) => {
  const child = spawn(k6, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
  child.on('error', () => resolvePromise(EXIT_FAIL));
  child.on('close', (code) => resolvePromise(code ?? EXIT_FAIL));
});

/**
 * Writes the load test into `--out` and, with `--run`, runs it. Exit 0; 2 on invalid input; with
 * --run, k6's exit code (99: a threshold failed), or 1 when there is no k6.
 * @example await loadgenCommand({ file: 'day.yaml', target: 'http://127.0.0.1:8080', out: 'load', timeScale: '60' }, nodeIo())
 */
export async function loadgenCommand(opts: LoadgenCommandOptions, io: Io, runK6: K6Runner = spawnK6, env: Record<string, string | undefined> = process.env): Promise<number> {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  const parsed = parseRunOptions({ seed: opts.seed, maxVisitors: opts.maxVisitors }, 'loadgen');
  if (!parsed.ok) return fail(parsed.error);
  if (!/^https?:\/\/[^/\s]+/.test(opts.target)) return fail(`chatsim loadgen: --target must be the backend's http:// or https:// URL, e.g. http://127.0.0.1:8080 (got "${opts.target}")`);
  const numbers: Record<'replication' | 'timeScale' | 'parallelism' | 'vus', number | undefined> = { replication: undefined, timeScale: undefined, parallelism: undefined, vus: undefined };
  for (const [key, text, parse] of [
    ['replication', opts.replication, (t: string) => parseCount('--replication', t, { min: 1, max: BOUNDS.maxReplications })],
    ['timeScale', opts.timeScale, (t: string) => parsePositiveNumber('--time-scale', t, MAX_TIME_SCALE)],
    ['parallelism', opts.parallelism, (t: string) => parseCount('--parallelism', t, { min: 1, max: 1000 })],
    ['vus', opts.vus, (t: string) => parseCount('--vus', t, { min: 1, max: 1_000_000 })],
  ] as const) {
    if (text === undefined) continue;
    const p = parse(text);
    if (!p.ok) return fail(`chatsim loadgen: ${p.error}`);
    numbers[key] = p.value;
  }
  const bundle = k6BundlePath();
  if (bundle === undefined) return fail('chatsim loadgen: the bundled k6 script is missing (dist/loadgen/k6/chatsim-k6.js); run npm run build');
  const path = (name: string) => join(opts.out, name);
  const outputs = outputProblem(io, 'loadgen', [
    [path(LOADGEN_FILES.trace), jsonLinesKind(TRACE_FORMAT)],
    [path(LOADGEN_FILES.script), { marker: BUNDLE_MARK }],
    [path(LOADGEN_FILES.run), { marker: LOADGEN_MARK }],
    [path(LOADGEN_FILES.manifest), { marker: LOADGEN_MARK }],
    [path(LOADGEN_FILES.operator), { marker: LOADGEN_MARK }],
  ], opts.force);
  if (outputs) return fail(outputs);
  const loaded = loadCommandScenario(opts.file, io);
  if (!loaded) return EXIT_INVALID;
  const scenario = loaded.scenario;
  // no estimate line: nothing is simulated, but the visitors drawn stay within the budget
  const budget = budgetProblem(io, 'loadgen', scenario, { replications: 1, maxVisitors: parsed.maxVisitors, quiet: true });
  if (budget) return fail(budget);
  const seed = parsed.seed ?? scenario.seed;
  const window = parseWindowOptions(opts.from, opts.to, scenario.horizonSec);
  if (!window.ok) return fail(`chatsim loadgen: ${window.error}`);

  let traceBytes = 0;
  let visitors: number;
  let inWin = 0;
  const out = io.createWriter(path(LOADGEN_FILES.trace));
  try {
    visitors = writeTrace(scenario, { seed, replication: numbers.replication ?? 1, source: `chatsim loadgen ${opts.file}` }, {
      write: (t) => {
        traceBytes += Buffer.byteLength(t);
        out.write(t);
        // one line per write: count the visitors the window replays
        const at = AT_OF_LINE.exec(t);
        if (at !== null && inWindow({ at: Number(at[1]) }, window.value.fromSec, window.value.toSec)) inWin++;
      },
    });
  } finally {
    out.close();
  }
  // the bundle is chatsim's own file, not the user's: read it where the package is
  const script = readFileSync(bundle, 'utf8');
  io.writeFile(path(LOADGEN_FILES.script), script);
  const o: RunFilesOptions = {
    scenario: scenario.name, target: opts.target.replace(/\/+$/, ''), timeScale: numbers.timeScale ?? 1, parallelism: numbers.parallelism ?? 1,
    payloadBytes: traceBytes + Buffer.byteLength(script) + 4096, ...(numbers.vus !== undefined ? { vus: numbers.vus } : {}),
    ...(opts.from !== undefined ? { fromSec: window.value.fromSec } : {}),
    ...(opts.to !== undefined ? { toSec: window.value.toSec } : {}),
  };
  io.writeFile(path(LOADGEN_FILES.run), runScript(o));
  const manifest = operatorManifest(o);
  io.writeFile(path(LOADGEN_FILES.manifest), manifest.yaml);
  io.writeFile(path(LOADGEN_FILES.operator), operatorScript(o, manifest.source));
  io.chmod?.(path(LOADGEN_FILES.run), 0o755);
  io.chmod?.(path(LOADGEN_FILES.operator), 0o755);

  const { thresholds, skipped } = k6Thresholds(scenario.sla);
  io.stdout(`wrote ${opts.out}/: ${LOADGEN_FILES.trace} (${grouped(visitors)} visitors of ${scenario.name}, seed ${seed}${opts.from !== undefined || opts.to !== undefined ? `; the k6 script replays the ${grouped(inWin)} arriving ${formatClock(window.value.fromSec)}–${formatClock(window.value.toSec)}` : ''}), ${LOADGEN_FILES.script}, ${LOADGEN_FILES.run}, ${LOADGEN_FILES.manifest} (k6-operator, ${manifest.source}), ${LOADGEN_FILES.operator}\n`);
  io.stdout(`thresholds: ${Object.entries(thresholds).map(([m, e]) => `${m} ${e.join(', ')}`).join('; ') || 'none (the scenario has no sla targets k6 can check)'}\n`);
  for (const s of skipped) io.stdout(`  not a k6 threshold: ${s.text} (${s.why})\n`);
  io.stdout(`tokens: put chatsim serve's tokens file at ${path(LOADGEN_FILES.tokens)} (admin and agent tokens), then run ${path(LOADGEN_FILES.run)}\n`);
  if (!opts.run) return EXIT_OK;

  const k6 = findK6(env);
  if (k6 === undefined) {
    io.stderr(`chatsim loadgen --run: no k6 found (${env.K6 ? `K6=${env.K6} is not an executable file` : 'K6 is not set and there is no k6 on PATH'}); ${K6_HOW_TO}. The files are written: run ${path(LOADGEN_FILES.run)} where k6 is installed.\n`);
    return EXIT_FAIL;
  }
  if (!io.exists(path(LOADGEN_FILES.tokens))) {
    io.stderr(`chatsim loadgen --run: ${path(LOADGEN_FILES.tokens)} is missing: copy chatsim serve's tokens file there first\n`);
    return EXIT_FAIL;
  }
  io.stderr(`running ${k6} ${k6Args(o).join(' ')} in ${opts.out}\n`);
  return runK6(k6, k6Args(o), resolve(io.cwd, opts.out), { ...K6_OFFLINE_ENV }, io);
}

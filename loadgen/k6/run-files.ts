// The files `chatsim loadgen` writes next to the trace and the bundled script: the exact k6 command
// line (a shell file), and for a Kubernetes cluster the k6-operator TestRun manifest and the shell
// file that loads the files into the cluster and applies it with one absolute start. Pure text;
// imports the kernel and this folder.

import { formatClock } from '../../core/units.js';
import { K6_ENV, DEFAULT_SUMMARY_FILE } from './env.js';
import { kubernetesName, T0_PLACEHOLDER, testRunManifest, type TestRunManifest } from './manifest.js';

/** The file names inside the output directory. */
export const LOADGEN_FILES = {
  trace: 'trace.jsonl',
  script: 'chatsim-k6.js',
  tokens: 'tokens.json',
  run: 'k6-run.sh',
  manifest: 'testrun.yaml',
  operator: 'k6-operator.sh',
} as const;

/** The first line of every text file chatsim loadgen writes (how a later run tells them from a user's). */
export const LOADGEN_MARK = '# chatsim loadgen';
/** The bundle's first line (scripts/bundle-k6.mjs writes it). */
export const BUNDLE_MARK = '// chatsim k6 load test';

/** What the run files describe. */
export interface RunFilesOptions {
  scenario: string;
  /** The backend, `http://host:port`. */
  target: string;
  timeScale: number;
  /** k6-operator runners. */
  parallelism: number;
  /** Bytes of script + trace + tokens (ConfigMap or volume claim). */
  payloadBytes: number;
  /** Visitor VUs, when set by hand. */
  vus?: number;
  /** The window replayed, scenario seconds from day 0 (`--from` / `--to`); the whole trace when absent. */
  fromSec?: number;
  toSec?: number;
}

/** ` (visitors arriving 09:00–10:00)` when the run replays a window, else ''. */
function windowText(o: Pick<RunFilesOptions, 'fromSec' | 'toSec'>): string {
  if (o.fromSec === undefined && o.toSec === undefined) return '';
  return ` (visitors arriving ${o.fromSec === undefined ? 'from the start' : formatClock(o.fromSec)}–${o.toSec === undefined ? 'the end' : formatClock(o.toSec)})`;
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The environment the script gets on one machine (paths relative to the output directory). */
export function runEnv(o: RunFilesOptions): Record<string, string> {
  return {
    [K6_ENV.target]: o.target,
    [K6_ENV.trace]: LOADGEN_FILES.trace,
    [K6_ENV.tokens]: LOADGEN_FILES.tokens,
    [K6_ENV.timeScale]: String(o.timeScale),
    [K6_ENV.summary]: DEFAULT_SUMMARY_FILE,
    ...(o.vus !== undefined ? { [K6_ENV.vus]: String(o.vus) } : {}),
    ...(o.fromSec !== undefined ? { [K6_ENV.from]: String(o.fromSec) } : {}),
    ...(o.toSec !== undefined ? { [K6_ENV.to]: String(o.toSec) } : {}),
  };
}

/**
 * The k6 arguments of a run on one machine (after `k6`), in the output directory.
 * @example spawn('k6', k6Args(o), { cwd: 'load' })
 */
export function k6Args(o: RunFilesOptions): string[] {
  const args = ['run'];
  for (const [k, v] of Object.entries(runEnv(o))) args.push('-e', `${k}=${v}`);
  args.push(LOADGEN_FILES.script);
  return args;
}

/**
 * The shell file of the k6 run: from the output directory, with the offline settings; CHATSIM_T0
 * (epoch ms) is passed on when set, so machines that split one test start it together.
 * @example runScript({ scenario: 'webshop-day', target: 'http://127.0.0.1:8080', timeScale: 60, parallelism: 1, payloadBytes: 1e5 })
 */
export function runScript(o: RunFilesOptions): string {
  const args = k6Args(o).map((a, i) => (i === 0 || a === '-e' ? a : sh(a)));
  const lines: string[] = [];
  for (let i = 1; i < args.length - 1; i += 2) lines.push(`  ${args[i]} ${args[i + 1]} \\`);
  return `#!/bin/sh
${LOADGEN_MARK}: the k6 run of ${o.scenario}${windowText(o)} against ${o.target} at time scale ${o.timeScale}.
# Needs k6 v2.x or v1.6.0+ (the first with the stable k6/websockets) on PATH, or K6=/path/to/k6. Split over machines with
# k6's --execution-segment and the same CHATSIM_T0 (epoch ms) on each, e.g.
#   CHATSIM_T0=$(( $(date +%s) * 1000 + 30000 )) ./${LOADGEN_FILES.run} --execution-segment 0:1/2 --execution-segment-sequence 0,1/2,1
# Exit 99: a threshold (the scenario's sla targets) failed. The summary: ${DEFAULT_SUMMARY_FILE}.
set -e
cd "$(dirname "$0")"
export K6_NO_USAGE_REPORT=true K6_AUTO_EXTENSION_RESOLUTION=false
exec "\${K6:-k6}" run \\
${lines.join('\n')}
  \${CHATSIM_T0:+-e CHATSIM_T0="$CHATSIM_T0"} \\
  ${LOADGEN_FILES.script} "$@"
`;
}

/**
 * The TestRun manifest (with its first line marking it as ours).
 * @example writeFileSync('load/testrun.yaml', operatorManifest(o).yaml)
 */
export function operatorManifest(o: RunFilesOptions): TestRunManifest {
  // the manifest mounts the trace and the tokens at its own paths
  const env = runEnv(o);
  delete env[K6_ENV.trace];
  delete env[K6_ENV.tokens];
  const m = testRunManifest({
    name: kubernetesName(`chatsim-${o.scenario}`), parallelism: o.parallelism,
    scriptFile: LOADGEN_FILES.script, traceFile: LOADGEN_FILES.trace, tokensFile: LOADGEN_FILES.tokens,
    payloadBytes: o.payloadBytes, env,
  });
  return { ...m, yaml: `${LOADGEN_MARK}: the k6-operator TestRun of ${o.scenario}; apply with ./${LOADGEN_FILES.operator}\n${m.yaml}` };
}

/**
 * The shell file that puts the files into the cluster and applies the manifest with one start instant.
 * @example writeFileSync('load/k6-operator.sh', operatorScript(o, operatorManifest(o).source))
 */
export function operatorScript(o: RunFilesOptions, source: TestRunManifest['source']): string {
  const name = kubernetesName(`chatsim-${o.scenario}`);
  const files = [LOADGEN_FILES.script, LOADGEN_FILES.trace, LOADGEN_FILES.tokens];
  const load = source === 'configMap'
    ? `kubectl create configmap ${name} ${files.map((f) => `--from-file=${f}`).join(' ')} --dry-run=client -o yaml | kubectl apply -f -`
    : `# over 1 MiB: the files go on a ReadWriteMany volume claim named ${name} (create it first), e.g.
#   kubectl run ${name}-copy --image=busybox --restart=Never --overrides='…mount ${name} at /test…' -- sleep 600
#   ${files.map((f) => `kubectl cp ${f} ${name}-copy:/test/${f}`).join('; ')}
: "\${SKIP_COPY:?copy ${files.join(', ')} onto the volume claim ${name} (see above), then run with SKIP_COPY=1}"`;
  return `#!/bin/sh
${LOADGEN_MARK}: loads ${files.join(', ')} into the cluster (${source === 'configMap' ? 'a ConfigMap' : 'a volume claim'} named ${name})
# and applies ${LOADGEN_FILES.manifest} with every runner starting the replay at the same instant.
set -e
cd "$(dirname "$0")"
${load}
T0=\${CHATSIM_T0:-$(( $(date +%s) * 1000 + \${CHATSIM_LEAD_MS:-60000} ))}
sed "s/${T0_PLACEHOLDER}/$T0/" ${LOADGEN_FILES.manifest} | kubectl apply -f -
echo "TestRun ${name} applied; the replay starts at $T0 (epoch ms)"
`;
}

// The k6-operator `TestRun` manifest of a load test (apiVersion k6.io/v1alpha1): `parallelism`
// runners over the bundled script and the trace, mounted from a ConfigMap, or from a volume claim
// when they are too big for one (a ConfigMap holds at most 1 MiB). Pure text out; imports the yaml
// package and this folder.

import { stringify } from 'yaml';

/** Largest ConfigMap payload Kubernetes accepts, bytes (1 MiB). */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** Where k6-operator mounts the script's ConfigMap or volume claim in each runner. */
export const OPERATOR_MOUNT = '/test';
/** Placeholder for the replay's start instant (epoch ms), filled in when the manifest is applied. */
export const T0_PLACEHOLDER = '__CHATSIM_T0__';

/** What the manifest describes. */
export interface TestRunOptions {
  /** Kubernetes name (lower-case letters, digits, '-'); the ConfigMap or claim shares it. */
  name: string;
  /** Runners the test is split over (k6 execution segments); ≥ 1. */
  parallelism: number;
  /** File names inside the ConfigMap or claim. */
  scriptFile: string;
  traceFile: string;
  tokensFile: string;
  /** Bytes of script + trace + tokens, to choose ConfigMap or volume claim. */
  payloadBytes: number;
  /** The script's environment (CHATSIM_TARGET, CHATSIM_TIME_SCALE, …); paths are set here. */
  env: Record<string, string>;
}

/** The manifest as YAML and how its files get into the cluster. */
export interface TestRunManifest {
  yaml: string;
  /** `configMap` when the files fit in one (≤ 1 MiB), else `volumeClaim`. */
  source: 'configMap' | 'volumeClaim';
}

/** A Kubernetes object name from free text: lower case, [a-z0-9-], at most 63 characters. */
export function kubernetesName(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return s === '' ? 'chatsim' : s;
}

/**
 * The TestRun manifest. CHATSIM_T0 is {@link T0_PLACEHOLDER}: every runner must get the same
 * absolute start, so the apply script replaces it with "now + lead" just before `kubectl apply`.
 * @example testRunManifest({ name: 'webshop-day', parallelism: 2, scriptFile: 'chatsim-k6.js', traceFile: 'trace.jsonl', tokensFile: 'tokens.json', payloadBytes: 9e4, env: { CHATSIM_TARGET: 'http://chat:8080' } }).yaml
 */
export function testRunManifest(o: TestRunOptions): TestRunManifest {
  const source = o.payloadBytes > CONFIGMAP_MAX_BYTES ? 'volumeClaim' : 'configMap';
  const env = {
    ...o.env,
    CHATSIM_TRACE: `${OPERATOR_MOUNT}/${o.traceFile}`,
    CHATSIM_TOKENS: `${OPERATOR_MOUNT}/${o.tokensFile}`,
    CHATSIM_T0: T0_PLACEHOLDER,
    K6_NO_USAGE_REPORT: 'true',
  };
  const doc = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: o.name },
    spec: {
      parallelism: o.parallelism,
      script: { [source]: { name: o.name, file: o.scriptFile } },
      // the chatsim summary goes to the runner's log too; thresholds still decide the exit code
      arguments: '--no-usage-report',
      runner: { env: Object.entries(env).map(([name, value]) => ({ name, value })) },
    },
  };
  return { yaml: stringify(doc, { lineWidth: 0 }), source };
}

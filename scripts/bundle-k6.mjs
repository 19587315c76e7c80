// Bundles the k6 script (loadgen/k6/script.ts and the kernel code it uses) into one ES module,
// dist/loadgen/k6/chatsim-k6.js, that imports only k6's built-in modules (k6, k6/*): machines that
// run load tests are often offline, and k6 runs no npm packages. Also the k6 load of
// `npm run bench:backend` (loadgen/k6/bench-script.ts → dist/loadgen/k6/chatsim-k6-bench.js).
// Part of `npm run build`.
import { build } from 'esbuild';

const K6_BUILTINS = ['k6', 'k6/http', 'k6/ws', 'k6/websockets', 'k6/metrics', 'k6/data', 'k6/execution', 'k6/timers'];

const common = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  // k6 ≥ 0.52 runs ES2020+ natively (Sobek); older k6 transpiles with Babel
  target: 'es2020',
  external: K6_BUILTINS,
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [new URL('../loadgen/k6/script.ts', import.meta.url).pathname],
  outfile: new URL('../dist/loadgen/k6/chatsim-k6.js', import.meta.url).pathname,
  banner: { js: '// chatsim k6 load test (bundled by esbuild from loadgen/k6/script.ts; built-in k6 modules only). See `chatsim loadgen --help`.' },
});

// the k6 half of `npm run bench:backend` (scripts/bench-backend.mjs runs it)
await build({
  ...common,
  entryPoints: [new URL('../loadgen/k6/bench-script.ts', import.meta.url).pathname],
  outfile: new URL('../dist/loadgen/k6/chatsim-k6-bench.js', import.meta.url).pathname,
  banner: { js: '// chatsim bench:backend load for k6 (bundled by esbuild from loadgen/k6/bench-script.ts; built-in k6 modules only).' },
});

// The architecture as a test: reads every TypeScript source file's imports and fails on a
// forbidden direction. The table below is the design (see STYLE.md, "The shape"); a header comment
// that forbids an import is backed by it.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));

/**
 * Layers, most specific first, and what each may import (itself always). `cli` and `scripts` sit
 * on top and may import everything.
 */
const LAYERS: ReadonlyArray<{ layer: string; dir: string; may: readonly string[] }> = [
  { layer: 'core', dir: 'core', may: [] },
  { layer: 'sim/engine', dir: 'sim/engine', may: ['core'] },
  { layer: 'sim/model', dir: 'sim/model', may: ['sim/engine', 'core'] },
  { layer: 'sim/analytic', dir: 'sim/analytic', may: ['core'] },
  { layer: 'sim/experiments', dir: 'sim/experiments', may: ['sim/model', 'sim/engine', 'sim/analytic', 'scenarios', 'core'] },
  { layer: 'sim/test-helpers', dir: 'sim/test-helpers', may: ['sim/model', 'sim/engine', 'sim/experiments', 'scenarios', 'core'] },
  { layer: 'scenarios', dir: 'scenarios', may: ['core'] },
  // fitting scenarios to logs: estimators, log readers, the scenario writer (no simulation)
  { layer: 'fit', dir: 'fit', may: ['scenarios', 'core'] },
  { layer: 'reports', dir: 'reports', may: ['core'] },
  { layer: 'backend', dir: 'backend', may: ['scenarios', 'core'] },
  // the behaviour runs in Node and in k6 bundles alike: the kernel and itself only
  { layer: 'loadgen/behaviour', dir: 'loadgen/behaviour', may: ['core'] },
  { layer: 'loadgen', dir: 'loadgen', may: ['loadgen/behaviour', 'scenarios', 'core'] },
  { layer: 'api', dir: 'api', may: ['sim/model', 'sim/engine', 'sim/analytic', 'sim/experiments', 'scenarios', 'fit', 'reports', 'core', 'backend', 'loadgen', 'loadgen/behaviour'] },
  { layer: 'cli', dir: 'cli', may: ['*'] },
  { layer: 'scripts', dir: 'scripts', may: ['*'] },
];

/** npm packages (and node: builtins) each layer may use; layers not listed may use any. */
const PACKAGES: Readonly<Record<string, readonly string[]>> = {
  // the kernel runs anywhere, in k6 bundles too: no node:*, only pure packages
  core: ['simple-statistics'],
  'sim/engine': ['seedrandom'],
  'sim/model': [],
  // no node:*, no k6/*: the same modules are bundled into the k6 script
  'loadgen/behaviour': [],
  // the live backend: its HTTP/WebSocket stack, SQLite, metrics, frame validation; tokens and files
  // the load generators: k6's built-in modules (the k6 script, bundled), yaml (the TestRun
  // manifest), ws (the Node runner's sockets), and finding k6 and the bundle on disk
  loadgen: ['k6', 'ws', 'yaml', 'node:fs', 'node:path'],
  backend: ['fastify', '@fastify/websocket', 'ws', 'better-sqlite3', 'prom-client', 'ajv', 'node:crypto', 'node:fs', 'node:os', 'node:path'],
};

const SKIP = new Set(['node_modules', 'dist', '.git']);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(ROOT, full));
  }
  return out;
}

function layerOf(file: string): (typeof LAYERS)[number] | undefined {
  return LAYERS.find((l) => file === l.dir || file.startsWith(`${l.dir}/`));
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

interface Violation { file: string; spec: string; why: string }

function check(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Violation[] {
  const from = layerOf(file);
  if (from === undefined) return [];
  const isTest = /\.test\.ts$|\/test-helpers\//.test(file);
  const bad: Violation[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = normalize(join(dirname(file), spec));
      const to = layerOf(target);
      if (to === undefined) {
        bad.push({ file, spec, why: `imports ${target}, outside every layer` });
        continue;
      }
      if (to.layer === from.layer || from.may.includes('*') || from.may.includes(to.layer)) continue;
      // tests may also use lower layers' helpers (seeded streams, scenario builders), never cli/
      if (isTest && to.layer !== 'cli' && to.layer !== 'api') continue;
      bad.push({ file, spec, why: `${from.layer} must not import ${to.layer} (allowed: ${from.may.join(', ') || 'nothing'})` });
    } else if (!isTest && PACKAGES[from.layer] !== undefined) {
      const pkg = spec.startsWith('node:') ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
      if (!PACKAGES[from.layer].includes(pkg)) bad.push({ file, spec, why: `${from.layer} may use only ${PACKAGES[from.layer].join(', ') || 'no packages'}` });
    }
  }
  return bad;
}

describe('architecture', () => {
  const files = sources(ROOT);

  it('finds the sources', () => {
    expect(files).toContain('core/records.ts');
    expect(files.length).toBeGreaterThan(50);
  });

  it('reads every kind of import', () => {
    expect(importsOf(`import { a } from './a.js';\nimport type { B } from "../b.js";\nexport { c } from './c.js';\nexport * as d from './d.js';\nimport './side.js';\nconst e = await import('./e.js');`))
      .toEqual(['./a.js', '../b.js', './c.js', './d.js', './side.js', './e.js']);
    expect(importsOf(`import {\n  a,\n  b,\n} from './multi.js';`)).toEqual(['./multi.js']);
  });

  it('catches a forbidden direction, a package out of place and an import outside every layer', () => {
    expect(check('reports/x.ts', "import { simulate } from '../sim/model/contact-centre.js';").map((v) => v.why))
      .toEqual(['reports must not import sim/model (allowed: core)']);
    expect(check('core/x.ts', "import { readFileSync } from 'node:fs';").map((v) => v.why)).toEqual(['core may use only simple-statistics']);
    expect(check('scenarios/x.ts', "import { nodeIo } from '../cli/io.js';").map((v) => v.why)).toEqual(['scenarios must not import cli (allowed: core)']);
    expect(check('core/x.ts', "import x from '../nowhere/x.js';").map((v) => v.why)).toEqual(['imports nowhere/x.js, outside every layer']);
    expect(check('loadgen/behaviour/x.ts', "import { setTimeout } from 'k6/timers';\nimport { c } from '../../scenarios/load.js';").map((v) => v.why))
      .toEqual(['loadgen/behaviour may use only no packages', 'loadgen/behaviour must not import scenarios (allowed: core)']);
    expect(check('loadgen/node/x.ts', "import { runVisitor } from '../behaviour/visitor.js';")).toEqual([]);
    expect(check('sim/model/x.ts', "import { t } from '../../core/units.js';\nimport { q } from '../engine/event-queue.js';")).toEqual([]);
    // tests may use lower layers' helpers, never the CLI
    expect(check('core/x.test.ts', "import { stream } from '../sim/engine/random.js';")).toEqual([]);
    expect(check('core/x.test.ts', "import { main } from '../cli/main.js';")).toHaveLength(1);
  });

  it('every file sits in a layer and imports only what its layer may', () => {
    const unplaced = files.filter((f) => layerOf(f) === undefined && f.includes('/'));
    expect(unplaced).toEqual([]);
    const violations = files.flatMap((f) => check(f)).map((v) => `${v.file}: '${v.spec}': ${v.why}`);
    expect(violations).toEqual([]);
  });

  it('every source file opens with a header comment saying what it owns', () => {
    const missing = files.filter((f) => !f.endsWith('.test.ts') && !/^(\/\/|#!)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(missing).toEqual([]);
  });
});

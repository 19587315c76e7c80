// The public API as a user meets it: the built package imported by its name through the exports
// map (`chatsim`, `chatsim/reports`, `chatsim/scenario.schema.json`), not the sources. Needs
// `npm run build` first (npm test does it).

import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  ChatsimError,
  EXIT_INVALID,
  ModelError,
  VERSION,
  checkScenario,
  compareResultDocument,
  documentJson,
  formatIssues,
  loadScenario,
  loadScenarioFile,
  parseOverride,
  parseTarget,
  runComparison,
  runReplications,
  runReplicationsParallel,
  runResultDocument,
  runSweep,
  simulate,
  summariseReplications,
  MetricsCollector,
  metricsContext,
  staff,
  staffResultDocument,
  sweepVariants,
  rosterScenarioText,
  type Scenario,
} from 'chatsim';
import { parseResult, reportSections } from 'chatsim/reports';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const SMALL = 'sim/experiments/__fixtures__/staff-small.yaml';
const text = readFileSync(`${root}${SMALL}`, 'utf8');

function small(): Scenario {
  const r = loadScenario(text, SMALL);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.scenario;
}

describe('the chatsim package, imported by its name', () => {
  it('resolves through the exports map to the build in dist/', () => {
    expect(require.resolve('chatsim')).toBe(`${root}dist/api/index.js`);
    expect(require.resolve('chatsim/reports')).toBe(`${root}dist/reports/index.js`);
    expect(require.resolve('chatsim/serve')).toBe(`${root}dist/api/serve.js`);
    expect(require.resolve('chatsim/replay')).toBe(`${root}dist/api/replay.js`);
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(Object.keys(pkg.exports)).toEqual(['.', './reports', './serve', './replay', './scenario.schema.json', './package.json']);
    expect(pkg.exports['.'].types).toBe('./dist/api/index.d.ts');
    expect(VERSION).toBe(pkg.version);
  });

  it('ships the scenario JSON schema', () => {
    const schema = require('chatsim/scenario.schema.json');
    expect(schema.$schema).toMatch(/json-schema/);
    expect(Object.keys(schema.properties)).toContain('agents');
  });

  it('loads a scenario from text and from a file; a bad one gives every issue, located', () => {
    expect(small().name).toBe('staff-small');
    const fromFile = loadScenarioFile(`${root}scenarios/examples/webshop-day.yaml`);
    expect(fromFile.ok && fromFile.scenario.name).toBe('webshop-day');
    const missing = loadScenarioFile('nope.yaml');
    expect(missing.ok ? '' : formatIssues(missing.issues)).toMatch(/^nope\.yaml:1:1 .*no such file/);
    const bad = loadScenario('name: x\ndays: 0\n', 'x.yaml');
    expect(bad.ok).toBe(false);
  });

  it('simulates one replication into a collector, and replications in parallel equal the sequential ones byte for byte', async () => {
    const scenario = small();
    const collector = new MetricsCollector(metricsContext(scenario));
    const stats = simulate(scenario, { seed: '3/rep-1', recorder: collector });
    expect(stats.visitors).toBeGreaterThan(100);
    const one = summariseReplications([collector.finish(stats.endAt)]);
    const sequential = runReplications(scenario, { replications: 3 });
    const parallel = await runReplicationsParallel(scenario, { replications: 3, workers: 2 });
    expect(one.metrics.offered.mean).toBe(sequential.runs[0].overall.offered);
    expect(documentJson(runResultDocument(scenario, SMALL, parallel))).toBe(documentJson(runResultDocument(scenario, SMALL, sequential)));
  });

  it('a run document reads back through chatsim/reports and draws', () => {
    const scenario = small();
    const doc = runResultDocument(scenario, SMALL, runReplications(scenario, { replications: 2 }));
    const parsed = parseResult(documentJson(doc), 'small.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.doc.kind !== 'run') return;
    expect(parsed.doc.metrics.serviceLevel).toEqual(doc.metrics.serviceLevel);
    const [section] = reportSections([{ file: 'small.json', doc: parsed.doc }], 'en');
    expect(section.charts.map((c) => c.id)).toContain('small-by-interval');
  });

  it('compares, sweeps, staffs and checks', async () => {
    const scenario = small();
    const comparison = await runComparison(scenario, ['least-loaded', 'least-loaded'], ['frtMean'], { replications: 2, workers: 1 });
    expect(comparison.rows[1].differences!.frtMean.mean).toBe(0);
    expect(compareResultDocument(scenario, SMALL, comparison, ['frtMean']).baseline).toBe('least-loaded');

    const spec = parseOverride('agents.staff.count=4,6');
    if (!spec.ok) throw new Error(spec.error);
    const variants = sweepVariants(text, SMALL, [spec.spec]);
    if (!variants.ok) throw new Error(variants.error);
    const points = await runSweep(variants.variants, ['serviceLevel'], { replications: 2, workers: 1 });
    expect(points.map((p) => p.settings['agents.staff.count'])).toEqual([4, 6]);
    expect(points[1].metrics.serviceLevel.mean!).toBeGreaterThan(points[0].metrics.serviceLevel.mean!);

    const target = parseTarget('serviceLevel >= 70%');
    if (!target.ok) throw new Error(target.error);
    const staffed = staff(scenario, { targets: [target.target], replications: 2 });
    expect(staffResultDocument(scenario, SMALL, staffed, [target.target]).roster.length).toBeGreaterThan(0);
    const roster = loadScenario(rosterScenarioText(text, scenario, staffed, [target.target]), 'roster.yaml');
    expect(roster.ok).toBe(true);
    if (!roster.ok) return;
    const check = await checkScenario(roster.scenario, { replications: 2, workers: 1 });
    expect(check.targets.map((t) => t.text)).toEqual(['serviceLevel >= 70%']);
  });

  it('fails with ChatsimErrors that carry their exit code', () => {
    const scenario = small();
    let caught: unknown;
    try {
      simulate(scenario, { seed: '1', recorder: new MetricsCollector(metricsContext(scenario)), policy: 'nope' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ModelError);
    if (!(caught instanceof ChatsimError)) throw new Error('expected a ChatsimError');
    expect(caught.exitCode).toBe(EXIT_INVALID);
  });
});

describe('the API index', () => {
  it('documents every exported function and class with TSDoc and an @example', () => {
    const index = `${root}api/index.ts`;
    const serve = `${root}api/serve.ts`;
    const replay = `${root}api/replay.ts`;
    const program = ts.createProgram([index, serve, replay], {
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      strict: true, skipLibCheck: true, noEmit: true, types: ['node'],
    });
    const checker = program.getTypeChecker();
    const exportsOf = (file: string) => checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!);
    const exported = exportsOf(index);
    const missing = [...exported, ...exportsOf(serve), ...exportsOf(replay)].filter((sym) => {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      if (!(target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) return false;
      return !target.getJsDocTags(checker).some((tag) => tag.name === 'example');
    }).map((sym) => sym.name);
    expect(exported.length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});

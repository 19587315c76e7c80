// End to end, with no type cast anywhere: `chatsim run --json` through the command with an
// in-memory io → the report's reader (parseResult) → the charts and the HTML sections, on a
// scenario with priority classes. The writer and the reader share the kernel's RunDocument, so a
// field the writer adds and the reader drops (as `classes` once was) fails here.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from './io.js';
import { runCommand } from './commands/run.js';
import { parseResult, reportHtml, reportSections, runCharts, type ReportDocument, type RunDocument } from '../reports/index.js';

const SCENARIO = readFileSync(new URL('../scenarios/examples/skills-overflow.yaml', import.meta.url), 'utf8');
const STUB = { vega: '/* vega */', vegaLite: '/* vega-lite */', vegaEmbed: '/* vega-embed */' };

/** Every key of a run document, so the compiler holds this list to the kernel's type. */
const RUN_DOCUMENT_KEYS = {
  tool: true, version: true, kind: true, scenario: true, seed: true, replications: true, policy: true, slTimeSec: true,
  warmupSec: true, intervalSec: true, horizonSec: true, metrics: true, intervals: true, groups: true, agents: true,
  classes: true, distributions: true, targets: true,
} satisfies Record<keyof RunDocument, true>;

function asRun(doc: ReportDocument): RunDocument {
  if (doc.kind !== 'run') throw new Error(`expected a run result, got ${doc.kind}`);
  return doc;
}

describe('run --json → parseResult → report, on a scenario with priority classes', () => {
  it('keeps every field the run wrote, and the report shows the per-class results', async () => {
    const io = memoryIo({ 'so.yaml': SCENARIO });
    const code = await runCommand({ file: 'so.yaml', replications: '2', seed: '5', workers: '1', json: 'so.json', quiet: true }, io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const text = io.files.get('so.json')!;

    const parsed = parseResult(text, 'so.json');
    if (!parsed.ok) throw new Error(parsed.error);
    const doc = asRun(parsed.doc);

    // nothing written is unknown to the reader's type, and nothing is lost on the way
    const keys = Object.keys(doc); // the parsed file itself
    expect(keys.filter((k) => !(k in RUN_DOCUMENT_KEYS))).toEqual([]);
    expect(keys).toContain('classes');
    expect(JSON.stringify(doc, null, 2) + '\n').toBe(text);

    // the classes, typed: a row per class of the scenario, with the class's own service level
    expect(Object.keys(doc.classes ?? {})).toEqual(['vip', 'standard']);
    const vip = doc.classes?.vip;
    const standard = doc.classes?.standard;
    expect(vip?.frtP90).toBeLessThan(standard?.frtP90 ?? 0);
    expect(vip?.offered ?? 0).toBeGreaterThan(0);

    // the charts: the class chart first, its bars the documents' means
    const charts = runCharts(doc, 'en');
    expect(charts.map((c) => c.id)).toEqual(['by-class', 'frt-histogram', 'frt-cdf', 'service-buckets', 'by-interval', 'agent-occupancy']);
    const spec = JSON.stringify(charts[0].spec);
    expect(spec).toContain(`"series":"vip","mean":${(vip?.serviceLevel ?? 0) * 100}`);

    // the HTML sections: the class table under the key figures
    const [section] = reportSections([{ file: 'so.json', doc }], 'en');
    expect(section.key).toBe('so');
    expect(section.before).toContain('<h3>By priority class</h3>');
    expect(section.before).toMatch(/<tr><td>vip<\/td>.*<\/tr>\n<tr><td>standard<\/td>/);
    const html = reportHtml([{ file: 'so.json', doc }], { lang: 'zh', libraries: STUB });
    expect(html).toContain('<h3>按优先级类别</h3>');
    expect(html).toContain('<div class="chart" id="so-by-class"');
  });
});

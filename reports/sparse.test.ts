import { describe, expect, it } from 'vitest';
import { reportSections } from './html.js';
import { parseResult } from './results.js';
import { runDoc } from './test-helpers/fixtures.js';

describe('a value resting on few conversations', () => {
  it('is read back with its flag and marked in the KPI table, with the note, in en and zh', () => {
    const doc = runDoc();
    doc.metrics.frtMean = { ...doc.metrics.frtMean, sparse: { basis: 42, minimum: 100 } };
    const parsed = parseResult(JSON.stringify(doc), 'sparse.json');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.doc.kind === 'run' && parsed.doc.metrics.frtMean.sparse).toEqual({ basis: 42, minimum: 100 });
    const en = reportSections([{ file: 'sparse.json', doc: parsed.doc }], 'en').map((s) => s.before).join('\n');
    expect(en).toMatch(/<span class="num">\[[^<]*\] \*<\/span>/);
    expect(en).toContain('rests on fewer than 100 conversations');
    const zh = reportSections([{ file: 'sparse.json', doc: parsed.doc }], 'zh').map((s) => s.before).join('\n');
    expect(zh).toContain('不足 100 个会话');
    const plain = reportSections([{ file: 'run.json', doc: runDoc() }], 'en').map((s) => s.before).join('\n');
    expect(plain).not.toContain('rests on fewer than');
  });
});

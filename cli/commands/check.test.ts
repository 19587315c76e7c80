import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const base = readFileSync(new URL('../../scenarios/examples/webshop-day.yaml', import.meta.url), 'utf8').split('\n# Service targets')[0];
const withSla = (...targets: string[]) => `${base}\nsla:\n${targets.map((t) => `  - ${t}`).join('\n')}\n`;
const run = async (yaml: string, ...extra: string[]) => {
  const io = memoryIo({ 's.yaml': yaml });
  const code = await main(['check', 's.yaml', '--replications', '4', ...extra], io);
  return { code, io };
};

describe('chatsim check', () => {
  it('exits 0 when every target holds', async () => {
    const { code, io } = await run(withSla('serviceLevel >= 50%', 'abandonRate <= 10%', '{ target: "frtP90 <= 5m", per: interval }'));
    expect(io.err).toMatch(/^chatsim check: simulating ~[\d,]+ visitors per replication × 4 replications \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    expect(code).toBe(0);
    expect(io.out).toMatch(/3 of 3 targets met/);
  });

  it('exits 1 when a target fails, saying which and by how much', async () => {
    const { code, io } = await run(withSla('serviceLevel >= 50%', 'frtMean <= 5s', '{ target: "abandonRate <= 0.1%", group: presales }'));
    expect(code).toBe(1);
    expect(io.out).toMatch(/FAIL {2}frtMean <= 5s \(overall\): frtMean = [\d.]+ s .*target <= 5\.0 s: missed by [\d.]+ s/);
    expect(io.out).toMatch(/FAIL {2}abandonRate <= 0\.1% \(group presales\)/);
    expect(io.out).toMatch(/1 of 3 targets met; 2 failed/);
  });

  it('flags a target whose confidence interval straddles it as at risk', async () => {
    // find the measured service level, then set the target right on it
    const probe = await run(withSla('serviceLevel >= 1%'), '--json', 'p.json');
    const sl = JSON.parse(probe.io.files.get('p.json')!).targets[0].measured as number;
    const { io } = await run(withSla(`serviceLevel >= ${(sl * 100).toFixed(2)}%`));
    expect(io.out).toMatch(/\(at risk\)/);
  });

  it('writes JUnit XML with one test case per target', async () => {
    const { code, io } = await run(withSla('serviceLevel >= 50%', 'frtMean <= 5s', '{ target: "frtP90 <= 5m", per: interval }'), '--junit', 'junit.xml');
    expect(code).toBe(1);
    const text = io.files.get('junit.xml')!;
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
    const suite = doc.testsuites.testsuite;
    expect(doc.testsuites.tests).toBe('3');
    expect(doc.testsuites.failures).toBe('1');
    const cases = suite.testcase as Array<{ name: string; failure?: { message: string } }>;
    expect(cases.map((c) => c.name)).toEqual(['serviceLevel >= 50% (overall)', 'frtMean <= 5s (overall)', 'frtP90 <= 5m (every interval)']);
    expect(cases[1].failure?.message).toMatch(/missed by/);
    expect(cases[0].failure).toBeUndefined();
  });

  it('exits 2 on invalid input', async () => {
    const noSla = await run(base);
    expect(noSla.code).toBe(2);
    expect(noSla.io.err).toMatch(/no sla block/);
    const bad = await run(withSla('serviceLevel >= lots'));
    expect(bad.code).toBe(2);
    expect(bad.io.err).toMatch(/s\.yaml:\d+:\d+ {2}sla\[0\]/);
    const io = memoryIo();
    expect(await main(['check', 'missing.yaml'], io)).toBe(2);
  });
});

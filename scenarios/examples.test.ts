// Every example scenario loads with no issues and points editors at the JSON Schema.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, loadScenario } from './load.js';

const dir = new URL('./examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('example scenarios', () => {
  it('include the four documented ones', () => {
    expect(examples).toEqual(expect.arrayContaining(['erlang-a.yaml', 'novice-vs-expert.yaml', 'promo-peak.yaml', 'webshop-day.yaml']));
  });

  describe.each(examples)('%s', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    it('loads with no issues', () => {
      const r = loadScenario(text, `scenarios/examples/${name}`);
      if (!r.ok) expect.fail(formatIssues(r.issues));
      expect(r.scenario.name).toBe(name.replace(/\.yaml$/, ''));
    });
    it('starts with the yaml-language-server schema line', () => {
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../scenario.schema.json');
    });
  });

  it('erlang-a is M/M/n+M: one group, cap 1, instant replies, exponential think time and patience', () => {
    const r = loadScenario(readFileSync(new URL('erlang-a.yaml', dir), 'utf8'), 'erlang-a.yaml');
    if (!r.ok) throw new Error(formatIssues(r.issues));
    const [g] = r.scenario.groups;
    expect(r.scenario.groups).toHaveLength(1);
    expect(g.arrivals.windows).toEqual([{ fromSec: 0, toSec: 86_400, ratePerSec: 240 / 3600 }]);
    expect(g).toMatchObject({
      patience: { kind: 'exponential', mean: 90 },
      rounds: { kind: 'fixed', value: 2 },
      thinkTime: { kind: 'exponential', mean: 240 },
      service: { firstReply: { kind: 'fixed', value: 0 }, nextReply: { kind: 'fixed', value: 0 }, wrapUp: { kind: 'fixed', value: 0 } },
    });
    expect(r.scenario.agents).toEqual([expect.objectContaining({ count: 20, maxConcurrent: 1, speed: 1, slowdown: 0 })]);
  });

  it('promo-peak multiplies day 0, 20:00–22:00, by 8', () => {
    const r = loadScenario(readFileSync(new URL('promo-peak.yaml', dir), 'utf8'), 'promo-peak.yaml');
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(r.scenario.groups[0].arrivals.promos).toEqual([{ name: 'double-11', startAt: 20 * 3600, endAt: 22 * 3600, factor: 8 }]);
  });
});

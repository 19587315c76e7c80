// The operations examples through the CLI: byte-identical JSON for any number of worker threads,
// and the per-class metrics in the JSON when the scenario has priority classes.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const example = (name: string) => readFileSync(new URL(`../../scenarios/examples/${name}`, import.meta.url), 'utf8');

describe('operations examples through chatsim run', () => {
  for (const name of ['skills-overflow.yaml', 'lurker.yaml', 'marketplace-week.yaml']) {
    it(`${name}: the same JSON with 1 and 2 worker threads`, async () => {
      const outs: string[] = [];
      for (const w of ['1', '2']) {
        const m = memoryIo({ [name]: example(name) });
        expect(await main(['run', name, '--replications', '3', '--workers', w, '--json', 'out.json', '--quiet'], m)).toBe(0);
        outs.push(m.files.get('out.json')!);
      }
      expect(outs[1]).toBe(outs[0]);
    });
  }

  it('skills-overflow: per-class metrics, VIP waiting less than standard', async () => {
    const m = memoryIo({ 'so.yaml': example('skills-overflow.yaml') });
    expect(await main(['run', 'so.yaml', '--replications', '3', '--json', 'out.json', '--quiet'], m)).toBe(0);
    const doc = JSON.parse(m.files.get('out.json')!);
    expect(Object.keys(doc.classes)).toEqual(['vip', 'standard']);
    expect(doc.classes.vip.queueWaitMeanAll).toBeLessThan(doc.classes.standard.queueWaitMeanAll);
    expect(doc.classes.vip.offered + doc.classes.standard.offered).toBeCloseTo(doc.metrics.offered.mean, 6);
  });

  it('webshop-day (no classes) has no classes key', async () => {
    const m = memoryIo({ 'w.yaml': example('webshop-day.yaml') });
    expect(await main(['run', 'w.yaml', '--replications', '2', '--json', 'out.json', '--quiet'], m)).toBe(0);
    expect(JSON.parse(m.files.get('out.json')!).classes).toBeUndefined();
  });
});

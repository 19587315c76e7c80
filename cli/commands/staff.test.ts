import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const yaml = readFileSync(new URL('../../sim/experiments/__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
const io = () => memoryIo({ 's.yaml': yaml });

describe('chatsim staff', () => {
  it('writes a roster scenario that chatsim check passes, with the formula estimates alongside', async () => {
    const m = io();
    const code = await main(['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--target', 'abandonRate <= 5%', '--out', 'roster.yaml', '--json', 'staff.json'], m);
    expect(m.err).toMatch(/^chatsim staff: simulating ~[\d,]+ visitors per replication × \d+ replications for each roster tried \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    expect(code).toBe(0);
    expect(m.out).toMatch(/interval\s+chats\/h\s+Erlang C\s+Erlang A\s+conc\. factor\s+simulated\s+serviceLevel\s+abandonRate/);
    expect(m.out).toMatch(/10:00–10:30\s+180\s+\d+\s+\d+\s+\d+\s+\d+/);
    expect(m.out).toMatch(/agent-hours\/day/);
    const doc = JSON.parse(m.files.get('staff.json')!);
    expect(doc).toMatchObject({ tool: 'chatsim', kind: 'staff', template: 'staff', intervalSec: 1800, targets: ['serviceLevel >= 80%', 'abandonRate <= 5%'] });
    expect(doc.intervals).toHaveLength(48);
    expect(doc.roster[0]).toMatchObject({ id: 'staff-1', shifts: [{ start: '09:00' }] });

    const roster = m.files.get('roster.yaml')!;
    expect(roster).toMatch(/# Roster from chatsim staff/);
    expect(roster).toMatch(/shifts:\n\s+- \{ start: "09:00", end: "\d\d:\d\d" \}/);
    expect(roster).toMatch(/\{ target: serviceLevel >= 80%, per: interval \}/);
    const c = io();
    c.files.set('roster.yaml', roster);
    expect(await main(['check', 'roster.yaml', '--workers', '1'], c)).toBe(0);
    expect(c.out).toMatch(/2 of 2 targets met/);
  });

  it('with another staffing interval writes it into the roster scenario', async () => {
    const m = io();
    expect(await main(['staff', 's.yaml', '--target', 'serviceLevel >= 70%', '--interval', '1h', '--replications', '4', '--out', 'r.yaml'], m)).toBe(0);
    expect(m.files.get('r.yaml')).toMatch(/^interval: 1h/m);
    expect(m.out).toMatch(/10:00–11:00/);
  });

  it('--min-shift lengthens short shifts and shows the rostered counts beside the minimum', async () => {
    const m = io();
    expect(await main(['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--min-shift', '2h', '--json', 'j.json'], m)).toBe(0);
    expect(m.out).toMatch(/simulated\s+rostered\s+serviceLevel/);
    expect(m.out).toMatch(/shifts of at least 2h/);
    const doc = JSON.parse(m.files.get('j.json')!);
    expect(doc.minShiftSec).toBe(7200);
    for (const g of doc.roster) for (const sh of g.shifts) expect(Number(sh.end.slice(0, 2)) * 60 + Number(sh.end.slice(3)) - Number(sh.start.slice(0, 2)) * 60 - Number(sh.start.slice(3))).toBeGreaterThanOrEqual(120);
  });

  it('staffs a scenario with overflow rings: the roster serves every skill, so the rings go', async () => {
    const so = readFileSync(new URL('../../scenarios/examples/skills-overflow.yaml', import.meta.url), 'utf8');
    expect(so).toMatch(/overflow:/);
    const m = memoryIo({ 'so.yaml': so });
    expect(await main(['staff', 'so.yaml', '--target', 'serviceLevel >= 70%', '--replications', '2', '--out', 'r.yaml'], m)).toBe(0);
    expect(m.err).toMatch(/^chatsim staff: simulating ~[\d,]+ visitors per replication × 2 replications for each roster tried \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    const roster = m.files.get('r.yaml')!;
    expect(roster).not.toMatch(/overflow:/);
    expect(await main(['validate', 'r.yaml'], m)).toBe(0);
  });

  it('rejects bad input with exit 2 and a clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['staff', 's.yaml'], /at least one --target/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 180'], /--target serviceLevel is a share/],
      [['staff', 's.yaml', '--target', 'servceLevel >= 80%'], /did you mean "serviceLevel"/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--interval', '7m'], /must be a duration that divides a day/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--template', 'nobody'], /no agent group "nobody"/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--max-agents', '0'], /--max-agents must be a whole number from 1 to 10,000 \(got "0"\)/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--min-shift', 'long'], /--min-shift "long" is not a duration/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--min-shift', '45m'], /whole number of staffing intervals/],
      [['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--out', 's.yaml', '--force'], /must not be the scenario file/],
      [['staff', 'nope.yaml', '--target', 'serviceLevel >= 80%'], /nope\.yaml:1:1 .*no such file/],
    ];
    for (const [args, re] of cases) {
      const m = io();
      expect(await main(args, m), args.join(' ')).toBe(2);
      expect(m.err, args.join(' ')).toMatch(re);
    }
  });

  it('does not overwrite a file the user wrote unless --force', async () => {
    const m = io();
    m.files.set('mine.yaml', 'my notes');
    expect(await main(['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--out', 'mine.yaml'], m)).toBe(2);
    expect(m.files.get('mine.yaml')).toBe('my notes');
    expect(m.err).toMatch(/not overwriting/);
  });
});

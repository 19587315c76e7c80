import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { loadScenario } from '../../scenarios/load.js';

const BANK = 'bank.txt.gz';
const bankBytes = readFileSync(new URL('../../fit/__fixtures__/anonymous-bank-1999-01-08-to-10.txt.gz', import.meta.url));
const preset = readFileSync(new URL('../../fit/presets/anonymous-bank-1999.yaml', import.meta.url), 'utf8');
const badRows = readFileSync(new URL('../../fit/__fixtures__/bad-rows.csv', import.meta.url), 'utf8');

/** An in-memory io that also serves the gzipped fixture as bytes. */
function io(files: Record<string, string> = {}) {
  const m = memoryIo({ 'bank.yaml.map': preset, 'bad.csv': badRows, ...files });
  return Object.assign(m, {
    readBytes(p: string) {
      if (p === BANK) return bankBytes;
      return Buffer.from(m.readFile(p), 'utf8');
    },
  });
}

const FIT = ['fit', BANK, '--map', 'bank.yaml.map', '--out', 'bank.yaml'];

describe('chatsim fit', () => {
  it('fits the bank extract into a scenario that loads, each value commented with its method', async () => {
    const m = io();
    expect(await main(FIT, m)).toBe(0);
    expect(m.err).toMatch(/^read 2,627 rows: [\d,]+ contacts offered to people; ignored by rule: [\d,]+ hung up in the VRU, \d+ virtual calls \(PHANTOM\); 0 bad rows\n$/);
    expect(m.out).toMatch(/1999-01-08 to 1999-01-10: 1 friday, 1 saturday, 1 weekday days/);
    expect(m.out).toMatch(/retail\s+[\d,]+\s+friday \d+, saturday \d+, weekday \d+/);
    const yaml = m.files.get('bank.yaml')!;
    const loaded = loadScenario(yaml, 'bank.yaml');
    expect(loaded.ok).toBe(true);
    for (const method of ['moments of the daily totals', 'maximum likelihood', 'Kaplan–Meier', 'Kolmogorov–Smirnov', 'busy while someone waited', 'agents seen serving']) expect(yaml).toContain(method);
    expect(yaml).toMatch(/- \{ from: "16:00", to: "17:00", rate: \d+\/h, days: \[mon, tue, wed, thu, sun\] \}/);
    expect(yaml).toMatch(/classes:\n {2}priority: \{ share: 0\.\d+, priority: 90 \}\n {2}regular: \{ share: 0\.\d+ \}/);
    // the startDay and the days lists are those of the Israeli week of the mapping
    expect(yaml).toMatch(/^startDay: mon$/m);
  });

  it('fits retries after hanging up from the customer ids (0: not identified), and none with --retry-window 0', async () => {
    const m = io();
    expect(await main(FIT, m)).toBe(0);
    const yaml = m.files.get('bank.yaml')!;
    const retail = yaml.slice(yaml.indexOf('\n  retail:'), yaml.indexOf('\n  specialist:'));
    expect(retail).toMatch(/^ {4}retry: \{ share: 0\.\d+, after: \{ dist: \w+.*\}, max: \d+ \}$/m);
    expect(retail).toMatch(/came back in this group within 1 h of leaving/);
    expect(retail).toMatch(/95 % Wilson CI/);
    // prospects call without a customer id
    const prospects = yaml.slice(yaml.indexOf('\n  prospects:'), yaml.indexOf('\n  retail:'));
    expect(prospects).toMatch(/# no retries written: only \d+ of \d+ abandoned contacts name their visitor/);
    expect(await main([...FIT, '--retry-window', '0', '--force'], m)).toBe(0);
    expect(m.files.get('bank.yaml')!).not.toMatch(/retry:|retries/);
    const bad = io();
    expect(await main([...FIT, '--retry-window', 'soon'], bad)).toBe(2);
    expect(bad.err).toMatch(/--retry-window/);
  });

  it('says what the order of service gives for the head start: the mapping\'s wins; without it, none where the data shows none', async () => {
    // 8–10 January: the bank took its queued calls first come, first served (the head start starts on the 13th)
    const m = io();
    expect(await main(FIT, m)).toBe(0);
    expect(m.out).toMatch(/^head start \(the order queued contacts were taken\): priority over regular H = -?\d+ s \(-?\d+ to -?\d+ s\) orders [\d.]+ % of [\d,]+ pairs, first come first served [\d.]+ % \(McNemar z [\d.]+\) \(not shown\); written from the mapping: priority 90 s$/m);
    expect(m.files.get('bank.yaml')!).toMatch(/# Head start from the mapping: priority 90 s \(written over what the data says, below\)\.\n# Head start from the order queued contacts were taken/);
    const own = io({ 'bank.yaml.map': preset.replace(/^headStart:.*\n(?: .*\n)+/m, '') });
    expect(await main(FIT, own)).toBe(0);
    expect(own.out).toMatch(/\(not shown\); none written$/m);
    expect(own.files.get('bank.yaml')!).toMatch(/classes:\n {2}priority: \{ share: 0\.\d+ \}\n/);
  });

  it('never overwrites a file of the user without --force, but replaces an earlier fit', async () => {
    const m = io({ 'bank.yaml': 'my own notes\n' });
    expect(await main(FIT, m)).toBe(2);
    expect(m.err).toMatch(/bank\.yaml exists and is not a chatsim result; not overwriting it \(use --force to replace it\)/);
    expect(m.files.get('bank.yaml')).toBe('my own notes\n');
    expect(await main([...FIT, '--force'], m)).toBe(0);
    expect(await main(FIT, m)).toBe(0);
  });

  it('reports every bad row with its line, never drops one silently', async () => {
    const m = io();
    const code = await main(['fit', 'bad.csv', '--map', 'date=day,arrival=offered_at,wait=wait_s,handle=talk_s,outcome=result', '--out', 'x.yaml'], m);
    expect(code).toBe(0);
    expect(m.err).toContain('read 8 rows: 3 contacts offered to people; 5 bad rows');
    expect(m.err).toContain('bad.csv:4: has 3 fields, the header 5');
    expect(m.err).toContain('bad.csv:5: day "2024-13-04" is not a date YYYY-MM-DD');
    expect(m.err).toContain('bad.csv:6: offered_at "9h04" is not a time H:MM:SS');
    expect(m.err).toContain('bad.csv:7: no rule classifies it (result "transferred")');
    expect(m.err).toContain('bad.csv:8: wait_s "soon" is not a number of seconds');
    expect(m.files.get('x.yaml')).toMatch(/bad rows: 5\./);
  });

  it('refuses a mapping with problems, each with its line, and a delimited log without one (exit 2)', async () => {
    const m = io({ 'm.yaml': 'fields:\n  arrival: a\n  colour: c\ndateFormat: DD.MM.YY\nrules:\n  - { outcome: X, then: keep }\n' });
    expect(await main(['fit', 'bad.csv', '--map', 'm.yaml', '--out', 'x.yaml'], m)).toBe(2);
    expect(m.err).toContain('m.yaml:3  fields.colour  unknown field');
    expect(m.err).toContain('m.yaml:2  fields  outcome: <column> is required');
    expect(m.err).toContain('m.yaml:4  dateFormat  must be one of YYMMDD, YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY (got "DD.MM.YY")');
    expect(m.err).toContain('m.yaml:6  rules[0].then  must be one of served, abandoned, ignore (got "keep")');
    const n = io();
    expect(await main(['fit', 'bad.csv', '--out', 'x.yaml'], n)).toBe(2);
    expect(n.err).toMatch(/bad\.csv: a delimited log needs a field mapping/);
    const h = io();
    expect(await main(['fit', 'bad.csv', '--map', 'arrival=arrived,outcome=result', '--out', 'x.yaml'], h)).toBe(2);
    expect(h.err).toMatch(/bad\.csv:1: the header has no column arrival=arrived \(columns: day, offered_at, wait_s, talk_s, result\)/);
  });

  it('checks its options', async () => {
    for (const [args, msg] of [
      [['--staffing', 'most'], /--staffing must be one of estimate, low, high/],
      [['--patience', 'weibull'], /--patience must be one of km, exponential/],
      [['--interval', '7m'], /--interval must divide a day and be at least 15m/],
      [['--day-types', 'weekdays=work'], /day types must read like sun-thu=weekday/],
    ] as const) {
      const m = io();
      expect(await main([...FIT, ...args], m)).toBe(2);
      expect(m.err).toMatch(msg);
    }
  });
});

describe('chatsim backtest', () => {
  it('sets the fitted scenario against the log by hour and day, beside the naive forecast, and writes the document', async () => {
    const m = io();
    expect(await main(FIT, m)).toBe(0);
    const code = await main(['backtest', 'bank.yaml', BANK, '--map', 'bank.yaml.map', '--fit-logs', BANK, '--replications', '2', '--days', '--json', 'bt.json', '--quiet'], m);
    expect(code).toBe(0);
    expect(m.out).toMatch(/bank against bank\.txt\.gz: 3 days, 2 replications/);
    expect(m.out).toMatch(/hour\s+offered log\s+model\s+naive\s+abandoned log\s+model\s+naive\s+wait log\s+model\s+naive\s+SL log\s+model\s+naive/);
    expect(m.out).toMatch(/^10:00\s+\d+/m);
    expect(m.out).toMatch(/^1999-01-10 wee\s+\d+/m);
    expect(m.out).toMatch(/abandonment MAPE by hour \(07–24 h\)\s+[\d.]+%\s+[\d.]+%/);
    expect(m.out).toMatch(/days with SL within ±3 pp/);
    const doc = JSON.parse(m.files.get('bt.json')!);
    expect(doc).toMatchObject({ tool: 'chatsim', kind: 'backtest', scenario: { name: 'bank', file: 'bank.yaml' }, logs: [BANK], fitLogs: [BANK], intervalSec: 3600, slTimeSec: 20, replications: 2, hours: [7, 24] });
    expect(doc.days).toEqual(['1999-01-08', '1999-01-09', '1999-01-10']);
    expect(doc.byDay[2]).toMatchObject({ label: '1999-01-10', dayType: 'weekday' });
    // the naive forecast of the fit period itself is the fit period: no error by hour
    expect(doc.scores.naive.offeredMape).toBeCloseTo(0, 9);
    expect(Object.keys(doc.scores.predicted)).toEqual(['abandonmentMape', 'offeredMape', 'meanWaitMape', 'dailySlErrorPp', 'dailySlMaxErrorPp', 'dailySlWithin3pp', 'periodSlErrorPp', 'periodAbandonmentErrorPp']);
  });

  it('leaves holidays out of the comparison', async () => {
    const m = io();
    expect(await main(FIT, m)).toBe(0);
    expect(await main(['backtest', 'bank.yaml', BANK, '--map', 'bank.yaml.map', '--holidays', '1999-01-09', '--replications', '1', '--quiet'], m)).toBe(0);
    expect(m.out).toMatch(/2 days \(left out: 1999-01-09\)/);
  });
});

describe('chatsim report of a backtest', () => {
  it('draws log, model and naive by hour, with the error measures', async () => {
    const m = io();
    expect(await main(FIT, m)).toBe(0);
    expect(await main(['backtest', 'bank.yaml', BANK, '--map', 'bank.yaml.map', '--fit-logs', BANK, '--replications', '1', '--json', 'bt.json', '--quiet'], m)).toBe(0);
    expect(await main(['report', 'bt.json', '--out', 'bt.html'], m)).toBe(0);
    const html = m.files.get('bt.html')!;
    expect(html).toContain('Backtest: bank');
    expect(html).toContain('Predicted against the log, by hour of the day');
    expect(html).toContain('Abandonment MAPE by hour');
    expect(html).toContain('naive (fit period repeats)');
    expect(await main(['report', 'bt.json', '--out', 'bt-zh.html', '--lang', 'zh'], m)).toBe(0);
    expect(m.files.get('bt-zh.html')).toContain('回测');
  });
});

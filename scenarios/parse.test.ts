// Tests of YAML parsing (syntax errors as issues) and of locating a path in the file.

import { describe, expect, it, vi } from 'vitest';
import { locate, MAX_SCENARIO_BYTES, parseYaml } from './parse.js';

const text = [
  'name: demo', //                                   line 1
  'groups:', //                                      line 2
  '  presales:', //                                  line 3
  '    arrivals:', //                                line 4
  '      rates:', //                                 line 5
  '        - { from: "09:00", to: "18:00", rate: 100/h }', // line 6
  'agents:', //                                      line 7
  '  team:', //                                      line 8
  '    count: 5', //                                 line 9
  '    skills: [presales]', //                       line 10
  '',
].join('\n');

function parsed() {
  const r = parseYaml(text, 'demo.yaml');
  if (!r.ok) throw new Error('parse failed');
  return r.parsed;
}

describe('parseYaml', () => {
  it('gives the plain data', () => {
    expect(parsed().data).toEqual({
      name: 'demo',
      groups: { presales: { arrivals: { rates: [{ from: '09:00', to: '18:00', rate: '100/h' }] } } },
      agents: { team: { count: 5, skills: ['presales'] } },
    });
  });

  it('reads clock times as text (YAML 1.2, no sexagesimal numbers)', () => {
    const r = parseYaml('a: 09:00\nb: 12:30\n', 'x.yaml');
    expect(r.ok && r.parsed.data).toEqual({ a: '09:00', b: '12:30' });
  });

  it('turns syntax errors into located issues', () => {
    const r = parseYaml('name: x\ngroups: [a, b\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues[0]).toMatchObject({ file: 'bad.yaml', path: '(file)' });
    expect(r.issues[0].message).toMatch(/^YAML syntax error: /);
  });

  it('refuses duplicate keys, naming the key', () => {
    const r = parseYaml('name: a\nname: b\n', 'dup.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ file: 'dup.yaml', line: 2, col: 1, path: '(file)', message: '"name" appears twice in the same mapping; keep one' }]);
  });

  it('gives an empty file as null data', () => {
    const r = parseYaml('', 'empty.yaml');
    expect(r.ok && r.parsed.data).toBeNull();
  });
});

describe('locate', () => {
  it('points at a value', () => {
    expect(locate(parsed(), ['agents', 'team', 'count'])).toEqual({ line: 9, col: 12 });
    expect(locate(parsed(), ['groups', 'presales', 'arrivals', 'rates', 0, 'rate'])).toEqual({ line: 6, col: 47 });
    expect(locate(parsed(), ['agents', 'team', 'skills', 0])).toEqual({ line: 10, col: 14 });
  });
  it('points at a key', () => {
    expect(locate(parsed(), ['agents', 'team', 'count'], 'key')).toEqual({ line: 9, col: 5 });
    expect(locate(parsed(), ['groups', 'presales'], 'key')).toEqual({ line: 3, col: 3 });
  });
  it('points at the parent mapping of a missing key', () => {
    expect(locate(parsed(), ['agents', 'team', 'maxConcurrent'])).toEqual({ line: 9, col: 5 });
    expect(locate(parsed(), ['groups', 'presales', 'arrivals', 'rates', 0, 'factor'])).toEqual({ line: 6, col: 11 });
  });
  it('falls back to 1:1 for an empty document', () => {
    const r = parseYaml('', 'e.yaml');
    if (!r.ok) throw new Error('parse failed');
    expect(locate(r.parsed, ['name'])).toEqual({ line: 1, col: 1 });
  });
});

describe('parseYaml on what toJS would stumble on (issue 14)', () => {
  const issue = (text: string) => {
    const r = parseYaml(text, 'x.yaml');
    if (r.ok) throw new Error('parsed');
    return r.issues.map((i) => `${i.line}:${i.col} ${i.message}`);
  };
  it('locates an alias without an anchor, a merge of a scalar, a collection key and __proto__', () => {
    expect(issue('*a\n')).toEqual(['1:1 alias *a names no anchor &a before it; mark the value to repeat with &a first, or write it out']);
    expect(issue('name: x\n<<: 5\n')).toEqual(['2:5 a merge (<<) must name a mapping, such as <<: *defaults where &defaults marks a mapping, or a list of them']);
    expect(issue('? [a, b]\n: 1\n')).toEqual(['1:3 a key must be plain text, not a list or a mapping']);
    expect(issue('g:\n  __proto__: 1\n')).toEqual(['2:3 "__proto__" cannot be used as a key: the name is reserved in JavaScript']);
  });
  it('still merges a mapping and a list of mappings', () => {
    const r = parseYaml('a: &a { x: 1 }\nb: &b { y: 2 }\nc:\n  <<: [*a, *b]\n  z: 3\n', 'm.yaml');
    expect(r.ok && r.parsed.data).toEqual({ a: { x: 1 }, b: { y: 2 }, c: { x: 1, y: 2, z: 3 } });
  });
  it('refuses text beyond the size limit without parsing it', () => {
    expect(issue(`description: "${'x'.repeat(MAX_SCENARIO_BYTES)}"\n`)).toEqual(['1:1 the file is 1.0 MB; a scenario may be at most 1 MB (is this the right file?)']);
  });
  it('prints no warning of the yaml package', () => {
    const spy = vi.spyOn(process, 'emitWarning');
    parseYaml('? [a, b]\n: 1\n', 'x.yaml');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

// JUnit XML of `chatsim check`'s verdicts, one test case per target, for CI dashboards. Pure;
// imports only the kernel.

import type { TargetResult } from '../core/metrics/sla.js';

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JUnit XML with one test case per target: a failure element when it misses, the at-risk note in
 * system-out. `describe` words a result for people.
 */
export function junitXml(suite: string, results: readonly TargetResult[], describe: (r: TargetResult) => string): string {
  const failures = results.filter((r) => !r.pass).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chatsim check" tests="${results.length}" failures="${failures}">`,
    `  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}">`,
  ];
  for (const r of results) {
    const scope = r.scope === 'group' ? `group ${r.group}` : r.scope === 'interval' ? 'every interval' : 'overall';
    const name = `${r.text} (${scope})`;
    const text = describe(r);
    lines.push(`    <testcase classname="chatsim.sla.${xml(suite)}" name="${xml(name)}">`);
    if (!r.pass) lines.push(`      <failure message="${xml(text)}" type="sla">${xml(text)}</failure>`);
    if (r.atRisk) lines.push(`      <system-out>${xml(`at risk: the 95% CI straddles the target. ${text}`)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

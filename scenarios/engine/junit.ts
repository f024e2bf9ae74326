// JUnit XML of a run: one testcase per threshold expression, so CI systems show which one broke.
import type { RunResult } from './run-result.js';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toJUnit(result: RunResult): string {
  const cases = result.thresholds;
  const failures = cases.filter((v) => !v.ok).length;
  const seconds = result.durationSeconds.toFixed(3);
  const suite = `gelombang.${result.scenario.name}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gelombang" tests="${cases.length}" failures="${failures}" time="${seconds}">`,
    `  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds}" timestamp="${xml(result.startedAt)}">`,
  ];
  for (const v of cases) {
    const name = xml(`${v.metric} ${v.expression}`);
    const actual = v.actual === null ? 'no samples' : String(v.actual);
    if (v.ok) {
      lines.push(`    <testcase classname="${xml(suite)}" name="${name}"/>`);
    } else {
      lines.push(
        `    <testcase classname="${xml(suite)}" name="${name}">`,
        `      <failure message="${xml(`${v.metric} ${v.expression} failed: actual ${actual}`)}" type="threshold"/>`,
        '    </testcase>',
      );
    }
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

// `gelombang report` as a user runs it: the three files from a real run.json; bad inputs exit 2 with a
// message that says what to do, and write nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import schema from '../reports/report.schema.json' with { type: 'json' };
import smoke from '../reports/fixtures/smoke-run.json' with { type: 'json' };
import { gelombang } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('gelombang report', () => {
  test('writes report.html, report.md and report.json from a run', async () => {
    const out = join(dir, 'ok');
    const exit = await gelombang(['report', '--run', runFile('run.json', smoke), '--out', out]);
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('passed: all 6 thresholds held');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(validateAgainstSchema(schema, report)).toEqual([]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## gelombang report: smoke');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
  });

  const emptyRun = { ...smoke, arrivals: { ...smoke.arrivals, launched: 0, scheduled: 0 }, intervals: [] };
  test.concurrent.each([
    [
      'a missing file',
      () => join(dir, 'nope.json'),
      /the file does not exist\. Give the path of a file written by `gelombang run/,
    ],
    [
      'a file that is not JSON',
      () => runFile('text.json', 'hello'),
      /not JSON .*Give the file as gelombang wrote it/,
    ],
    [
      'another kind of file',
      () => runFile('other.json', { kind: 'something' }),
      /not a run result .*gelombang run SCENARIO/,
    ],
    [
      'a run.json of another schema version',
      () => runFile('v9.json', { ...smoke, version: 9 }),
      /run-result version 9, but this gelombang reads version 1\. Re-run the scenario/,
    ],
    [
      'a run.json that breaks its schema',
      () => runFile('broken.json', { ...smoke, steps: 'x' }),
      /does not match the run-result schema at \/steps/,
    ],
    ['an empty run', () => runFile('empty.json', emptyRun), /launched no journeys.*run it again/],
  ])('%s: exit 2, says what to do, writes nothing', async (_, path, message) => {
    const out = join(dir, `bad-${Math.random().toString(36).slice(2)}`);
    const exit = await gelombang(['report', '--run', path(), '--out', out]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(message);
    expect(exit.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  test('a missing --run or --out is a usage error', async () => {
    const exit = await gelombang(['report', '--out', join(dir, 'x')]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain("required option '--run <file>' not specified");
  });
});

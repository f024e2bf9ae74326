import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gelombang } from '../../test/helpers/cli.js';

const FIXTURES = new URL('../../test/fixtures/k6/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gelombang-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gelombang import k6', () => {
  it('merges two instances into run.json and JUnit, and exits 99 when a threshold failed on the merge', async () => {
    const out = join(dir, 'run.json');
    const junit = join(dir, 'junit.xml');
    const exit = await gelombang([
      'import',
      'k6',
      `${FIXTURES}smoke-instance-a.ndjson`,
      `${FIXTURES}smoke-instance-b.ndjson`,
      '--out',
      out,
      '--junit',
      junit,
    ]);
    // Instance b dropped one arrival: the smoke scenario's dropped_iterations count==0 fails on the merge.
    expect(exit.code).toBe(99);
    expect(exit.stdout).toContain('dropped_iterations');
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.source.files).toHaveLength(2);
    expect(readFileSync(junit, 'utf8')).toContain('dropped_iterations');
  });

  it('exits 0 when the thresholds hold, and says a summary export is approximate', async () => {
    const exit = await gelombang(['import', 'k6', `${FIXTURES}smoke-summary-export.json`]);
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('approximate');
  });

  it('exits 2 on a missing file or a file that is not k6 output, naming it', async () => {
    const missing = await gelombang(['import', 'k6', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const notK6 = await gelombang(['import', 'k6', new URL('../../package.json', import.meta.url).pathname]);
    expect(notK6.code).toBe(2);
    expect(notK6.stderr).toContain('not k6 --summary-export output');
  });
});

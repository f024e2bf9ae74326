// `gelombang demo`'s flags are checked before anything starts: a bad one exits 2 with what to do, and no
// server is started.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { gelombang } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');

describe('gelombang demo: bad flags', () => {
  test.each([
    [['--scale', 'lots'], /--scale/],
    [['--duration', 'soon'], /--duration/],
    [['--quick', '--duration', '5m'], /--quick keeps the replay under 40 s/],
    [['--target', 'http://example.com'], /loopback/],
    [['--out', aFile], /--out .*a file is in the way/],
  ])(
    '%j → exit 2',
    async (args, message) => {
      const exit = await gelombang(['demo', ...args]);
      expect(exit.code).toBe(2);
      expect(exit.stderr).toMatch(message);
      expect(exit.stderr).not.toContain('[1/6]'); // nothing was started
    },
    60_000,
  );
});

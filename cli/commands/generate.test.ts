import { execFile, spawn } from 'node:child_process';
import { DEFAULT_SEED } from '../../generators/options.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { applicant, createGenerator } from '../../generators/applicant.js';
import { CSV_HEADER, toCsvRow } from '../../generators/exporters.js';
import { UsageError } from '../errors.js';
import { type GenerateFlags, planGenerate, writeApplicants } from './generate.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gelombang-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(flags: GenerateFlags): Promise<string[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeApplicants(planGenerate(flags), out);
  return Buffer.concat(chunks).toString('latin1').split('\n').slice(0, -1);
}

describe('planGenerate', () => {
  test.each([
    [{}, /--count is required/],
    [{ count: 'ten' }, /--count must be a whole number/],
    [{ count: '10', seed: '-1' }, /--seed must be a whole number/],
    [{ count: '10', format: 'xml' }, /--format must be ndjson or csv/],
    [{ count: '10', shard: '0/4' }, /--shard must be k\/n/],
    [{ count: '10', shard: '5/4' }, /--shard must be k\/n/],
    [{ count: '10', shard: 'half' }, /--shard must be k\/n/],
    [{ count: '10', start: '1902400795' }, /--start \+ --count must be at most/],
    [{ count: '10', bad: 'typo=0.1' }, /--bad takes KIND=SHARE/],
    [{ count: '10', bad: 'under-age=2' }, /--bad under-age must be a share/],
    [{ count: '10', bad: 'under-age=0.6,duplicate-email=0.6' }, /sum to at most 1/],
    [{ count: '10', notInRegistry: '1.5' }, /--not-in-registry must be a share/],
  ] as Array<[GenerateFlags, RegExp]>)('%o is refused before any work', (flags, message) => {
    expect(() => planGenerate(flags)).toThrow(UsageError);
    expect(() => planGenerate(flags)).toThrow(message);
  });

  test('shards cut the range into contiguous, disjoint slices that cover it', () => {
    for (const [count, n] of [
      [10, 3],
      [1_432_133, 7],
      [2, 5],
    ]) {
      let next = 100;
      for (let k = 1; k <= n!; k++) {
        const plan = planGenerate({ count: String(count), start: '100', shard: `${k}/${n}` });
        expect(plan.start).toBe(next);
        next = plan.start + plan.count;
      }
      expect(next).toBe(100 + count!);
    }
  });
});

describe('writeApplicants', () => {
  test('NDJSON: one line per applicant of the range, equal to the record', async () => {
    const lines = await collect({ count: '500', seed: '9', start: '1000' });
    expect(lines).toHaveLength(500);
    lines.forEach((line, k) => {
      expect(JSON.parse(line)).toEqual(applicant(9, 1000 + k));
    });
  });

  test('CSV: a header, then rows; the bad-data flags reach the generator', async () => {
    const lines = await collect({ count: '50', format: 'csv', bad: 'malformed-nik=1' });
    expect(lines[0]).toBe(CSV_HEADER);
    const generator = createGenerator({ badData: { malformedNik: 1 } });
    expect(lines.slice(1)).toEqual(
      Array.from({ length: 50 }, (_, i) => toCsvRow(generator.applicant(DEFAULT_SEED, i))),
    );
  });

  test('more records than one buffer holds stream through in order', async () => {
    const lines = await collect({ count: '3000', seed: '2' });
    expect(lines).toHaveLength(3000);
    expect(JSON.parse(lines[2999]!).index).toBe(2999);
  });
});

describe('gelombang generate (the command)', () => {
  const cli = ['--import', 'tsx', new URL('../index.ts', import.meta.url).pathname, 'generate'];

  test('writes the file and exits 0; usage errors exit 2 with a hint', async () => {
    const file = join(dir, 'out.ndjson');
    // ~5 MiB: several 1 MiB buffers, so the CLI's buffer reuse is exercised.
    await run(process.execPath, [...cli, '--count', '6000', '--seed', '4', '--out', file]);
    const lines = readFileSync(file, 'latin1').trimEnd().split('\n');
    expect(lines).toHaveLength(6000);
    for (const i of [0, 1234, 2500, 4999, 5999]) expect(JSON.parse(lines[i]!)).toEqual(applicant(4, i));
    const failed = await run(process.execPath, [...cli, '--count', '5', '--format', 'xml']).catch(
      (err) => err,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/--format must be ndjson or csv/);
  }, 60_000);

  test('Ctrl-C while writing a file: whole records only, and it says where to start the rest', async () => {
    const file = join(dir, 'interrupted.ndjson');
    const child = spawn(process.execPath, [...cli, '--count', '50000000', '--seed', '5', '--out', file]);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!existsSync(file) || statSync(file).size < 4 << 20) await setTimeout(50);
    child.kill('SIGINT');
    expect(await exited).toBe(105);
    const lines = readFileSync(file, 'latin1').split('\n');
    expect(lines.at(-1)).toBe(''); // ends on a newline: no half record
    const written = lines.length - 1;
    expect(JSON.parse(lines[written - 1]!)).toEqual(applicant(5, written - 1));
    expect(stderr).toContain(
      `interrupted: ${file} holds applicants 0 to ${(written - 1).toLocaleString('en-US')}`,
    );
    expect(stderr).toContain(`--start ${written} --count ${50_000_000 - written}`);
  }, 60_000);

  test('--help states the seed the records carry when --seed is not given', async () => {
    const { stdout: help } = await run(process.execPath, [...cli, '--help']);
    const { stdout: record } = await run(process.execPath, [...cli, '--count', '1']);
    const seed = JSON.parse(record).seed;
    expect(seed).toBe(DEFAULT_SEED);
    expect(help.replace(/\s+/g, ' ')).toContain(`--seed <n> population seed, 0–4294967295 (default ${seed})`);
  }, 60_000);

  test('--describe prints the distributions with their sources', async () => {
    const { stdout } = await run(process.execPath, [...cli, '--describe']);
    expect(stdout).toMatch(/Sensus Penduduk 2020/);
    expect(stdout).toMatch(/Jawa Barat\s+48,274,162/);
    expect(stdout).toMatch(/1,063,028 = 74\.23 %/);
    expect(stdout).toMatch(/189,452 informal/);
  }, 60_000);
});

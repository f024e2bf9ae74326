// Applicant generation speed (issue 4): in memory and as NDJSON to a file, each as a ratio to a naive faker
// loop (a fresh faker seed per record, the same fields) measured in the same run; the launch day's 1,432,133
// applicants to NDJSON; peak RSS of `gelombang generate` streaming 10 million records in a child process.
// Targets: ≥ 350k applicants/s to NDJSON on one core (1,432,133 in ≤ 4 s), ≥ 5× naive, ≤ 150 MB peak RSS.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fakerID_ID as faker } from '@faker-js/faker';
import { writeApplicants } from '../cli/commands/generate.js';
import { createGenerator } from '../generators/applicant.js';
import { LAUNCH_FUNNEL } from '../generators/funnel.js';
import { ROOT } from '../test/helpers/child-server.js';
import type { Bench, BenchRow } from './types.js';

const run = promisify(execFile);
const SEED = 1;

/** The loop people write first: reseed faker per record (for random access) and call it field by field. */
function naiveApplicant(index: number) {
  faker.seed([SEED, index]);
  const sex = faker.person.sexType();
  const birth = faker.date.birthdate({ mode: 'age', min: 16, max: 64 });
  return {
    seed: SEED,
    index,
    fullName: faker.person.fullName({ sex }),
    gender: sex === 'female' ? 'F' : 'M',
    birthDate: birth.toISOString().slice(0, 10),
    birthPlace: faker.location.city(),
    nik: faker.string.numeric(16),
    kk: faker.string.numeric(16),
    email: faker.internet.email(),
    phone: faker.phone.number({ style: 'national' }),
    password: faker.internet.password(),
    address: faker.location.streetAddress(),
    provinceCode: faker.string.numeric(2),
    province: faker.location.state(),
    regencyCode: faker.string.numeric(4),
    regency: faker.location.city(),
    districtCode: faker.string.numeric(6),
    education: faker.helpers.arrayElement(['SD', 'SMP', 'SMA', 'SMK', 'D3', 'S1', 'S2']),
    employmentStatus: faker.helpers.arrayElement(['laid-off', 'furloughed', 'informal-worker', 'job-seeker']),
    flags: {
      underAge: faker.datatype.boolean(0.01),
      student: faker.datatype.boolean(0.04),
      onSocialAid: faker.datatype.boolean(0.2),
      notInRegistry: faker.datatype.boolean(0.03),
      registryMismatch: faker.datatype.boolean(0.05),
      badData: 'none',
    },
    traits: {
      willVerifyEmail: faker.datatype.boolean(0.74),
      willCompleteProfile: faker.datatype.boolean(0.64),
      willUpload: faker.datatype.boolean(0.62),
      willPassTest: faker.datatype.boolean(0.8),
      willJoinWave: faker.datatype.boolean(0.26),
      patience: faker.number.int({ min: 0, max: 20 }),
      thinkSeconds: {
        account: faker.number.float({ min: 1, max: 300, fractionDigits: 1 }),
        verifyEmail: faker.number.float({ min: 1, max: 600, fractionDigits: 1 }),
        profile: faker.number.float({ min: 1, max: 600, fractionDigits: 1 }),
        upload: faker.number.float({ min: 1, max: 300, fractionDigits: 1 }),
        test: faker.number.float({ min: 60, max: 1800, fractionDigits: 1 }),
        joinWave: faker.number.float({ min: 1, max: 120, fractionDigits: 1 }),
      },
      pageViews: faker.number.int({ min: 1, max: 30 }),
    },
  };
}

/** Records per second of `make` over `count` records, after a short warm-up. */
function perSecond(count: number, make: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(20_000, count); i++) make(i);
  const started = performance.now();
  for (let i = 0; i < count; i++) make(i);
  return count / ((performance.now() - started) / 1000);
}

async function naiveToFile(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (!out.write(JSON.stringify(naiveApplicant(i)) + '\n'))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise((r) => out.end(r));
  return count / ((performance.now() - started) / 1000);
}

async function oursToFile(path: string, count: number): Promise<{ rate: number; seconds: number }> {
  const out = createWriteStream(path);
  const started = performance.now();
  await writeApplicants({ seed: SEED, start: 0, count, format: 'ndjson', out: path, options: {} }, out, {
    reuseBuffers: true, // as the CLI does for files
  });
  await new Promise((r) => out.end(r));
  const seconds = (performance.now() - started) / 1000;
  return { rate: count / seconds, seconds };
}

/** Peak RSS (MB) of the real CLI streaming `count` records to /dev/null in its own process. */
async function cliPeakRss(count: number): Promise<{ mb: number; seconds: number }> {
  const script = `
    process.argv = [process.argv[0], 'gelombang', 'generate', '--count', '${count}', '--out', '/dev/null', '--no-progress'];
    const started = performance.now();
    process.on('exit', () => process.stderr.write('RSS ' + JSON.stringify({
      kb: process.resourceUsage().maxRSS, seconds: (performance.now() - started) / 1000 }) + '\\n'));
    await import(${JSON.stringify(join(ROOT, 'cli/index.ts'))});`;
  const { stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    timeout: 600_000,
  });
  const m = /RSS (\{.*\})/.exec(stderr);
  if (!m) throw new Error(`no RSS report from the child: ${stderr.slice(0, 500)}`);
  const { kb, seconds } = JSON.parse(m[1]!) as { kb: number; seconds: number };
  return { mb: kb / 1024, seconds };
}

const bench: Bench = async (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-bench-gen-'));
  const launchDay = LAUNCH_FUNNEL.registered;
  const rows: BenchRow[] = [];
  try {
    const naiveCount = ctx.quick ? 5_000 : 20_000;
    ctx.log(`naive faker loop, ${naiveCount} records in memory and to a file`);
    const naive = perSecond(naiveCount, naiveApplicant);
    const naiveFile = await naiveToFile(join(dir, 'naive.ndjson'), naiveCount);
    rows.push({ name: 'naive faker loop, in memory', value: naive, unit: 'applicants/s' });
    rows.push({ name: 'naive faker loop, NDJSON to a file', value: naiveFile, unit: 'applicants/s' });

    const generator = createGenerator();
    const memoryCount = ctx.quick ? 300_000 : 1_000_000;
    ctx.log(`applicant(seed, i), ${memoryCount.toLocaleString('en')} in memory`);
    const memory = perSecond(memoryCount, (i) => generator.applicant(SEED, i));
    rows.push({
      name: 'applicant(seed, i), in memory',
      value: memory,
      unit: 'applicants/s',
      ratio: memory / naive,
      baselineName: 'naive faker loop, in memory',
      target: '≥ 5× naive',
      pass: memory / naive >= 5,
    });

    const fileCount = ctx.quick ? 300_000 : launchDay;
    ctx.log(`gelombang generate, ${fileCount.toLocaleString('en')} to NDJSON`);
    const file = join(dir, 'ours.ndjson');
    const ours = await oursToFile(file, fileCount);
    const bytes = statSync(file).size;
    rows.push({
      name: `NDJSON to a file (${fileCount.toLocaleString('en')} records, ${Math.round(bytes / 2 ** 20)} MiB)`,
      value: ours.rate,
      unit: 'applicants/s',
      ratio: ours.rate / naiveFile,
      baselineName: 'naive faker loop, NDJSON to a file',
      target: '≥ 350,000/s and ≥ 5× naive',
      pass: ours.rate >= 350_000 && ours.rate / naiveFile >= 5,
    });
    if (!ctx.quick) {
      rows.push({
        name: '1,432,133 applicants (launch day) to NDJSON',
        value: ours.seconds,
        unit: 's',
        target: '≤ 4 s',
        pass: ours.seconds <= 4,
      });
    }
    rmSync(file, { force: true });

    const rssCount = ctx.quick ? 1_000_000 : 10_000_000;
    ctx.log(`peak RSS of gelombang generate --count ${rssCount.toLocaleString('en')} (child process)`);
    const rss = await cliPeakRss(rssCount);
    rows.push({
      name: `peak RSS, ${rssCount.toLocaleString('en')} streamed by the CLI (${rss.seconds.toFixed(1)} s)`,
      value: rss.mb,
      unit: 'MB',
      target: '≤ 150 MB',
      pass: rss.mb <= 150,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: 'Applicant generators',
      notes: [
        'Naive: faker id_ID reseeded per record (faker.seed([seed, i])) for random access, same fields, JSON.stringify.',
        'Ours: applicant(seed, i) (pure, random access), and `gelombang generate`, which writes each record from',
        '(seed, i) straight to bytes in reused 1 MiB buffers (createNdjsonEncoder: same draws, no record object).',
        'Absolute rates depend on the machine and its load (2 shared cores); ratios are from the same run.',
      ],
      rows,
    },
  ];
};

export default bench;

// `gelombang generate`: stream synthetic applicants as NDJSON or CSV, any count, constant memory;
// `--describe` prints the distributions the generator draws from.
import { createWriteStream } from 'node:fs';
import { DEFAULT_SEED } from '../../generators/options.js';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createGenerator, MAX_INDEX } from '../../generators/applicant.js';
import { describeGenerators } from '../../generators/describe.js';
import { CSV_HEADER, encodeCsv, MAX_RECORD_BYTES } from '../../generators/exporters.js';
import { createNdjsonEncoder } from '../../generators/ndjson-encoder.js';
import type { BadDataRates, GeneratorOptionsInput } from '../../generators/options.js';
import { EXIT, UsageError } from '../errors.js';

export interface GenerateFlags {
  count?: string;
  seed?: string;
  start?: string;
  format?: string;
  shard?: string;
  out?: string;
  notInRegistry?: string;
  registryMismatch?: string;
  bad?: string;
  describe?: boolean;
  progress?: boolean;
}

export interface GeneratePlan {
  seed: number;
  /** First index and how many, after sharding. */
  start: number;
  count: number;
  format: 'ndjson' | 'csv';
  out: string; // file path or '-'
  options: GeneratorOptionsInput;
}

const BAD_KINDS: Record<string, keyof BadDataRates> = {
  'malformed-nik': 'malformedNik',
  'nik-birthdate-mismatch': 'nikBirthdateMismatch',
  'duplicate-email': 'duplicateEmail',
  'under-age': 'underAge',
};

function whole(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim().replaceAll('_', ''))
    ? Number(text.trim().replaceAll('_', ''))
    : Number.NaN;
  if (!(n >= min && n <= max)) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}; got "${text}"`);
  }
  return n;
}

function rate(flag: string, text: string): number {
  const n = /^\d*\.?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 1))
    throw new UsageError(`${flag} must be a share from 0 to 1 (e.g. 0.02); got "${text}"`);
  return n;
}

/** "malformed-nik=0.01,under-age=0.02" → rates. */
export function parseBadData(text: string): Partial<BadDataRates> {
  const rates: Partial<BadDataRates> = {};
  for (const part of text.split(',')) {
    const [kind, value, ...rest] = part.split('=');
    const key = kind === undefined ? undefined : BAD_KINDS[kind.trim()];
    if (key === undefined || value === undefined || rest.length > 0) {
      throw new UsageError(
        `--bad takes KIND=SHARE pairs, comma-separated, KIND one of ${Object.keys(BAD_KINDS).join(', ')}; ` +
          `got "${part}"`,
      );
    }
    rates[key] = rate(`--bad ${kind}`, value);
  }
  return rates;
}

/** Validates the flags before any work and splits the range for --shard k/n (contiguous, like k6's
 *  execution segments: shard k of n gets indices [start + ⌊count·(k-1)/n⌋, start + ⌊count·k/n⌋)). */
export function planGenerate(flags: GenerateFlags): GeneratePlan {
  if (flags.count === undefined)
    throw new UsageError('--count is required (how many applicants), e.g. --count 1000');
  const seed = whole('--seed', flags.seed ?? String(DEFAULT_SEED), 0, 2 ** 32 - 1);
  const total = whole('--count', flags.count, 0, MAX_INDEX + 1);
  const first = whole('--start', flags.start ?? '0', 0, MAX_INDEX);
  if (first + total > MAX_INDEX + 1) {
    throw new UsageError(`--start + --count must be at most ${MAX_INDEX + 1} (the generator's index range)`);
  }
  const format = flags.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv')
    throw new UsageError(`--format must be ndjson or csv; got "${format}"`);
  let start = first;
  let count = total;
  if (flags.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flags.shard.trim());
    const k = m ? Number(m[1]) : 0;
    const n = m ? Number(m[2]) : 0;
    if (!m || n < 1 || k < 1 || k > n) {
      throw new UsageError(
        `--shard must be k/n with 1 ≤ k ≤ n, e.g. 2/4 for the second of four; got "${flags.shard}"`,
      );
    }
    start = first + Math.floor((total * (k - 1)) / n);
    count = first + Math.floor((total * k) / n) - start;
  }
  const options: GeneratorOptionsInput = {};
  if (flags.notInRegistry !== undefined)
    options.notInRegistryRate = rate('--not-in-registry', flags.notInRegistry);
  if (flags.registryMismatch !== undefined) {
    options.registryMismatchRate = rate('--registry-mismatch', flags.registryMismatch);
  }
  if (flags.bad !== undefined) options.badData = parseBadData(flags.bad);
  try {
    createGenerator(options); // the sums of rates
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const out = flags.out ?? '-';
  if (out.trim() === '') throw new UsageError('--out must be a file path or - for stdout');
  return { seed, start, count, format, out, options };
}

export interface GenerateProgress {
  done: number;
  total: number;
}

// Records are encoded straight into 1 MiB buffers (no line strings, nothing long-lived for the GC). At most two
// are in flight: the next write waits until the previous one has completed, so memory stays constant however
// slow the reader. A file or stdout is done with a buffer once its write completes, so the CLI reuses the two
// (fresh buffers would pile up as external garbage, ~10 MB of peak RSS); any other Writable may hand the buffer
// on by reference (a PassThrough does), so by default each chunk gets a new one.
const CHUNK_BYTES = 1 << 20;

export interface WriteOptions {
  onProgress?: ((progress: GenerateProgress) => void) | undefined;
  /** Only for streams that are done with a chunk when its write callback fires (fs.WriteStream, stdout). */
  reuseBuffers?: boolean;
  /** When aborted, writing stops after the chunk under way: the output ends on a whole record. */
  signal?: AbortSignal | undefined;
}

/** Streams the plan's applicants to `out`; resolves with the number of records written (fewer than the
 *  plan's count only when `signal` aborted). */
export async function writeApplicants(
  plan: GeneratePlan,
  out: Writable,
  { onProgress, reuseBuffers = false, signal }: WriteOptions = {},
): Promise<number> {
  const generator = createGenerator(plan.options);
  // NDJSON: straight from (seed, index) to bytes, no record object (ndjson-encoder.ts); CSV from the record.
  const encode =
    plan.format === 'csv'
      ? (seed: number, index: number, bytes: Uint8Array, at: number) =>
          encodeCsv(generator.applicant(seed, index), bytes, at)
      : createNdjsonEncoder(generator);
  // Write errors (disk full, closed pipe) arrive through the write callbacks below; this listener only keeps
  // the stream's 'error' event from crashing the process meanwhile.
  const ignore = () => {};
  out.on('error', ignore);
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let spare = reuseBuffers ? Buffer.allocUnsafe(CHUNK_BYTES) : undefined;
  let used = 0;
  let previous: Promise<void> = Promise.resolve();
  const flush = async (done: number) => {
    if (used === 0) return;
    if (out.destroyed) throw Object.assign(new Error('output closed'), { code: 'EPIPE' });
    const chunk = buffer.subarray(0, used);
    await previous; // after this, the spare's last write has completed
    if (spare) [buffer, spare] = [spare, buffer];
    else buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    previous = new Promise<void>((resolve, reject) => {
      out.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
    previous.catch(() => {}); // surfaced when awaited
    onProgress?.({ done, total: plan.count });
  };
  if (plan.format === 'csv') used = buffer.write(CSV_HEADER + '\n', 0, 'latin1');
  const end = plan.start + plan.count;
  let written = plan.count;
  for (let i = plan.start; i < end; i++) {
    if (used + MAX_RECORD_BYTES > CHUNK_BYTES) {
      await flush(i - plan.start);
      if (signal?.aborted) {
        written = i - plan.start;
        break;
      }
    }
    used = encode(plan.seed, i, buffer, used);
    buffer[used++] = 10; // \n
  }
  await flush(written);
  await previous;
  out.off('error', ignore);
  if (written === plan.count) onProgress?.({ done: plan.count, total: plan.count });
  return written;
}

function progressBar(stream: NodeJS.WriteStream): (p: GenerateProgress) => void {
  const started = Date.now();
  let last = 0;
  return ({ done, total }) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const share = total === 0 ? 1 : done / total;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = done / Math.max(0.001, (now - started) / 1000);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1)}% ` +
        `${done.toLocaleString('en')}/${total.toLocaleString('en')} ${Math.round(rate).toLocaleString('en')}/s`,
    );
    if (done >= total) stream.write('\n');
  };
}

async function run(flags: GenerateFlags): Promise<void> {
  if (flags.describe) {
    process.stdout.write(describeGenerators());
    return;
  }
  const plan = planGenerate(flags);
  const toStdout = plan.out === '-';
  const out: Writable = toStdout ? process.stdout : createWriteStream(plan.out);
  if (!toStdout) {
    await new Promise<void>((resolve, reject) => {
      out.once('ready', resolve);
      out.once('error', (err: NodeJS.ErrnoException) =>
        reject(new UsageError(`--out ${plan.out}: cannot write there (${err.code ?? err.message})`)),
      );
    });
  }
  const showProgress = flags.progress !== false && process.stderr.isTTY === true;
  // Ctrl-C or SIGTERM while writing a file: finish the chunk under way, so the file ends on a whole record,
  // and say which applicants it holds and how to write the rest (a half-written file must not pass for all).
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  if (!toStdout) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    const written = await writeApplicants(plan, out, {
      onProgress: showProgress ? progressBar(process.stderr) : undefined,
      reuseBuffers: true,
      signal: interrupt.signal,
    });
    if (!toStdout) await new Promise<void>((resolve) => out.end(resolve));
    if (written < plan.count) {
      const n = (x: number) => x.toLocaleString('en-US');
      const last = plan.start + written - 1;
      process.stderr.write(
        `${showProgress ? '\n' : ''}gelombang: interrupted: ${plan.out} holds applicants ${n(plan.start)} to ${n(last)} ` +
          `(${n(written)} of ${n(plan.count)}, whole records); write the rest with --start ${last + 1} ` +
          `--count ${plan.count - written} (the other flags as before${flags.shard ? ', without --shard' : ''})\n`,
      );
      process.exitCode = EXIT.INTERRUPTED;
    }
  } catch (err) {
    // `gelombang generate … | head` closes the pipe early: that is the reader's choice, not a failure.
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function register(program: Command): void {
  program
    .command('generate')
    .description(
      'Write synthetic applicants (valid NIKs, census-weighted provinces, funnel behaviour) as NDJSON or CSV.\n' +
        'Record i of a seed is always the same, so shards and k6 agree without sharing files.',
    )
    .option('--count <n>', 'how many applicants (before sharding)')
    .option('--seed <n>', `population seed, 0–4294967295 (default ${DEFAULT_SEED})`)
    .option('--start <i>', 'first index (default 0)')
    .option('--format <f>', 'ndjson or csv (default ndjson)')
    .option('--shard <k/n>', 'write only the k-th of n contiguous slices of the range')
    .option('--out <file>', 'file to write, or - for stdout (default -)')
    .option('--not-in-registry <share>', 'share of NIKs the registry does not know (default 0.03)')
    .option('--registry-mismatch <share>', 'share whose registry name/birth date differs (default 0.05)')
    .option('--bad <kind=share,…>', `bad-data mix: ${Object.keys(BAD_KINDS).join(', ')} (default none)`)
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .option('--describe', 'print the distributions and sources the generator uses, then exit')
    .addHelpText(
      'after',
      `
Output: one applicant per line (NDJSON) or a CSV with a header; fields as in generators/types.ts.
Memory stays constant for any --count: records are generated on the fly, never stored.
Applicant data is synthetic but shaped like personal data: don't paste it into logs or tickets.
Ctrl-C while writing --out FILE stops at a whole record and prints which applicants FILE holds (exit 105).

Examples:
  gelombang generate --count 5 --seed 42                     # five applicants to stdout
  gelombang generate --count 1432133 --out day1.ndjson       # the launch day's registrations
  gelombang generate --count 1000000 --shard 2/4 --format csv --out part2.csv
  gelombang generate --count 10000 --bad malformed-nik=0.02,duplicate-email=0.01
  gelombang generate --describe                              # distributions and their sources`,
    )
    .action(async (flags: GenerateFlags) => run(flags));
}

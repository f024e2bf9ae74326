// `gelombang waves select`: choose who is accepted on a wave — the Ministry's proposed NIKs first (a CSV),
// then the other members in a random order from a seed — and write the announcement. Runs on the service's
// database (the same code as POST /api/v1/admin/waves/{id}/selection); idempotent when re-run.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { DEFAULT_SEED } from '../../generators/options.js';
import { parseDb, SETTING_ENV } from '../../target-service/config.js';
import { isGlbError } from '../../target-service/errors.js';
import { createRepository } from '../../target-service/storage/create-repository.js';
import { announceWave } from '../../target-service/waves/selection.js';
import { UsageError } from '../errors.js';

interface SelectFlags {
  wave: string;
  db?: string;
  priority?: string;
  seed?: string;
  places?: string;
}

const NIK = /^[0-9]{16}$/;

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}; got "${value}"`);
  }
  return n;
}

/** The priority list: a CSV with a `nik` column, or one NIK per line without a header. Order is kept. */
export function readPriorityCsv(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--priority: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new UsageError(`--priority: ${path} is not readable CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) return [];
  const headerless = NIK.test(records[0]![0] ?? '');
  const column = headerless ? 0 : records[0]!.findIndex((h) => h.toLowerCase() === 'nik');
  if (column < 0) throw new UsageError(`--priority: ${path} needs a "nik" column (or one NIK per line)`);
  const rows = headerless ? records : records.slice(1);
  const bad = rows
    .map((r, i) => [i + (headerless ? 1 : 2), r[column] ?? ''] as const)
    .filter(([, nik]) => !NIK.test(nik));
  if (bad.length > 0) {
    const where = bad
      .slice(0, 5)
      .map(([line]) => line)
      .join(', ');
    throw new UsageError(
      `--priority: ${bad.length} line(s) of ${path} hold no 16-digit NIK (lines ${where}…)`,
    );
  }
  return rows.map((r) => r[column]!);
}

export function register(program: Command): void {
  const waves = program.command('waves').description("select and announce a wave's participants");
  waves
    .command('select')
    .description(
      "select a wave's participants (priority NIKs first, then random by seed) and write the announcement",
    )
    .requiredOption('--wave <n>', 'the wave to announce (1 = the first)')
    .option(
      '--db <url>',
      `sqlite:PATH or postgres://… [env ${SETTING_ENV.db}] (default sqlite:./data/gelombang.db)`,
    )
    .option(
      '--priority <file.csv>',
      "the Ministry's proposed NIKs, in priority order: a nik column, or one per line",
    )
    .option('--seed <n>', `seed of the random draw [default ${DEFAULT_SEED}]`)
    .option('--places <n>', "places to fill (default: the wave's quota)")
    .addHelpText(
      'after',
      `
Re-running with the same wave, list, seed and places prints the same announcement and writes nothing; other
inputs for an announced wave are refused (exit 2). The wave calendar is written by the service when it starts.

Examples:
  gelombang waves select --wave 1 --priority kemnaker-proposed.csv --seed 20200417
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test gelombang waves select --wave 2 --places 164000`,
    )
    .action(async (flags: SelectFlags) => {
      const waveId = wholeNumber('--wave', flags.wave, 1, 10_000);
      const seed =
        flags.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', flags.seed, 0, 2 ** 32 - 1);
      const places = flags.places === undefined ? undefined : wholeNumber('--places', flags.places, 0, 1e8);
      const db = parseDb(flags.db ?? process.env[SETTING_ENV.db] ?? 'sqlite:./data/gelombang.db');
      const priorityNiks = flags.priority === undefined ? [] : readPriorityCsv(flags.priority);
      process.stderr.write(
        `selecting wave ${waveId} (${priorityNiks.length} priority NIKs, seed ${seed})…\n`,
      );
      const repo = await createRepository(db);
      try {
        await repo.migrate();
        const { selection: s, created } = await announceWave(repo, { waveId, seed, places, priorityNiks });
        process.stdout.write(
          `wave ${s.waveId}: ${s.candidates} members, ${s.selected.length} selected of ${s.places} places ` +
            `(${s.fromPriority} from the priority list, ${s.drawn} drawn with seed ${s.seed}); ` +
            `${created ? 'announcement written' : `already announced at ${s.announcedAt.toISOString()}, unchanged`}\n`,
        );
      } catch (err) {
        if (isGlbError(err) && err.statusCode < 500) {
          const hint =
            err.code === 'GLB_ERR_SELECTION_WAVE_NOT_FOUND'
              ? ' (start the service once: it writes the wave calendar)'
              : '';
          throw new UsageError(`${err.message}${hint}`, err.code);
        }
        throw err;
      } finally {
        await repo.close();
      }
    });
}

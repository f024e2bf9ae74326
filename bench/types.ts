// The benchmark contract. Each bench/<name>.bench.ts default-exports a function returning sections;
// bench/run.ts runs them in one process, prints them and writes bench/RESULTS.md. Every speed figure is
// reported as a ratio against a baseline measured in the same run (this machine's 2 cores are shared).

export interface BenchRow {
  name: string;
  value: number;
  unit: string; // e.g. 'req/s', 'applicants/s', 'MB'
  /** value / baseline, when this row is compared with a baseline measured in the same run. */
  ratio?: number | undefined;
  baselineName?: string | undefined;
  /** The target, as text ("≥ 0.35× bare", "≤ 150 MB"), and whether this run met it. */
  target?: string | undefined;
  pass?: boolean | undefined;
}

export interface BenchSection {
  title: string;
  notes?: string[] | undefined;
  rows: BenchRow[];
}

export interface BenchContext {
  /** Shorter runs for a quick check (`npm run bench -- --quick`). */
  quick: boolean;
  /** `--duration=30s`: seconds for benches that run for a set time (e.g. engine-peak); undefined = theirs. */
  durationSeconds?: number | undefined;
  log(message: string): void;
}

export type Bench = (ctx: BenchContext) => Promise<BenchSection[]>;

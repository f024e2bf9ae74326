// `gelombang demo`'s options: flags → validated settings, before anything starts (exit 2 with what to do).
// The replay is the launch day's opening, compressed 10× (the README's example), at a rate sized to this
// machine's cores; the registry stub gets a 2020-like limit: too few concurrent NIK checks for the opening.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunOptions, validateRunOptions } from '../../scenarios/engine/options.js';
import { getScenario } from '../../scenarios/model/scenarios.js';
import { UsageError } from '../errors.js';
import { checkOutDir } from '../out-dir.js';

/** The probe's applicants start here: far from the replay's (index 0 on), so no email is signed up twice. */
const PROBE_START_INDEX = 50_000_000;

export interface DemoFlags {
  quick?: boolean;
  duration?: string;
  scale?: string;
  target?: string;
  out?: string;
}

export interface RegistryLimit {
  /** Calls the stub serves at once; beyond it, 429 (Dukcapil's refusals in April 2020). */
  maxConcurrent: number;
  latencyMeanMs: number;
  latencySigma: number;
}

export interface DemoSettings {
  quick: boolean;
  /** The replay's engine options, aimed at a placeholder until the service's port is known. */
  replay: RunOptions;
  /** The probe before it: every funnel step at a low rate (for calibration), on applicants of its own. */
  probe: RunOptions;
  /** Given with --target: test that service instead of starting one. */
  target: string | null;
  registry: RegistryLimit;
  /** Where report.{html,md,json} and the inputs behind them go. */
  outDir: string;
  /** Simulation replications (the full day, and each sizing candidate). */
  replications: number;
  /** Seconds of the wave's opening the sizing search simulates (the opening holds the peak). */
  planSeconds: number;
}

/** The launch day at 10× compression: 3 minutes of replay are its first 30 minutes. */
export const DEMO_TIME_SCALE = 10;

/** 0.0015 of the 2020 rate per core (0.003 on 2 cores ≈ 40 sign-ups/s at the opening), at most 0.02: the
 *  whole funnel (uploads of KTP and selfie, the aptitude test, joining a wave) keeps 2 shared cores busy there. */
export function machineScale(cores = cpus().length): number {
  return Math.min(0.02, 0.0015 * Math.max(1, cores));
}

/** A 2020-like registry: too few concurrent NIK checks for the opening (4 at once × 80 ms ≈ 50 checks/s at
 *  0.005× the 2020 rate, scaled with the rate, at least 2), so the registry saturates as Dukcapil did. */
export function registryLimit(scale: number): RegistryLimit {
  return {
    maxConcurrent: Math.max(2, Math.round((4 * scale) / 0.005)),
    latencyMeanMs: 80,
    latencySigma: 0.5,
  };
}

export function demoSettings(flags: DemoFlags, now = new Date()): DemoSettings {
  const quick = flags.quick === true;
  const target = flags.target ?? null;
  const replay = validateRunOptions({
    scenario: 'launch-day',
    target: target ?? 'http://127.0.0.1:1',
    scale: flags.scale ?? machineScale(),
    timeScale: DEMO_TIME_SCALE,
    duration: flags.duration ?? (quick ? '15s' : '3m'),
    // People compressed further than the clock, so every journey ends within the graceful stop.
    thinkScale: 0.02,
    gracefulStop: quick ? '6s' : '30s',
  });
  const smoke = getScenario('smoke');
  const probe = validateRunOptions({
    // The same population (the registry stub's seed), other applicants: the replay's are not signed up yet.
    scenario: { ...smoke, data: { seed: replay.seed, startIndex: PROBE_START_INDEX } },
    target: target ?? 'http://127.0.0.1:1',
    duration: quick ? '6s' : '20s',
    gracefulStop: '10s',
  });
  if (quick && replay.durationSeconds > 40) {
    throw new UsageError(
      `--quick keeps the replay under 40 s (the whole demo under a minute); drop --duration ${flags.duration} or --quick`,
    );
  }
  const stamp = now
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
  const outDir = resolve(flags.out ?? join('reports', 'out', stamp));
  checkOutDir('--out', outDir);
  return {
    quick,
    replay,
    probe,
    target,
    registry: registryLimit(replay.scale),
    outDir,
    replications: quick ? 1 : 2,
    planSeconds: quick ? 180 : 900,
  };
}

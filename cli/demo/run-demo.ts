// `gelombang demo`, the whole job in one command: start the service and a 2020-like registry stub on free
// loopback ports → replay the launch day's opening on this machine → calibrate → simulate the full-size
// day → plan the next wave → write report.{html,md,json} (and the files behind them) → print the headline.
// Each phase reports progress on stderr; the result goes to stdout.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { SimProgress } from '../../capacity/types.js';
import { startRun } from '../../scenarios/engine/engine.js';
import { formatCount, formatMs, formatRate } from '../../scenarios/engine/format.js';
import type { RunOptions } from '../../scenarios/engine/options.js';
import { formatProgressLine } from '../../scenarios/engine/progress.js';
import type { RunResult } from '../../scenarios/engine/run-result.js';
import { parseLoopbackTarget } from '../../scenarios/engine/target.js';
import { buildReport } from '../../reports/build-report.js';
import { planSection, probeSeries, simulationSection } from '../../reports/capacity-inputs.js';
import { validateProbeOptions } from '../../scenarios/probe/options.js';
import { formatProbeEvent } from '../../scenarios/probe/format.js';
import { runProbe } from '../../scenarios/probe/probe.js';
import type { ProbeResult } from '../../scenarios/probe/types.js';
import { predictedVsMeasured } from '../../reports/comparisons.js';
import { writeReport } from '../../reports/write-report.js';
import {
  DEMO_SCRYPT_COST,
  fullSizeModel,
  modelFromProbe,
  type NextWavePlan,
  planNextWave,
  predictReplay,
  simulateLaunchDay,
} from './capacity-steps.js';
import { startChildServer, stopAllChildren } from './child-servers.js';
import type { DemoSettings } from './demo-options.js';

export interface DemoStreams {
  /** Progress (phases, the live replay line). */
  progress: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** The headline and the report's path. */
  result: NodeJS.WritableStream;
}

export interface DemoOutcome {
  headline: string;
  files: { html: string; md: string; json: string };
  passed: boolean;
}

const PHASES = 6;
/** The sweep's applicants: apart from the replay's (0 on) and the low-rate probe's (demo-options.ts). */
const SWEEP_FIRST_INDEX = 60_000_000;

class Progress {
  private line = false;
  private readonly startedAt = performance.now();
  constructor(private readonly stream: DemoStreams['progress']) {}

  phase(n: number, name: string, text: string): void {
    this.clear();
    const elapsed = ((performance.now() - this.startedAt) / 1000).toFixed(0).padStart(3);
    this.stream.write(`${elapsed}s [${n}/${PHASES}] ${name.padEnd(9)} ${text}\n`);
  }

  /** A line rewritten in place on a terminal; in a log, one line each time `log` is true. */
  live(text: string, log: boolean): void {
    if (this.stream.isTTY === true) {
      const width = (this.stream.columns ?? 120) - 1;
      this.stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width) : text}`);
      this.line = true;
    } else if (log) {
      this.stream.write(`${text}\n`);
    }
  }

  clear(): void {
    if (this.line) this.stream.write('\r\x1b[2K');
    this.line = false;
  }
}

async function replay(options: RunOptions, progress: Progress, label: string): Promise<RunResult> {
  const run = startRun(options);
  run.on('tick', (tick) => {
    const seconds = tick.row.t + 1;
    progress.live(
      `               ${label.padEnd(8)} ${formatProgressLine(tick, options.durationSeconds)}`,
      seconds % 5 === 0,
    );
  });
  stopReplay = (reason) => run.stop(reason);
  try {
    return await run.result;
  } finally {
    stopReplay = undefined;
    progress.clear();
  }
}

const scratchDirs = new Set<string>();

/** Set while the replay runs: how the signal handler stops arrivals. */
let stopReplay: ((reason: string) => void) | undefined;

export function interruptReplay(reason: string): void {
  stopReplay?.(reason);
}

function simProgress(progress: Progress, label: string) {
  return (p: SimProgress) =>
    progress.live(`               ${label}: ${p.label} (${Math.round(p.fraction * 100)} %)`, false);
}

export async function runDemo(settings: DemoSettings, streams: DemoStreams): Promise<DemoOutcome> {
  const progress = new Progress(streams.progress);
  const scratch = mkdtempSync(join(tmpdir(), 'gelombang-demo-'));
  scratchDirs.add(scratch);
  try {
    mkdirSync(settings.outDir, { recursive: true });
    const save = (name: string, data: unknown) =>
      writeFileSync(join(settings.outDir, name), `${JSON.stringify(data, null, 1)}\n`);

    // 1. The service and the registry stub (or the given target).
    let targetUrl: string;
    if (settings.target === null) {
      const r = settings.registry;
      const stub = await startChildServer('registry stub', [
        'stub',
        'registry',
        '--port',
        '0',
        '--seed',
        String(settings.replay.seed),
        '--max-concurrent',
        String(r.maxConcurrent),
        '--latency-mean-ms',
        String(r.latencyMeanMs),
        '--latency-sigma',
        String(r.latencySigma),
      ]);
      const service = await startChildServer('service', [
        'serve',
        '--port',
        '0',
        '--db',
        `sqlite:${join(scratch, 'demo.db')}`,
        '--registry-url',
        stub.url,
        '--sandbox',
        // scrypt cheapened as for every load test on a shared machine; the model's hash demand says so.
        '--scrypt-cost',
        String(DEMO_SCRYPT_COST),
        '--log-level',
        'error',
      ]);
      targetUrl = service.url;
      progress.phase(
        1,
        'start',
        `service ${service.url} (SQLite, throw-away), registry stub ${stub.url} ` +
          `(${r.maxConcurrent} NIK checks at once, ${r.latencyMeanMs} ms mean: a 2020-like limit)`,
      );
    } else {
      targetUrl = settings.target;
      progress.phase(1, 'start', `testing ${targetUrl} (--target: nothing started)`);
    }
    const target = parseLoopbackTarget(targetUrl);
    if ('error' in target) throw new Error(target.error);

    // 2. Probe: every funnel step at a low rate (the smoke scenario's 8 journeys/s, applicants of their own),
    // so that latencies are service times, not queueing: what calibration needs.
    const probeOptions: RunOptions = { ...settings.probe, origin: target.origin, basePath: target.basePath };
    progress.phase(
      2,
      'probe',
      `every funnel step at a low rate for ${formatMs(probeOptions.durationSeconds * 1000)}`,
    );
    const probe = await replay(probeOptions, progress, 'probe');
    progress.phase(
      2,
      'probe',
      `${formatCount(probe.arrivals.launched)} journeys at ${formatRate(probe.arrivals.achievedRate)}: ` +
        probe.steps.map((s) => `${s.step} p50 ${formatMs(s.fromIntended.p50)}`).join(', '),
    );
    // …and, unless --quick, the account step swept over concurrency (closed model): its throughput curve
    // and USL fit, and CPU per request from the service's /metrics for calibration.
    let sweep: ProbeResult | null = null;
    if (settings.quick) {
      progress.phase(2, 'probe', 'concurrency sweep skipped (--quick): the report has no USL chart');
    } else {
      sweep = await runProbe(
        validateProbeOptions({
          target: targetUrl,
          step: 'account',
          concurrency: '1,2,4,8,16,32',
          duration: '3s',
          seed: String(settings.replay.seed),
          firstIndex: String(SWEEP_FIRST_INDEX),
          warmUp: '10',
        }),
        (event) =>
          progress.live(`               sweep    ${formatProbeEvent(event)}`, event.kind === 'level-done'),
      );
      save('probe.json', sweep);
      const usl = sweep.usl;
      progress.phase(
        2,
        'probe',
        `account swept at ${sweep.levels.map((l) => l.concurrency).join(',')} concurrent: ` +
          (usl === null
            ? `no USL fit (${sweep.uslError})`
            : `USL σ ${usl.sigma.toFixed(3)}, κ ${usl.kappa.toExponential(1)}, peak ${usl.peakThroughput === null ? '—' : formatRate(usl.peakThroughput)}`),
      );
    }

    // 3. The replay.
    const options: RunOptions = { ...settings.replay, origin: target.origin, basePath: target.basePath };
    progress.phase(
      3,
      'replay',
      `launch-day opening at ${options.scale}× the 2020 rate, ${options.timeScale}× compressed, ` +
        `${formatMs(options.durationSeconds * 1000)} of arrivals (the day's first ${formatMs(options.durationSeconds * options.timeScale * 1000)})`,
    );
    const run = await replay(options, progress, 'replay');
    const stopped = run.stopped === null ? '' : ` (stopped early: ${run.stopped.reason})`;
    progress.phase(
      3,
      'replay',
      `${formatCount(run.arrivals.launched)} sign-ups started, ${formatCount(run.journeys.completed)} completed, ` +
        `${run.thresholds.filter((t) => !t.ok).length} of ${run.thresholds.length} thresholds broken${stopped}`,
    );
    save('run.json', run);

    // 4. Calibrate.
    const { model, how } = modelFromProbe(settings, probe, sweep);
    save('probe-run.json', probe);
    const predicted = predictReplay(model, settings, simProgress(progress, 'calibrate'));
    const comparisons = predictedVsMeasured(predicted, run);
    progress.phase(
      4,
      'calibrate',
      `${how}; ` +
        comparisons
          .filter((c) => c.unit === 'ms')
          .map((c) => `${c.quantity} predicted ${formatMs(c.predicted)} vs ${formatMs(c.measured)} measured`)
          .join(', '),
    );

    // 5. The full-size day.
    const dayModel = fullSizeModel(model, settings);
    save('model.json', dayModel);
    const day = simulateLaunchDay(dayModel, settings, simProgress(progress, 'simulate'));
    save('sim.json', day);
    const busiest = simulationSection(day).stations.sort((a, b) => b.peakUtilisation - a.peakUtilisation)[0];
    progress.phase(
      5,
      'simulate',
      `the launch day at full size${day.knobs.durationSeconds < 75_600 ? `, its first ${formatMs(day.knobs.durationSeconds * 1000)}` : ''} (${formatCount(day.arrivals.mean)} sign-ups, ${day.replications} replication` +
        `${day.replications === 1 ? '' : 's'}): ${formatCount(day.journeys.completed.mean)} completed` +
        (busiest === undefined
          ? ''
          : `, busiest: ${busiest.name} at ${Math.round(busiest.peakUtilisation * 100)} %`),
    );

    // 6. The next wave.
    const next: NextWavePlan = planNextWave(dayModel, settings, simProgress(progress, 'plan'));
    save('plan.json', next.plan);
    save('waves.json', next.waves);
    progress.phase(6, 'plan', `wave ${next.wave}: ${next.plan.summary}`);

    const report = buildReport({
      run,
      probe: sweep === null ? null : [probeSeries(sweep)],
      simulation: simulationSection(day),
      plan: planSection(next.plan, { wave: next.wave, waves: next.waves }),
      predictedVsMeasured: comparisons,
      files: {
        run: 'run.json',
        probe: sweep === null ? null : 'probe.json',
        model: 'model.json',
        sim: 'sim.json',
        plan: 'plan.json',
      },
      generatedAt: new Date().toISOString(),
    });
    const files = writeReport(report, settings.outDir);
    const headline = report.headline.sizingSentence ?? report.headline.tested;
    const shown = relative(process.cwd(), files.html);
    streams.result.write(
      `\n${headline}\n${report.headline.passed ? 'PASSED' : 'FAILED'} — ${report.headline.verdict}\n` +
        `Bottleneck: ${report.headline.bottleneck ?? 'nothing measured says'}\n` +
        `Report: ${shown.startsWith('..') ? files.html : shown} (also report.md, report.json)\n`,
    );
    return { headline, files, passed: report.headline.passed };
  } finally {
    await stopAllChildren();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** For a signal: stop the servers and remove the scratch folder without waiting for the phases. */
export async function abandonDemo(): Promise<void> {
  await stopAllChildren();
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}

// An engine run whose process was not starved of CPU. The engine, the service and the registry stub of an
// integration test share one process: when other processes take the cores, its timers fire late and the
// stub's latency grows with them, so the run measures the machine, not the system under test. A run whose
// mean event-loop delay exceeds the bound is made again (with what `next` gives: fresh applicants).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startRun } from '../../scenarios/engine/engine.js';
import type { RunOptions } from '../../scenarios/engine/options.js';
import type { RunResult } from '../../scenarios/engine/run-result.js';

/** Mean event-loop delay (ms, sampled every 5 ms: ≈ 6–8 ms on an idle loop) above which a run is redone. */
export const STARVED_MS = 15;

export async function unstarvedRun<T extends { options: RunOptions }>(
  label: string,
  next: () => T,
  attempts = 3,
): Promise<T & { run: RunResult }> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const planned = next();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const run = await startRun(planned.options).result;
    delay.disable();
    const meanMs = delay.mean / 1e6;
    console.log(
      `${label}: mean event-loop delay ${meanMs.toFixed(1)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms)` +
        (meanMs > STARVED_MS ? ' — starved, measuring again' : ''),
    );
    if (meanMs <= STARVED_MS) return { ...planned, run };
  }
  throw new Error(
    `${label}: the process was starved of CPU in ${attempts} runs (mean event-loop delay > ${STARVED_MS} ms); ` +
      'the machine is too loaded to measure; rerun this test alone',
  );
}

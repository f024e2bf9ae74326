// The engine at the launch's peak, at full scale: 1,333 arrivals/s (80,000 sign-ups in the opening minute,
// launch-facts.md) of the funnel journey with real think times (think scale 1: a journey lasts minutes), for
// 3 minutes (`--duration=3m`; shorter with `--duration=30s`, or `--quick` = 20 s), against
// `gelombang stub funnel` in its own process, so the service costs nothing and the engine is what is measured.
// Every arrival must be launched (0 dropped) within 5 ms (p99 scheduler lag) while journeys in flight pile up
// to ~240,000 by the third minute (1,333/s × 180 s: hardly any journey ends that soon); memory per journey in flight is printed
// against a target of ≤ 4 KB (k6 needs 1–5 MB per VU, one VU per journey in flight).
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { startRun } from '../scenarios/engine/engine.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { constantScenario } from '../test/engine-fixtures.js';
import { startChildServer } from '../test/helpers/child-server.js';
import type { Bench } from './types.js';

const PEAK_RATE = 1333;
const FULL_SECONDS = 180;
const MAX_LAG_P99_MS = 5;
const MAX_BYTES_PER_JOURNEY = 4096;

const bench: Bench = async (ctx) => {
  const seconds = ctx.durationSeconds ?? (ctx.quick ? 20 : FULL_SECONDS);
  const stub = await startChildServer('cli/index.ts', ['stub', 'funnel', '--port', '0']);
  try {
    const scenario = {
      ...constantScenario(PEAK_RATE, seconds, { journey: 'funnel', name: 'launch-peak' }),
      data: { seed: DEFAULT_SEED, startIndex: 0 },
    };
    const options = validateRunOptions({
      scenario,
      target: stub.url,
      thinkScale: 1,
      maxInFlight: 10_000_000,
      connections: 256,
      // The journeys in flight at the end would think for minutes more: cut them, the arrivals are measured.
      gracefulStop: 0,
    });
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    let inFlightAtEnd = 0;
    let rssAtEnd = before.rss;
    let heapAtEnd = before.heapUsed;
    // Collections during the run and their pauses (wall time: on a loaded machine a pause includes waiting
    // for the CPU). Scavenges collect the young generation; the rest are mark-compact (old generation).
    const gc = { scavenges: 0, major: 0, pauseMs: 0, longestMs: 0, pausesOver5Ms: 0 };
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.scavenges++;
        else gc.major++;
        gc.pauseMs += entry.duration;
        gc.longestMs = Math.max(gc.longestMs, entry.duration);
        if (entry.duration > MAX_LAG_P99_MS) gc.pausesOver5Ms++;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    const run = startRun(options);
    run.on('tick', ({ row, totals }) => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
      if (row.t === seconds - 1) {
        inFlightAtEnd = row.inFlight;
        rssAtEnd = now.rss;
        heapAtEnd = now.heapUsed;
      }
      if (row.t % 10 === 9) {
        ctx.log(
          `t=${row.t + 1}s launched=${totals.arrivals} dropped=${totals.dropped} in flight=${row.inFlight} rss=${(now.rss / 2 ** 20).toFixed(0)} MB`,
        );
      }
    });
    const result = await run.result;
    observer.disconnect();
    const requests = result.steps.reduce((n, s) => n + s.requests, 0);
    const perJourneyRss = inFlightAtEnd > 0 ? (rssAtEnd - before.rss) / inFlightAtEnd : Number.NaN;
    const perJourneyHeap = inFlightAtEnd > 0 ? (heapAtEnd - before.heapUsed) / inFlightAtEnd : Number.NaN;
    return [
      {
        title: `Engine at the launch's peak, full scale (${PEAK_RATE}/s of the funnel, real think times, ${seconds} s)`,
        notes: [
          `Against \`gelombang stub funnel\` in its own process (canned answers, near-zero cost); one engine thread.`,
          `Journeys last minutes (think time), so journeys in flight only grow during the run (Little's law).`,
          seconds < FULL_SECONDS
            ? `Reduced run: ${seconds} s instead of the 3 minutes of \`npm run bench -- engine-peak --duration=3m\` (shared machine).`
            : 'Full 3-minute run.',
          'Bytes per journey in flight: growth of RSS (and of the JS heap) from the start to the last second of ' +
            'arrivals, divided by the journeys in flight then; RSS includes histograms and sockets, so it is an upper bound. ' +
            'The heap is read without a GC (garbage included); bench journey-memory measures live bytes after a full GC.',
          `V8 flags: ${process.execArgv.filter((a) => a.startsWith('--max-semi') || a.startsWith('--min-semi')).join(' ') || 'none (default young generation)'}.`,
        ],
        rows: [
          { name: 'arrivals launched', value: result.arrivals.launched, unit: 'journeys' },
          { name: 'achieved arrival rate', value: result.arrivals.achievedRate, unit: '/s' },
          {
            name: 'dropped arrivals',
            value: result.arrivals.dropped,
            unit: '',
            target: '0',
            pass: result.arrivals.dropped === 0,
          },
          {
            name: 'scheduler lag p99',
            value: result.schedulerLag.p99,
            unit: 'ms',
            target: `< ${MAX_LAG_P99_MS} ms`,
            pass: result.schedulerLag.p99 < MAX_LAG_P99_MS,
          },
          { name: 'requests answered', value: requests, unit: 'requests' },
          { name: 'journeys in flight at the end of arrivals', value: inFlightAtEnd, unit: 'journeys' },
          { name: 'peak RSS', value: peakRss / 2 ** 20, unit: 'MB' },
          { name: 'peak JS heap', value: peakHeap / 2 ** 20, unit: 'MB' },
          {
            name: 'RSS per journey in flight',
            value: perJourneyRss,
            unit: 'bytes',
            target: `≤ ${MAX_BYTES_PER_JOURNEY} B`,
            pass: perJourneyRss <= MAX_BYTES_PER_JOURNEY,
          },
          { name: 'JS heap per journey in flight', value: perJourneyHeap, unit: 'bytes' },
          { name: 'scavenges (young generation)', value: gc.scavenges, unit: '' },
          { name: 'mark-compact and other collections', value: gc.major, unit: '' },
          { name: 'GC pauses, total', value: gc.pauseMs, unit: 'ms' },
          { name: 'longest GC pause', value: gc.longestMs, unit: 'ms' },
          { name: `GC pauses over ${MAX_LAG_P99_MS} ms`, value: gc.pausesOver5Ms, unit: '' },
        ],
      },
    ];
  } finally {
    await stub.stop();
  }
};

export default bench;

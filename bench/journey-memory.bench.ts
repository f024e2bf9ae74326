// Bytes of JS heap per journey in flight, measured: the engine's journey runner drives 50,000 funnel
// journeys (real think times) against an in-process transport that answers every request at once with the
// canned answers of `gelombang stub funnel` (no sockets, no HTTP parser: what remains is what the engine
// keeps per journey). Heap after a full GC with the journeys asleep, minus the heap before, over the
// journeys. Two moments: all asleep before their second page view or their account (think time of the
// first step), and a mix across every step (think times scaled by 1/100, read after 3 s). The mixed moment
// also counts the garbage collections while it runs and their pauses (what drives the scheduler's lag).
// At the launch's peak ~240,000 journeys are in flight by the third minute (engine-peak.bench.ts); the
// target is ≤ 4 KB each (k6 needs 1–5 MB per VU).
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_SEED } from '../generators/options.js';
import type { StepTransport } from '../scenarios/engine/http-transport.js';
import { startJourney } from '../scenarios/engine/journey-runner.js';
import { Recorder } from '../scenarios/engine/recorder.js';
import { cannedAnswer } from '../scenarios/model/canned-answers.js';
import { getJourney } from '../scenarios/model/journeys.js';
import type { Bench, BenchRow } from './types.js';

const TARGET_BYTES = 4096;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function heapAfterGc(): Promise<number> {
  await settle(10);
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

interface Moment {
  bytesPerJourney: number;
  inFlight: number;
  requests: number;
  /** Collections while the journeys ran (the bench's own forced ones excluded) and their pauses, ms. */
  scavenges: number;
  majorGcs: number;
  gcPauseMs: number;
  longestGcPauseMs: number;
}

async function measure(journeys: number, thinkScale: number, waitMs: number): Promise<Moment> {
  let answered = 0;
  const transport: StepTransport = {
    send: (request) => {
      answered++;
      return Promise.resolve({
        response: cannedAnswer(request),
        sentAt: performance.now(),
        transportError: null,
      });
    },
    destroy: async () => {},
    close: async () => {},
  };
  const journey = getJourney('funnel', { thinkScale });
  const recorder = new Recorder(journey.steps);
  const stop = new AbortController();
  let ended = 0;
  const ctx = {
    journey,
    seed: DEFAULT_SEED,
    startIndex: 0,
    transport,
    recorder,
    abort: stop.signal,
    onEnd: () => {
      ended++;
    },
  };
  const before = await heapAfterGc();
  let scavenges = 0;
  let majorGcs = 0;
  let gcPauseMs = 0;
  let longestGcPauseMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
      else majorGcs++;
      gcPauseMs += entry.duration;
      longestGcPauseMs = Math.max(longestGcPauseMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  for (let i = 0; i < journeys; i++) {
    recorder.arrivalLaunched(0);
    startJourney(ctx, i, start);
  }
  // Every journey answers its first page view at once, then sleeps through its next think time.
  while (answered < journeys) await settle(5);
  await settle(waitMs);
  observer.disconnect();
  const after = await heapAfterGc();
  const inFlight = journeys - ended;
  const moment = {
    bytesPerJourney: (after - before) / inFlight,
    inFlight,
    requests: answered,
    scavenges,
    majorGcs,
    gcPauseMs,
    longestGcPauseMs,
  };
  stop.abort();
  while (ended < journeys) await settle(5);
  return moment;
}

const bench: Bench = async (ctx) => {
  const journeys = ctx.quick ? 20_000 : 50_000;
  const rows: BenchRow[] = [];
  const asleep = await measure(journeys, 1, 50);
  ctx.log(`asleep after the first step: ${asleep.bytesPerJourney.toFixed(0)} B per journey`);
  const mixed = await measure(journeys, 0.01, 3000);
  ctx.log(`across the funnel: ${mixed.bytesPerJourney.toFixed(0)} B per journey`);
  rows.push(
    {
      name: 'JS heap per journey in flight, asleep after the first step',
      value: asleep.bytesPerJourney,
      unit: 'bytes',
      target: `≤ ${TARGET_BYTES} B`,
      pass: asleep.bytesPerJourney <= TARGET_BYTES,
    },
    {
      name: 'JS heap per journey in flight, spread across the funnel (think ×1/100, 3 s)',
      value: mixed.bytesPerJourney,
      unit: 'bytes',
      target: `≤ ${TARGET_BYTES} B`,
      pass: mixed.bytesPerJourney <= TARGET_BYTES,
    },
    { name: 'journeys in flight then', value: mixed.inFlight, unit: 'journeys' },
    { name: 'requests answered by then', value: mixed.requests, unit: 'requests' },
    { name: 'scavenges (young generation) meanwhile', value: mixed.scavenges, unit: '' },
    { name: 'mark-compact and other collections meanwhile', value: mixed.majorGcs, unit: '' },
    { name: 'GC pauses meanwhile, total', value: mixed.gcPauseMs, unit: 'ms' },
    { name: 'longest GC pause meanwhile', value: mixed.longestGcPauseMs, unit: 'ms' },
  );
  return [
    {
      title: `Engine: JS heap per journey in flight (${journeys.toLocaleString('en-US')} funnel journeys, in-process answers)`,
      notes: [
        'The journey runner over a transport answering at once with the canned answers of `gelombang stub funnel`: ' +
          'no sockets, so the figure is what the engine keeps per journey (engine-peak.bench.ts measures RSS over real HTTP).',
        'Heap after a full GC with the journeys in flight, minus the heap before, over the journeys in flight.',
      ],
      rows,
    },
  ];
};

export default bench;

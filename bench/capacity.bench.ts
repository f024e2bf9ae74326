// Capacity simulator speed (issue 8): the full launch day (1,432,133 applicants, the default funnel, 21 h)
// simulated in one process on one core, against its 1 s target (goal 0.5 s), with events/s and peak RSS
// (≤ 200 MB); and a sizing search with 5 replications per candidate (≤ 30 s). The baseline is the bare
// event list (the simulator's own binary heap and calendar, push + pop with no model) in the same run:
// the simulator's events/s as a share of it says how much the model costs beyond the event list.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { plan } from '../capacity/plan.js';
import { defaultModel } from '../capacity/model/load-model.js';
import { EventHeap } from '../capacity/sim/event-heap.js';
import { ROOT } from '../test/helpers/child-server.js';
import type { Bench } from './types.js';

const run = promisify(execFile);

/** Push and pop `n` events through the event list, ~64 k pending, times spread like think times. */
function bareEventList(n: number): number {
  const heap = new EventHeap();
  let x = 12345;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
  for (let i = 0; i < 65_536; i++) heap.push(next() * 300, 1, i);
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    heap.pop();
    heap.push(heap.topTime + next() * 300, 1, heap.topSubject);
  }
  return n / ((performance.now() - started) / 1000);
}

const bench: Bench = async ({ quick, log }) => {
  const scale = quick ? 0.1 : 1;
  log('bare event list: 5 M push + pop');
  const bare = bareEventList(5_000_000);
  log(`launch day at scale ${scale} in a child process`);
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'bench/capacity-launch-day.ts', String(scale)],
    {
      cwd: ROOT,
      maxBuffer: 1 << 20,
    },
  );
  const day = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    wallSeconds: number;
    cpuSeconds: number;
    events: number;
    arrivals: number;
    peakRssMb: number;
  };
  const eventsPerSecond = day.events / day.wallSeconds;

  log(
    'sizing search: spike-80k at scale 0.02, instances and registry capacity, 5 replications per candidate',
  );
  const started = performance.now();
  const sized = plan('spike-80k', defaultModel(), {
    scale: 0.02,
    replications: 5,
    slos: [
      { metric: 'http_req_duration{step:account}', expressions: ['p(95)<2000'] },
      { metric: 'http_req_duration{step:profile}', expressions: ['p(95)<3000'] },
    ],
    dimensions: ['service.instances', 'registry.maxConcurrent'],
  });
  const searchSeconds = (performance.now() - started) / 1000;
  const label = quick
    ? `launch day at scale ${scale} (quick)`
    : 'full launch day (1,432,133 applicants, 21 h)';
  return [
    {
      title: 'Capacity simulator: a launch day in one process',
      notes: [
        `${label}: ${Math.round(day.arrivals).toLocaleString('en-US')} arrivals, ${Math.round(day.events).toLocaleString('en-US')} events, reference model with 100 instances (sized for the peak), one replication, one core`,
        'events: request issues, station departures, registry calls and timeouts, minute marks (no object per event)',
        `sizing search: ${sized.summary}`,
      ],
      rows: [
        { name: 'bare event list (heap + calendar), push + pop', value: bare, unit: 'events/s' },
        {
          name: `${label}, wall`,
          value: day.wallSeconds,
          unit: 's',
          target: quick ? undefined : '≤ 1 s (goal 0.5 s)',
          pass: quick ? undefined : day.wallSeconds <= 1,
        },
        {
          name: `${label}, CPU time of the simulating process (wall minus waiting for a shared core)`,
          value: day.cpuSeconds,
          unit: 's',
        },
        {
          name: 'simulator events/s',
          value: eventsPerSecond,
          unit: 'events/s',
          ratio: eventsPerSecond / bare,
          baselineName: 'bare event list',
        },
        {
          name: 'peak RSS of that process',
          value: day.peakRssMb,
          unit: 'MB',
          target: '≤ 200 MB',
          pass: day.peakRssMb <= 200,
        },
        {
          name: `sizing search, ${sized.candidates.length} candidates × 5 replications`,
          value: searchSeconds,
          unit: 's',
          target: '≤ 30 s',
          pass: searchSeconds <= 30,
        },
      ],
    },
  ];
};

export default bench;

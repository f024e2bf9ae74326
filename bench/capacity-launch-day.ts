// Child process of bench/capacity.bench.ts: one full launch-day simulation (1,432,133 expected applicants,
// the default funnel, 21 h) in a fresh process, so that its peak RSS is its own. Prints one JSON line.
// Usage: tsx bench/capacity-launch-day.ts [scale] [instances]  (default 1 and 100: a system sized for the
// peak, 1,333 sign-ups/s × 0.1 s of scrypt on 2 cores an instance; an undersized one queues for hours)
import { defaultModel } from '../capacity/model/load-model.js';
import { simulate } from '../capacity/sim/simulate.js';

const scale = Number(process.argv[2] ?? '1');
const model = defaultModel();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = simulate('launch-day', model, {
  scale,
  overrides: { instances: Number(process.argv[3] ?? '100') },
});
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
// On a shared machine the process waits for a core: its CPU time is what the simulation cost.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({
    wallSeconds,
    cpuSeconds,
    events: result.events.mean,
    arrivals: result.arrivals.mean,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);

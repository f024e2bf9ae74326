// Child process of bench/capacity.bench.ts: one full launch-day simulation (1,432,133 expected applicants,
// the default funnel, 21 h) in a fresh process, so that its peak RSS is its own. Prints one JSON line.
// Usage: tsx bench/capacity-launch-day.ts [scale]
import { defaultModel } from '../capacity/model/load-model.js';
import { simulate } from '../capacity/sim/simulate.js';

const scale = Number(process.argv[2] ?? '1');
const model = defaultModel();
const started = performance.now();
const result = simulate('launch-day', model, { scale, overrides: { instances: 8 } });
const wallSeconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    wallSeconds,
    events: result.events.mean,
    arrivals: result.arrivals.mean,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);

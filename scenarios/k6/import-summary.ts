// k6's `--summary-export=FILE` (end-of-test summary: per metric avg/min/med/max/p(90)/p(95)… for trends,
// count/rate for counters, passes/fails/value for rates) into a K6Tally. Fixed percentiles are all there is:
// each trend becomes a histogram whose quantiles pass through the exported ones (linear in between), and the
// result is marked approximate. Per-step counts exist only where k6 exported a {step:NAME} submetric of
// http_req_failed; otherwise the requests are shared equally over the steps that have a duration submetric.
import { K6ImportError } from './import-json.js';
import { K6Tally, recordMs } from './import-result.js';
import type { Histogram } from '../engine/hdr.js';

type Entry = Record<string, unknown>;

/** Records `count` samples into `histogram` whose quantiles follow the given (percent, ms) points. */
export function shapeHistogram(histogram: Histogram, entry: Entry, count: number): void {
  const points: Array<[number, number]> = [];
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'number') continue;
    const p =
      key === 'min' ? 0 : key === 'med' ? 50 : key === 'max' ? 100 : /^p\((\d+(?:\.\d+)?)\)$/.exec(key)?.[1];
    if (p !== undefined) points.push([Number(p), value]);
  }
  points.sort((a, b) => a[0] - b[0]);
  if (points.length === 0 || count <= 0) return;
  const at = (q: number): number => {
    const i = points.findIndex(([p]) => p >= q);
    if (i <= 0) return points[Math.max(0, i)]![1];
    const [p0, v0] = points[i - 1]!;
    const [p1, v1] = points[i]!;
    return p1 === p0 ? v1 : v0 + ((v1 - v0) * (q - p0)) / (p1 - p0);
  };
  const slices = Math.min(count, 10_000);
  for (let i = 0; i < slices; i++) {
    const n = Math.floor(((i + 1) * count) / slices) - Math.floor((i * count) / slices);
    // Sample i sits at quantile (i + 1) / slices: then nearest-rank percentiles land on the exported points.
    const ms = at(((i + 1) / slices) * 100);
    for (let k = 0; k < n; k++) recordMs(histogram, ms);
  }
}

const num = (entry: Entry | undefined, key: string): number =>
  typeof entry?.[key] === 'number' ? (entry[key] as number) : 0;

export function fromSummaryExport(path: string, json: unknown): K6Tally {
  const metrics = (json as { metrics?: Record<string, Entry> } | null)?.metrics;
  if (metrics === undefined || typeof metrics !== 'object') {
    throw new K6ImportError(`${path}: not k6 --summary-export output (no "metrics" object)`);
  }
  const tally = new K6Tally(path, 'summary-export');
  const requests = num(metrics.http_reqs, 'count');
  const rate = num(metrics.http_reqs, 'rate');
  const durationSeconds = rate > 0 ? requests / rate : 0;
  // No timestamps in a summary: the run is placed at time 0 with its length (requests / rate).
  tally.firstMs = 0;
  tally.lastMs = durationSeconds * 1000;
  const stepOf = (key: string) => /^http_req_duration\{step:([^}]+)\}$/.exec(key)?.[1];
  const steps = Object.keys(metrics).flatMap((key) => stepOf(key) ?? []);
  const plan = steps.length > 0 ? steps : ['all'];
  for (const name of plan) {
    const failedEntry = metrics[`http_req_failed{step:${name}}`];
    const count =
      failedEntry !== undefined
        ? num(failedEntry, 'passes') + num(failedEntry, 'fails')
        : Math.round(requests / plan.length);
    const step = tally.step(name);
    step.requests = count;
    step.failed =
      failedEntry !== undefined
        ? num(failedEntry, 'passes')
        : Math.round(num(metrics.http_req_failed, 'passes') / plan.length);
    const durations = metrics[name === 'all' ? 'http_req_duration' : `http_req_duration{step:${name}}`] ?? {};
    shapeHistogram(step.duration, durations, count);
  }
  tally.iterations = num(metrics.iterations, 'count');
  tally.dropped = num(metrics.dropped_iterations, 'count');
  shapeHistogram(tally.iterationDuration, metrics.iteration_duration ?? {}, tally.iterations);
  const completed = metrics.gelombang_journey_completed;
  if (completed !== undefined) {
    const ended = num(completed, 'passes') + num(completed, 'fails');
    tally.journeyEnds = ended;
    tally.journeys.completed = num(completed, 'passes');
    tally.journeys.abandoned = num(metrics.gelombang_journey_abandoned, 'passes');
    tally.journeys.droppedOut = Math.max(0, ended - tally.journeys.completed - tally.journeys.abandoned);
  }
  return tally;
}

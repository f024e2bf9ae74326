// How much open-model load one engine thread offers: the highest arrival rate of GET /ping it sustains on
// a bare server (every arrival launched, none dropped, p99 scheduler lag < 5 ms), as a ratio to the
// closed-loop rate autocannon reaches on the same server in the same run. Target ≥ 0.8: an open model
// costs a timer, a journey and two HDR records per request more than a closed loop, and should not cost
// much more than that.
//
// An engine on undici cannot beat undici: the closed-loop rate of the engine's own transport is reported
// too, so the cost of the open model itself (engine vs its transport) is visible apart from the HTTP
// client's (its transport vs autocannon's lean raw-socket client).
//
// The server runs in its own worker thread (as a service runs apart from its load generator); autocannon,
// the undici closed loop and the engine each run alone on this thread, against that one server, with the
// same number of connections. The search steps through fractions of autocannon's rate, a few seconds each,
// and stops at the first that does not hold.
//
// The machine's 2 cores are shared with other engineers' benchmarks, and a neighbour's burst moves every
// figure: autocannon's rate swung 15k–46k req/s between runs, and a thread descheduled for a time slice
// shows as 10–30 ms of scheduler lag at any rate. Every figure is therefore the best of a few tries in
// the same run, for both sides alike: each closed loop is measured before and after the engine's search
// (the higher counts, which is the harder baseline for the engine), and a step that does not hold is
// tried again, up to TRIES times, before the search stops (the rows print every try).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startRun } from '../scenarios/engine/engine.js';
import { createTransport } from '../scenarios/engine/http-transport.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import { constantScenario, startStallingServer } from '../test/engine-fixtures.js';
import type { Bench, BenchRow } from './types.js';

const CONNECTIONS = 16;
const MAX_LAG_P99_MS = 5;
const TARGET_RATIO = 0.8;
// Beyond 1×: the first autocannon figure may have been taken during a neighbour's burst (see above).
const STEPS = [0.4, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.1, 1.2];
/** Tries of a step before it counts as not holding (see above: neighbours, not the engine, fail most). */
const TRIES = 3;

/** CPU time (µs) this thread has used, from /proc (Linux; 10 ms ticks); undefined elsewhere. Per request it
 *  is the client's cost apart from the server thread's and far less moved by neighbours than a rate is. */
function threadCpuMicros(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime, in USER_HZ = 100 ticks
  } catch {
    return undefined;
  }
}

/** Runs `work` (which answers how many requests it made) and gives this thread's CPU µs per request. */
async function perRequestCpu<T>(
  work: () => Promise<T>,
  requests: (result: T) => number,
): Promise<{ result: T; cpuUs: number | undefined }> {
  const before = threadCpuMicros();
  const result = await work();
  const after = threadCpuMicros();
  const n = requests(result);
  return {
    result,
    cpuUs: before === undefined || after === undefined || n === 0 ? undefined : (after - before) / n,
  };
}

interface Step {
  rate: number;
  held: boolean;
  /** Which try this is (1-based). */
  attempt: number;
  lagP99Ms: number;
  achievedRate: number;
  dropped: number;
  /** This thread's CPU µs per arrival (scheduler, journey, transport, recorder). */
  cpuUs: number | undefined;
}

async function closedLoopRate(url: string, seconds: number): Promise<number> {
  const result = await autocannon({ url: `${url}/ping`, connections: CONNECTIONS, duration: seconds });
  return result.requests.total / result.duration;
}

/** The engine's own HTTP layer (undici) driven in a closed loop: the ceiling any undici-based engine has. */
async function transportClosedLoopRate(url: string, seconds: number): Promise<number> {
  const transport = createTransport({
    origin: url,
    basePath: '',
    connections: CONNECTIONS,
    timeoutMs: 10_000,
  });
  const request = { method: 'GET' as const, path: '/ping', headers: {} };
  const end = performance.now() + seconds * 1000;
  let answered = 0;
  const loop = async () => {
    while (performance.now() < end) {
      await transport.send(request);
      answered++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  await transport.close();
  return answered / seconds;
}

async function engineStep(url: string, rate: number, seconds: number, attempt = 1): Promise<Step> {
  const options = validateRunOptions({
    scenario: constantScenario(Math.round(rate), seconds, { name: 'engine-bench' }),
    target: url,
    connections: CONNECTIONS,
    gracefulStop: '5s',
  });
  const { result, cpuUs } = await perRequestCpu(
    () => startRun(options).result,
    (r) => r.arrivals.launched,
  );
  const lagP99Ms = result.schedulerLag.p99;
  const complete = result.arrivals.launched >= result.arrivals.scheduled && result.arrivals.dropped === 0;
  const answered = result.steps[0]!.requests - result.steps[0]!.failed >= result.arrivals.launched * 0.999;
  return {
    rate: Math.round(rate),
    attempt,
    held: complete && answered && lagP99Ms < MAX_LAG_P99_MS,
    lagP99Ms,
    achievedRate: result.arrivals.achievedRate,
    dropped: result.arrivals.dropped,
    cpuUs,
  };
}

const bench: Bench = async (ctx) => {
  const seconds = ctx.quick ? 2 : 4;
  const server = await startStallingServer(1e12, 0); // a stall never comes: a bare /ping server
  try {
    await closedLoopRate(server.url, 1); // warm up the server and the JIT
    const acMeasured = await perRequestCpu(
      () => closedLoopRate(server.url, seconds),
      (rate) => rate * seconds,
    );
    const autocannonBefore = acMeasured.result;
    ctx.log(`autocannon closed loop: ${Math.round(autocannonBefore)} req/s with ${CONNECTIONS} connections`);
    await transportClosedLoopRate(server.url, 1);
    const undiciMeasured = await perRequestCpu(
      () => transportClosedLoopRate(server.url, seconds),
      (rate) => rate * seconds,
    );
    const undiciBefore = undiciMeasured.result;
    ctx.log(`engine transport (undici) closed loop: ${Math.round(undiciBefore)} req/s`);
    await engineStep(server.url, 500, 1); // warm up the engine's code paths before measuring
    const steps: Step[] = [];
    for (const fraction of STEPS) {
      let step: Step | undefined;
      for (let attempt = 1; attempt <= TRIES && !step?.held; attempt++) {
        step = await engineStep(server.url, autocannonBefore * fraction, seconds, attempt);
        steps.push(step);
        ctx.log(
          `engine at ${step.rate}/s (try ${attempt}): achieved ${Math.round(step.achievedRate)}/s, lag p99 ${step.lagP99Ms.toFixed(2)} ms, ` +
            `dropped ${step.dropped} → ${step.held ? 'held' : 'did not hold'}`,
        );
      }
      if (!step?.held) break;
    }
    const autocannonAfter = await closedLoopRate(server.url, seconds);
    const undiciAfter = await transportClosedLoopRate(server.url, seconds);
    ctx.log(
      `after the search: autocannon ${Math.round(autocannonAfter)} req/s, undici ${Math.round(undiciAfter)} req/s`,
    );
    const baseline = Math.max(autocannonBefore, autocannonAfter);
    // A neighbour's load that came or went during the run moves the baseline more than any change to the
    // engine does: say so rather than let one figure stand for the machine.
    const drift = Math.abs(autocannonBefore - autocannonAfter) / baseline;
    const undiciCeiling = Math.max(undiciBefore, undiciAfter);
    const best = steps.filter((s) => s.held).at(-1);
    const sustained = best?.rate ?? 0;
    const ratio = sustained / baseline;
    const rows: BenchRow[] = [
      {
        name: `autocannon closed-loop rate, GET /ping (best of ${Math.round(autocannonBefore)} before, ${Math.round(autocannonAfter)} after)`,
        value: baseline,
        unit: 'req/s',
      },
      {
        name: 'engine highest sustained arrival rate (p99 lag < 5 ms)',
        value: sustained,
        unit: 'arrivals/s',
        ratio,
        baselineName: 'autocannon',
        target: `≥ ${TARGET_RATIO}× autocannon`,
        pass: ratio >= TARGET_RATIO,
      },
      {
        name: `engine scheduler lag p99 at that rate (try ${best?.attempt ?? '–'} of ≤ ${TRIES})`,
        value: best?.lagP99Ms ?? 0,
        unit: 'ms',
      },
      {
        name: `engine transport (undici) closed-loop rate, best of ${Math.round(undiciBefore)} before, ${Math.round(undiciAfter)} after: the ceiling of an undici engine`,
        value: undiciCeiling,
        unit: 'req/s',
        ratio: undiciCeiling / baseline,
        baselineName: 'autocannon',
      },
      {
        name: 'engine sustained rate vs its own transport in a closed loop',
        value: sustained,
        unit: 'arrivals/s',
        ratio: sustained / undiciCeiling,
        baselineName: 'undici closed loop',
      },
    ];
    const cpuRow = (name: string, us: number | undefined): BenchRow[] =>
      us === undefined || acMeasured.cpuUs === undefined
        ? []
        : [{ name, value: us, unit: 'µs CPU/req', ratio: us / acMeasured.cpuUs, baselineName: 'autocannon' }];
    rows.push(
      ...cpuRow('autocannon client thread, closed loop', acMeasured.cpuUs),
      ...cpuRow('engine transport (undici) client thread, closed loop', undiciMeasured.cpuUs),
      // The scheduler polls (setImmediate) when the next arrival is under 1 ms away, so below saturation
      // this row counts idle spinning too: it is comparable with the closed loops only near the limit.
      ...cpuRow(
        'engine thread per arrival at its highest sustained rate (incl. scheduler polling)',
        best?.cpuUs,
      ),
    );
    return [
      {
        title: 'Load engine: open-model arrival rate vs a closed loop',
        notes: [
          `one bare node:http GET /ping server in a worker thread for all three clients; ${CONNECTIONS} connections each; ${seconds} s per measurement`,
          `steps at ${STEPS.map((f) => `${f}×`).join(', ')} autocannon's first rate, Poisson arrivals; a step holds when every arrival is launched and answered and p99 scheduler lag < ${MAX_LAG_P99_MS} ms, in one of up to ${TRIES} tries`,
          'closed loops measured before and after the search; the ratio divides by the higher (shared cores: see bench/engine.bench.ts)',
          `autocannon's rate moved ${Math.round(drift * 100)} % between before and after${drift > 0.25 ? ": the machine's load changed during the run, so the ratio says more about the neighbours than about the engine; compare the CPU-per-request rows, or run again" : ''}`,
          'CPU per request: this thread only (from /proc, the server thread apart); lower is cheaper',
        ],
        rows,
      },
    ];
  } finally {
    await server.close();
  }
};

export default bench;

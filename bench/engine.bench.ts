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
// The server runs in its own worker thread (as a service runs apart from its load generator); autocannon
// and the engine each run alone on this thread. The search steps through fractions of autocannon's rate,
// a few seconds each, and stops at the first that does not hold.
import autocannon from 'autocannon';
import { startRun } from '../scenarios/engine/engine.js';
import { createTransport } from '../scenarios/engine/http-transport.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import { constantScenario, startStallingServer } from '../test/engine-fixtures.js';
import type { Bench, BenchRow } from './types.js';

const CONNECTIONS = 16;
const MAX_LAG_P99_MS = 5;
const TARGET_RATIO = 0.8;
const STEPS = [0.2, 0.4, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0];

interface Step {
  rate: number;
  held: boolean;
  lagP99Ms: number;
  achievedRate: number;
  dropped: number;
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

async function engineStep(url: string, rate: number, seconds: number): Promise<Step> {
  const options = validateRunOptions({
    scenario: constantScenario(Math.round(rate), seconds, { name: 'engine-bench' }),
    target: url,
    connections: CONNECTIONS,
    gracefulStop: '5s',
  });
  const result = await startRun(options).result;
  const lagP99Ms = result.schedulerLag.p99;
  const complete = result.arrivals.launched >= result.arrivals.scheduled && result.arrivals.dropped === 0;
  const answered = result.steps[0]!.requests - result.steps[0]!.failed >= result.arrivals.launched * 0.999;
  return {
    rate: Math.round(rate),
    held: complete && answered && lagP99Ms < MAX_LAG_P99_MS,
    lagP99Ms,
    achievedRate: result.arrivals.achievedRate,
    dropped: result.arrivals.dropped,
  };
}

const bench: Bench = async (ctx) => {
  const seconds = ctx.quick ? 2 : 4;
  const server = await startStallingServer(1e12, 0); // a stall never comes: a bare /ping server
  try {
    await closedLoopRate(server.url, 1); // warm up the server and the JIT
    const baseline = await closedLoopRate(server.url, seconds);
    ctx.log(`autocannon closed loop: ${Math.round(baseline)} req/s with ${CONNECTIONS} connections`);
    await transportClosedLoopRate(server.url, 1);
    const undiciCeiling = await transportClosedLoopRate(server.url, seconds);
    ctx.log(`engine transport (undici) closed loop: ${Math.round(undiciCeiling)} req/s`);
    await engineStep(server.url, 500, 1); // warm up the engine's code paths before measuring
    const steps: Step[] = [];
    for (const fraction of STEPS) {
      const step = await engineStep(server.url, baseline * fraction, seconds);
      steps.push(step);
      ctx.log(
        `engine at ${step.rate}/s: achieved ${Math.round(step.achievedRate)}/s, lag p99 ${step.lagP99Ms.toFixed(2)} ms, ` +
          `dropped ${step.dropped} → ${step.held ? 'held' : 'did not hold'}`,
      );
      if (!step.held) break;
    }
    const best = steps.filter((s) => s.held).at(-1);
    const sustained = best?.rate ?? 0;
    const ratio = sustained / baseline;
    const rows: BenchRow[] = [
      { name: 'autocannon closed-loop rate, GET /ping', value: baseline, unit: 'req/s' },
      {
        name: 'engine highest sustained arrival rate (p99 lag < 5 ms)',
        value: sustained,
        unit: 'arrivals/s',
        ratio,
        baselineName: 'autocannon',
        target: `≥ ${TARGET_RATIO}× autocannon`,
        pass: ratio >= TARGET_RATIO,
      },
      { name: 'engine scheduler lag p99 at that rate', value: best?.lagP99Ms ?? 0, unit: 'ms' },
      {
        name: 'engine transport (undici) closed-loop rate: the ceiling of an undici engine',
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
    return [
      {
        title: 'Load engine: open-model arrival rate vs a closed loop',
        notes: [
          `bare node:http GET /ping in a worker thread; ${CONNECTIONS} connections for both; ${seconds} s per step`,
          `steps at ${STEPS.map((f) => `${f}×`).join(', ')} autocannon's rate, Poisson arrivals; a step holds when every arrival is launched and answered and p99 scheduler lag < ${MAX_LAG_P99_MS} ms`,
        ],
        rows,
      },
    ];
  } finally {
    await server.close();
  }
};

export default bench;

// The launch peak against the service with the waiting room on (issue 11): the engine offers the
// spike-80k scenario (80,000 sign-ups a minute, scaled) at 3× the service's measured sign-up capacity;
// the room admits at 0.6× that capacity and answers the rest 429 + Retry-After. Why 0.6: the closed-loop
// capacity is the thread pool that runs scrypt at 100 %; at 0.9× (measured once: p95 2.2 s) queueing for
// it alone, plus the admitted applicants' later steps and the refusals, took the p95 past the SLO. An
// operator sets the room below capacity for the same reason. The admitted applicants'
// p95 must stay within the scenario's SLO (its http_req_duration{step:…} thresholds). The same offered
// load with the room off is measured beside it, as the baseline of what the room protects against.
//
// Capacity is measured in the same run (autocannon closed loop on POST /api/v1/accounts) with scrypt at
// N=4096 (a quarter of the default): scrypt sets the sign-up capacity, as in production, keeps 3× of it
// small enough for one engine thread on a shared 2-core machine, and still admits a few hundred applicants
// in the window (at N=16384 a loaded machine admits ~5/s: too few for a p95).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRun } from '../scenarios/engine/engine.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { getScenario, LAUNCH_SEED } from '../scenarios/model/scenarios.js';
import { startChildServer } from '../test/helpers/child-server.js';
import { rate } from './service.bench.js';
import { startBenchService } from './bench-servers.js';
import type { Bench, BenchRow } from './types.js';

const SCRYPT_COST = 4096;
const SPIKE_PER_SECOND = 80_000 / 60; // spike-80k's rate at scale 1 (launch-facts.md: 80,000 in one minute)
/** The spike's 30-s ramp becomes 3 s, its plateau 30 s: wall rate = scale × timeScale × model rate. */
const TIME_SCALE = 10;
const OFFERED_OVER_CAPACITY = 3;
const ROOM_OVER_CAPACITY = 0.6;
const STEPS_AFTER_ADMISSION = ['verify-email', 'profile'];

/** The scenario's p95 SLO for a step, ms (from 'p(95)<N' on http_req_duration{step:STEP}). */
function sloMs(step: string): number | undefined {
  const spec = getScenario('spike-80k').thresholds.find(
    (t) => t.metric === `http_req_duration{step:${step}}`,
  );
  const m = spec?.expressions.map((e) => /^p\(95\)<(\d+)$/.exec(e)).find((x) => x !== null);
  return m ? Number(m[1]) : undefined;
}

/** Prometheus histogram_quantile over one labelled series of /metrics text, in ms (linear in a bucket). */
export function histogramQuantileMs(text: string, metric: string, labels: string, q: number): number {
  const buckets: Array<[number, number]> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}_bucket{`) || !line.includes(labels)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    buckets.push([le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(line.split(' ').at(-1))]);
  }
  buckets.sort((a, b) => a[0] - b[0]);
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return prevLe * 1000; // beyond the last bucket: its lower bound
      return (prevLe + ((le - prevLe) * (rank - prevCount)) / Math.max(1, count - prevCount)) * 1000;
    }
    prevLe = le;
    prevCount = count;
  }
  return Number.NaN;
}

function counter(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

interface PeakRun {
  result: RunResult;
  metrics: string;
}

async function peak(dir: string, tag: string, roomRate: number | undefined, scale: number, seconds: number) {
  const service = await startBenchService(
    dir,
    `${tag}.db`,
    SCRYPT_COST,
    roomRate === undefined ? [] : ['--waiting-room-rate', String(roomRate)],
  );
  try {
    const run = startRun(
      validateRunOptions({
        scenario: 'spike-80k',
        target: service.url,
        scale,
        timeScale: TIME_SCALE,
        duration: `${seconds}s`,
        thinkScale: 0.01, // people compressed: the steps after admission follow within the window
        seed: LAUNCH_SEED,
        gracefulStop: '15s',
      }),
    );
    const result = await run.result;
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    return { result, metrics } satisfies PeakRun;
  } finally {
    await service.stop();
  }
}

const bench: Bench = async (ctx) => {
  const seconds = ctx.quick ? 10 : 20;
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-admission-'));
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    ctx.log(`sign-up capacity at scrypt N=${SCRYPT_COST}`);
    const probe = await startChildServer('cli/index.ts', [
      'serve',
      '--port',
      '0',
      '--db',
      `sqlite:${join(dir, 'capacity.db')}`,
      '--log-level',
      'warn',
      '--scrypt-cost',
      String(SCRYPT_COST),
    ]);
    let capacity: number;
    try {
      const measured = await rate(
        {
          url: probe.url,
          method: 'POST',
          path: '/api/v1/accounts',
          body: (n) => ({
            body: JSON.stringify({
              fullName: 'Bench Applicant',
              email: `capacity.${n}@example.id`,
              phone: '081234567890',
              password: 'rahasia-123',
            }),
          }),
        },
        ctx.quick ? 3 : 6,
      );
      capacity = measured.rps;
    } finally {
      await probe.stop();
    }
    rows.push({
      name: `sign-up capacity, closed loop (scrypt N=${SCRYPT_COST})`,
      value: capacity,
      unit: 'req/s',
    });
    const offered = OFFERED_OVER_CAPACITY * capacity;
    const scale = offered / (SPIKE_PER_SECOND * TIME_SCALE);
    const roomRate = Math.max(1, Math.floor(ROOM_OVER_CAPACITY * capacity));
    notes.push(
      `spike-80k at --scale ${scale.toFixed(5)} --time-scale ${TIME_SCALE}: ${offered.toFixed(0)} arrivals/s offered (${OFFERED_OVER_CAPACITY}× capacity) after a 3-s ramp, ${seconds} s in all`,
      `waiting room at ${roomRate}/s (${ROOM_OVER_CAPACITY}× capacity); applicants come back after Retry-After with their ticket, within their patience, as the funnel journey does`,
      "admitted applicants' p95: the service's own histogram of 201 answers to POST /api/v1/accounts (interpolated in its buckets), and the engine's p95 (from the intended send) of the steps only admitted applicants reach",
      'the same offered load with the room off is the baseline',
    );

    for (const [tag, room] of [
      ['room on', roomRate],
      ['room off', undefined],
    ] as const) {
      ctx.log(`launch peak, waiting room ${tag === 'room on' ? `at ${roomRate}/s` : 'off'}`);
      const { result, metrics } = await peak(dir, tag.replace(' ', '-'), room, scale, seconds);
      const admittedP95 = histogramQuantileMs(
        metrics,
        'http_request_duration_seconds',
        'route="/api/v1/accounts",status_code="201"',
        0.95,
      );
      const sloAccount = sloMs('account');
      rows.push({
        name: `${tag}: achieved arrival rate`,
        value: result.arrivals.achievedRate,
        unit: 'arrivals/s',
        ratio: result.arrivals.achievedRate / capacity,
        baselineName: 'capacity',
      });
      if (room !== undefined) {
        const admitted = counter(metrics, 'gelombang_waiting_room_admitted_total');
        rows.push({
          name: `${tag}: admitted / queued (429)`,
          value: admitted,
          unit: `admitted, ${counter(metrics, 'gelombang_waiting_room_rejected_total')} queued`,
        });
      }
      rows.push({
        name: `${tag}: p95 of admitted sign-ups (201), server side`,
        value: admittedP95,
        unit: 'ms',
        ...(room !== undefined && sloAccount !== undefined
          ? { target: `< ${sloAccount} ms (SLO)`, pass: admittedP95 < sloAccount }
          : {}),
      });
      for (const step of STEPS_AFTER_ADMISSION) {
        const s = result.steps.find((x) => x.step === step);
        const slo = sloMs(step);
        if (s === undefined || s.requests === 0) continue;
        rows.push({
          name: `${tag}: p95 of ${step} (${s.requests} requests), from intended send`,
          value: s.fromIntended.p95,
          unit: 'ms',
          ...(room !== undefined && slo !== undefined
            ? { target: `< ${slo} ms (SLO)`, pass: s.fromIntended.p95 < slo }
            : {}),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [{ title: 'Launch peak with the waiting room on (3× capacity offered)', notes, rows }];
};

export default bench;

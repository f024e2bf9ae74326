// Admission control over real HTTP: the waiting room in front of new sign-ups (429 + Retry-After + a
// place in the queue; a called ticket walks in) and load shedding (503 + Retry-After past a limit), both
// metered on /metrics. The room's exact rate is shown on a fake clock in target-service/waiting-room.test.ts;
// here real time bounds it from above (never more than the rate) and roughly from below.
import { afterEach, describe, expect, test } from 'vitest';
import { applicant } from '../generators/index.js';
import { ERRORS } from '../target-service/errors.js';
import { TICKET_HEADER } from '../target-service/plugins/waiting-room.js';
import { accountBody } from './helpers/applicants.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function service(overrides: Parameters<typeof startTestService>[0]): Promise<TestService> {
  const s = await startTestService({ logLevel: 'warn', ...overrides });
  cleanup.push(() => s.close());
  return s;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
}

type Queued = { code: string; details: { ticket: string; position: number; retryAfterSeconds: number } };

const signUp = (url: string, n: number, ticket?: string) =>
  api<Queued>(url, 'POST', '/api/v1/accounts', {
    body: accountBody(applicant(7, n)),
    ...(ticket ? { headers: { [TICKET_HEADER]: ticket } } : {}),
  });

describe('waiting room', () => {
  test('beyond the rate: 429 with Retry-After, a ticket and a place; the ticket walks in at its time; metered', async () => {
    const rate = 2; // slow enough that a loaded machine cannot stretch 40 requests past it
    const { url } = await service({ waitingRoomRate: rate });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => signUp(url, n)));
    const elapsedSeconds = (performance.now() - started) / 1000;
    const created = answers.filter((a) => a.status === 201);
    const queued = answers.filter((a) => a.status === 429);
    expect(created.length + queued.length).toBe(40);
    expect(created.length).toBeLessThanOrEqual(Math.ceil(rate * elapsedSeconds) + 1); // + the burst of 1
    expect(queued.length).toBeGreaterThan(0);
    for (const q of queued) {
      expect(q.body.code).toBe(ERRORS.WAITING_ROOM_QUEUED.code);
      expect(Number(q.headers.get('retry-after'))).toBe(q.body.details.retryAfterSeconds);
      expect(q.body.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(q.body.details.ticket).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);
    }
    // One ticket each, numbered in arrival order; a later ticket never has an earlier place.
    const byTicket = queued
      .map((q) => ({
        number: Number(q.body.details.ticket.split('.')[1]),
        position: q.body.details.position,
      }))
      .sort((a, b) => a.number - b.number);
    expect(byTicket.map((t) => t.number)).toEqual(Array.from({ length: queued.length }, (_, i) => i));
    for (let i = 1; i < byTicket.length; i++) {
      expect(byTicket[i]!.position).toBeGreaterThanOrEqual(byTicket[i - 1]!.position);
    }
    expect(byTicket[0]!.position).toBeGreaterThanOrEqual(1);
    expect(await metric(url, 'gelombang_waiting_room_queue_length')).toBeGreaterThan(0);

    // The first in line comes back after its Retry-After with the ticket (and the same body) and is admitted.
    const last = queued.find((q) => q.body.details.ticket.split('.')[1] === '0')!;
    const n = answers.indexOf(last);
    await new Promise((r) => setTimeout(r, last.body.details.retryAfterSeconds * 1000));
    const admitted = await signUp(url, n, last.body.details.ticket);
    expect(admitted.status).toBe(201);

    expect(await metric(url, 'gelombang_waiting_room_admitted_total')).toBe(created.length + 1);
    expect(await metric(url, 'gelombang_waiting_room_rejected_total')).toBe(queued.length);
  }, 30_000);

  test('offered 3× its rate by applicants who come back when told, it admits no more than the rate', async () => {
    const rate = 20;
    const seconds = 6;
    const { url } = await service({ waitingRoomRate: rate });
    const started = Date.now();
    const admittedAt: number[] = [];
    const applicantJourney = async (n: number) => {
      let ticket: string | undefined;
      while (Date.now() - started < seconds * 1000) {
        const res = await signUp(url, n, ticket);
        if (res.status === 201) {
          admittedAt.push(Date.now() - started);
          return;
        }
        expect(res.status).toBe(429);
        ticket = res.body.details.ticket;
        const waitMs = res.body.details.retryAfterSeconds * 1000;
        if (Date.now() - started + waitMs >= seconds * 1000) return; // the measured window is over
        await new Promise((r) => setTimeout(r, waitMs));
      }
    };
    const journeys: Array<Promise<void>> = [];
    for (let n = 0; Date.now() - started < seconds * 1000; n++) {
      journeys.push(applicantJourney(1000 + n));
      await new Promise((r) => setTimeout(r, 1000 / (3 * rate)));
    }
    await Promise.all(journeys);
    const inWindow = admittedAt.filter((t) => t < seconds * 1000).length;
    const burst = Math.ceil(rate / 10);
    // Never more than the rate (plus the burst): the property that protects the service.
    expect(inWindow).toBeLessThanOrEqual(rate * seconds + burst);
    // And not far below it: refused applicants come back up to a second late (whole-second Retry-After).
    expect(inWindow).toBeGreaterThanOrEqual(0.8 * rate * (seconds - 1));
  }, 30_000);
});

describe('load shedding', () => {
  test('past the heap limit: 503 with Retry-After and a code; /metrics and /healthz still answer; metered', async () => {
    const { url } = await service({
      shedding: {
        maxEventLoopDelayMs: 0,
        maxHeapUsedBytes: 1, // always past it
        maxEventLoopUtilization: 0,
        retryAfterSeconds: 3,
        sampleIntervalMs: 10,
      },
    });
    await new Promise((r) => setTimeout(r, 50)); // one sample
    const res = await signUp(url, 1);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body.code).toBe(ERRORS.SVC_OVERLOADED.code);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await metric(url, 'gelombang_shed_total')).toBeGreaterThanOrEqual(1);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain(
      'gelombang_shed_total{reason="heap_used"}',
    );
  });

  test('past the event-loop delay limit: 503 while the loop was blocked, served again once it recovers', async () => {
    const { url } = await service({
      shedding: {
        maxEventLoopDelayMs: 50,
        maxHeapUsedBytes: 0,
        maxEventLoopUtilization: 0,
        retryAfterSeconds: 1,
        sampleIntervalMs: 100,
      },
    });
    // Starting the service is itself a busy spell on a loaded machine: wait for a calm sample first.
    let calm = 0;
    for (let i = 0; i < 10 && calm !== 201; i++) {
      await new Promise((r) => setTimeout(r, 600));
      calm = (await signUp(url, 2)).status;
    }
    expect(calm).toBe(201);
    // Busy for 1.5 s in 150 ms slices (as CPU-bound bursts would be), yielding between them so requests
    // and the samplers still run; the sign-up is sent once the sampled delay has had time to climb.
    const started = Date.now();
    let pending: ReturnType<typeof signUp> | undefined;
    while (Date.now() - started < 1500) {
      const slice = Date.now() + 150;
      while (Date.now() < slice) {
        // burn
      }
      if (pending === undefined && Date.now() - started > 600) pending = signUp(url, 3);
      await new Promise((r) => setImmediate(r));
    }
    const shed = await pending!;
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await (await fetch(`${url}/metrics`)).text()).toContain(
      'gelombang_shed_total{reason="event_loop_delay"} 1',
    );
    let recovered = 0;
    for (let i = 0; i < 10 && recovered !== 201; i++) {
      await new Promise((r) => setTimeout(r, 600));
      recovered = (await signUp(url, 3)).status;
    }
    expect(recovered).toBe(201);
  });
});

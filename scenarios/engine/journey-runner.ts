// Runs one journey (one arrival) to its end: the loop of scenarios/model/types.ts over real HTTP.
// Every request carries the time it *should* have been sent — the arrival time, or the end of the think
// time / retry delay after the previous answer — so a slow server shows up in the latency from intended
// send even while the engine's few connections hold the backlog (no coordinated omission).
import { performance } from 'node:perf_hooks';
import type { Journey, JourneyEnd } from '../model/types.js';
import type { StepTransport } from './http-transport.js';
import type { Recorder } from './recorder.js';

export interface JourneyContext {
  /** Built with the run's think scale: its think times and retry delays are already wall seconds. */
  journey: Journey;
  seed: number;
  startIndex: number;
  transport: StepTransport;
  recorder: Recorder;
  /** Aborted when the graceful stop runs out: wakes journeys sleeping through think time. */
  abort: AbortSignal;
  /** Called once per journey, after the recorder has its end. */
  onEnd: () => void;
}

type EndKind = JourneyEnd['result'] | 'interrupted' | 'errored';

function finish(ctx: JourneyContext, kind: EndKind, lastStep: string | null, arrivalAt: number): void {
  ctx.recorder.journeyEnded(kind, lastStep, performance.now() - arrivalAt);
  ctx.onEnd();
}

/** Wake-ups of the journeys sleeping through a think time, per run's abort signal. One abort listener per
 *  run, not one per sleeping journey: Node's EventTarget scans its listener list on every add (for
 *  duplicates) and remove, so at the launch's peak — 1,333 arrivals/s thinking for minutes, hundreds of
 *  thousands asleep — a listener per sleep made each arrival O(n) and the scheduler lag seconds. */
const wakersBySignal = new WeakMap<AbortSignal, Set<() => void>>();

function wakersOf(signal: AbortSignal): Set<() => void> {
  let wakers = wakersBySignal.get(signal);
  if (wakers === undefined) {
    const set = new Set<() => void>();
    wakers = set;
    wakersBySignal.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const wake of set) wake();
        set.clear();
      },
      { once: true },
    );
  }
  return wakers;
}

/** Sleeps `ms`, or less if the signal aborts first. */
function sleepMs(ms: number, signal: AbortSignal): Promise<void> {
  const wakers = wakersOf(signal);
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      wakers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    wakers.add(wake);
  });
}

async function waitUntil(at: number, signal: AbortSignal): Promise<void> {
  // Node's timers run on a whole-millisecond clock and can wake up to 1 ms before a fractional
  // performance.now() target; a request sent before its intended time would show a latency from the
  // intended send below the one from the actual send. Sleep again until the time has really come.
  for (let delay = at - performance.now(); delay > 0 && !signal.aborted; delay = at - performance.now()) {
    await sleepMs(Math.ceil(delay), signal);
  }
}

/** Runs the journey of arrival `index`, intended to start at `arrivalAt` (performance.now() ms). */
export async function runJourney(ctx: JourneyContext, index: number, arrivalAt: number): Promise<void> {
  const { journey, recorder } = ctx;
  let lastStep: string | null = null;
  try {
    const state = journey.start(ctx.seed, ctx.startIndex + index);
    // When the next request is due before its think time: the arrival, the last answer, or the answer
    // plus the retry delay (after a retry the journey offers the same request with no think time).
    let readyAt = arrivalAt;
    for (let action = journey.next(state); ; action = journey.next(state)) {
      if (action.kind === 'end') {
        finish(ctx, action.result, action.lastStep, arrivalAt);
        return;
      }
      const intendedAt = readyAt + action.thinkSeconds * 1000;
      // Only a real wait awaits: at thousands of arrivals a second each extra microtask hop shows.
      if (intendedAt > performance.now()) await waitUntil(intendedAt, ctx.abort);
      if (ctx.abort.aborted) break;
      const sent = await ctx.transport.send(action.request);
      const receivedAt = performance.now();
      if (ctx.abort.aborted) break;
      const outcome = journey.onResponse(state, action, sent.response);
      const failed = outcome.kind === 'retry' || outcome.kind === 'abandon';
      recorder.request({
        step: action.step,
        method: action.request.method,
        intendedAt,
        sentAt: sent.sentAt,
        receivedAt,
        outcome: outcome.kind,
        status: sent.response.status,
        code: sent.response.status === 0 ? sent.transportError : failed ? outcome.errorCode : null,
      });
      if (outcome.kind === 'next' || outcome.kind === 'done') lastStep = action.step;
      readyAt = outcome.kind === 'retry' ? receivedAt + outcome.afterSeconds * 1000 : receivedAt;
      if (outcome.kind === 'abandon' || outcome.kind === 'done') {
        const after = journey.next(state);
        // The outcome ended the journey; should next() disagree, the outcome (the later word) stands.
        if (after.kind === 'end') finish(ctx, after.result, after.lastStep, arrivalAt);
        else finish(ctx, outcome.kind === 'abandon' ? 'abandoned' : 'completed', lastStep, arrivalAt);
        return;
      }
    }
    finish(ctx, 'interrupted', lastStep, arrivalAt);
  } catch {
    // A journey that throws is a bug in the scenario model; it is counted (journeys.errored), never silent.
    finish(ctx, 'errored', lastStep, arrivalAt);
  }
}

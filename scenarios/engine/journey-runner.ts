// Runs one journey (one arrival) to its end: the loop of scenarios/model/types.ts over real HTTP.
// Every request carries the time it *should* have been sent — the arrival time, or the end of the think
// time / retry delay after the previous answer — so a slow server shows up in the latency from intended
// send even while the engine's few connections hold the backlog (no coordinated omission).
import { performance } from 'node:perf_hooks';
import type { Journey, JourneyEnd } from '../model/types.js';
import type { StepTransport } from './http-transport.js';
import type { Recorder } from './recorder.js';
import { SleepQueue } from './sleep-queue.js';

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

/** One sleep queue per run (per abort signal): see sleep-queue.ts. */
const queues = new WeakMap<AbortSignal, SleepQueue>();

function sleepQueueOf(signal: AbortSignal): SleepQueue {
  let queue = queues.get(signal);
  if (queue === undefined) {
    queue = new SleepQueue(signal);
    queues.set(signal, queue);
  }
  return queue;
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
      // Only a real wait awaits: at thousands of arrivals a second each extra microtask hop shows. The
      // queue never wakes a journey before its intended time (a request sent early would show a latency
      // from the intended send below the one from the actual send).
      if (intendedAt > performance.now()) await sleepQueueOf(ctx.abort).until(intendedAt);
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

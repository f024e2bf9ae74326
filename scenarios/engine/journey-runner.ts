// Runs one journey (one arrival) to its end: the loop of scenarios/model/types.ts over real HTTP.
// Every request carries the time it *should* have been sent — the arrival time, or the end of the think
// time / retry delay after the previous answer — so a slow server shows up in the latency from intended
// send even while the engine's few connections hold the backlog (no coordinated omission).
//
// A journey is a small object (JourneyRun) driven by callbacks, not an async function: at the launch's peak
// hundreds of thousands of journeys sleep through think times at once, and a suspended async frame plus the
// promise and resolver of its sleep cost more than the journey's own state. A sleeping journey is one slot
// in the run's sleep queue pointing at its JourneyRun, nothing else; a promise exists only while a request
// is in flight.
import { performance } from 'node:perf_hooks';
import type { Journey, JourneyAction, JourneyEnd } from '../model/types.js';
import type { SentResponse, StepTransport } from './http-transport.js';
import type { Recorder } from './recorder.js';
import { type Sleeper, SleepQueue } from './sleep-queue.js';

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

/** One journey in flight: its state, the action under way and the times its latency is measured from. */
class JourneyRun implements Sleeper {
  private state: unknown;
  private action: JourneyAction | null = null;
  private lastStep: string | null = null;
  /** When the next request is due before its think time: the arrival, the last answer, or the answer plus
   *  the retry delay (after a retry the journey offers the same request with no think time). */
  private readyAt: number;
  /** When the action's request should be sent (readyAt + think time), performance.now() ms. */
  private intendedAt = 0;
  private ended = false;

  constructor(
    private readonly ctx: JourneyContext,
    private readonly arrivalAt: number,
  ) {
    this.readyAt = arrivalAt;
  }

  start(index: number): void {
    try {
      this.state = this.ctx.journey.start(this.ctx.seed, this.ctx.startIndex + index);
      this.take(this.ctx.journey.next(this.state));
    } catch {
      this.fail();
    }
  }

  /** The sleep queue's call at the intended time (or at once when the run is aborted). */
  wake(): void {
    try {
      this.send();
    } catch {
      this.fail();
    }
  }

  /** Ends, or sends the action's request now if its time has come, or sleeps until then. */
  private take(action: JourneyAction | JourneyEnd): void {
    if (action.kind === 'end') {
      this.finish(action.result, action.lastStep);
      return;
    }
    this.action = action;
    this.intendedAt = this.readyAt + action.thinkSeconds * 1000;
    // Only a real wait goes through the queue: at thousands of arrivals a second each extra hop shows. The
    // queue never wakes a journey before its intended time (a request sent early would show a latency
    // from the intended send below the one from the actual send).
    if (this.intendedAt > performance.now()) sleepQueueOf(this.ctx.abort).sleep(this.intendedAt, this);
    else this.send();
  }

  private send(): void {
    if (this.ctx.abort.aborted) {
      this.finish('interrupted', this.lastStep);
      return;
    }
    this.ctx.transport.send(this.action!.request).then(
      (sent) => this.received(sent),
      () => this.fail(),
    );
  }

  private received(sent: SentResponse): void {
    const receivedAt = performance.now();
    if (this.ctx.abort.aborted) {
      this.finish('interrupted', this.lastStep);
      return;
    }
    try {
      const { journey, recorder } = this.ctx;
      const action = this.action!;
      const outcome = journey.onResponse(this.state, action, sent.response);
      const failed = outcome.kind === 'retry' || outcome.kind === 'abandon';
      recorder.request({
        step: action.step,
        method: action.request.method,
        intendedAt: this.intendedAt,
        sentAt: sent.sentAt,
        receivedAt,
        outcome: outcome.kind,
        status: sent.response.status,
        code: sent.response.status === 0 ? sent.transportError : failed ? outcome.errorCode : null,
      });
      if (outcome.kind === 'next' || outcome.kind === 'done') this.lastStep = action.step;
      this.readyAt = outcome.kind === 'retry' ? receivedAt + outcome.afterSeconds * 1000 : receivedAt;
      // The request (an upload's body is ~1 MB) is not kept while the journey thinks about its next step.
      this.action = null;
      if (outcome.kind === 'abandon' || outcome.kind === 'done') {
        const after = journey.next(this.state);
        // The outcome ended the journey; should next() disagree, the outcome (the later word) stands.
        if (after.kind === 'end') this.finish(after.result, after.lastStep);
        else this.finish(outcome.kind === 'abandon' ? 'abandoned' : 'completed', this.lastStep);
        return;
      }
      this.take(journey.next(this.state));
    } catch {
      this.fail();
    }
  }

  /** A journey that throws is a bug in the scenario model; it is counted (journeys.errored), never silent. */
  private fail(): void {
    this.finish('errored', this.lastStep);
  }

  private finish(kind: EndKind, lastStep: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.state = undefined;
    this.action = null;
    this.ctx.recorder.journeyEnded(kind, lastStep, performance.now() - this.arrivalAt);
    this.ctx.onEnd();
  }
}

/** Starts the journey of arrival `index`, intended to start at `arrivalAt` (performance.now() ms); it runs
 *  on its own and calls ctx.onEnd() once it has ended. */
export function startJourney(ctx: JourneyContext, index: number, arrivalAt: number): void {
  new JourneyRun(ctx, arrivalAt).start(index);
}

/** startJourney, resolving once the journey has ended (ctx.onEnd() called first): for tests, whose few
 *  journeys may each hold a promise. */
export function runJourney(ctx: JourneyContext, index: number, arrivalAt: number): Promise<void> {
  return new Promise((resolve) => {
    startJourney(
      {
        ...ctx,
        onEnd: () => {
          ctx.onEnd();
          resolve();
        },
      },
      index,
      arrivalAt,
    );
  });
}

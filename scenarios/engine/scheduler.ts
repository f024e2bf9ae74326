// The open-model arrival loop: launches every arrival whose intended time has come, whether or not the
// server has answered the earlier ones. It wakes on a timer for the next arrival (at least 1 ms away)
// and launches all that are due at once, so a late wake-up delays arrivals
// but never loses them; each launch's lag (actual − intended) is measured by the caller.
import { performance } from 'node:perf_hooks';

export interface ScheduledArrival {
  index: number;
  /** Intended launch, performance.now() ms. */
  at: number;
}

export interface SchedulerHandle {
  /** Resolves after the last arrival was launched (or the scheduler was stopped). */
  done: Promise<void>;
  stop(): void;
}

/** `next` yields arrivals in time order; `launch` gets each with the clock reading it was launched at. */
export function startScheduler(
  next: () => ScheduledArrival | undefined,
  launch: (arrival: ScheduledArrival, now: number) => void,
): SchedulerHandle {
  let pending = next();
  let stopped = false;
  let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const loop = (): void => {
    timer = undefined;
    if (stopped) return;
    // Bounded batches keep the event loop turning (responses, ticks) even when far behind schedule. The
    // clock is read per launch: a launch sends a request, and the next one in the batch is that much later.
    let launched = 0;
    for (let now = performance.now(); pending !== undefined && pending.at <= now && launched < 1000; ) {
      launch(pending, now);
      pending = next();
      launched++;
      now = performance.now();
    }
    if (pending === undefined) {
      finish();
      return;
    }
    const delay = pending.at - performance.now();
    // Node timers have millisecond resolution. Polling with setImmediate when the next arrival is under
    // 1 ms away spun the CPU between arrivals (50–66 µs of engine CPU per arrival at 15k/s, against ~25 at
    // saturation), stealing the core the service under test shares; a 1 ms timer instead launches those
    // arrivals as one batch, ~1 ms late at worst, inside the 5 ms p99 scheduler-lag budget.
    timer = setTimeout(loop, Math.max(1, Math.floor(delay)));
  };
  timer = setImmediate(loop);

  return {
    done,
    stop() {
      stopped = true;
      if (timer !== undefined) {
        clearTimeout(timer as NodeJS.Timeout);
        clearImmediate(timer as NodeJS.Immediate);
      }
      finish();
    },
  };
}

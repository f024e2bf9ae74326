// Think-time sleeps of every journey of a run on one timer: a binary min-heap of wake-up times and one
// setTimeout armed for the earliest. At the launch's peak hundreds of thousands of journeys sleep at once
// (1,333 arrivals/s thinking for minutes); a Node Timeout and an abort listener each cost memory and, for
// listeners, an O(n) scan of the signal's list per add and remove. Here a sleep costs a heap slot (a
// wake-up time and a pointer to the sleeper: the journey itself, journey-runner.ts, so no closure or promise
// per sleep), and the run's abort wakes every sleeper through one listener.
import { performance } from 'node:perf_hooks';

/** What sleeps: woken once, at or after its time. */
export interface Sleeper {
  wake(): void;
}

export class SleepQueue {
  private readonly at: number[] = [];
  private readonly wake: Sleeper[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private aborted = false;

  constructor(signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.wakeAll(), { once: true });
    if (signal?.aborted === true) this.aborted = true;
  }

  /** Sleepers waiting now. */
  get size(): number {
    return this.at.length;
  }

  /** Resolves once performance.now() ≥ `at` (never early: Node's millisecond timers may fire up to 1 ms
   *  before a fractional target, so a wake-up before `at` re-arms), or at once when the run is aborted. */
  until(at: number): Promise<void> {
    if (this.aborted || at <= performance.now()) return Promise.resolve();
    return new Promise((resolve) => this.sleep(at, { wake: resolve }));
  }

  /** Calls `sleeper.wake()` once performance.now() ≥ `at` (never early, as until()), or at once — before
   *  this returns — when the run is already aborted. A wake() that throws is the sleeper's bug: the
   *  sleepers after it in the same wake-up still wake. */
  sleep(at: number, sleeper: Sleeper): void {
    if (this.aborted) {
      sleeper.wake();
      return;
    }
    this.push(at, sleeper);
    if (at < this.armedFor) this.arm();
  }

  /** Wakes every sleeper now (the graceful stop ran out). */
  wakeAll(): void {
    this.aborted = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const wake = this.wake.splice(0);
    this.at.length = 0;
    for (const sleeper of wake) wakeSafely(sleeper);
  }

  private arm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const first = this.at[0];
    if (first === undefined) {
      this.timer = undefined;
      this.armedFor = Number.POSITIVE_INFINITY;
      return;
    }
    this.armedFor = first;
    this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(first - performance.now())));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    while (this.at.length > 0 && this.at[0]! <= now) wakeSafely(this.pop());
    this.arm();
  };

  private push(at: number, sleeper: Sleeper): void {
    const a = this.at;
    const w = this.wake;
    let i = a.length;
    a.push(at);
    w.push(sleeper);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= at) break;
      a[i] = a[parent]!;
      w[i] = w[parent]!;
      i = parent;
    }
    a[i] = at;
    w[i] = sleeper;
  }

  private pop(): Sleeper {
    const a = this.at;
    const w = this.wake;
    const top = w[0]!;
    const lastAt = a.pop()!;
    const lastWake = w.pop()!;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && a[right]! < a[left]! ? right : left;
        if (a[child]! >= lastAt) break;
        a[i] = a[child]!;
        w[i] = w[child]!;
        i = child;
      }
      a[i] = lastAt;
      w[i] = lastWake;
    }
    return top;
  }
}

function wakeSafely(sleeper: Sleeper): void {
  try {
    sleeper.wake();
  } catch {
    // The sleeper's own error (journeys catch theirs); the queue goes on waking the others.
  }
}

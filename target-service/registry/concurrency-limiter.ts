// Permits for calls to a dependency, as many as a ConcurrencyLimit allows. Callers beyond the limit wait
// in a FIFO queue instead of being sent to be refused: an applicant's own request (interactive) is served
// before the background verification worker's, so the worker fills the capacity the spike leaves free.
import type { ConcurrencyLimit } from './adaptive-limit.js';

export type CallPriority = 'interactive' | 'background';

/** How a call ended, for the limit: answered, refused for capacity (429) or timed out, or neither
 *  (a network error or an outage says nothing about how many calls the registry can take). */
export type CallSignal = 'success' | 'drop' | 'ignore';

interface Waiter {
  grant: () => void;
}

export interface Permit {
  /** Calls in flight when this one was let through, itself included. */
  readonly inFlightAtSend: number;
  /** `holdMs`: with a drop, how long the limit must not grow (a 429's Retry-After). */
  release(signal: CallSignal, holdMs?: number): void;
}

export class ConcurrencyLimiter {
  private inFlight = 0;
  private readonly queues: Record<CallPriority, Waiter[]> = { interactive: [], background: [] };

  constructor(
    private readonly limit: ConcurrencyLimit,
    /** Called with the limit after every change (for the gauge). */
    private readonly onLimit: (limit: number) => void = () => {},
  ) {
    onLimit(limit.current());
  }

  get active(): number {
    return this.inFlight;
  }

  get waiting(): number {
    return this.queues.interactive.length + this.queues.background.length;
  }

  current(): number {
    return this.limit.current();
  }

  /** Resolves with a permit once a call may go, or undefined after `waitMs` without one
   *  (undefined waitMs: wait as long as it takes). */
  acquire(priority: CallPriority, waitMs?: number): Promise<Permit | undefined> {
    if (this.waiting === 0 && this.inFlight < this.allowed()) return Promise.resolve(this.grant());
    return new Promise((resolve) => {
      const queue = this.queues[priority];
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        grant: () => {
          if (timer !== undefined) clearTimeout(timer);
          resolve(this.grant());
        },
      };
      if (waitMs !== undefined) {
        timer = setTimeout(() => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          resolve(undefined);
        }, waitMs);
      }
      queue.push(waiter);
    });
  }

  private allowed(): number {
    return Math.max(1, Math.floor(this.limit.current()));
  }

  private grant(): Permit {
    this.inFlight++;
    const inFlightAtSend = this.inFlight;
    let released = false;
    return {
      inFlightAtSend,
      release: (signal, holdMs) => {
        if (released) return;
        released = true;
        this.inFlight--;
        const before = this.limit.current();
        if (signal === 'success') this.limit.onSuccess(inFlightAtSend);
        else if (signal === 'drop') this.limit.onDrop(holdMs);
        if (this.limit.current() !== before) this.onLimit(this.limit.current());
        this.drain();
      },
    };
  }

  private drain(): void {
    while (this.inFlight < this.allowed()) {
      const next = this.queues.interactive.shift() ?? this.queues.background.shift();
      if (next === undefined) return;
      next.grant();
    }
  }
}

// The stub's capacity: at most `maxConcurrent` calls served at once; the rest are refused (429) or
// wait in a FIFO queue. Limits are read on every decision so that setBehaviour takes effect at once.

export type Admission = 'served' | 'rejected';

interface Waiter {
  admit: () => void;
}

export interface CapacityLimits {
  maxConcurrent: number;
  overload: '429' | 'queue';
  maxQueue: number;
}

export class CapacityGate {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly limits: () => CapacityLimits,
    private readonly onChange: (inFlight: number, queued: number) => void = () => {},
  ) {}

  get active(): number {
    return this.inFlight;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Resolves 'served' once the caller holds a slot (it must call release()), or 'rejected'.
   *  An aborted signal takes a waiting caller out of the queue ('rejected', no slot held). */
  acquire(signal?: AbortSignal): Promise<Admission> {
    const { maxConcurrent, overload, maxQueue } = this.limits();
    if (this.inFlight < maxConcurrent && this.queue.length === 0) {
      this.inFlight++;
      this.changed();
      return Promise.resolve('served');
    }
    if (overload === '429' || this.queue.length >= maxQueue || signal?.aborted)
      return Promise.resolve('rejected');
    return new Promise<Admission>((resolve) => {
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve('served');
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        this.changed();
        resolve('rejected');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.changed();
    });
  }

  release(): void {
    this.inFlight--;
    this.drain();
  }

  /** Admits waiters while there is room (also after maxConcurrent was raised). */
  drain(): void {
    const { maxConcurrent } = this.limits();
    while (this.inFlight < maxConcurrent && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.inFlight++;
      next.admit();
    }
    this.changed();
  }

  private changed(): void {
    this.onChange(this.inFlight, this.queue.length);
  }
}

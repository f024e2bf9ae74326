// A circuit breaker towards the population registry. When the registry keeps failing, every further
// call would only add to its overload (April 2020: "the ministries' servers could not keep up with our
// API calls", launch-facts.md) and hold our own resources; an open circuit fails fast instead, and one
// probe after `resetMs` finds out whether the registry is back.
//
//   closed --(failureThreshold consecutive failures)--> open --(resetMs)--> half-open
//   half-open --(probe succeeds)--> closed;  half-open --(probe fails)--> open (timer restarts)
import type { CircuitState } from './types.js';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  resetMs: number;
  /** Milliseconds; injectable so tests drive time. */
  clock?: () => number;
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
}

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly clock: () => number;

  constructor(private readonly opts: CircuitBreakerOptions) {
    if (!Number.isInteger(opts.failureThreshold) || opts.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a whole number ≥ 1; got ${opts.failureThreshold}`);
    }
    if (!(opts.resetMs >= 0)) throw new RangeError(`resetMs must be ≥ 0; got ${opts.resetMs}`);
    this.clock = opts.clock ?? (() => performance.now());
  }

  state(): CircuitState {
    if (this.current === 'open' && this.clock() - this.openedAt >= this.opts.resetMs) {
      this.moveTo('half-open');
    }
    return this.current;
  }

  /** True when a call may go ahead. In half-open exactly one call (the probe) is let through until it
   *  reports back with onSuccess or onFailure. */
  tryAcquire(): boolean {
    switch (this.state()) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half-open':
        if (this.probeInFlight) return false;
        this.probeInFlight = true;
        return true;
    }
  }

  onSuccess(): void {
    this.consecutiveFailures = 0;
    // A late answer to a call let through before the circuit opened says little about now: ignore it.
    if (this.current === 'half-open') {
      this.probeInFlight = false;
      this.moveTo('closed');
    }
  }

  onFailure(): void {
    if (this.current === 'half-open') {
      this.probeInFlight = false;
      this.open();
    } else if (this.current === 'closed') {
      this.consecutiveFailures++;
      if (this.consecutiveFailures >= this.opts.failureThreshold) this.open();
    }
  }

  private open(): void {
    this.openedAt = this.clock();
    this.consecutiveFailures = 0;
    this.moveTo('open');
  }

  private moveTo(next: CircuitState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.opts.onStateChange?.(next, previous);
  }
}

// How many calls to the population registry may be in flight at once. In April 2020 "the ministries'
// servers could not keep up with our API calls" (launch-facts.md): a client that sends more calls than
// the registry accepts gets 429s, and a fixed large bulkhead turns that into a storm of refusals.
//
// AIMD (additive increase, multiplicative decrease), as in Netflix's concurrency-limits `AIMDLimit` and
// TCP congestion avoidance (RFC 5681 §3.1): every answered call while the pipe is at least half full adds
// 1/limit (so about +1 per round trip); every sign of overload (a 429, a timeout) multiplies the limit by
// `backoffRatio`. The limit settles just around the registry's own capacity. A 429 that says Retry-After
// also holds the limit where the drop left it for that long: the registry told us not to come back with
// more before then, and probing again at once would only collect another 429 (with 2020's numbers, a
// probe per round trip turned one call in five into a refusal; with the hold, about one in thirty).
// When the operator knows the registry's quota, a FixedLimit holds it instead.

/** A concurrency limit that learns from call outcomes. Limits are fractional; callers use floor(). */
export interface ConcurrencyLimit {
  /** The current limit, ≥ 1. */
  current(): number;
  /** A call got an answer (any verdict, or a server error that is not about capacity). `inFlight` is the
   *  number of calls in flight when it was sent, including itself. */
  onSuccess(inFlight: number): void;
  /** The dependency said it was over capacity (429) or did not answer in time; `holdMs` (a 429's
   *  Retry-After) keeps the limit from growing again for that long. */
  onDrop(holdMs?: number): void;
}

export interface AimdOptions {
  initial: number;
  min: number;
  max: number;
  /** Multiplier on a drop, in (0, 1). Netflix's AIMDLimit defaults to 0.9. */
  backoffRatio: number;
}

export const DEFAULT_AIMD: AimdOptions = { initial: 4, min: 1, max: 64, backoffRatio: 0.9 };

export class AimdLimit implements ConcurrencyLimit {
  private limit: number;
  private holdUntil = Number.NEGATIVE_INFINITY;

  /** Throws RangeError unless 1 ≤ min ≤ initial ≤ max and 0 < backoffRatio < 1.
   *  `clock` gives milliseconds on any monotonic scale (tests pass a fake one). */
  constructor(
    private readonly opts: AimdOptions = DEFAULT_AIMD,
    private readonly clock: () => number = () => performance.now(),
  ) {
    const { initial, min, max, backoffRatio } = opts;
    if (!(min >= 1 && min <= initial && initial <= max)) {
      throw new RangeError(`AIMD limit needs 1 ≤ min ≤ initial ≤ max; got ${min}, ${initial}, ${max}`);
    }
    if (!(backoffRatio > 0 && backoffRatio < 1)) {
      throw new RangeError(`AIMD backoffRatio must be in (0, 1); got ${backoffRatio}`);
    }
    this.limit = initial;
  }

  current(): number {
    return this.limit;
  }

  onSuccess(inFlight: number): void {
    // Only grow when the limit is what holds us back: an idle client learns nothing about capacity.
    if (inFlight * 2 < this.limit || this.clock() < this.holdUntil) return;
    this.limit = Math.min(this.opts.max, this.limit + 1 / this.limit);
  }

  onDrop(holdMs = 0): void {
    this.limit = Math.max(this.opts.min, this.limit * this.opts.backoffRatio);
    if (holdMs > 0) this.holdUntil = Math.max(this.holdUntil, this.clock() + holdMs);
  }
}

/** The operator's quota: a limit that outcomes do not move. */
export class FixedLimit implements ConcurrencyLimit {
  constructor(private readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) {
      throw new RangeError(`a fixed concurrency limit must be a whole number ≥ 1; got ${limit}`);
    }
  }
  current(): number {
    return this.limit;
  }
  onSuccess(_inFlight: number): void {}
  onDrop(_holdMs?: number): void {}
}

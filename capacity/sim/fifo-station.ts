// A first-come-first-served station with `servers` identical servers, computed rather than evented: a job
// arriving at t starts when the earliest server is free, start = max(t, min freeAt), and leaves at
// start + service (exact for FIFO G/G/c, jobs taken in arrival order). So a request needs no event for
// leaving a station unless it goes on to another one. A min-heap of pending departures gives the number in
// the station N(t) at any time, from which utilisation ∫min(N, c)dt and queue ∫max(0, N − c)dt are
// integrated exactly: an account independent of the per-job waits, so Little's law checks the bookkeeping.
export class FifoStation {
  private freeAt: Float64Array;
  private dep = new Float64Array(1024);
  private depN = 0;
  /** Jobs in the station (waiting or in service) at lastT. */
  n = 0;
  private lastT = 0;
  busyArea = 0;
  queueArea = 0;
  entries = 0;
  completions = 0;
  sumWait = 0;
  sumResponse = 0;
  minuteStarts = 0;
  minuteWait = 0;

  constructor(
    readonly name: string,
    readonly servers: number,
  ) {
    this.freeAt = new Float64Array(servers);
  }

  /** Wait a job arriving at t would have before its service starts. */
  waitAt(t: number): number {
    const w = this.freeAt[0]! - t;
    return Math.max(w, 0);
  }

  /** Jobs waiting (not in service) at time t (call flush(t) first). */
  get waiting(): number {
    return this.n > this.servers ? this.n - this.servers : 0;
  }

  /** A job arrives at t (never earlier than a previous arrival) needing `service` seconds; returns its
   *  departure time. */
  arrive(t: number, service: number): number {
    this.flush(t);
    const free = this.freeAt;
    const start = Math.max(free[0]!, t);
    const departure = start + service;
    // Replace the root of the servers' min-heap with the new free time and sift it down.
    const c = this.servers;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= c) break;
      if (child + 1 < c && free[child + 1]! < free[child]!) child += 1;
      if (free[child]! >= departure) break;
      free[i] = free[child]!;
      i = child;
    }
    free[i] = departure;
    this.pushDeparture(departure);
    this.n += 1;
    this.entries += 1;
    const wait = start - t;
    this.sumWait += wait;
    this.sumResponse += departure - t;
    this.minuteStarts += 1;
    this.minuteWait += wait;
    return departure;
  }

  /** Moves the integrals to time t, counting the departures up to it. */
  flush(t: number): void {
    const dep = this.dep;
    while (this.depN > 0 && dep[0]! <= t) {
      this.integrate(dep[0]!);
      this.popDeparture();
      this.n -= 1;
      this.completions += 1;
    }
    this.integrate(t);
  }

  /** Every pending departure; returns the time of the last one (or the current time). */
  drain(): number {
    while (this.depN > 0) this.flush(this.dep[0]!);
    return this.lastT;
  }

  private integrate(t: number): void {
    const dt = t - this.lastT;
    if (dt > 0) {
      const c = this.servers;
      this.busyArea += Math.min(this.n, c) * dt;
      if (this.n > c) this.queueArea += (this.n - c) * dt;
      this.lastT = t;
    }
  }

  private pushDeparture(t: number): void {
    if (this.depN === this.dep.length) {
      const bigger = new Float64Array(this.dep.length * 2);
      bigger.set(this.dep);
      this.dep = bigger;
    }
    const dep = this.dep;
    let i = this.depN++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (dep[parent]! <= t) break;
      dep[i] = dep[parent]!;
      i = parent;
    }
    dep[i] = t;
  }

  private popDeparture(): void {
    const dep = this.dep;
    const last = dep[--this.depN]!;
    const n = this.depN;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && dep[child + 1]! < dep[child]!) child += 1;
      if (dep[child]! >= last) break;
      dep[i] = dep[child]!;
      i = child;
    }
    if (n > 0) dep[i] = last;
  }
}

// A first-come-first-served station with `servers` identical servers, computed rather than evented: a job
// arriving at t starts when the earliest server is free, start = max(t, min freeAt), and leaves at
// start + service (exact for FIFO G/G/c, jobs taken in arrival order). Only the servers still busy at t
// are kept (a min-heap of their free times): a lightly loaded station with many servers (100 instances'
// event loops) keeps a heap of two or three, not of a hundred. So a request needs no event for
// leaving a station unless it goes on to another one. A min-heap of pending departures gives the number in
// the station N(t) at any time, from which utilisation ∫min(N, c)dt and queue ∫max(0, N − c)dt are
// integrated exactly: an account independent of the per-job waits, so Little's law checks the bookkeeping.
import { StationCounters } from './station-counters.js';

export class FifoStation extends StationCounters {
  /** Free times of the servers, a min-heap of `busyN`, kept only while every server is busy (the station
   *  queues): with a server idle a job starts at once, and the servers' free times are the departures. */
  private freeAt: Float64Array;
  private busyN = 0;
  private queueing = false;
  private dep = new Float64Array(1024);
  private depN = 0;
  /** Jobs in the station (waiting or in service) at lastT. */
  n = 0;

  constructor(name: string, servers: number) {
    super(name, servers);
    this.freeAt = new Float64Array(servers);
  }

  /** Wait a job arriving at t (not before the last arrival) would have before its service starts. */
  waitAt(t: number): number {
    this.flush(t);
    if (this.n < this.servers) return 0;
    // Every server busy: the earliest to free takes the job (FIFO), the one whose last job ends first.
    return (this.queueing ? this.freeAt[0]! : this.dep[0]!) - t;
  }

  /** Jobs waiting (not in service) at time t (call flush(t) first). */
  get waiting(): number {
    return this.n > this.servers ? this.n - this.servers : 0;
  }

  /** A job arrives at t (never earlier than a previous arrival) needing `service` seconds; returns its
   *  departure time. */
  arrive(t: number, service: number): number {
    this.flush(t);
    let start = t;
    if (this.n >= this.servers) {
      // Every server is busy. When the station starts queueing (n = servers: all in service, none
      // waiting), the servers' free times are exactly the departures pending: the heap is a copy of them.
      const free = this.freeAt;
      if (!this.queueing) {
        free.set(this.dep.subarray(0, this.servers));
        this.busyN = this.servers;
        this.queueing = true;
      }
      start = free[0]!; // the earliest to free takes the job
      this.popFree();
      const departure = start + service;
      let i = this.busyN++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (free[parent]! <= departure) break;
        free[i] = free[parent]!;
        i = parent;
      }
      free[i] = departure;
    } else this.queueing = false;
    const departure = start + service;
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
    const c = this.servers;
    let n = this.n;
    let lastT = this.lastT;
    let busyArea = this.busyArea;
    let queueArea = this.queueArea;
    while (this.depN > 0) {
      const d = dep[0]!;
      if (d > t) break;
      const dt = d - lastT;
      if (dt > 0) {
        busyArea += Math.min(n, c) * dt;
        if (n > c) queueArea += (n - c) * dt;
        lastT = d;
      }
      this.popDeparture();
      n -= 1;
      this.completions += 1;
    }
    const dt = t - lastT;
    if (dt > 0) {
      busyArea += Math.min(n, c) * dt;
      if (n > c) queueArea += (n - c) * dt;
      lastT = t;
    }
    this.n = n;
    this.lastT = lastT;
    this.busyArea = busyArea;
    this.queueArea = queueArea;
  }

  /** Every pending departure; returns the time of the last one (or the current time). */
  drain(): number {
    while (this.depN > 0) this.flush(this.dep[0]!);
    return this.lastT;
  }

  private popFree(): void {
    const free = this.freeAt;
    const n = --this.busyN;
    const last = free[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && free[child + 1]! < free[child]!) child += 1;
      if (free[child]! >= last) break;
      free[i] = free[child]!;
      i = child;
    }
    if (n > 0) free[i] = last;
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

// A station of the queueing network: `servers` identical servers and a FIFO ring-buffer queue of job ids
// (ints), with the time integrals that give utilisation, queue length and Little's law at the end.
// No object per job: the caller keeps per-job times in its own typed arrays.
import { StationCounters } from './station-counters.js';

export class Station extends StationCounters {
  busy = 0;
  /** Live jobs waiting (the registry's queue may also hold cancelled entries; see `cancelled`). */
  waiting = 0;
  private ring = new Int32Array(1024);
  private head = 0;
  private stored = 0;

  /** Moves the integrals to time t (call before any change of busy or waiting). */
  advance(t: number): void {
    const dt = t - this.lastT;
    if (dt > 0) {
      this.busyArea += this.busy * dt;
      this.queueArea += this.waiting * dt;
      this.lastT = t;
    }
  }

  get storedLength(): number {
    return this.stored;
  }

  enqueue(job: number): void {
    if (this.stored === this.ring.length) {
      const bigger = new Int32Array(this.ring.length * 2);
      for (let i = 0; i < this.stored; i++) bigger[i] = this.ring[(this.head + i) & (this.ring.length - 1)]!;
      this.ring = bigger;
      this.head = 0;
    }
    this.ring[(this.head + this.stored) & (this.ring.length - 1)] = job;
    this.stored += 1;
  }

  /** The oldest stored job (the caller checks it is still live). */
  dequeue(): number {
    const job = this.ring[this.head]!;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.stored -= 1;
    return job;
  }

  noteStart(wait: number): void {
    this.sumWait += wait;
    this.minuteStarts += 1;
    this.minuteWait += wait;
  }
}

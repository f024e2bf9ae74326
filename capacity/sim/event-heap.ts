// The event list, no object per event: a calendar of one-second buckets for the future, each a set of
// typed arrays filled in order (an object per bucket and second, reused, never per event). When the clock
// reaches a second, its bucket is sorted once (a counting sort on the time within the second, then exact
// order by an insertion pass) and read sequentially. Events scheduled for the
// current second itself (a station's departure milliseconds later, a registry answer) go to a small binary
// min-heap; pop() takes the earlier of the sorted bucket's head and the heap's top. At a launch peak a
// second holds tens of thousands of events (think times end there), so most events never pass a heap.
// Order: by time; ties by scheduling order (a bucket's events were all scheduled before the heap's), so a
// run is deterministic, and pops in exactly the order of one big heap.

/** At most this many slices of a second in the counting sort (≥ 2¹⁸ events in a second share them). */
const MAX_BINS = 1 << 18;

/** Kind and subject in one double: kind · 2³² + the subject's 32 bits (an integer below 2⁴⁰, exact). */
const KIND_UNIT = 2 ** 32;
const INV_KIND_UNIT = 2 ** -32;

/** The events of one future second, in the order they were scheduled: event i is ev[2i] (time) and
 *  ev[2i + 1] (kind and subject packed), so scheduling into a cold second touches one array, not three. */
class Bucket {
  ev = new Float64Array(128);
  n = 0;

  add(time: number, kind: number, subject: number): void {
    let ev = this.ev;
    const j = this.n * 2;
    if (j === ev.length) {
      const bigger = new Float64Array(j * 2);
      bigger.set(ev);
      this.ev = ev = bigger;
    }
    ev[j] = time;
    ev[j + 1] = kind * KIND_UNIT + (subject >>> 0);
    this.n += 1;
  }
}

export class EventHeap {
  private buckets: (Bucket | null)[] = [];
  private spare: Bucket[] = [];
  /** The second the clock is in: events up to its end go to the heap. */
  private bucket = 0;
  private bucketed = 0;
  /** The current second's bucket, sorted: the events order[pos … m) are still to pop. */
  private current: Bucket | null = null;
  private counts = new Int32Array(1025);
  private order = new Int32Array(1024);
  private slice = new Int32Array(1024);
  private pos = 0;
  private m = 0;
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Uint8Array;
  private subject: Int32Array;
  private n = 0;
  private counter = 0;
  /** The event last popped. */
  topTime = 0;
  topKind = 0;
  topSubject = 0;

  constructor(capacity = 1 << 12) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.subject = new Int32Array(capacity);
  }

  get size(): number {
    return this.n + this.bucketed + (this.m - this.pos);
  }

  push(time: number, kind: number, subject: number): void {
    const b = Math.floor(time);
    if (b <= this.bucket) {
      this.heapPush(time, this.counter++, kind, subject);
      return;
    }
    while (b >= this.buckets.length) this.buckets.push(null);
    let bucket = this.buckets[b]!;
    if (bucket === null) {
      bucket = this.spare.pop() ?? new Bucket();
      this.buckets[b] = bucket;
    }
    bucket.add(time, kind, subject);
    this.bucketed += 1;
  }

  /** Makes the next non-empty second's bucket current, sorted. */
  private advance(): void {
    if (this.current !== null) {
      this.current.n = 0;
      this.spare.push(this.current);
      this.current = null;
    }
    let bucket: Bucket | null = null;
    while (bucket === null) {
      this.bucket += 1;
      bucket = this.buckets[this.bucket] ?? null;
    }
    this.buckets[this.bucket] = null;
    const n = bucket.n;
    this.bucketed -= n;
    // A stable counting sort on the time within the second in `bins` equal slices (about one event per
    // slice), then a stable insertion pass by exact time that only moves events sharing a slice: the
    // order is (time, scheduling order), exactly what a comparison sort on both would give, at a few
    // typed-array writes per event.
    let bins = 1;
    while (bins < n && bins < MAX_BINS) bins *= 2;
    if (this.counts.length < bins + 1) this.counts = new Int32Array(bins + 1);
    if (this.order.length < n) {
      this.order = new Int32Array(Math.max(n, this.order.length * 2));
      this.slice = new Int32Array(this.order.length);
    }
    const counts = this.counts;
    const order = this.order;
    const slice = this.slice;
    const ev = bucket.ev;
    const start = this.bucket;
    counts.fill(0, 0, bins + 1);
    for (let i = 0; i < n; i++) {
      let b = Math.floor((ev[2 * i]! - start) * bins);
      if (b >= bins) b = bins - 1;
      slice[i] = b;
      counts[b + 1] = counts[b + 1]! + 1;
    }
    for (let b = 1; b <= bins; b++) counts[b] = counts[b]! + counts[b - 1]!;
    for (let i = 0; i < n; i++) {
      const b = slice[i]!;
      order[counts[b]!] = i;
      counts[b] = counts[b]! + 1;
    }
    for (let j = 1; j < n; j++) {
      const i = order[j]!;
      const t = ev[2 * i]!;
      let p = j;
      while (p > 0 && ev[2 * order[p - 1]!]! > t) {
        order[p] = order[p - 1]!;
        p -= 1;
      }
      order[p] = i;
    }
    this.current = bucket;
    this.pos = 0;
    this.m = n;
  }

  private heapPush(time: number, seq: number, kind: number, subject: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const t = this.time;
    const q = this.seq;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = t[parent]!;
      if (pt < time || (pt === time && q[parent]! < seq)) break;
      t[i] = pt;
      q[i] = q[parent]!;
      this.kind[i] = this.kind[parent]!;
      this.subject[i] = this.subject[parent]!;
      i = parent;
    }
    t[i] = time;
    q[i] = seq;
    this.kind[i] = kind;
    this.subject[i] = subject;
  }

  /** A lower bound on the time of the next event pop() returns (+∞ when none is scheduled): an event
   *  scheduled before it can be handled at once without changing the order of anything. */
  nextTimeBound(): number {
    let bound = this.bucketed > 0 ? this.bucket + 1 : Number.POSITIVE_INFINITY;
    if (this.n > 0 && this.time[0]! < bound) bound = this.time[0]!;
    if (this.pos < this.m) {
      const t = this.current!.ev[2 * this.order[this.pos]!]!;
      if (t < bound) bound = t;
    }
    return bound;
  }

  /** Removes the earliest event into topTime / topKind / topSubject; false when empty. */
  pop(): boolean {
    for (;;) {
      if (this.pos < this.m) {
        const i = this.order[this.pos]!;
        const bucket = this.current!;
        const bt = bucket.ev[2 * i]!;
        // A tie goes to the bucket: its events were scheduled before any in the heap.
        if (this.n === 0 || bt <= this.time[0]!) {
          this.pos += 1;
          this.topTime = bt;
          const packed = bucket.ev[2 * i + 1]!;
          this.topKind = Math.floor(packed * INV_KIND_UNIT);
          this.topSubject = packed | 0;
          return true;
        }
        this.heapPop();
        return true;
      }
      if (this.n > 0) {
        this.heapPop();
        return true;
      }
      if (this.bucketed === 0) return false;
      this.advance();
    }
  }

  private heapPop(): void {
    const t = this.time;
    const q = this.seq;
    const k = this.kind;
    const s = this.subject;
    this.topTime = t[0]!;
    this.topKind = k[0]!;
    this.topSubject = s[0]!;
    const last = --this.n;
    if (last === 0) return;
    const lt = t[last]!;
    const lq = q[last]!;
    const lk = k[last]!;
    const ls = s[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (t[right]! < t[child]! || (t[right] === t[child] && q[right]! < q[child]!))) {
        child = right;
      }
      const ct = t[child]!;
      if (lt < ct || (lt === ct && lq < q[child]!)) break;
      t[i] = ct;
      q[i] = q[child]!;
      k[i] = k[child]!;
      s[i] = s[child]!;
      i = child;
    }
    t[i] = lt;
    q[i] = lq;
    k[i] = lk;
    s[i] = ls;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const time = new Float64Array(size);
    time.set(this.time);
    const seq = new Float64Array(size);
    seq.set(this.seq);
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    const subject = new Int32Array(size);
    subject.set(this.subject);
    this.time = time;
    this.seq = seq;
    this.kind = kind;
    this.subject = subject;
  }
}

// The event list: a binary min-heap over typed arrays (time, kind, subject), no object per event, behind a
// calendar of one-second buckets, each a set of typed arrays filled in order (an object per bucket and
// second, reused, never per event). Only events due in the current second sit in the heap; later ones
// (think times of minutes, hundreds of thousands at a launch peak) wait in their bucket and move into the
// heap, read sequentially, when the clock reaches their second. The heap stays small and in cache. Ties in
// time are broken by insertion order (a sequence number), so a run is deterministic and pops in exactly the
// order of one big heap.

/** The events of one future second, in the order they were scheduled. */
class Bucket {
  time = new Float64Array(64);
  seq = new Float64Array(64);
  kind = new Uint8Array(64);
  subject = new Int32Array(64);
  n = 0;

  add(time: number, seq: number, kind: number, subject: number): void {
    if (this.n === this.time.length) {
      const size = this.n * 2;
      const t = new Float64Array(size);
      t.set(this.time);
      this.time = t;
      const q = new Float64Array(size);
      q.set(this.seq);
      this.seq = q;
      const k = new Uint8Array(size);
      k.set(this.kind);
      this.kind = k;
      const s = new Int32Array(size);
      s.set(this.subject);
      this.subject = s;
    }
    const i = this.n++;
    this.time[i] = time;
    this.seq[i] = seq;
    this.kind[i] = kind;
    this.subject[i] = subject;
  }
}

export class EventHeap {
  private buckets: (Bucket | null)[] = [];
  private spare: Bucket[] = [];
  private bucket = 0;
  private bucketed = 0;
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

  constructor(capacity = 1 << 16) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.subject = new Int32Array(capacity);
  }

  get size(): number {
    return this.n + this.bucketed;
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
    bucket.add(time, this.counter++, kind, subject);
    this.bucketed += 1;
  }

  /** Moves the next non-empty second's events into the heap. */
  private advance(): void {
    let bucket: Bucket | null = null;
    while (bucket === null) {
      this.bucket += 1;
      bucket = this.buckets[this.bucket] ?? null;
    }
    this.buckets[this.bucket] = null;
    for (let i = 0; i < bucket.n; i++) {
      this.heapPush(bucket.time[i]!, bucket.seq[i]!, bucket.kind[i]!, bucket.subject[i]!);
    }
    this.bucketed -= bucket.n;
    bucket.n = 0;
    this.spare.push(bucket);
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

  /** Removes the earliest event into topTime / topKind / topSubject; false when empty. */
  pop(): boolean {
    while (this.n === 0) {
      if (this.bucketed === 0) return false;
      this.advance();
    }
    const t = this.time;
    const q = this.seq;
    const k = this.kind;
    const s = this.subject;
    this.topTime = t[0]!;
    this.topKind = k[0]!;
    this.topSubject = s[0]!;
    const last = --this.n;
    if (last === 0) return true;
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
    return true;
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

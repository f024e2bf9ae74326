// The event list, no object per event: a calendar of one-second buckets for the future, kept in one pool of
// fixed-size chunks (a bucket is a chain of chunks; its head, tail and count live in typed arrays indexed
// by second), so scheduling an event touches the bucket's count and its tail chunk's current cache line —
// at a launch peak think times spread events over the next ~3,000 seconds, and a bucket per second as an
// object (bucket → typed array → backing store) made each push three or four cache misses.
// When the clock reaches a second, its events are gathered and sorted once (a counting sort on the time
// within the second, then exact order by an insertion pass) into two flat arrays read sequentially.
// Events scheduled for the current second itself (a station's departure milliseconds later, a registry
// answer) go to a small binary min-heap; pop() takes the earlier of the sorted second's head and the
// heap's top. One more source is merged without being stored: a stream of times already in order (the
// arrival schedule), offered one at a time with offerStream(); it pops as kind STREAM_KIND.
// Order: by time; ties by scheduling order (a bucket's events were all scheduled before the heap's, and
// the stream's next time was offered before either), so a run is deterministic.

/** At most this many slices of a second in the counting sort (≥ 2¹⁸ events in a second share them). */
const MAX_BINS = 1 << 18;

/** Kind and subject in one double: kind · 2³² + the subject's 32 bits (an integer below 2⁴⁰, exact). */
const KIND_UNIT = 2 ** 32;
const INV_KIND_UNIT = 2 ** -32;

/** Events per chunk of the pool (a power of two): 256 × 16 bytes = 4 KiB. */
const CHUNK_SHIFT = 8;
const CHUNK = 1 << CHUNK_SHIFT;

/** The kind pop() reports for the stream's time (see offerStream). */
export const STREAM_KIND = 0;

export class EventHeap {
  // ── the future: buckets of one second, chains of chunks in one pool ──
  /** Chunk c holds events c·CHUNK … c·CHUNK + CHUNK − 1: pool[2e] time, pool[2e + 1] kind and subject. */
  private pool: Float64Array;
  private chunkNext: Int32Array;
  private freeChunks: Int32Array;
  private freeChunkCount = 0;
  private chunksUsed = 0;
  /** Per second: its first and last chunk and its events (count 0: no chunk). */
  private secHead = new Int32Array(4096);
  private secTail = new Int32Array(4096);
  private secCount = new Int32Array(4096);
  /** The second the clock is in: events up to its end go to the heap. */
  private bucket = 0;
  private bucketed = 0;
  // ── the current second, sorted: events pos … m − 1 are still to pop ──
  private curTime = new Float64Array(1024);
  private curPacked = new Float64Array(1024);
  private gatherTime = new Float64Array(1024);
  private gatherPacked = new Float64Array(1024);
  private slice = new Int32Array(1024);
  private counts = new Int32Array(1025);
  private pos = 0;
  private m = 0;
  // ── the current second's later events: a binary heap ──
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Uint8Array;
  private subject: Int32Array;
  private n = 0;
  private counter = 0;
  // ── the stream ──
  private streamTime = Number.POSITIVE_INFINITY;
  /** The event last popped. */
  topTime = 0;
  topKind = 0;
  topSubject = 0;

  constructor(capacity = 1 << 12) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.subject = new Int32Array(capacity);
    this.pool = new Float64Array(64 * CHUNK * 2);
    this.chunkNext = new Int32Array(64);
    this.freeChunks = new Int32Array(64);
  }

  get size(): number {
    return (
      this.n + this.bucketed + (this.m - this.pos) + (this.streamTime === Number.POSITIVE_INFINITY ? 0 : 1)
    );
  }

  /** The stream's next time (not earlier than any time it offered before, nor than the clock), or +∞
   *  when it is over. It pops once, as STREAM_KIND; offer the next after that. */
  offerStream(time: number): void {
    this.streamTime = time;
  }

  push(time: number, kind: number, subject: number): void {
    const b = Math.floor(time);
    if (b <= this.bucket) {
      this.heapPush(time, this.counter++, kind, subject);
      return;
    }
    if (b >= this.secCount.length) this.growSeconds(b);
    const count = this.secCount[b]!;
    const k = count & (CHUNK - 1);
    let chunk: number;
    if (k === 0) {
      chunk = this.takeChunk();
      if (count === 0) this.secHead[b] = chunk;
      else this.chunkNext[this.secTail[b]!] = chunk;
      this.secTail[b] = chunk;
    } else chunk = this.secTail[b]!;
    const e = ((chunk << CHUNK_SHIFT) + k) * 2;
    this.pool[e] = time;
    this.pool[e + 1] = kind * KIND_UNIT + (subject >>> 0);
    this.secCount[b] = count + 1;
    this.bucketed += 1;
  }

  private takeChunk(): number {
    if (this.freeChunkCount > 0) return this.freeChunks[--this.freeChunkCount]!;
    if (this.chunksUsed === this.chunkNext.length) {
      const size = this.chunkNext.length * 2;
      const pool = new Float64Array(size * CHUNK * 2);
      pool.set(this.pool);
      this.pool = pool;
      const next = new Int32Array(size);
      next.set(this.chunkNext);
      this.chunkNext = next;
      this.freeChunks = new Int32Array(size);
    }
    return this.chunksUsed++;
  }

  private growSeconds(b: number): void {
    let size = this.secCount.length;
    while (size <= b) size *= 2;
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const bigger = new Int32Array(size);
      bigger.set(a);
      return bigger;
    };
    this.secHead = grow(this.secHead);
    this.secTail = grow(this.secTail);
    this.secCount = grow(this.secCount);
  }

  /** Makes the next non-empty second current, sorted. */
  private advance(): void {
    const secCount = this.secCount;
    let n = 0;
    do {
      this.bucket += 1;
      n = this.bucket < secCount.length ? secCount[this.bucket]! : 0;
    } while (n === 0);
    const start = this.bucket;
    secCount[start] = 0;
    this.bucketed -= n;
    if (this.curTime.length < n) {
      const size = Math.max(n, this.curTime.length * 2);
      this.curTime = new Float64Array(size);
      this.curPacked = new Float64Array(size);
      this.gatherTime = new Float64Array(size);
      this.gatherPacked = new Float64Array(size);
      this.slice = new Int32Array(size);
    }
    // Gather the chain's events in scheduling order, giving its chunks back.
    const pool = this.pool;
    const gt = this.gatherTime;
    const gp = this.gatherPacked;
    let chunk = this.secHead[start]!;
    for (let i = 0; i < n; ) {
      const end = Math.min(n, i + CHUNK);
      let e = (chunk << CHUNK_SHIFT) * 2;
      for (; i < end; i++, e += 2) {
        gt[i] = pool[e]!;
        gp[i] = pool[e + 1]!;
      }
      this.freeChunks[this.freeChunkCount++] = chunk;
      chunk = this.chunkNext[chunk]!;
    }
    // A stable counting sort on the time within the second in `bins` equal slices (about one event per
    // slice), then a stable insertion pass by exact time that only moves events sharing a slice: the
    // order is (time, scheduling order), exactly what a comparison sort on both would give, at a few
    // typed-array writes per event.
    let bins = 1;
    while (bins < n && bins < MAX_BINS) bins *= 2;
    if (this.counts.length < bins + 1) this.counts = new Int32Array(bins + 1);
    const counts = this.counts;
    const slice = this.slice;
    counts.fill(0, 0, bins + 1);
    for (let i = 0; i < n; i++) {
      let b = Math.floor((gt[i]! - start) * bins);
      if (b >= bins) b = bins - 1;
      slice[i] = b;
      counts[b + 1] = counts[b + 1]! + 1;
    }
    for (let b = 1; b <= bins; b++) counts[b] = counts[b]! + counts[b - 1]!;
    const ct = this.curTime;
    const cp = this.curPacked;
    for (let i = 0; i < n; i++) {
      const b = slice[i]!;
      const j = counts[b]!;
      ct[j] = gt[i]!;
      cp[j] = gp[i]!;
      counts[b] = j + 1;
    }
    for (let j = 1; j < n; j++) {
      const t = ct[j]!;
      if (ct[j - 1]! <= t) continue;
      const packed = cp[j]!;
      let p = j;
      while (p > 0 && ct[p - 1]! > t) {
        ct[p] = ct[p - 1]!;
        cp[p] = cp[p - 1]!;
        p -= 1;
      }
      ct[p] = t;
      cp[p] = packed;
    }
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
    if (this.pos < this.m && this.curTime[this.pos]! < bound) bound = this.curTime[this.pos]!;
    return Math.min(this.streamTime, bound);
  }

  /** Removes the earliest event into topTime / topKind / topSubject; false when empty. */
  pop(): boolean {
    for (;;) {
      if (this.pos < this.m) {
        const bt = this.curTime[this.pos]!;
        // A tie goes to the bucket: its events were scheduled before any in the heap.
        if (this.n === 0 || bt <= this.time[0]!) {
          if (this.streamTime < bt) return this.popStream();
          this.pos += 1;
          this.topTime = bt;
          const packed = this.curPacked[this.pos - 1]!;
          this.topKind = Math.floor(packed * INV_KIND_UNIT);
          this.topSubject = packed | 0;
          return true;
        }
        if (this.streamTime < this.time[0]!) return this.popStream();
        this.heapPop();
        return true;
      }
      if (this.n > 0) {
        if (this.streamTime < this.time[0]!) return this.popStream();
        this.heapPop();
        return true;
      }
      if (this.bucketed === 0) {
        if (this.streamTime === Number.POSITIVE_INFINITY) return false;
        return this.popStream();
      }
      // The stream's time may come before the next second's events.
      if (this.streamTime < this.bucket + 1) return this.popStream();
      this.advance();
    }
  }

  private popStream(): boolean {
    this.topTime = this.streamTime;
    this.topKind = STREAM_KIND;
    this.topSubject = 0;
    this.streamTime = Number.POSITIVE_INFINITY;
    // With nothing else before it, the clock's second moves to the stream's: what its handler schedules
    // for that second goes to the heap (later seconds' buckets would be right too, only slower to reach).
    const b = Math.floor(this.topTime);
    if (b > this.bucket && this.bucketed === 0 && this.n === 0 && this.pos >= this.m) this.bucket = b;
    return true;
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

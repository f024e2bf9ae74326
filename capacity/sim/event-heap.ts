// The event list: a binary min-heap over typed arrays (time, kind, subject), no object per event, in front
// of a calendar of one-second buckets (linked lists in typed arrays). Only events due within the current
// second sit in the heap; later ones (think times of minutes, hundreds of thousands of them at a launch
// peak) wait in their bucket and move into the heap when the clock reaches it. The heap stays small and in
// cache. Ties in time are broken by insertion order (a sequence number), so a run is deterministic.
export class EventHeap {
  // Calendar nodes.
  private nTime = new Float64Array(1 << 16);
  private nSeq = new Float64Array(1 << 16);
  private nKind = new Uint8Array(1 << 16);
  private nSubject = new Int32Array(1 << 16);
  private nNext = new Int32Array(1 << 16);
  private nFree = -1;
  private nUsed = 0;
  private heads = new Int32Array(1 << 12).fill(-1);
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
    if (b > this.bucket) this.toBucket(b, time, this.counter++, kind, subject);
    else this.heapPush(time, this.counter++, kind, subject);
  }

  private toBucket(b: number, time: number, seq: number, kind: number, subject: number): void {
    if (b >= this.heads.length) {
      let size = this.heads.length * 2;
      while (size <= b) size *= 2;
      const heads = new Int32Array(size).fill(-1);
      heads.set(this.heads);
      this.heads = heads;
    }
    let node = this.nFree;
    if (node >= 0) this.nFree = this.nNext[node]!;
    else {
      if (this.nUsed === this.nTime.length) this.growNodes();
      node = this.nUsed++;
    }
    this.nTime[node] = time;
    this.nSeq[node] = seq;
    this.nKind[node] = kind;
    this.nSubject[node] = subject;
    this.nNext[node] = this.heads[b]!;
    this.heads[b] = node;
    this.bucketed += 1;
  }

  private growNodes(): void {
    const size = this.nTime.length * 2;
    const t = new Float64Array(size);
    t.set(this.nTime);
    this.nTime = t;
    const q = new Float64Array(size);
    q.set(this.nSeq);
    this.nSeq = q;
    const k = new Uint8Array(size);
    k.set(this.nKind);
    this.nKind = k;
    const s = new Int32Array(size);
    s.set(this.nSubject);
    this.nSubject = s;
    const x = new Int32Array(size);
    x.set(this.nNext);
    this.nNext = x;
  }

  /** Moves the next non-empty bucket into the heap. */
  private advanceBucket(): void {
    for (;;) {
      this.bucket += 1;
      let node = this.heads[this.bucket]!;
      if (node < 0) continue;
      this.heads[this.bucket] = -1;
      while (node >= 0) {
        const next = this.nNext[node]!;
        this.heapPush(this.nTime[node]!, this.nSeq[node]!, this.nKind[node]!, this.nSubject[node]!);
        this.nNext[node] = this.nFree;
        this.nFree = node;
        this.bucketed -= 1;
        node = next;
      }
      return;
    }
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
      this.advanceBucket();
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

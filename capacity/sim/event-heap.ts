// The event list: a binary min-heap over typed arrays (time, kind, subject), no object per event, behind a
// two-level calendar (linked lists in typed arrays): one-second buckets for later seconds, and 1/1024 s
// buckets within the current second. Only events due in the current 1/1024 s sit in the heap; later ones
// (think times of minutes, hundreds of thousands at a launch peak) wait in their bucket and move down as
// the clock reaches it. The heap stays tiny and in cache. Ties in time are broken by insertion order (a
// sequence number), so a run is deterministic and pops in exactly the order of one big heap.
const FINE = 1024;

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
  // Sub-buckets of the current second.
  private fineHeads = new Int32Array(FINE).fill(-1);
  private fine = 0;
  private fineCount = 0;

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
    return this.n + this.bucketed + this.fineCount;
  }

  push(time: number, kind: number, subject: number): void {
    const b = Math.floor(time);
    if (b > this.bucket) {
      this.toBucket(b, time, this.counter++, kind, subject);
      return;
    }
    let f = Math.floor((time - this.bucket) * FINE);
    if (f >= FINE) f = FINE - 1;
    if (f > this.fine) this.toFine(f, time, this.counter++, kind, subject);
    else this.heapPush(time, this.counter++, kind, subject);
  }

  private newNode(time: number, seq: number, kind: number, subject: number): number {
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
    return node;
  }

  private toFine(f: number, time: number, seq: number, kind: number, subject: number): void {
    const node = this.newNode(time, seq, kind, subject);
    this.nNext[node] = this.fineHeads[f]!;
    this.fineHeads[f] = node;
    this.fineCount += 1;
  }

  private toBucket(b: number, time: number, seq: number, kind: number, subject: number): void {
    if (b >= this.heads.length) {
      let size = this.heads.length * 2;
      while (size <= b) size *= 2;
      const heads = new Int32Array(size).fill(-1);
      heads.set(this.heads);
      this.heads = heads;
    }
    const node = this.newNode(time, seq, kind, subject);
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

  /** Moves the next non-empty sub-bucket into the heap, opening the next non-empty second when the
   *  current one is used up. */
  private advance(): void {
    if (this.fineCount === 0) {
      // Open the next second that holds events: spread its events over the sub-buckets.
      let node = -1;
      while (node < 0) {
        this.bucket += 1;
        node = this.heads[this.bucket]!;
      }
      this.heads[this.bucket] = -1;
      this.fine = -1;
      while (node >= 0) {
        const next = this.nNext[node]!;
        let f = Math.floor((this.nTime[node]! - this.bucket) * FINE);
        if (f >= FINE) f = FINE - 1;
        this.nNext[node] = this.fineHeads[f]!;
        this.fineHeads[f] = node;
        this.fineCount += 1;
        this.bucketed -= 1;
        node = next;
      }
    }
    let node = -1;
    while (node < 0) {
      this.fine += 1;
      node = this.fineHeads[this.fine]!;
    }
    this.fineHeads[this.fine] = -1;
    while (node >= 0) {
      const next = this.nNext[node]!;
      this.heapPush(this.nTime[node]!, this.nSeq[node]!, this.nKind[node]!, this.nSubject[node]!);
      this.nNext[node] = this.nFree;
      this.nFree = node;
      this.fineCount -= 1;
      node = next;
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
      if (this.bucketed === 0 && this.fineCount === 0) return false;
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

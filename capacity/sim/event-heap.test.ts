// The event list pops in (time, scheduling order) whatever mix of same-second and later events it holds:
// checked against a plain sort of every event scheduled, ties and sub-nanosecond neighbours included.
import { describe, expect, test } from 'vitest';
import { EventHeap } from './event-heap.js';

describe('EventHeap', () => {
  test('pops in time order, ties in scheduling order, across buckets and the same-second heap', () => {
    const heap = new EventHeap(4);
    let x = 7;
    const next = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 4294967296;
    };
    const scheduled: { time: number; order: number }[] = [];
    let order = 0;
    const push = (time: number) => {
      scheduled.push({ time, order });
      heap.push(time, 1 + (order % 7), order++);
    };
    for (let i = 0; i < 2000; i++) push(next() * 50);
    push(10.5);
    push(10.5); // an exact tie in a bucket
    // Closer than the sort key's 2⁻³⁰ s: the later one scheduled first.
    push(10.5 + 2e-11);
    push(10.5 + 1e-11);
    const popped: number[] = [];
    let last = 0;
    while (heap.pop()) {
      expect(heap.topTime).toBeGreaterThanOrEqual(last);
      last = heap.topTime;
      popped.push(heap.topSubject);
      expect(heap.topKind).toBe(1 + (heap.topSubject % 7));
      if (order < 6000) {
        const r = next();
        // Same-second events (a station's departure) and later ones (think times), and exact ties.
        push(r < 0.3 ? last + r * 0.01 : r < 0.35 ? last : last + next() * 50);
      }
    }
    const expected = [...scheduled].sort((a, b) => a.time - b.time || a.order - b.order).map((e) => e.order);
    expect(popped).toEqual(expected);
    expect(heap.size).toBe(0);
  });
});

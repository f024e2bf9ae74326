import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EngineRun, TickEvent } from './engine.js';
import { attachProgress, formatProgressLine } from './progress.js';

const tick: TickEvent = {
  row: {
    t: 11,
    targetArrivals: 66.7,
    arrivals: 64,
    dropped: 0,
    completed: 50,
    requests: 300,
    errors: 2,
    p95Ms: 182.4,
    inFlight: 1234,
    hdr: '',
  },
  totals: { targetArrivals: 800, arrivals: 790, dropped: 3, completed: 600, requests: 3000, errors: 17 },
  verdicts: undefined,
};

describe('progress line', () => {
  it('shows elapsed time, target vs achieved rate, p95, errors, dropped and journeys in flight', () => {
    expect(formatProgressLine(tick, 30)).toBe(
      '12s/30s  target 66.7/s  achieved 64.0/s  p95 182ms  errors 17  dropped 3  in flight 1,234',
    );
    expect(formatProgressLine({ ...tick, row: { ...tick.row, t: 31 } }, 30)).toMatch(/^draining /);
  });

  it('writes on a TTY only, rewriting one line', () => {
    const run = Object.assign(new EventEmitter(), {
      options: { durationSeconds: 30 },
    }) as unknown as EngineRun;
    const tty: string[] = [];
    const pipe: string[] = [];
    const stopTty = attachProgress(run, { isTTY: true, columns: 200, write: (t) => tty.push(t) });
    const stopPipe = attachProgress(run, { isTTY: false, write: (t) => pipe.push(t) });
    run.emit('tick', tick);
    stopTty();
    stopPipe();
    run.emit('tick', tick);
    expect(pipe).toEqual([]);
    expect(tty.join('')).toContain('\r\x1b[2K12s/30s');
    expect(tty.filter((t) => t.includes('target')).length).toBe(1);
  });
});

// The one-line live progress display: rewritten in place every second, on a TTY only (in CI logs a
// line per second would drown the summary).
import type { EngineRun, TickEvent } from './engine.js';
import { formatCount, formatMs, formatRate } from './format.js';

/** Pure: the line for a tick. Rates are of the last second; errors and dropped are totals. */
export function formatProgressLine(tick: TickEvent, durationSeconds: number): string {
  const { row, totals } = tick;
  const elapsed = Math.min(row.t + 1, Math.ceil(durationSeconds));
  const phase = row.t + 1 > durationSeconds ? 'draining' : `${elapsed}s/${Math.ceil(durationSeconds)}s`;
  return [
    phase,
    `target ${formatRate(row.targetArrivals)}`,
    `achieved ${formatRate(row.arrivals)}`,
    `p95 ${formatMs(row.p95Ms)}`,
    `errors ${formatCount(totals.errors)}`,
    `dropped ${formatCount(totals.dropped)}`,
    `in flight ${formatCount(row.inFlight)}`,
  ].join('  ');
}

export interface ProgressStream {
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  write(text: string): unknown;
}

/** Shows progress on `stream` when it is a TTY; returns a function that clears the line. */
export function attachProgress(run: EngineRun, stream: ProgressStream): () => void {
  if (stream.isTTY !== true) return () => {};
  const clear = () => stream.write('\r\x1b[2K');
  const onTick = (tick: TickEvent) => {
    const line = formatProgressLine(tick, run.options.durationSeconds);
    const width = stream.columns ?? 120;
    clear();
    stream.write(line.length > width - 1 ? line.slice(0, width - 1) : line);
  };
  run.on('tick', onTick);
  return () => {
    run.off('tick', onTick);
    clear();
  };
}

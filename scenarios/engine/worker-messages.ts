// The messages between the engine (parent) and its worker threads. Plain data: structured clone.
import type { IntervalRow, RunResult } from './run-result.js';

export type ShardMessage =
  | { type: 'ready' }
  | { type: 'interval'; row: IntervalRow; snapshot: RunResult | undefined; metrics: object[] | undefined }
  | { type: 'result'; result: RunResult }
  | { type: 'error'; message: string };

export type ParentMessage = { type: 'start'; startEpochMs: number } | { type: 'abort' };

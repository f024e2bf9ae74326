// Where a run's shards execute: in this thread (one worker, the default) or in worker threads, one shard
// each. Both drivers report the same things — a row per shard per second, optional snapshots and
// Prometheus JSON — so the engine above them does not care which it has.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AggregatorRegistry } from 'prom-client';
import { createLiveMetrics } from './live-metrics.js';
import { type RunOptions, shareOf } from './options.js';
import type { IntervalRow, RunResult } from './run-result.js';
import { isJudgingSecond, runShard } from './run-shard.js';
import type { ParentMessage, ShardMessage } from './worker-messages.js';

export interface ShardReport {
  shard: number;
  row: IntervalRow;
  snapshot: RunResult | undefined;
}

export interface ShardDriver {
  results: Promise<RunResult[]>;
  abort(): void;
  /** Prometheus text of all shards now; undefined when live metrics are off. */
  metricsText: (() => Promise<string>) | undefined;
}

export interface DriverOptions {
  options: RunOptions;
  /** Milliseconds between the moment every shard is ready and the first arrival. */
  startDelayMs: number;
  snapshots: boolean;
  onReport(report: ShardReport): void;
}

export function localDriver({ options, startDelayMs, snapshots, onReport }: DriverOptions): ShardDriver {
  const startEpochMs = Date.now() + startDelayMs;
  const live =
    options.metricsPort === undefined
      ? undefined
      : createLiveMetrics(options.scenario.name, options.maxInFlight);
  const abort = new AbortController();
  const results = runShard(
    options,
    { index: 0, count: 1, startEpochMs },
    {
      live,
      abort: abort.signal,
      onInterval: (row, snapshot) =>
        onReport({ shard: 0, row, snapshot: snapshots && isJudgingSecond(row.t) ? snapshot() : undefined }),
    },
  ).then((result) => [result]);
  return {
    results,
    abort: () => abort.abort(),
    metricsText: live === undefined ? undefined : () => live.registry.metrics(),
  };
}

// Node 20 has no type stripping: run from the TypeScript sources (tests, `npm run gelombang`), each worker
// registers tsx's loader, then imports the TypeScript entry; run from the compiled dist/ (the published bin),
// it imports the compiled entry directly (tsx, a dev dependency, may not be installed). Both are resolved
// here, to absolute URLs, so the worker finds them whatever its working directory.
const COMPILED = import.meta.url.endsWith('.js');
const ENTRY_URL = new URL(COMPILED ? './worker-entry.js' : './worker-entry.ts', import.meta.url).href;

function workerBootstrap(): string {
  if (COMPILED) return `import(${JSON.stringify(ENTRY_URL)});`;
  const require = createRequire(import.meta.url);
  const tsxApiUrl = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsxApiUrl)}).then((api) => { api.register(); return import(${JSON.stringify(ENTRY_URL)}); });`;
}

export function workerDriver({ options, startDelayMs, snapshots, onReport }: DriverOptions): ShardDriver {
  const count = options.workers;
  const bootstrap = workerBootstrap();
  let ready = 0;
  const onReady = () => {
    ready++;
    if (ready < count) return;
    const startEpochMs = Date.now() + startDelayMs;
    for (const worker of workers) worker.postMessage({ type: 'start', startEpochMs } satisfies ParentMessage);
  };
  const latestMetrics: object[][] = Array.from({ length: count }, () => []);
  const workers: Worker[] = [];
  const results = Array.from({ length: count }, (_, index) => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: {
        options,
        shard: { index, count },
        snapshots,
        maxInFlightShare: shareOf(options.maxInFlight, count, index),
      },
    });
    workers.push(worker);
    return new Promise<RunResult>((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: ShardMessage) => {
        if (message.type === 'ready') {
          onReady();
        } else if (message.type === 'interval') {
          if (message.metrics !== undefined) latestMetrics[index] = message.metrics;
          onReport({ shard: index, row: message.row, snapshot: message.snapshot });
        } else if (message.type === 'result') {
          settled = true;
          resolve(message.result);
        } else {
          settled = true;
          reject(new Error(`worker ${index} failed: ${message.message}`));
        }
      });
      worker.on('error', (err) => {
        settled = true;
        reject(err);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`worker ${index} exited with code ${code} before its result`));
      });
    });
  });
  return {
    results: Promise.all(results).finally(() => Promise.all(workers.map((w) => w.terminate()))),
    abort: () => {
      for (const worker of workers) worker.postMessage({ type: 'abort' } satisfies ParentMessage);
    },
    metricsText:
      options.metricsPort === undefined
        ? undefined
        : () => AggregatorRegistry.aggregate(latestMetrics.filter((m) => m.length > 0)).metrics(),
  };
}

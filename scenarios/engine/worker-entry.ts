// Runs inside a worker thread: one shard of the run. Talks to the parent (shards.ts) by messages: 'ready'
// once its modules are loaded (the parent then fixes the common start instant and sends 'start'), an
// 'interval' per second (with a snapshot when the parent judges thresholds live, and the shard's
// Prometheus metrics when /metrics is served), then the 'result'. An 'abort' from the parent stops arrivals.
import { parentPort, workerData } from 'node:worker_threads';
import { createLiveMetrics } from './live-metrics.js';
import type { RunOptions } from './options.js';
import { isJudgingSecond, runShard, type ShardSpec } from './run-shard.js';
import type { ShardMessage, ParentMessage } from './worker-messages.js';

interface ShardData {
  options: RunOptions;
  shard: Omit<ShardSpec, 'startEpochMs'>;
  snapshots: boolean;
  maxInFlightShare: number;
}

const port = parentPort;
if (port === null) throw new Error('worker-entry.ts runs only as a worker thread');
const data = workerData as ShardData;
const live =
  data.options.metricsPort === undefined
    ? undefined
    : createLiveMetrics(data.options.scenario.name, data.maxInFlightShare);
const abort = new AbortController();
let start: (startEpochMs: number) => void = () => {};
const started = new Promise<number>((resolve) => {
  start = resolve;
});
port.on('message', (message: ParentMessage) => {
  if (message.type === 'abort') abort.abort();
  else start(message.startEpochMs);
});
const post = (message: ShardMessage) => port.postMessage(message);
post({ type: 'ready' });

// Intervals go out in order, and before the result: each waits for the one before.
let outbox: Promise<void> = Promise.resolve();
try {
  const startEpochMs = await started;
  const result = await runShard(
    data.options,
    { ...data.shard, startEpochMs },
    {
      live,
      abort: abort.signal,
      onInterval(row, snapshot) {
        const taken = data.snapshots && isJudgingSecond(row.t) ? snapshot() : undefined;
        outbox = outbox.then(async () => {
          const metrics = live === undefined ? undefined : await live.registry.getMetricsAsJSON();
          post({ type: 'interval', row, snapshot: taken, metrics });
        });
      },
    },
  );
  await outbox;
  post({ type: 'result', result });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
port.close();

// WAL checkpoints on a background thread. A checkpoint copies WAL pages into the database file and
// fsyncs it; done by the connection that commits (SQLite's default, every 1000 pages) it stalls the
// event loop for milliseconds at a time, measured here as 1.6× on sign-up writes. A worker thread with
// its own connection runs PASSIVE checkpoints instead: they never block writers, and durability is
// unchanged (a commit is durable for a process crash once it is in the WAL). The main connection keeps a
// high autocheckpoint as a safety valve, so the WAL stays bounded even if this thread stalls.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated in the worker: no TypeScript loader is needed there (vitest, tsx, node alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
let checkpoints = 0;
const tick = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); checkpoints++; } catch {}
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') { tick(); parentPort.postMessage({ checkpoints }); return; }
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ checkpoints, closed: true });
  parentPort.close();
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(path: string, intervalMs = 200) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
    this.worker.unref(); // never keeps the process alive by itself
    this.worker.on('error', () => {
      // A failed checkpointer is not fatal: the main connection's autocheckpoint takes over.
    });
  }

  /** Runs one checkpoint now and resolves with how many ran so far (for tests and diagnostics). */
  checkpointNow(): Promise<number> {
    return this.request('checkpoint');
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.request('stop').catch(() => 0);
    await this.worker.terminate();
  }

  private request(message: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: { checkpoints: number }) => {
        this.worker.off('error', reject);
        resolve(reply.checkpoints);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', reject);
      this.worker.postMessage(message);
    });
  }
}

// Real HTTP servers on 127.0.0.1 for the engine's tests and benchmark, and scenarios with simple shapes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { Scenario, ThresholdSpec } from '../scenarios/model/types.js';

export interface TestServer {
  url: string;
  /** Requests answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{
  url: string;
  close(): Promise<void>;
}> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** GET /ping → 200 "pong" at once; anything else 404. With `failEvery: n`, every n-th request gets a 503
 *  with a service error body (GLB_ERR_TEST_UNAVAILABLE). */
export async function startPingServer(options: { failEvery?: number } = {}): Promise<TestServer> {
  let answered = 0;
  const base = await listen((req, res) => {
    answered++;
    if (options.failEvery !== undefined && answered % options.failEvery === 0) {
      const body = {
        statusCode: 503,
        code: 'GLB_ERR_TEST_UNAVAILABLE',
        error: 'Service Unavailable',
        message: 'test',
      };
      res
        .writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
        .end(JSON.stringify(body));
    } else if (req.url === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('pong');
    } else {
      res.writeHead(404).end();
    }
  });
  return {
    ...base,
    get answered() {
      return answered;
    },
  };
}

// The stalling server runs in its own thread, as a real server runs apart from its load generator: the
// engine's thread then spends its time on the client side only, and the backlog after a stall drains at
// the speed of the connections, not of one event loop doing both ends.
const STALLING_SERVER = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { periodMs, stallMs } = workerData;
const startedAt = performance.now();
const server = createServer((req, res) => {
  const phase = (performance.now() - startedAt) % periodMs;
  const answer = () => res.writeHead(200, { 'content-type': 'text/plain' }).end('pong');
  if (phase < stallMs) setTimeout(answer, stallMs - phase);
  else answer();
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () =>
  parentPort.postMessage({ port: server.address().port, startedAtEpochMs: performance.timeOrigin + startedAt }),
);
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

/** Answers GET /ping at once, except during the first `stallMs` of every `periodMs` (from its start):
 *  then every response is held until the stall window ends — a GC pause, a lock, a full pool. */
export interface StallingServer extends Omit<TestServer, 'answered'> {
  /** Milliseconds to wait until the server's cycle is at `phaseMs` (0 = a stall begins). */
  msUntilPhase(phaseMs: number): number;
}

export async function startStallingServer(periodMs: number, stallMs: number): Promise<StallingServer> {
  const worker = new Worker(STALLING_SERVER, { eval: true, workerData: { periodMs, stallMs } });
  const { port, startedAtEpochMs } = await new Promise<{ port: number; startedAtEpochMs: number }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    msUntilPhase(phaseMs) {
      const phase = (performance.timeOrigin + performance.now() - startedAtEpochMs) % periodMs;
      return (phaseMs - phase + periodMs) % periodMs;
    },
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('close');
      await exited;
    },
  };
}

/** A constant arrival rate for `seconds` of the given journey ('ping' by default). */
export function constantScenario(
  rate: number,
  seconds: number,
  options: { journey?: string; thresholds?: ThresholdSpec[]; name?: string } = {},
): Scenario {
  return {
    name: options.name ?? `constant-${rate}`,
    description: `${rate} arrivals/s for ${seconds} s`,
    profile: {
      name: `constant-${rate}`,
      description: 'test profile',
      startRate: rate,
      stages: [{ durationSeconds: seconds, target: rate }],
    },
    journey: options.journey ?? 'ping',
    thresholds: options.thresholds ?? [],
    data: { seed: 7, startIndex: 0 },
  };
}

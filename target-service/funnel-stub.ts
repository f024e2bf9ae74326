// A target that costs nothing: every funnel route answered at once with a valid canned body
// (scenarios/model/canned-answers.ts), on plain node:http — no framework, no database, no registry. Point a
// load generator (the engine or k6) at it to measure what the generator itself can drive on this machine
// before blaming the service.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cannedAnswer } from '../scenarios/model/canned-answers.js';
import type { StepRequest } from '../scenarios/model/types.js';

export interface FunnelStub {
  url: string;
  /** Requests answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

/** Pre-encoded answers: a request costs a lookup and a write. */
const encoded = new Map<string, { status: number; headers: Record<string, string | number>; body: Buffer }>();
function answerFor(method: string, path: string) {
  const key = `${method} ${path}`;
  let answer = encoded.get(key);
  if (answer === undefined) {
    const canned = cannedAnswer({ method: method as StepRequest['method'], path });
    const body = Buffer.from(canned.body);
    answer = { status: canned.status, headers: { ...canned.headers, 'content-length': body.length }, body };
    // Only known routes are cached: a wave id or an unknown path in the key must not grow the map.
    if (canned.status !== 404 && !/\d/.test(path)) encoded.set(key, answer);
  }
  return answer;
}

export async function startFunnelStub(options: { host?: string; port?: number } = {}): Promise<FunnelStub> {
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const answer = answerFor(req.method ?? 'GET', q < 0 ? url : url.slice(0, q));
    // Bodies are read and dropped: the answer never depends on them.
    req.resume();
    req.once('end', () => {
      answered++;
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    get answered() {
      return answered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

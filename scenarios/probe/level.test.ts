// runLevel against a real HTTP server on loopback (node:http), so autocannon's own timing is what is tested.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLevel } from './level.js';

describe('runLevel', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('ends at the last response when the request cap is reached, not at autocannon’s next 1 s tick', async () => {
    // 20 requests to a server answering at once take milliseconds; autocannon only notices it is done on
    // its next sample tick (1 s), and a level timed to that tick reports a throughput of ≈ 20/s.
    const level = await runLevel({
      origin,
      basePath: '',
      concurrency: 2,
      durationSeconds: 5,
      timeoutSeconds: 5,
      maxRequests: 20,
      nextRequest: () => ({ method: 'GET', path: '/', headers: {} }),
    });
    expect(level.requests).toBe(20);
    expect(level.ok).toBe(20);
    expect(level.endedBy).toBe('applicants');
    expect(level.durationSeconds).toBeLessThan(0.9); // well short of the tick, however busy the machine
    expect(level.throughput).toBeCloseTo(20 / level.durationSeconds, 6);
  });
});

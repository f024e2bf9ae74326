// The transport over real HTTP on 127.0.0.1: what a journey reads from an answer (status, lower-case
// headers, body), when a request counts as sent, and how failures arrive (status 0 with a code).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, parseRawHeaders, type StepTransport } from './http-transport.js';

const servers: Server[] = [];
const transports: StepTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.destroy()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport(
  origin: string,
  options: { connections?: number; timeoutMs?: number; basePath?: string } = {},
) {
  const t = createTransport({
    origin,
    basePath: options.basePath ?? '',
    connections: options.connections ?? 2,
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  transports.push(t);
  return t;
}

describe('parseRawHeaders', () => {
  it.each([
    { raw: ['Content-Type', 'text/plain'], want: { 'content-type': 'text/plain' } },
    { raw: ['Set-Cookie', 'a=1', 'set-cookie', 'b=2'], want: { 'set-cookie': 'a=1, b=2' } },
    { raw: [Buffer.from('Retry-After'), Buffer.from('3')], want: { 'retry-after': '3' } },
    { raw: [], want: {} },
  ])('$raw → $want', ({ raw, want }) => {
    expect(parseRawHeaders(raw)).toEqual(want);
  });

  it('keeps a header named __proto__ as data, not as the prototype', () => {
    const headers = parseRawHeaders(['__proto__', 'x']);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toBe('x');
  });
});

describe('createTransport', () => {
  it('gives the journey the status, lower-case headers (repeats joined) and the whole body', async () => {
    const big = 'x'.repeat(200_000); // several socket reads: the chunks must be joined in order
    const origin = await serve((req, res) => {
      let received = '';
      req.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
      });
      req.on('end', () => {
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Path': req.url ?? '' });
        res.end(JSON.stringify({ method: req.method, received, big }));
      });
    });
    const t = transport(origin, { basePath: '/api' });
    const sent = await t.send({
      method: 'POST',
      path: '/accounts',
      headers: { 'x-a': '1' },
      body: '{"ñ":1}',
    });
    expect(sent.transportError).toBeNull();
    expect(sent.response.status).toBe(201);
    expect(sent.response.headers['content-type']).toBe('application/json');
    expect(sent.response.headers['x-path']).toBe('/api/accounts');
    expect(sent.response.headers['set-cookie']).toBe('a=1, b=2');
    expect(JSON.parse(sent.response.body)).toEqual({ method: 'POST', received: '{"ñ":1}', big });
  });

  it('counts a request as sent when it is written, after waiting for a free connection', async () => {
    const origin = await serve((_req, res) => {
      setTimeout(() => res.end('ok'), 150);
    });
    const t = transport(origin, { connections: 1 });
    const request = { method: 'GET' as const, path: '/', headers: {} };
    const dispatchedAt = performance.now();
    const [first, second] = await Promise.all([t.send(request), t.send(request)]);
    // The second waited ~150 ms for the only connection: its actual send is after the first's answer.
    expect(first.sentAt - dispatchedAt).toBeLessThan(100);
    expect(second.sentAt - first.sentAt).toBeGreaterThanOrEqual(140);
    expect(second.response.body).toBe('ok');
  });

  it('answers a server that never answers with status 0 and "timeout"', async () => {
    const origin = await serve(() => {});
    const sent = await transport(origin, { timeoutMs: 200 }).send({ method: 'GET', path: '/', headers: {} });
    expect(sent.transportError).toBe('timeout');
    expect(sent.response).toMatchObject({ status: 0, body: '', headers: {} });
  });

  // undici's headersTimeout is checked on a coarse tick: --timeout 300ms used to end requests after
  // 0.5–1.0 s, --timeout 1s after up to 1.5 s. Each request now has its own timer from its send.
  it.each([300, 1000])('ends a request within its %i ms timeout plus a few ms', async (timeoutMs) => {
    const origin = await serve(() => {});
    const t = transport(origin, { timeoutMs });
    const sent = await t.send({ method: 'GET', path: '/', headers: {} });
    const waited = performance.now() - sent.sentAt;
    expect(sent.transportError).toBe('timeout');
    expect(waited).toBeGreaterThanOrEqual(timeoutMs - 1);
    expect(waited).toBeLessThan(timeoutMs + 40); // a few ms, with room for a busy shared machine
  });

  it('answers a refused connection with status 0 and its code', async () => {
    const origin = await serve(() => {});
    const closing = servers.pop()!;
    await new Promise((resolve) => closing.close(resolve));
    const sent = await transport(origin).send({ method: 'GET', path: '/', headers: {} });
    expect(sent.response.status).toBe(0);
    expect(sent.transportError).toBe('ECONNREFUSED');
  });
});

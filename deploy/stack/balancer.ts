// The local stack's load balancer: round robin over the service instances on loopback, proxied by
// http-proxy-3 (a maintained library, not hand-written proxying) over keep-alive connections. A request
// no instance answers gets 502 GLB_ERR_SVC_UPSTREAM_UNAVAILABLE, never a hang or a stack trace. An instance
// that refuses connections is left out of the rotation for a few seconds (a passive health check).
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import { ERRORS } from '../../target-service/errors.js';
import { errorBody } from '../../target-service/plugins/errors.js';

export interface RunningBalancer {
  url: string;
  close(): Promise<void>;
}

export interface BalancerOptions {
  /** Instance base URLs, e.g. ['http://127.0.0.1:41001', 'http://127.0.0.1:41002']; at least one. */
  targets: readonly string[];
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Upper bound on one proxied request, ms (default 60 000: launch-day queues can be long). */
  timeoutMs?: number;
}

/** How long an instance that refused a connection is left out of the rotation, ms. */
const DOWN_MS = 5000;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sendUnavailable(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(ERRORS.SVC_UPSTREAM_UNAVAILABLE));
  res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' }).end(body);
}

/** Starts the balancer; resolves once it listens. Throws when `targets` is empty. */
export async function startBalancer(opts: BalancerOptions): Promise<RunningBalancer> {
  if (opts.targets.length === 0) throw new Error('the balancer needs at least one target');
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const proxy = createProxyServer({ agent, xfwd: true, proxyTimeout: timeoutMs, timeout: timeoutMs });
  proxy.on('error', (_err: Error, _req: IncomingMessage, res: unknown) => {
    if (res !== null && typeof res === 'object' && 'writeHead' in res) sendUnavailable(res as ServerResponse);
  });
  const targets = opts.targets;
  let next = 0;
  // Passive health check: an instance that refused a connection (stopped, crashed) is skipped for a while,
  // so one dead instance does not fail every Nth request; when all are marked down, try them anyway.
  const downUntil = new Map<string, number>();
  const pick = (): string => {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[next]!;
      next = (next + 1) % targets.length;
      if ((downUntil.get(target) ?? 0) <= Date.now()) return target;
    }
    const target = targets[next]!;
    next = (next + 1) % targets.length;
    return target;
  };
  const forward = (req: IncomingMessage, res: ServerResponse, tried: number): void => {
    const target = pick();
    proxy.web(req, res, { target }, (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') {
        downUntil.set(target, Date.now() + DOWN_MS);
        // Nothing reached the instance, and a request without a body can be sent again as it came (as
        // nginx's proxy_next_upstream error does); a body was already read into the refused connection.
        if (BODYLESS.has(req.method ?? '') && tried + 1 < targets.length && !res.headersSent) {
          forward(req, res, tried + 1);
          return;
        }
      }
      sendUnavailable(res);
    });
  };
  const server: Server = createServer((req, res) => forward(req, res, 0));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

// Sends a journey's StepRequest over an undici Pool and reports when it was actually written to the
// socket. The dispatch-handler API (not request()) gives that moment — onRequestStart runs just before the
// headers are written, after any wait for a free connection — and skips the stream machinery per request.
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Pool, type Dispatcher } from 'undici';
import type { StepRequest, StepResponse } from '../model/types.js';

/** Journeys read small JSON answers; a body beyond this is cut (and the cut is visible in its length). */
const MAX_BODY_BYTES = 1 << 20;

export interface SentResponse {
  response: StepResponse;
  /** performance.now() when the request was written to the socket; the dispatch time if it never was. */
  sentAt: number;
  /** Transport error code when status is 0 ('timeout', 'ECONNREFUSED', …). */
  transportError: string | null;
}

export interface StepTransport {
  send(request: StepRequest): Promise<SentResponse>;
  /** Fails what is queued or in flight (used when the graceful stop runs out). */
  destroy(): Promise<void>;
  close(): Promise<void>;
}

export interface TransportOptions {
  origin: string;
  basePath: string;
  connections: number;
  timeoutMs: number;
}

/** undici gives lower-case names; only repeated headers (arrays) need joining, so most answers pass as is. */
function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  for (const name in headers) {
    if (Array.isArray(headers[name])) {
      const out: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(headers))
        out[key] = Array.isArray(value) ? value.join(', ') : value;
      return out;
    }
  }
  return headers as Record<string, string | undefined>;
}

export function transportErrorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return 'timeout';
  }
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'error';
}

const NO_HEADERS: Record<string, string | undefined> = Object.freeze({});
const NO_ANSWER: StepResponse = Object.freeze({ status: 0, headers: NO_HEADERS, body: '' });

/** One request's handler, and (resolved with itself) its SentResponse: at tens of thousands of requests a
 *  second, every object not allocated is garbage not collected. */
class StepHandler implements Dispatcher.DispatchHandler, SentResponse {
  response: StepResponse = NO_ANSWER;
  sentAt: number;
  transportError: string | null = null;
  private status = 0;
  private headers = NO_HEADERS;
  private first: Buffer | undefined;
  private more: Buffer[] | undefined;
  private bytes = 0;
  constructor(
    private readonly resolve: (sent: SentResponse) => void,
    dispatchedAt: number,
  ) {
    this.sentAt = dispatchedAt;
  }
  onRequestStart(): void {
    this.sentAt = performance.now();
  }
  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }
  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.bytes >= MAX_BODY_BYTES) return;
    this.bytes += chunk.length;
    if (this.first === undefined) {
      this.first = chunk;
    } else {
      this.more ??= [this.first];
      this.more.push(chunk);
    }
  }
  onResponseEnd(): void {
    const body =
      this.more !== undefined
        ? Buffer.concat(this.more).toString('utf8')
        : (this.first?.toString('utf8') ?? '');
    this.response = { status: this.status, headers: this.headers, body };
    this.resolve(this);
  }
  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.response = NO_ANSWER;
    this.transportError = transportErrorCode(error);
    this.resolve(this);
  }
}

export function createTransport(options: TransportOptions): StepTransport {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: Math.min(options.timeoutMs, 10_000),
    keepAliveTimeout: 30_000,
  });
  return {
    send(request) {
      return new Promise<SentResponse>((resolve) => {
        const handler = new StepHandler(resolve, performance.now());
        pool.dispatch(
          {
            method: request.method,
            path: options.basePath + request.path,
            headers: request.headers,
            body: request.body ?? null,
          },
          handler,
        );
      });
    },
    async destroy() {
      await pool.destroy();
    },
    async close() {
      await pool.close();
    },
  };
}

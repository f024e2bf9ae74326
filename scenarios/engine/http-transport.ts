// Sends a journey's StepRequest over an undici Pool and reports when it was actually written to the
// socket. The dispatch-handler API (not request()) gives that moment — onConnect runs just before the
// headers are written, after any wait for a free connection — and skips the stream machinery per request.
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

/** Fires a request's own timeout: abort() makes undici call onError, which reports 'timeout'. A plain
 *  function with the handler as argument, so arming the timer allocates no closure per request. */
function expire(handler: StepHandler): void {
  handler.expired();
}

const NO_HEADERS: Record<string, string | undefined> = Object.freeze({});

/** The raw header list undici hands over (name, value, name, value, …) as the lower-case record a
 *  journey reads, repeated headers joined with ', ' — what undici's own parseHeaders gives, flattened. */
export function parseRawHeaders(raw: readonly (Buffer | string)[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    const seen = Object.hasOwn(out, name) ? out[name] : undefined;
    if (name === '__proto__') {
      Object.defineProperty(out, name, { value, enumerable: true, configurable: true, writable: true });
    } else {
      out[name] = seen === undefined ? value : `${seen}, ${value}`;
    }
  }
  return out;
}

// new Promise(capture) hands its resolve over without a closure per request.
let captured: (sent: SentResponse) => void = () => {};
const capture = (resolve: (sent: SentResponse) => void): void => {
  captured = resolve;
};

/** One request's handler, its SentResponse and its StepResponse at once (resolved with itself): at tens of
 *  thousands of requests a second, every object not allocated is garbage not collected.
 *
 *  It implements undici's callback handler (onConnect/onHeaders/onData/onComplete/onError), the interface
 *  undici 7's client still calls internally: a handler with the newer onRequestStart/onResponse* methods is
 *  wrapped per request in an UnwrapHandler plus controller, and every answer's headers (and trailers) are
 *  parsed into objects whether or not anyone reads them. Without them a request costs this thread ~10 %
 *  less CPU (closed loop on GET /ping: median 21.3 → 19.2 µs, five interleaved pairs). Should a future
 *  undici drop the callback interface, the transport tests fail (they run real requests), not silently.
 *
 *  Headers and body are decoded when a journey first reads them: the ping journey never does on a 2xx, the
 *  funnel reads what it needs. The raw chunks are undici's views on fresh socket reads (undici sets no
 *  `onread` buffer), so they stay valid after the response ends. */
class StepHandler implements Dispatcher.DispatchHandler, SentResponse, StepResponse {
  sentAt: number;
  transportError: string | null = null;
  status = 0;
  receivedAtMs: number | undefined = undefined;
  private abort: ((err?: Error) => void) | null = null;
  private timer: NodeJS.Timeout | undefined = undefined;
  private timedOut = false;
  private rawHeaders: readonly (Buffer | string)[] | null = null;
  private parsedHeaders: Record<string, string | undefined> | undefined;
  private first: Buffer | undefined;
  private more: Buffer[] | undefined;
  private bytes = 0;
  private text: string | undefined;
  constructor(
    private readonly resolve: (sent: SentResponse) => void,
    dispatchedAt: number,
    private readonly timeoutMs: number,
  ) {
    this.sentAt = dispatchedAt;
  }
  get response(): StepResponse {
    return this;
  }
  get headers(): Record<string, string | undefined> {
    if (this.parsedHeaders === undefined) {
      this.parsedHeaders = this.rawHeaders === null ? NO_HEADERS : parseRawHeaders(this.rawHeaders);
      this.rawHeaders = null;
    }
    return this.parsedHeaders;
  }
  get body(): string {
    if (this.text === undefined) {
      this.text =
        this.more !== undefined
          ? Buffer.concat(this.more).toString('utf8')
          : (this.first?.toString('utf8') ?? '');
      this.first = undefined;
      this.more = undefined;
    }
    return this.text;
  }
  /** Just before the request's headers are written to the socket (after any wait for a connection). The
   *  timeout runs from here on its own timer: undici's headersTimeout and bodyTimeout are checked on a
   *  coarse clock (a 500 ms tick up to undici 7), so `--timeout 300ms` cut requests after 0.5–1.0 s. */
  onConnect(abort: (err?: Error) => void): void {
    this.sentAt = performance.now();
    this.abort = abort;
    this.timer ??= setTimeout(expire, this.timeoutMs, this);
  }
  expired(): void {
    this.timer = undefined;
    if (this.abort === null) return;
    this.timedOut = true;
    this.abort(new Error('request timed out'));
  }
  private settle(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.abort = null;
    this.resolve(this);
  }
  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }
  onData(chunk: Buffer): boolean {
    if (this.bytes >= MAX_BODY_BYTES) return true;
    this.bytes += chunk.length;
    if (this.first === undefined) {
      this.first = chunk;
    } else {
      this.more ??= [this.first];
      this.more.push(chunk);
    }
    return true;
  }
  onComplete(): void {
    this.receivedAtMs = Date.now();
    this.settle();
  }
  onError(error: Error): void {
    // A transport failure has no answer, even if headers or part of a body had come.
    this.status = 0;
    this.rawHeaders = null;
    this.parsedHeaders = NO_HEADERS;
    this.text = '';
    this.first = undefined;
    this.more = undefined;
    this.transportError = this.timedOut ? 'timeout' : transportErrorCode(error);
    this.settle();
  }
}

export function createTransport(options: TransportOptions): StepTransport {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    // No pipelining: a request queued behind another on a busy connection would count that wait as the
    // server's time (onConnect fires when it is written, not when the server starts on it), and a slow
    // answer would hold up the ones behind it. The open model's backlog waits for a free connection in
    // the pool instead, where it shows in the latency from intended send, not from actual send.
    pipelining: 1,
    // Each request keeps its own precise timeout (StepHandler.onConnect); undici's coarse ones stay only
    // as a backstop well after it.
    headersTimeout: options.timeoutMs * 2 + 1000,
    bodyTimeout: options.timeoutMs * 2 + 1000,
    connectTimeout: Math.min(options.timeoutMs, 10_000),
    keepAliveTimeout: 30_000,
  });
  return {
    send(request) {
      const sent = new Promise<SentResponse>(capture);
      pool.dispatch(
        {
          method: request.method,
          path: options.basePath + request.path,
          headers: request.headers,
          body: request.body ?? null,
        },
        new StepHandler(captured, performance.now(), options.timeoutMs),
      );
      return sent;
    },
    async destroy() {
      await pool.destroy();
    },
    async close() {
      await pool.close();
    },
  };
}

// One concurrency level of a probe: autocannon keeps N connections each with one request in flight (a
// closed model, no think time) for the level's duration, every request built fresh by `nextRequest` (a new
// applicant each). Latency goes into an HDR histogram from autocannon's per-response time (written to read,
// ms), not autocannon's own summary, which has no p95.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { newHistogram, recordMs, summarise } from '../engine/hdr.js';
import { errorCodeOf } from '../model/responses.js';
import type { StepRequest } from '../model/types.js';
import type { ProbeLevel } from './types.js';

export interface LevelInput {
  origin: string;
  basePath: string;
  concurrency: number;
  durationSeconds: number;
  timeoutSeconds: number;
  /** The level stops after this many responses even before its duration (applicants prepared for it). */
  maxRequests: number;
  /** Called once per request autocannon builds (a few more than it sends: one per connection at the end). */
  nextRequest: () => StepRequest;
  /** Aborting it stops the level early (Ctrl-C); the caller decides whether the partial level counts. */
  signal?: AbortSignal;
}

export type LevelMeasurement = Omit<ProbeLevel, 'prepared' | 'preparationSeconds' | 'service'>;

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** The service marks an answer replayed from its idempotency store (target-service/idempotency.ts). */
export function isReplay(headers: Record<string, unknown> | undefined): boolean {
  const value = headers?.['idempotent-replayed'] ?? headers?.['Idempotent-Replayed'];
  return value === 'true';
}

export async function runLevel(input: LevelInput): Promise<LevelMeasurement> {
  const histogram = newHistogram();
  const byStatus: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  let requests = 0;
  let ok = 0;
  let replayed = 0;
  const started = performance.now();
  let lastResponseAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: input.origin,
        connections: input.concurrency,
        duration: input.durationSeconds,
        timeout: input.timeoutSeconds,
        maxOverallRequests: input.maxRequests,
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              const step = input.nextRequest();
              return {
                ...req,
                method: step.method,
                path: input.basePath + step.path,
                headers: step.headers,
                // Bytes (the upload's multipart body) go to autocannon as a Buffer view, not a copy.
                ...(step.body === undefined
                  ? {}
                  : {
                      body:
                        typeof step.body === 'string'
                          ? step.body
                          : Buffer.from(step.body.buffer, step.body.byteOffset, step.body.byteLength),
                    }),
              };
            },
            onResponse: (
              status: number,
              body: string,
              _context: object,
              headers: autocannon.Request['headers'],
            ) => {
              requests++;
              if (status >= 200 && status < 300) {
                if (isReplay(headers)) replayed++;
                else ok++;
                return;
              }
              increment(byStatus, String(status));
              increment(byCode, errorCodeOf({ status, headers: {}, body }));
            },
          },
        ],
      },
      (err: unknown, done: autocannon.Result) => (err ? reject(err) : resolve(done)),
    );
    const stop = () => instance.stop();
    if (input.signal?.aborted) stop();
    input.signal?.addEventListener('abort', stop, { once: true });
    instance.once('done', () => input.signal?.removeEventListener('abort', stop));
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      lastResponseAt = performance.now();
      recordMs(histogram, responseTimeMs);
    });
  });
  // autocannon notices that every connection reached its share of maxOverallRequests only on its next
  // sample tick (1 s): a level that used up its requests early ends at its last response, or its
  // throughput would be the cap divided by a whole number of seconds.
  const capped = requests >= input.maxRequests;
  const durationSeconds = ((capped ? lastResponseAt : performance.now()) - started) / 1000;
  return {
    concurrency: input.concurrency,
    durationSeconds,
    endedBy: capped && durationSeconds < input.durationSeconds * 0.99 ? 'applicants' : 'duration',
    requests,
    ok,
    replayed,
    throughput: ok / durationSeconds,
    requestRate: requests / durationSeconds,
    latencyMs: summarise(histogram),
    errors: {
      byStatus,
      byCode,
      timeouts: result.timeouts,
      connectionErrors: Math.max(0, result.errors - result.timeouts),
    },
  };
}

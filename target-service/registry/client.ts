// The service's client for the population registry: undici Pool, per-attempt timeout, a concurrency
// limit that adapts to what the registry accepts (AIMD, or the operator's fixed quota), a bulkhead
// (bounded calls held, fail fast beyond), retries with full-jitter backoff that honour Retry-After, and a
// circuit breaker. A 429 is backpressure: it lowers the limit and the call waits Retry-After, but it is
// not a breaker failure (the registry is up, only busy). Timeouts, 5xx and network errors are failures.
// Every failure ends as RegistryUnavailableError, so the caller can keep the profile pending and let the
// verification worker try again later.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BaseLogger } from 'pino';
import { Pool } from 'undici';
import type { RegistryClientConfig } from '../config.js';
import { CIRCUIT_STATE_VALUE, type ServiceMetrics } from '../metrics.js';
import { AimdLimit, type ConcurrencyLimit, DEFAULT_AIMD, FixedLimit } from './adaptive-limit.js';
import { fullJitterDelayMs, retryAfterMs } from './backoff.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { type CallSignal, ConcurrencyLimiter } from './concurrency-limiter.js';
import {
  type CircuitState,
  type RegistryClient,
  type RegistryQuery,
  RegistryUnavailableError,
  type RegistryVerdict,
  type VerifyOptions,
} from './types.js';

/** Retry timing; not in ServiceConfig because operators rarely need to touch it. */
export interface RegistryRetryTuning {
  /** Ceiling of the first retry's jittered delay, doubled per retry. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Longest Retry-After we wait for; a registry asking for more gets retried after this. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_TUNING: RegistryRetryTuning = {
  backoffBaseMs: 50,
  backoffCapMs: 2000,
  retryAfterCapMs: 5000,
};

/** The adaptive limit's start: the registry's capacity is unknown, so begin low and grow about one call
 *  per round trip (a registry of 4 slots is found at once; one of 50 within ~50 round trips). */
const INITIAL_LIMIT = DEFAULT_AIMD.initial;

export type RegistryClientOptions = RegistryClientConfig & Partial<RegistryRetryTuning>;

export interface RegistryClientDeps {
  metrics?: ServiceMetrics;
  /** Uniform [0, 1) for backoff jitter; tests pass a seeded one. */
  random?: () => number;
  logger?: Pick<BaseLogger, 'warn' | 'info'>;
  /** Milliseconds for the circuit breaker's reset timer and the limit's Retry-After hold; tests pass a
   *  fake clock. */
  clock?: () => number;
  /** The `registry` label of gelombang_registry_concurrency_limit; default 'population'. */
  registry?: string;
}

type Outcome = 'match' | 'not-found' | 'mismatch' | 'found' | 'timeout' | 'overloaded' | 'error';
type Failure = {
  reason: RegistryUnavailableError['reason'];
  detail: string;
  retryAfterMs?: number | undefined;
};
type Attempt<V> =
  | { kind: 'verdict'; verdict: V }
  | { kind: 'retryable'; failure: Failure }
  | { kind: 'fatal'; failure: Failure };

/** The metric label for an answer: the NIK check's outcome, or 'found' for a lookup. */
function outcomeOf(verdict: unknown): Outcome {
  const o = (verdict as { outcome?: unknown }).outcome;
  return o === 'match' || o === 'not-found' || o === 'mismatch' ? o : 'found';
}

/** What one registry call sends and how its answer reads: the population registry's NIK check here;
 *  Dapodik and DTKS lookups (eligibility/side-registries.ts) go through the same resilient client. */
export interface RegistryEndpoint<Q, V> {
  /** Path relative to the registry's base path, e.g. '/v1/nik/verify'. */
  request(query: Q): { method: 'GET' | 'POST'; path: string; body?: string };
  /** The verdict in a 200 or 404 answer, or undefined when the answer is not one. */
  parse(status: number, text: string): V | undefined;
}

export interface ResilientRegistryCaller<Q, V> {
  call(query: Q, opts?: VerifyOptions): Promise<V>;
  circuitState(): CircuitState;
  /** Calls let be in flight at once now (adaptive, or the configured quota). */
  concurrencyLimit(): number;
  close(): Promise<void>;
}

const NIK_VERIFY: RegistryEndpoint<RegistryQuery, RegistryVerdict> = {
  request: (query) => ({ method: 'POST', path: '/v1/nik/verify', body: JSON.stringify(query) }),
  parse: (status, text) => (status === 200 || status === 404 ? parseVerdict(text) : undefined),
};

export function createRegistryClient(
  cfg: RegistryClientOptions,
  deps: RegistryClientDeps = {},
): RegistryClient {
  const caller = createResilientCaller(cfg, deps, NIK_VERIFY);
  return {
    verify: caller.call,
    circuitState: caller.circuitState,
    concurrencyLimit: caller.concurrencyLimit,
    close: caller.close,
  };
}

/** Bulkhead, timeout, retries with backoff, circuit breaker around one registry endpoint. Every failure
 *  ends as RegistryUnavailableError. */
export function createResilientCaller<Q, V>(
  cfg: RegistryClientOptions,
  deps: RegistryClientDeps,
  endpoint: RegistryEndpoint<Q, V>,
): ResilientRegistryCaller<Q, V> {
  if (cfg.url === undefined) {
    throw new Error('registry client needs a URL: start the registry stub first and pass its url');
  }
  const base = new URL(cfg.url);
  const basePath = base.pathname.replace(/\/+$/, '');
  const tuning = { ...DEFAULT_RETRY_TUNING, ...definedOnly(cfg) };
  const { metrics, logger } = deps;
  const random = deps.random ?? Math.random;
  const pool = new Pool(base.origin, { connections: cfg.maxInFlight });
  const limit: ConcurrencyLimit =
    cfg.concurrency !== undefined
      ? new FixedLimit(cfg.concurrency)
      : new AimdLimit(
          {
            initial: Math.min(INITIAL_LIMIT, cfg.maxInFlight),
            min: 1,
            max: cfg.maxInFlight,
            backoffRatio: DEFAULT_AIMD.backoffRatio,
          },
          deps.clock,
        );
  const limiter = new ConcurrencyLimiter(limit, (value) =>
    metrics?.registryConcurrencyLimit.set({ registry: deps.registry ?? 'population' }, value),
  );
  const breaker = new CircuitBreaker({
    failureThreshold: cfg.breakerFailureThreshold,
    resetMs: cfg.breakerResetMs,
    ...(deps.clock ? { clock: deps.clock } : {}),
    onStateChange(state, previous) {
      metrics?.registryCircuitState.set(CIRCUIT_STATE_VALUE[state]);
      logger?.warn({ state, previous }, `population-registry circuit ${state}`);
    },
  });
  metrics?.registryCircuitState.set(CIRCUIT_STATE_VALUE.closed);
  let inFlight = 0;
  let closed = false;

  async function attemptOnce(query: Q): Promise<Attempt<V>> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, cfg.timeoutMs);
    const started = performance.now();
    let outcome: Outcome = 'error';
    try {
      const req = endpoint.request(query);
      const res = await pool.request({
        method: req.method,
        path: `${basePath}${req.path}`,
        ...(req.body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: req.body }),
        signal: abort.signal,
      });
      const text = await res.body.text();
      const result = classify(
        res.statusCode,
        endpoint.parse(res.statusCode, text),
        res.headers['retry-after'],
      );
      outcome =
        result.kind === 'verdict'
          ? outcomeOf(result.verdict)
          : res.statusCode === 429
            ? 'overloaded'
            : 'error';
      return result;
    } catch (err) {
      if (timedOut) {
        outcome = 'timeout';
        return {
          kind: 'retryable',
          failure: { reason: 'timeout', detail: `no answer within ${cfg.timeoutMs} ms` },
        };
      }
      const detail = err instanceof Error ? ((err as { code?: string }).code ?? err.message) : String(err);
      return { kind: 'retryable', failure: { reason: 'network', detail } };
    } finally {
      clearTimeout(timer);
      metrics?.registryRequestDuration.observe({ outcome }, (performance.now() - started) / 1000);
    }
  }

  async function verifyWithRetries(query: Q, opts: VerifyOptions): Promise<V> {
    let last: Failure | undefined;
    const priority = opts.priority ?? 'interactive';
    // An applicant's request waits at most one call's timeout for room; the worker waits its turn.
    const waitMs = opts.waitMs ?? (priority === 'interactive' ? cfg.timeoutMs : undefined);
    for (let attempt = 0; attempt <= cfg.retries; attempt++) {
      if (last !== undefined) {
        const jitter = fullJitterDelayMs(attempt - 1, tuning.backoffBaseMs, tuning.backoffCapMs, random);
        await sleep(Math.max(jitter, Math.min(last.retryAfterMs ?? 0, tuning.retryAfterCapMs)));
        metrics?.registryRetries.inc();
      }
      const permit = await limiter.acquire(priority, waitMs);
      if (permit === undefined) throw new RegistryUnavailableError('bulkhead-full');
      if (!breaker.tryAcquire()) {
        permit.release('ignore');
        throw new RegistryUnavailableError('circuit-open');
      }
      let signal: CallSignal = 'ignore';
      let holdMs: number | undefined;
      try {
        const result = await attemptOnce(query);
        signal = limitSignal(result);
        if (result.kind === 'retryable') {
          holdMs = result.failure.retryAfterMs;
          // 429 is backpressure from a registry that is up: the limit comes down, the breaker stays shut.
          if (result.failure.reason === 'overloaded') breaker.onSuccess();
          else breaker.onFailure();
          last = result.failure;
          continue;
        }
        breaker.onSuccess(); // the registry answered, even if we could not use the answer
        if (result.kind === 'verdict') return result.verdict;
        throw new RegistryUnavailableError(
          result.failure.reason,
          `population registry: ${result.failure.detail}`,
        );
      } finally {
        permit.release(signal, holdMs);
      }
    }
    throw new RegistryUnavailableError(
      last!.reason,
      `population registry: ${last!.detail} (after ${cfg.retries + 1} attempts)`,
    );
  }

  return {
    async call(query, opts = {}) {
      if (closed) throw new Error('registry client is closed');
      if (inFlight >= cfg.maxInFlight) throw new RegistryUnavailableError('bulkhead-full');
      inFlight++;
      metrics?.registryInFlight.inc();
      try {
        return await verifyWithRetries(query, opts);
      } finally {
        inFlight--;
        metrics?.registryInFlight.dec();
      }
    },
    circuitState: () => breaker.state(),
    concurrencyLimit: () => Math.max(1, Math.floor(limiter.current())),
    async close() {
      closed = true;
      await pool.close();
    },
  };
}

/** What a call's outcome tells the concurrency limit: a 429 or a timeout means "too many"; an answer
 *  means the registry coped; a 5xx or a refused connection says nothing about its capacity. */
function limitSignal(result: Attempt<unknown>): CallSignal {
  if (result.kind !== 'retryable') return 'success';
  return result.failure.reason === 'overloaded' || result.failure.reason === 'timeout' ? 'drop' : 'ignore';
}

/** 200 (and the stub's 404 for an unknown NIK) carry a verdict; 429, 5xx are worth retrying; any other
 *  answer means we are asking wrongly, which retrying will not fix. */
function classify<V>(
  status: number,
  verdict: V | undefined,
  retryAfter: string | string[] | undefined,
): Attempt<V> {
  if (status === 429 || status >= 500) {
    return {
      kind: 'retryable',
      failure: {
        reason: status === 429 ? 'overloaded' : 'server-error',
        detail: `HTTP ${status}`,
        retryAfterMs: retryAfterMs(retryAfter),
      },
    };
  }
  if (verdict !== undefined) return { kind: 'verdict', verdict };
  const hint = status === 404 ? ' (is the registry URL right?)' : '';
  return { kind: 'fatal', failure: { reason: 'server-error', detail: `unexpected HTTP ${status}${hint}` } };
}

function parseVerdict(text: string): RegistryVerdict | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { outcome, fields } = body as { outcome?: unknown; fields?: unknown };
  if (outcome === 'match' || outcome === 'not-found') return { outcome };
  if (outcome === 'mismatch' && Array.isArray(fields)) {
    return {
      outcome,
      fields: fields.filter((f): f is 'fullName' | 'birthDate' => f === 'fullName' || f === 'birthDate'),
    };
  }
  return undefined;
}

function definedOnly(opts: Partial<RegistryRetryTuning>): Partial<RegistryRetryTuning> {
  const out: Partial<RegistryRetryTuning> = {};
  for (const key of ['backoffBaseMs', 'backoffCapMs', 'retryAfterCapMs'] as const) {
    if (opts[key] !== undefined) out[key] = opts[key];
  }
  return out;
}

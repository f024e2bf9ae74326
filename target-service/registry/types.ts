// The contract between the service and the population registry (Dukcapil in 2020).

export interface RegistryQuery {
  nik: string;
  fullName: string;
  birthDate: string; // YYYY-MM-DD
}

export type RegistryVerdict =
  | { outcome: 'match' }
  | { outcome: 'not-found' }
  | { outcome: 'mismatch'; fields: Array<'fullName' | 'birthDate'> };

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Thrown when the registry could not give a verdict: timeout, 429/5xx after retries,
 *  bulkhead full, or circuit open. The caller stores the profile as pending. */
export class RegistryUnavailableError extends Error {
  readonly reason: 'timeout' | 'overloaded' | 'server-error' | 'network' | 'bulkhead-full' | 'circuit-open';
  constructor(reason: RegistryUnavailableError['reason'], message?: string) {
    super(message ?? `population registry unavailable: ${reason}`);
    this.name = 'RegistryUnavailableError';
    this.reason = reason;
  }
}

export interface VerifyOptions {
  /** 'interactive' (an applicant waits; the default) goes before 'background' (the verification worker). */
  priority?: 'interactive' | 'background';
  /** Longest wait for room under the concurrency limit before failing with bulkhead-full, ms.
   *  Default: the call timeout for interactive calls, no bound for background ones. */
  waitMs?: number;
}

export interface RegistryClient {
  verify(query: RegistryQuery, opts?: VerifyOptions): Promise<RegistryVerdict>;
  circuitState(): CircuitState;
  /** Calls the client lets be in flight at once now (adaptive, or the configured quota). */
  concurrencyLimit(): number;
  close(): Promise<void>;
}

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

export interface RegistryClient {
  verify(query: RegistryQuery): Promise<RegistryVerdict>;
  circuitState(): CircuitState;
  close(): Promise<void>;
}

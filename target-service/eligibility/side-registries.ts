// Dapodik (the education registry: is the applicant in formal education?) and DTKS (the social-welfare
// data: does the applicant receive other aid?), both looked up by NIK through the same resilient client as
// the population registry (registry/client.ts: bulkhead, timeout, retries, circuit breaker), each with a
// breaker and bulkhead of its own. The registry stub serves both (GET /v1/dapodik/:nik, /v1/dtks/:nik).
import type { RegistryClientConfig } from '../config.js';
import {
  createResilientCaller,
  type RegistryClientDeps,
  type ResilientRegistryCaller,
} from '../registry/client.js';

export interface SideRegistryClients {
  /** true: enrolled in formal education; false: not (or Dapodik does not know the NIK). */
  dapodik: ResilientRegistryCaller<string, boolean>;
  /** true: receives other social aid; false: not (or DTKS does not know the NIK). */
  dtks: ResilientRegistryCaller<string, boolean>;
  close(): Promise<void>;
}

function lookup(name: 'dapodik' | 'dtks', field: 'enrolled' | 'onSocialAid') {
  return {
    request: (nik: string) => ({ method: 'GET' as const, path: `/v1/${name}/${encodeURIComponent(nik)}` }),
    parse(status: number, text: string): boolean | undefined {
      if (status === 404) return false; // not in the registry: not a student, not on aid
      if (status !== 200) return undefined;
      try {
        const value = (JSON.parse(text) as Record<string, unknown>)[field];
        return typeof value === 'boolean' ? value : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function createSideRegistryClients(
  cfg: RegistryClientConfig,
  deps: Omit<RegistryClientDeps, 'metrics'> = {},
): SideRegistryClients {
  // The population registry's metrics describe that registry only; these two are seen in the stub's own
  // gelombang_registry_stub_* metrics (route dapodik / dtks).
  const dapodik = createResilientCaller(cfg, deps, lookup('dapodik', 'enrolled'));
  const dtks = createResilientCaller(cfg, deps, lookup('dtks', 'onSocialAid'));
  return {
    dapodik,
    dtks,
    async close() {
      await Promise.all([dapodik.close(), dtks.close()]);
    },
  };
}

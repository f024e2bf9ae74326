// The rig of the capacity tests that measure against a limited registry (capacity-prediction,
// capacity-sizing): the registry stub in this process with the behaviour a test gives, and the reference
// service calling it through a client wide enough (64 in flight, 30 s timeout) that the registry, not the
// client, is the bottleneck. Smoke scenarios at a constant rate with applicants never used before.
import { afterAll, beforeAll } from 'vitest';
import { constantRateScenario } from '../../capacity/sim/testing.js';
import { DEFAULT_SEED } from '../../generators/options.js';
import type { Scenario } from '../../scenarios/model/types.js';
import type { StubBehaviour } from '../../target-service/registry/stub-behaviour.js';
import { type RunningRegistryStub, startRegistryStub } from '../../target-service/registry/stub-server.js';
import { startTestService, type TestService } from './service.js';

export interface RegistryLimitedService {
  /** The registry stub (set its behaviour between runs). Only valid inside tests, after beforeAll. */
  readonly stub: RunningRegistryStub;
  /** The service's base URL. Only valid inside tests, after beforeAll. */
  readonly url: string;
  /** A constant-rate smoke scenario (`rate` arrivals per second for `seconds` s) whose applicants no
   *  earlier scenario of this rig used, so no one registers twice across runs. */
  scenarioAt(rate: number, seconds: number): Scenario;
}

/** Registers beforeAll/afterAll hooks in the calling test file that start and stop the stub (with
 *  `behaviour`, seed DEFAULT_SEED) and the service. Call at the top level of a test file. */
export function registryLimitedService(behaviour: Partial<StubBehaviour>): RegistryLimitedService {
  let stub: RunningRegistryStub | undefined;
  let service: TestService | undefined;
  let nextIndex = 0;

  beforeAll(async () => {
    stub = await startRegistryStub({ seed: DEFAULT_SEED, behaviour });
    service = await startTestService({
      logLevel: 'warn',
      registry: {
        url: stub.url,
        timeoutMs: 30_000,
        maxInFlight: 64,
        retries: 2,
        breakerFailureThreshold: 10,
        breakerResetMs: 5000,
      },
    });
  }, 30_000);

  afterAll(async () => {
    await service?.close();
    await stub?.close();
  });

  return {
    get stub() {
      if (stub === undefined) throw new Error('registry stub not started: use it inside a test');
      return stub;
    },
    get url() {
      if (service === undefined) throw new Error('service not started: use it inside a test');
      return service.url;
    },
    scenarioAt(rate, seconds) {
      const scenario = constantRateScenario(rate, seconds, 'smoke');
      scenario.data = { seed: DEFAULT_SEED, startIndex: nextIndex };
      nextIndex += Math.ceil(rate * seconds * 2) + 100;
      return scenario;
    },
  };
}

// A scenario run once against the real service in this process, before a test file's tests, which then
// read its RunResult (and the service's database). scrypt is cheapened (N=1024) as for any load test on a
// shared 2-core machine; everything else is the real service.
import { afterAll, beforeAll } from 'vitest';
import { startRun } from '../../scenarios/engine/engine.js';
import { type RunOptionsInput, validateRunOptions } from '../../scenarios/engine/options.js';
import type { RunResult } from '../../scenarios/engine/run-result.js';
import { startTestService, type TestService } from './service.js';

export interface ScenarioAgainstService {
  /** The service the run went to. Only valid inside tests, after beforeAll. */
  readonly service: TestService;
  /** The run's result. Only valid inside tests, after beforeAll. */
  readonly result: RunResult;
}

/** Registers beforeAll (start the service, run `options` against it; `timeoutMs` for both) and afterAll
 *  (close the service) in the calling test file. Call at the top level of a test file. */
export function scenarioAgainstService(
  options: Omit<RunOptionsInput, 'target'>,
  timeoutMs: number,
): ScenarioAgainstService {
  let service: TestService | undefined;
  let result: RunResult | undefined;

  beforeAll(async () => {
    service = await startTestService({ logLevel: 'warn', scryptCost: 1024 });
    result = await startRun(validateRunOptions({ ...options, target: service.url })).result;
  }, timeoutMs);

  afterAll(async () => {
    await service?.close();
  });

  return {
    get service() {
      if (service === undefined) throw new Error('service not started: use it inside a test');
      return service;
    },
    get result() {
      if (result === undefined) throw new Error('run not finished: use it inside a test');
      return result;
    },
  };
}

// The Repository contract: one suite, run by every implementation (sqlite-repository.test.ts,
// postgres-repository.test.ts). Each test gets a fresh, migrated repository from `makeRepo`.

import { afterEach, beforeEach, describe } from 'vitest';
import { describeAccountContract } from './repository-suite-accounts.js';
import { describeJobContract } from './repository-suite-jobs.js';
import { describeProfileContract } from './repository-suite-profiles.js';
import { describeFunnelContract } from './repository-suite-funnel.js';
import { describeWaveContract } from './repository-suite-waves.js';
import type { Repository } from './types.js';

/** Hands the current test's repository to the parts of the suite. */
export type CurrentRepo = () => Repository;

export function describeRepositoryContract(name: string, makeRepo: () => Promise<Repository>): void {
  describe(`Repository contract: ${name}`, () => {
    let repo: Repository | undefined;
    const current: CurrentRepo = () => {
      if (repo === undefined) throw new Error('no repository: makeRepo failed in beforeEach');
      return repo;
    };

    beforeEach(async () => {
      repo = await makeRepo();
      await repo.migrate();
    });

    afterEach(async () => {
      await repo?.close();
      repo = undefined;
    });

    describeAccountContract(current);
    describeProfileContract(current);
    describeJobContract(current);
    describeWaveContract(current);
    describeFunnelContract(current);
  });
}

import { describe, expect, test } from 'vitest';
import { formatProbePlan } from './format.js';
import { validateProbeOptions } from './options.js';

describe('formatProbePlan', () => {
  test.each([
    [{ concurrency: '1,2,4', duration: '2s' }, 'about 6s of levels ('],
    // --duration is per level: the default seven levels at 5m are over half an hour.
    [{ duration: '5m' }, 'about 35m of levels ('],
    [{ concurrency: '1,2', duration: '1h' }, 'about 2h0m of levels ('],
    [{ concurrency: '1,2,4', duration: '50s' }, 'about 2m30s of levels ('],
    [{ step: 'profile', duration: '10s' }, 'about 1m10s of levels plus preparing applicants ('],
  ])('%o → %s', (flags, says) => {
    expect(formatProbePlan(validateProbeOptions({ target: 'http://127.0.0.1:3000', ...flags }))).toContain(
      says,
    );
  });
});

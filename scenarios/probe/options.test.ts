import { describe, expect, test } from 'vitest';
import { EngineOptionsError } from '../engine/errors.js';
import { DEFAULT_SEED } from '../../generators/index.js';
import { PROBE_DEFAULTS, validateProbeOptions } from './options.js';

const target = 'http://127.0.0.1:3000';

describe('validateProbeOptions', () => {
  test('defaults: the account step at 1…64 for 10 s each, the launch seed, from applicant 0', () => {
    expect(validateProbeOptions({ target })).toEqual({
      origin: 'http://127.0.0.1:3000',
      basePath: '',
      step: 'account',
      concurrency: [1, 2, 4, 8, 16, 32, 64],
      durationSeconds: 10,
      seed: DEFAULT_SEED,
      firstIndex: 0,
      timeoutSeconds: 10,
      maxRequests: PROBE_DEFAULTS.maxRequests,
      warmUp: PROBE_DEFAULTS.warmUp,
    });
  });

  test('flags as given', () => {
    const o = validateProbeOptions({
      target: 'http://localhost:8080/prefix/',
      step: 'profile',
      concurrency: '16, 4,1',
      duration: '1m30s',
      seed: '7',
      firstIndex: '120000',
      timeout: '2.5s',
      maxRequests: '16',
      warmUp: '0',
    });
    expect(o).toMatchObject({
      origin: 'http://localhost:8080',
      basePath: '/prefix',
      step: 'profile',
      concurrency: [16, 4, 1],
      durationSeconds: 90,
      seed: 7,
      firstIndex: 120_000,
      timeoutSeconds: 2.5,
      maxRequests: 16,
      warmUp: 0,
    });
  });

  test.each([
    [{ target: 'http://192.168.1.5:3000' }, /not a loopback address/],
    [{ target: 'not a url' }, /--target must be a URL/],
    [
      { target, step: 'email' },
      /--step must be one of the funnel's steps: visit, account, recover-sign-in, outbox, verify-email, profile, await-nik, upload, test-questions, test, wave, join-wave;/,
    ],
    [{ target, duration: '5' }, /--duration 5 has no unit: write 5s/],
    [{ target, timeout: '10' }, /--timeout 10 has no unit/],
    [{ target, concurrency: '' }, /--concurrency must be/],
    [{ target, concurrency: '1,,4' }, /--concurrency must be/],
    [{ target, concurrency: '1.5' }, /--concurrency must be a whole number/],
    [{ target, concurrency: '4,4' }, /lists 4 twice/],
    [{ target, concurrency: '1e3' }, /--concurrency must be a whole number .*got "1e3"/],
    [{ target, concurrency: '0x10' }, /--concurrency must be a whole number .*got "0x10"/],
    [{ target, firstIndex: '1e5' }, /--first-index must be a whole number/],
    [{ target, concurrency: '20000' }, /from 1 to 10000/],
    [{ target, duration: '0s' }, /--duration must be a duration/],
    [{ target, duration: '2h' }, /at most 1h/],
    [{ target, duration: '1.5s' }, /--duration must be whole seconds/],
    [{ target, duration: '500ms' }, /--duration must be whole seconds/],
    [{ target, seed: '-1' }, /--seed/],
    [{ target, firstIndex: 'x' }, /--first-index/],
    [{ target, timeout: 'never' }, /--timeout/],
    [{ target, timeout: '500ms' }, /--timeout must be at least 1s/],
    [
      { target, concurrency: '1,64', maxRequests: '10' },
      /--max-requests 10 is below the highest --concurrency 64/,
    ],
    [{ target, warmUp: '-3' }, /--warm-up/],
  ])('%o → EngineOptionsError %s', (input, message) => {
    expect(() => validateProbeOptions(input)).toThrow(EngineOptionsError);
    expect(() => validateProbeOptions(input)).toThrow(message);
  });
});

import { describe, expect, test } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, resolveConfig, settingsFromEnv } from './config.js';

describe('funnel settings', () => {
  test('defaults: 2 MiB uploads, 164,000 places, wave 1 at 2020-04-11 19:00 WIB, replay clock, pass mark 0.6', () => {
    const f = DEFAULT_CONFIG.funnel;
    expect([f.uploadMaxBytes, f.waves.quota, f.waves.firstOpensAt.toISOString(), f.waves.clock]).toEqual([
      2 * 1024 * 1024,
      164_000,
      '2020-04-11T12:00:00.000Z',
      'replay',
    ]);
    expect(f.assessment.passMark).toBe(0.6);
  });

  test('flags and environment set them, without touching the defaults object', () => {
    const cfg = resolveConfig({
      ...settingsFromEnv({ WAVE_QUOTA: '1000', UPLOAD_MAX_BYTES: '4096' }),
      waveFirstOpensAt: '2026-12-01T09:00:00+07:00',
      waveClock: 'wall',
      passMark: '0.8',
      dataDir: '/tmp/docs',
    });
    expect(cfg.funnel.waves.quota).toBe(1000);
    expect(cfg.funnel.uploadMaxBytes).toBe(4096);
    expect(cfg.funnel.waves.firstOpensAt.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect([cfg.funnel.waves.clock, cfg.funnel.assessment.passMark, cfg.funnel.dataDir]).toEqual([
      'wall',
      0.8,
      '/tmp/docs',
    ]);
    expect(DEFAULT_CONFIG.funnel.waves.quota).toBe(164_000);
  });

  test.each([
    [{ waveQuota: '-1' }, /--wave-quota \/ WAVE_QUOTA must be a whole number/],
    [{ uploadMaxBytes: '10' }, /--upload-max-bytes \/ UPLOAD_MAX_BYTES must be a whole number from 1024/],
    [{ waveFirstOpensAt: '11 April' }, /--wave-first-opens-at \/ WAVE_FIRST_OPENS_AT must be an ISO instant/],
    [{ waveClock: 'fast' }, /--wave-clock \/ WAVE_CLOCK must be replay or wall/],
    [{ passMark: '60' }, /--pass-mark \/ ASSESSMENT_PASS_MARK must be a share/],
    [{ dataDir: ' ' }, /--data-dir \/ DATA_DIR must not be empty/],
  ])('refuses %j with a message naming the flag and variable', (raw, message) => {
    expect(() => resolveConfig(raw)).toThrow(ConfigError);
    expect(() => resolveConfig(raw)).toThrow(message);
  });
});

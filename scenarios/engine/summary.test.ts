import { describe, expect, it } from 'vitest';
import { toJUnit } from './junit.js';
import { compileRunProfile, validateRunOptions } from './options.js';
import { Recorder } from './recorder.js';
import type { RunResult } from './run-result.js';
import { shardResult } from './shard-result.js';
import { formatSummary } from './summary.js';

/** A small run: 10 arrivals of the ping journey, one failed with a 503, two dropped, thresholds judged. */
function sampleResult(): RunResult {
  const options = validateRunOptions({ scenario: 'ping', target: 'http://127.0.0.1:3000', duration: '1s' });
  const recorder = new Recorder(['ping']);
  for (let i = 0; i < 10; i++) {
    recorder.arrivalLaunched(0.2);
    const failed = i === 9;
    recorder.request({
      step: 'ping',
      method: 'GET',
      intendedAt: 0,
      sentAt: 5,
      receivedAt: 10 + i,
      outcome: failed ? 'abandon' : 'done',
      status: failed ? 503 : 200,
      code: failed ? 'GLB_ERR_REGISTRY_UNAVAILABLE' : null,
    });
    recorder.journeyEnded(failed ? 'abandoned' : 'completed', failed ? null : 'ping', 10 + i);
  }
  recorder.arrivalDropped();
  recorder.arrivalDropped();
  const result = shardResult(recorder, {
    options,
    profile: compileRunProfile(options),
    share: 1,
    startEpochMs: Date.UTC(2020, 3, 11, 12),
    elapsedSeconds: 1,
    snapshot: false,
  });
  return {
    ...result,
    thresholds: [
      { metric: 'http_req_failed', expression: 'rate<0.01', ok: false, actual: 0.1, abortOnFail: false },
      {
        metric: 'http_req_duration{step:ping}',
        expression: 'p(95)<500',
        ok: true,
        actual: 19,
        abortOnFail: false,
      },
    ],
  };
}

describe('formatSummary', () => {
  const text = formatSummary(sampleResult());

  it('shows what was offered: target, launched and dropped arrivals', () => {
    expect(text).toMatch(
      /arrivals\.+: target=1,000 \(1000\/s\) launched=10 \(10\.0\/s\) dropped=2 — 99\.00% short of target/,
    );
  });

  it('shows per step the latency from the intended and from the actual send, and the errors', () => {
    expect(text).toContain('step ping');
    expect(text).toMatch(/from intended send\.+: avg=14\.5ms min=10\.0ms/);
    expect(text).toMatch(/from actual send\.+: avg=9\.50ms min=5\.00ms/);
    expect(text).toContain('abandon 503 GLB_ERR_REGISTRY_UNAVAILABLE ×1');
  });

  it('marks thresholds ✓/✗ with the observed value, and says the exit code', () => {
    expect(text).toContain('✗ http_req_failed rate<0.01 (10.00%)');
    expect(text).toContain('✓ http_req_duration{step:ping} p(95)<500 (19.0ms)');
    expect(text).toContain('1 of 2 thresholds failed (exit 99)');
  });
});

describe('toJUnit', () => {
  const xml = toJUnit(sampleResult());

  it('has one testcase per threshold, failures marked, names escaped', () => {
    expect(xml).toContain('<testsuites name="gelombang" tests="2" failures="1"');
    expect(xml).toContain('<testsuite name="gelombang.ping"');
    expect(xml).toContain('name="http_req_failed rate&lt;0.01">');
    expect(xml).toContain(
      '<failure message="http_req_failed rate&lt;0.01 failed: actual 0.1" type="threshold"/>',
    );
    expect(xml).toContain(
      '<testcase classname="gelombang.ping" name="http_req_duration{step:ping} p(95)&lt;500"/>',
    );
  });
});

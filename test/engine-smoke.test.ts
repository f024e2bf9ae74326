// `gelombang smoke`, the CI gate, as a CI job runs it: it starts the embedded service and registry stub,
// sends the smoke scenario through every funnel step and exits 0; with the population registry slowed (a
// Dukcapil that takes 1.5 s a call, as in April 2020), the profile step breaks the latency thresholds and it
// exits 99. The service is the real one, unchanged; only its registry is slower. Runs are cut to 10 s;
// scrypt is cheapened (as for any load test on a shared 2-core machine) so hashing does not decide the result.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNNEL_STEPS } from '../scenarios/model/funnel-journey.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { type Exit, gelombang } from './helpers/cli.js';
import { RECOVERY_STEPS } from '../scenarios/model/funnel-steps.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-smoke-test-'));

function smoke(args: string[]): Promise<Exit> {
  return gelombang(['smoke', '--duration', '10s', '--scrypt-cost', '1024', ...args]);
}

describe('gelombang smoke', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes against the embedded service: every step answered, thresholds held', async () => {
    const out = join(dir, 'pass.json');
    const exit = await smoke(['--out', out]);
    expect(exit.code, exit.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(result.steps.map((s) => s.step)).toEqual(FUNNEL_STEPS);
    // Every step but the wait for a pending NIK check (a healthy registry answers at once) and the sign-in
    // that recovers a lost sign-up answer.
    for (const step of result.steps.filter((s) => !RECOVERY_STEPS.includes(s.step))) {
      expect(step.requests, step.step).toBeGreaterThan(0);
    }
    expect(result.journeys.completed).toBeGreaterThan(0);
    expect(result.thresholds.every((v) => v.ok)).toBe(true);
    expect(exit.stdout).toContain('thresholds passed');
  }, 60_000);

  it('exits 99 when the population registry is slowed past the latency thresholds', async () => {
    const out = join(dir, 'slow.json');
    const exit = await smoke(['--registry-latency-ms', '1500', '--out', out]);
    expect(exit.code, exit.stderr).toBe(99);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const failed = result.thresholds.filter((v) => !v.ok).map((v) => `${v.metric} ${v.expression}`);
    expect(failed).toContain('http_req_duration p(95)<500');
    // The slow step is the one that waits on the registry; the account step is as fast as before.
    const step = (name: string) => result.steps.find((s) => s.step === name)!;
    expect(step('profile').fromIntended.p50).toBeGreaterThan(1000);
    expect(step('account').fromIntended.p95).toBeLessThan(500);
    expect(exit.stdout).toContain('✗ http_req_duration p(95)<500');
  }, 60_000);
});

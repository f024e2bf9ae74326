// The k6 bundles, run under a small k6 API (test/helpers/k6-harness.ts) against the embedded service in its
// own process: every bundle's imports resolve to k6's modules only; its stages integrate to the profile's
// arrivals; its thresholds are the model's; setup() fails fast on a target that is down; a journey walks every
// funnel step the service has; and two execution segments never share an applicant.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant } from '../generators/applicant.js';
import { buildBundles } from '../scenarios/k6/build.js';
import { k6MetricName } from '../scenarios/k6/plan.js';
import { getJourney } from '../scenarios/model/journeys.js';
import { compileProfile } from '../scenarios/model/profile.js';
import { getScenario, listScenarios } from '../scenarios/model/scenarios.js';
import type { Scenario } from '../scenarios/model/types.js';
import { type ChildServer, startChildServer } from './helpers/child-server.js';
import { type LoadedBundle, loadBundle, segmentIterations } from './helpers/k6-harness.js';
import { RECOVERY_STEPS } from '../scenarios/model/funnel-steps.js';

let dir: string;
let service: ChildServer;
const bundles = new Map<string, string>();
const loaded: LoadedBundle[] = [];

async function load(name: string, env: Record<string, string> = {}): Promise<LoadedBundle> {
  const bundle = await loadBundle(bundles.get(name)!, { BASE_URL: service.url, THINK_SCALE: '0', ...env });
  loaded.push(bundle);
  return bundle;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gelombang-k6-'));
  for (const built of await buildBundles(listScenarios(), join(dir, 'dist'))) {
    bundles.set(built.scenario, readFileSync(built.path, 'utf8'));
  }
  service = await startChildServer('cli/index.ts', [
    'serve',
    '--port',
    '0',
    '--db',
    `sqlite:${join(dir, 'service.db')}`,
    '--scrypt-cost',
    '1024',
    '--sandbox',
    '--log-level',
    'warn',
  ]);
}, 60_000);

afterAll(async () => {
  for (const bundle of loaded) await bundle.close();
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Arrivals k6 starts over the stages: the integral of the piecewise-linear rate, per time unit. */
function stageArrivals(scenario: {
  startRate: number;
  timeUnit: string;
  stages: Array<{ duration: string; target: number }>;
}): number {
  const unit = Number(scenario.timeUnit.replace(/s$/, ''));
  let from = scenario.startRate;
  let total = 0;
  for (const stage of scenario.stages) {
    const seconds = Number(stage.duration.replace(/ms$/, '')) / 1000;
    total += ((from + stage.target) / 2) * (seconds / unit);
    from = stage.target;
  }
  return total;
}

describe.each(listScenarios().map((s) => [s.name, s] as const))('bundle %s', (name, scenario: Scenario) => {
  it.each([
    { scale: 1, timeScale: 1 },
    { scale: 0.01, timeScale: 60 },
  ])(
    'options: ramping-arrival-rate whose stages integrate to the profile at $scale× / $timeScale×',
    async ({ scale, timeScale }) => {
      const bundle = await load(name, { SCALE: String(scale), TIME_SCALE: String(timeScale) });
      const k6Scenario = bundle.options.scenarios[name]!;
      expect(k6Scenario.executor).toBe('ramping-arrival-rate');
      expect(k6Scenario.exec).toBe('journey');
      expect(k6Scenario.preAllocatedVUs).toBeGreaterThan(0);
      expect(k6Scenario.maxVUs).toBeGreaterThanOrEqual(k6Scenario.preAllocatedVUs);
      const want = compileProfile(scenario.profile, { scale, timeScale }).totalArrivals;
      expect(Math.abs(stageArrivals(k6Scenario) - want) / want).toBeLessThan(0.01);
    },
  );

  it("thresholds are the model's, under k6's metric names", async () => {
    const bundle = await load(name);
    const want: Record<string, unknown> = {};
    for (const spec of scenario.thresholds) {
      want[k6MetricName(spec.metric)] = spec.expressions.map((e) =>
        spec.abortOnFail ? { threshold: e, abortOnFail: true } : e,
      );
    }
    expect(bundle.options.thresholds).toEqual(want);
  });
});

describe('setup()', () => {
  it.each(listScenarios().map((s) => s.name))(
    '%s: passes against the default service (its registry knows the scenario’s applicants)',
    async (name) => {
      const bundle = await load(name);
      expect(bundle.setup()).toMatchObject({ seed: getScenario(name).data.seed });
    },
  );

  it('fails fast when the target is down', async () => {
    const bundle = await load('smoke', { BASE_URL: 'http://127.0.0.1:9' });
    expect(() => bundle.setup()).toThrow(/does not answer/);
    expect(bundle.requests.filter((r) => r.group !== null)).toHaveLength(0);
  });
});

describe('a journey', () => {
  it('walks every funnel step the service has, one group per step, with expected statuses', async () => {
    const scenario = getScenario('smoke');
    const bundle = await load('smoke');
    // An applicant the registry knows and whose data is right: every step must succeed.
    let i = 0;
    for (;;) {
      const a = applicant(scenario.data.seed, scenario.data.startIndex + i);
      if (!a.flags.notInRegistry && !a.flags.registryMismatch && !a.flags.underAge) break;
      i++;
    }
    bundle.iterationInTest = i;
    bundle.journey();
    // Every step of the journey in order; the NIK-check polling only when the profile answered 202 pending.
    const groups = [...new Set(bundle.requests.map((r) => r.group))];
    const steps = getJourney('smoke').steps;
    expect(groups).toEqual(steps.filter((step) => !RECOVERY_STEPS.includes(step) || groups.includes(step)));
    for (const r of bundle.requests) {
      expect(r.expected, `${r.method} ${r.url} → ${r.status}`).toBe(true);
      expect(r.tags.step).toBe(r.group);
    }
    const completed = bundle.samples.filter((s) => s.metric === 'gelombang_journey_completed');
    expect(completed.map((s) => s.value)).toEqual([1]);
    expect(bundle.samples.some((s) => s.metric === 'gelombang_journey_duration')).toBe(true);
  });

  it('a rightful 422 (the registry has other data) is an expected status, not http_req_failed, as in the engine', async () => {
    const scenario = getScenario('smoke');
    const bundle = await load('smoke');
    let i = 0;
    while (!applicant(scenario.data.seed, scenario.data.startIndex + i).flags.registryMismatch) i++;
    bundle.iterationInTest = i;
    bundle.journey();
    const rejection = bundle.requests.find((r) => r.status === 422);
    expect(rejection?.group).toBe('profile');
    expect(rejection?.expected).toBe(true);
    expect(bundle.samples.filter((s) => s.metric === 'gelombang_journey_abandoned').at(-1)?.value).toBe(1);
  });
});

describe.each(
  listScenarios()
    .filter((s) => s.journey === 'funnel')
    .map((s) => [s.name, s] as const),
)('%s: a journey of an applicant who takes every step', (name, scenario: Scenario) => {
  it('walks every funnel step the service has, expected statuses only, and completes', async () => {
    const bundle = await load(name);
    let i = 0;
    for (;;) {
      const a = applicant(scenario.data.seed, scenario.data.startIndex + i);
      const clean = !a.flags.notInRegistry && !a.flags.registryMismatch && !a.flags.underAge;
      const t = a.traits;
      const all =
        t.willVerifyEmail && t.willCompleteProfile && t.willUpload && t.willPassTest && t.willJoinWave;
      if (clean && all) break;
      i++;
    }
    bundle.iterationInTest = i;
    bundle.journey();
    // Page views repeat the visit step; every other step of the journey comes once, in order.
    const steps = [...new Set(bundle.requests.map((r) => r.group))];
    expect(steps).toEqual(getJourney(scenario.journey).steps.filter((step) => steps.includes(step)));
    // Every step of the journey but the NIK-check polling, which only follows a pending (202) profile.
    expect(steps).toEqual(
      expect.arrayContaining(getJourney(scenario.journey).steps.filter((s) => !RECOVERY_STEPS.includes(s))),
    );
    expect(bundle.requests.every((r) => r.expected)).toBe(true);
    expect(
      bundle.samples.filter((s) => s.metric === 'gelombang_journey_completed').map((s) => s.value),
    ).toEqual([1]);
  });
});

describe('execution segments', () => {
  it('0:1/2 and 1/2:1 send disjoint applicants', async () => {
    const scenario = getScenario('spike-80k');
    const emailsOf = async (segment: number): Promise<string[]> => {
      const bundle = await load('spike-80k');
      for (const iteration of segmentIterations(segment, 2, 6)) {
        bundle.iterationInTest = iteration;
        bundle.journey();
      }
      return bundle.requests
        .filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/accounts'))
        .map((r) => (JSON.parse(r.body!) as { email: string }).email);
    };
    const first = await emailsOf(0);
    const second = await emailsOf(1);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(first.filter((email) => second.includes(email))).toEqual([]);
    // Each is the applicant of its global iteration: startIndex + iterationInTest.
    const own = segmentIterations(0, 2, 6).map(
      (i) => applicant(scenario.data.seed, scenario.data.startIndex + i).email,
    );
    for (const email of first) expect(own).toContain(email);
  });
});

// The capacity commands as a user runs them: exit codes, byte-identical sim.json for a seed, every bad
// flag refused before any work with a message that says what to do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gelombang } from '../../test/helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-capacity-'));
const SMALL = ['--scale', '0.005', '--time-scale', '60', '--duration', '120s'];

describe('gelombang simulate / plan / calibrate', () => {
  test('simulate: same seed, byte-identical sim.json; the output names the model', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const first = await gelombang(['simulate', 'launch-day', ...SMALL, '--replications', '2', '--out', a]);
    const second = await gelombang(['simulate', 'launch-day', ...SMALL, '--replications', '2', '--out', b]);
    expect(second.code).toBe(first.code);
    expect([0, 99]).toContain(first.code);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(first.stdout).toContain('model reference-service (shipped default)');
    const sim = JSON.parse(readFileSync(a, 'utf8'));
    expect(sim.kind).toBe('gelombang.sim-result');
    expect(sim.model.name).toBe('reference-service');
  }, 60_000);

  test('simulate: --set edits are applied and named; a bad one exits 2 before any work', async () => {
    const ok = await gelombang(['simulate', 'launch-day', ...SMALL, '--set', 'instances=3']);
    expect(ok.stdout).toContain('set service.instances=3');
    const bad = await gelombang(['simulate', 'launch-day', '--set', 'instancez=3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no such parameter');
    const nan = await gelombang(['simulate', 'launch-day', '--set', 'instances=many']);
    expect(nan.code).toBe(2);
    const reps = await gelombang(['simulate', 'launch-day', '--replications', '0']);
    expect(reps.code).toBe(2);
    expect(reps.stderr).toContain('--replications must be a whole number');
  }, 60_000);

  test('--set instances=0 or 2.5 exits 2 before any work, naming the parameter, its rule and an example', async () => {
    for (const args of [
      ['simulate', 'launch-day', '--set', 'instances=0'],
      ['plan', 'launch-day', '--slo', 'http_req_duration{step:account}=p(95)<2000', '--set', 'instances=2.5'],
    ]) {
      const r = await gelombang(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('service.instances must be a whole number ≥ 1, e.g. --set instances=4');
      expect(r.stderr).not.toContain('candidate 1');
    }
    const db = await gelombang(['simulate', 'smoke', '--set', 'db.connections=0']);
    expect(db.code).toBe(2);
    expect(db.stderr).toContain('database.connections must be a whole number ≥ 1');
  }, 60_000);

  test('a model.json with 0 instances exits 2 naming the field and the rule', async () => {
    const model = JSON.parse(
      readFileSync(new URL('../../capacity/models/reference-service.json', import.meta.url), 'utf8'),
    );
    model.service.instances.value = 0;
    const path = join(dir, 'no-instances.json');
    writeFileSync(path, JSON.stringify(model));
    const r = await gelombang(['simulate', 'smoke', '--model', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field /service/instances/value must be a whole number ≥ 1');
  }, 30_000);

  test('--outage takes the registry down for a window of the scenario: recorded, shown, and the breaker opens', async () => {
    const out = join(dir, 'outage.json');
    const r = await gelombang([
      'simulate',
      'spike-80k',
      '--scale',
      '0.01',
      '--outage',
      '0s-10m',
      '--out',
      out,
    ]);
    expect([0, 99], r.stderr).toContain(r.code);
    expect(r.stdout).toContain('registry down 0–600 s');
    const sim = JSON.parse(readFileSync(out, 'utf8'));
    expect(sim.model.registryOutages).toEqual([{ startSeconds: 0, endSeconds: 600 }]);
    expect(sim.circuitOpenRejections.mean).toBeGreaterThan(0);
    // Profiles went pending during the outage, and the worker verified them all once it was over.
    expect(Math.max(...sim.minutes.pendingVerifications)).toBeGreaterThan(0);
    expect(sim.pendingVerifications.mean).toBe(0);
    for (const [flag, message] of [
      ['10-25', '--outage 10 has no unit'],
      ['25m-10m', 'the end must come after the start'],
      ['10m', 'is not FROM-TO'],
    ] as const) {
      const bad = await gelombang(['simulate', 'smoke', '--outage', flag]);
      expect(bad.code, flag).toBe(2);
      expect(bad.stderr, flag).toContain(message);
    }
  }, 60_000);

  test('--duration needs a unit (k6 reads a bare 10 as 10 ms); the first line says the duration as read', async () => {
    const bare = await gelombang(['simulate', 'smoke', '--duration', '10']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--duration 10 has no unit: write 10s for seconds');
    const plan = await gelombang([
      'plan',
      'launch-day',
      '--slo',
      'http_req_duration{step:account}=p(95)<2000',
      '--duration',
      '90',
    ]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('--duration 90 has no unit');
    const ok = await gelombang(['simulate', 'launch-day', '--scale', '0.01', '--duration', '1m30s']);
    expect(ok.stderr.split('\n')[0]).toBe(
      'gelombang: simulating launch-day: duration 90 s, scale 0.01, time-scale 1, 1 replication',
    );
    const help = await gelombang(['simulate', '--help']);
    expect(help.stdout).toContain('A bare number is refused (k6 reads one as milliseconds)');
  }, 60_000);

  test('a model that fails its schema exits 2 naming the field', async () => {
    const model = JSON.parse(
      readFileSync(new URL('../../capacity/models/reference-service.json', import.meta.url), 'utf8'),
    );
    model.registry.maxConcurrent.value = -5;
    const path = join(dir, 'bad-model.json');
    writeFileSync(path, JSON.stringify(model));
    const r = await gelombang(['simulate', 'smoke', '--model', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/registry/maxConcurrent/value');
  }, 30_000);

  test('a model edited by --set is checked as model.json is: exit 2 naming the setting, no stack trace', async () => {
    for (const [set, message] of [
      ['registry.latencyMeanSeconds=1e308', 'must be at most 86400 s'],
      ['instances=1e12', 'must be at most 1000000'],
      ['service.cpuDemandSeconds.profil=0.001', 'no journey has a step "profil"'],
      ['registry.errorRate=5', 'registry.errorRate must be a number from 0 to 1'],
    ] as const) {
      const r = await gelombang(['simulate', 'smoke', '--set', set]);
      expect(r.code, set).toBe(2);
      expect(r.stderr).toContain(`--set ${set.split('=')[0]}`);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toContain('replication 1/1');
    }
    // A good edit still runs: a new step's upload size is in bytes, an edited value drops its old uncertainty.
    const ok = await gelombang([
      'simulate',
      'smoke',
      '--set',
      'network.uploadBytes.upload=2000000',
      '--set',
      'registry.latencyMeanSeconds=0.2',
    ]);
    expect([0, 99]).toContain(ok.code);
  }, 60_000);

  test('--think-scale is checked as a flag: its name and what to write, for simulate and plan', async () => {
    for (const args of [
      ['simulate', 'smoke', '--think-scale', 'abc'],
      ['simulate', 'smoke', '--think-scale', '-1'],
      ['plan', 'smoke', '--think-scale', 'half', '--slo', 'http_req_duration=p(95)<2000'],
    ]) {
      const r = await gelombang(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`--think-scale must be a number ≥ 0 (0 = no think time), got "${args[3]}"`);
      expect(r.stderr).not.toContain('NaN');
    }
  }, 30_000);

  test('a scale with no arrivals or more than Indonesia has people, or a span past a week, exits 2 at once', async () => {
    const slo = ['--slo', 'http_req_duration=p(95)<2000'];
    for (const [args, message] of [
      // 3e-10 expected arrivals: nothing to judge, and every SLO would "hold" for every sizing.
      [['simulate', 'smoke', '--scale', '1e-9'], 'less than one arrival'],
      [['plan', 'launch-day', '--scale', '1e-9', ...slo], 'less than one arrival'],
      // 951 years of simulated time: the simulator sat at 0 % for minutes, then ran out of memory.
      [['simulate', 'smoke', '--time-scale', '1e-9'], 'longer than a week'],
      [['plan', 'smoke', '--time-scale', '0.00001', ...slo], 'longer than a week'],
      // 374 million sign-ups in 10 minutes: more than Indonesia's people; the simulator ran out of memory.
      [
        ['simulate', 'launch-day', '--scale', '1000', '--duration', '10m'],
        "more than Indonesia's 270,203,917 people",
      ],
    ] as const) {
      const r = await gelombang([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('(0 %)');
    }
  }, 60_000);

  test('plan: needs an SLO; names the smallest sizing and records every candidate', async () => {
    const none = await gelombang(['plan', 'launch-day']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--slo');
    const badSlo = await gelombang(['plan', 'launch-day', '--slo', 'http_req_duration{step:profile}=p95<2']);
    expect(badSlo.code).toBe(2);
    const out = join(dir, 'plan.json');
    const r = await gelombang([
      'plan',
      'launch-day',
      ...SMALL,
      '--replications',
      '2',
      '--dimension',
      'instances',
      '--slo',
      'http_req_duration{step:account}=p(95)<2000',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.recommendation['service.instances']).toBeGreaterThanOrEqual(1);
    expect(result.candidates.length).toBeGreaterThan(1);
    expect(r.stdout).toContain('smallest sizing meeting every SLO');
  }, 60_000);

  test('plan on the SQLite model says the DB connections were not searched; asking for them exits 2', async () => {
    const slo = 'http_req_duration{step:account}=p(95)<5000';
    const out = join(dir, 'plan-sqlite.json');
    const r = await gelombang([
      'plan',
      'launch-day',
      ...SMALL,
      '--replications',
      '1',
      '--slo',
      slo,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('database: SQLite has one writer; connections not searched');
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.notSearched).toEqual([
      {
        dimension: 'database.connections',
        reason: 'database: SQLite has one writer; connections not searched',
      },
    ]);
    const db = await gelombang(['plan', 'launch-day', '--slo', slo, '--dimension', 'db']);
    expect(db.code).toBe(2);
    expect(db.stderr).toContain('SQLite, one writer for all instances');
    expect(db.stderr).toContain('--set database.kind=postgres');
    expect(db.stderr).not.toContain('candidate 1');
  }, 60_000);

  test('plan: a mistyped `waves` or a flag of the other planner exits 2 at once instead of being ignored', async () => {
    const slo = ['--slo', 'http_req_duration{step:profile}=p(95)<2000'];
    for (const [args, message] of [
      [['plan', 'wave'], 'gelombang plan waves'],
      [['plan', 'Waves', ...slo], 'gelombang plan waves'],
      [['plan', 'launch-dya', ...slo], 'unknown scenario "launch-dya"'],
      [['plan', 'launch-day', ...slo, '--waves', '3'], '--waves applies to `gelombang plan waves` only'],
      [['plan', 'launch-day', ...slo, '--quota', '1000'], '--quota applies to `gelombang plan waves` only'],
      [['plan', 'waves', '--scale', '0.5'], '--scale does not apply to `gelombang plan waves`'],
      [['plan', 'waves', '--dimension', 'instances'], '--dimension does not apply to `gelombang plan waves`'],
      [['plan', 'waves', '--max', 'instances=8'], '--max does not apply to `gelombang plan waves`'],
    ] as const) {
      const r = await gelombang([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('candidate 1');
      expect(r.stdout).toBe('');
    }
  }, 60_000);

  test('plan: upper bounds the simulator cannot hold exit 2 naming --max, not a RangeError', async () => {
    const r = await gelombang([
      'plan',
      'smoke',
      '--set',
      'database.kind=postgres',
      '--max',
      'instances=1000000',
      '--max',
      'db=1000000',
      '--slo',
      'http_req_duration=p(95)<2000',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('upper bounds (--max)');
    expect(r.stderr).toContain('at most 10000000 per station');
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  }, 30_000);

  test('plan waves: the 2020 rules, 21 weekly waves from 11 April', async () => {
    const r = await gelombang(['plan', 'waves']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2020-04-11');
    expect(r.stdout).toContain('80,000');
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(2 + 21 + 1);
    // No SLO given: the '-' in the sizing column is explained, with the flag that fills it.
    expect(lines.at(-1)).toContain('not sized (no SLO given)');
    expect(lines.at(-1)).toContain('--slo');
  }, 30_000);

  test('a --slo on a step the scenario does not have exits 2 before any work (it would hold with no samples)', async () => {
    const slo = 'http_req_duration{step:profil}=p(95)<2000';
    for (const args of [
      ['plan', 'launch-day', '--slo', slo],
      ['simulate', 'launch-day', '--slo', slo],
      ['plan', 'waves', '--slo', slo],
    ]) {
      const r = await gelombang(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no step "profil"');
      expect(r.stderr).toContain('profile');
      expect(r.stderr).not.toContain('candidate 1');
    }
  }, 60_000);

  test('an SLO the simulator cannot measure exits 2: with no samples it would hold for every sizing', async () => {
    for (const [slo, message] of [
      // A typo'd tag was ignored: the SLO was judged on every step instead of the profile step.
      ['http_req_duration{stp:profile}=p(95)<1000', 'judges by {step:NAME} only, not by "stp"'],
      ['http_req_duration{method:POST}=p(95)<1000', 'judges by {step:NAME} only, not by "method"'],
      ['journey_completed{step:profile}=rate>0.9', 'journey_completed is per journey: drop {step:profile}'],
      ['iteration_duration=p(95)<60000', 'the simulator does not measure iteration_duration'],
    ] as const) {
      for (const command of [
        ['simulate', 'smoke'],
        ['plan', 'smoke'],
        ['plan', 'waves'],
      ] as const) {
        const r = await gelombang([...command, '--slo', slo]);
        expect(r.code, `${command.join(' ')} ${slo}`).toBe(2);
        expect(r.stderr).toContain(message);
        expect(r.stdout).toBe('');
      }
    }
  }, 60_000);

  test('calibrate with a probe: the model says the probe was used, not that it was ignored', async () => {
    const probe = join(dir, 'probe.json');
    writeFileSync(
      probe,
      JSON.stringify({
        kind: 'gelombang.probe-result',
        step: 'account',
        levels: [
          { concurrency: 1, throughput: 170 },
          { concurrency: 2, throughput: 280 },
        ],
        serviceDemandSeconds: 0.0037,
        demandFit: null,
      }),
    );
    const out = join(dir, 'calibrated.json');
    const run = new URL('../../reports/fixtures/smoke-run.json', import.meta.url).pathname;
    const r = await gelombang(['calibrate', '--run', run, '--probe', probe, '--out', out]);
    expect(r.code).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.service.cpuDemandSeconds.account.note).toContain(`service demand law on ${probe}`);
    expect(model.notes.join('\n')).not.toContain('not fitted');
    expect(r.stderr).not.toContain('not fitted');
  }, 30_000);

  test('calibrate: a run.json edited by hand is checked against its schema, as report checks it', async () => {
    const fixture = new URL('../../reports/fixtures/smoke-run.json', import.meta.url);
    const run = JSON.parse(readFileSync(fixture, 'utf8'));
    delete run.arrivals;
    const path = join(dir, 'edited-run.json');
    writeFileSync(path, JSON.stringify(run));
    const r = await gelombang(['calibrate', '--run', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--run ${path}: does not match the run-result schema`);
    expect(r.stderr).toContain('"arrivals"');
    expect(r.stderr).not.toMatch(/TypeError|\n\s+at /);
  }, 30_000);

  test('an empty --out (an unset "$OUT" in a script) exits 2 before any work, not with a stack at the end', async () => {
    const run = new URL('../../reports/fixtures/smoke-run.json', import.meta.url).pathname;
    for (const args of [
      ['simulate', 'smoke', '--out', ''],
      ['plan', 'waves', '--out', ''],
      ['calibrate', '--run', run, '--out', ''],
      ['probe', '--target', 'http://127.0.0.1:9', '--out', ''],
    ]) {
      const r = await gelombang(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('--out is empty; give a file name');
      expect(r.stdout).toBe('');
    }
  }, 30_000);

  test('calibrate: a missing run exits 2 and says how to make one', async () => {
    const r = await gelombang(['calibrate', '--run', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gelombang run');
  }, 30_000);
});

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
    const ok = await gelombang(['simulate', 'smoke', '--duration', '1m30s']);
    expect(ok.stderr.split('\n')[0]).toBe(
      'gelombang: simulating smoke: duration 90 s, scale 1, time-scale 1, 1 replication',
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

  test('calibrate: a missing run exits 2 and says how to make one', async () => {
    const r = await gelombang(['calibrate', '--run', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gelombang run');
  }, 30_000);
});

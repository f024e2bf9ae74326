// `gelombang report` as a user runs it: the three files from a real run.json; bad inputs exit 2 with a
// message that says what to do, and write nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import schema from '../reports/report.schema.json' with { type: 'json' };
import smoke from '../reports/fixtures/smoke-run.json' with { type: 'json' };
import { defaultModel, plan, planWaves, simulate } from '../capacity/index.js';
import { gelombang } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('gelombang report', () => {
  test('writes report.html, report.md and report.json from a run', async () => {
    const out = join(dir, 'ok');
    const exit = await gelombang(['report', '--run', runFile('run.json', smoke), '--out', out]);
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('passed: all 6 thresholds held');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(validateAgainstSchema(schema, report)).toEqual([]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## gelombang report: smoke');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
  });

  test('with a simulation, a plan and a wave plan: the sizing headline, the day, the candidates', async () => {
    // Small but real capacity outputs: the smoke scenario through the shipped model.
    const model = defaultModel();
    const slos = [{ metric: 'http_req_duration{step:profile}', expressions: ['p(95)<1000'] }];
    // Stretched to two minutes (timeScale 0.25), so that the simulated day has per-minute rows to draw.
    const sim = runFile('sim.json', simulate('smoke', model, { timeScale: 0.25 }));
    const sized = plan('smoke', model, {
      slos,
      durationSeconds: 20,
      dimensions: ['registry.maxConcurrent'],
      upperBounds: { 'registry.maxConcurrent': 64 },
    });
    const planPath = runFile('plan.json', sized);
    const waves = runFile('waves.json', planWaves(model, { waves: 3 }));
    const out = join(dir, 'full');
    const exit = await gelombang([
      ...['report', '--run', runFile('run-full.json', smoke), '--sim', sim, '--plan', planPath],
      ...['--waves', waves, '--wave', '2', '--out', out],
    ]);
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(validateAgainstSchema(schema, report)).toEqual([]);
    const r = sized.recommendation!['registry.maxConcurrent'];
    expect(report.headline.sizingSentence).toMatch(
      new RegExp(
        `^To open wave 2 at [\\d,]+ sign-ups/min with p95 of profile < 1,000 ms: \\d+ instances?, ${r} registry calls? in flight`,
      ),
    );
    expect(report.plan.candidates).toHaveLength(sized.candidates.length);
    expect(report.plan.waves.map((w: { wave: number }) => w.wave)).toEqual([1, 2, 3]);
    expect(report.simulation.stations.length).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const id of ['sim-queue', 'sim-utilisation', 'sizing']) expect(html).toContain(`data-chart="${id}"`);
  }, 60_000);

  test('--wave must be a wave of waves.json the plan was sized for, or the headline names the wrong wave', async () => {
    const model = defaultModel();
    const waves = planWaves(model, { waves: 3 });
    const wave2 = waves.waves[1]!;
    const sized = plan('launch-day', model, {
      slos: [{ metric: 'http_req_duration{step:profile}', expressions: ['p(95)<1000'] }],
      scale: wave2.profileScale,
      durationSeconds: 20,
      dimensions: ['registry.maxConcurrent'],
      upperBounds: { 'registry.maxConcurrent': 64 },
    });
    const inputs = [
      ...['--run', runFile('run-waves.json', smoke), '--plan', runFile('plan-wave-2.json', sized)],
      ...['--waves', runFile('waves-3.json', waves)],
    ];
    const ok = await gelombang(['report', ...inputs, '--wave', '2', '--out', join(dir, 'wave-2')]);
    expect(ok.code).toBe(0);
    for (const [extra, message] of [
      [
        ['--wave', '3'],
        /plan\.json was sized at scale 0\.17, but wave 3 peaks at 9,668 sign-ups\/min \(scale 0\.121\)/,
      ],
      [['--wave', '5'], /waves 1 to 3; --wave 5 is not one of them/],
    ] as const) {
      const out = join(dir, `wave-${extra[1]}`);
      const exit = await gelombang(['report', ...inputs, ...extra, '--out', out]);
      expect(exit.code, extra.join(' ')).toBe(2);
      expect(exit.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    const noPlan = await gelombang([
      ...['report', '--run', runFile('run-no-plan.json', smoke), '--wave', '2', '--out', join(dir, 'np')],
    ]);
    expect(noPlan.code).toBe(2);
    expect(noPlan.stderr).toContain('--wave names the wave the plan is for: give --plan');
  }, 60_000);

  test('a --model that simulate would refuse is refused here too, naming the field', async () => {
    const model = defaultModel();
    model.service.cpuDemandSeconds.profil = { value: 0.001, unit: 's', source: 'edited' };
    const out = join(dir, 'bad-model');
    const exit = await gelombang([
      ...[
        'report',
        '--run',
        runFile('run-bad-model.json', smoke),
        '--model',
        runFile('bad-model.json', model),
      ],
      ...['--out', out],
    ]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('/service/cpuDemandSeconds/profil');
    expect(existsSync(out)).toBe(false);
  });

  test('a sim.json given as --plan is refused, naming the command that writes a plan', async () => {
    const sim = runFile('sim-as-plan.json', simulate('smoke', defaultModel(), { durationSeconds: 5 }));
    const exit = await gelombang([
      'report',
      '--run',
      runFile('run2.json', smoke),
      '--plan',
      sim,
      '--out',
      join(dir, 'x2'),
    ]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(
      /--plan .*not a gelombang\.plan-result file\. Give the file written by `gelombang plan/,
    );
  });

  const emptyRun = { ...smoke, arrivals: { ...smoke.arrivals, launched: 0, scheduled: 0 }, intervals: [] };
  test.concurrent.each([
    [
      'a missing file',
      () => join(dir, 'nope.json'),
      /the file does not exist\. Give the path of a file written by `gelombang run/,
    ],
    [
      'a file that is not JSON',
      () => runFile('text.json', 'hello'),
      /not JSON .*Give the file as gelombang wrote it/,
    ],
    [
      'another kind of file',
      () => runFile('other.json', { kind: 'something' }),
      /not a run result .*gelombang run SCENARIO/,
    ],
    [
      'a run.json of another schema version',
      () => runFile('v9.json', { ...smoke, version: 9 }),
      /run-result version 9, but this gelombang reads version 1\. Re-run the scenario/,
    ],
    [
      'a run.json that breaks its schema',
      () => runFile('broken.json', { ...smoke, steps: 'x' }),
      /does not match the run-result schema at \/steps/,
    ],
    ['an empty run', () => runFile('empty.json', emptyRun), /launched no journeys.*run it again/],
  ])('%s: exit 2, says what to do, writes nothing', async (_, path, message) => {
    const out = join(dir, `bad-${Math.random().toString(36).slice(2)}`);
    const exit = await gelombang(['report', '--run', path(), '--out', out]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(message);
    expect(exit.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  test('a missing --run or --out is a usage error', async () => {
    const exit = await gelombang(['report', '--out', join(dir, 'x')]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain("required option '--run <file>' not specified");
    const noOut = await gelombang(['report', '--run', join(dir, 'x.json')]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <dir>' not specified");
    // --help must not tell the user the opposite: both flags are required.
    const help = await gelombang(['report', '--help']);
    expect(help.stdout).toContain('--run and --out are required');
  });

  test('an empty --out (an unset "$OUT" in a script) is refused, not taken as the current folder', async () => {
    const exit = await gelombang(['report', '--run', runFile('run-for-empty-out.json', smoke), '--out', '']);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('--out is empty');
  });
});

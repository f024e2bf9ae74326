import { describe, expect, test } from 'vitest';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { buildReport } from './build-report.js';
import { journeyEnds, sizingSentence } from './headline.js';
import { COMPARISONS, PLAN, PROBE, SIMULATION } from './fixtures/capacity-sections.js';
import smoke from './fixtures/smoke-run.json' with { type: 'json' };
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-md.js';
import schema from './report.schema.json' with { type: 'json' };

const run = smoke as unknown as RunResult;
const generatedAt = '2026-04-11T08:00:00.000Z';
const runOnly = buildReport({ run, files: { run: 'run.json' }, generatedAt });
const full = buildReport({
  run,
  probe: PROBE,
  simulation: SIMULATION,
  plan: PLAN,
  predictedVsMeasured: COMPARISONS,
  files: { run: 'run.json', probe: 'probe.json', sim: 'sim.json', plan: 'plan.json' },
  generatedAt,
});

describe('report', () => {
  test.each([
    ['a run alone', runOnly],
    ['every section', full],
  ])('report.json of %s matches its schema', (_, report) => {
    expect(validateAgainstSchema(schema, JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  test('the schema refuses what the type forbids (a field too many, a wrong version)', () => {
    expect(validateAgainstSchema(schema, { ...runOnly, extra: 1 })).not.toEqual([]);
    expect(validateAgainstSchema(schema, { ...runOnly, version: 2 })).not.toEqual([]);
    const noSizing = { ...full, plan: { ...full.plan, chosen: { ...PLAN.chosen, instances: 0 } } };
    expect(validateAgainstSchema(schema, noSizing)).not.toEqual([]);
  });

  test('the headline answers the planner: wave, rate, SLO, instances, registry calls, DB connections', () => {
    expect(full.headline.sizingSentence).toBe(
      'To open wave 2 at 80,000 sign-ups/min with p95 of profile < 2,000 ms: 6 instances, ' +
        '200 registry calls in flight, 40 DB connections per instance.',
    );
    // The simulated peak is of the deployment the simulation ran, named so it is not read as the sizing's.
    expect(full.headline.bottleneck).toMatch(
      /^registry: 100 % busy at the simulated peak \(launch-day, scale 1 on 6 instances\)\.$/,
    );
    expect(runOnly.headline.sizingSentence).toBeNull();
    expect(runOnly.headline.bottleneck).toMatch(/^the profile step: slowest p95/);
    expect(runOnly.headline.passed).toBe(true);
  });

  test('what was tested says how the journeys ended, so a short run with few completions reads right', () => {
    expect(runOnly.headline.tested).toMatch(/, 80 completed, 8 gave up\.$/);
    const short = { completed: 0, abandoned: 0, droppedOut: 3, interrupted: 503, errored: 0 };
    expect(journeyEnds(short)).toBe('0 completed, 3 dropped out, 503 still mid-journey when the run stopped');
  });

  test('on SQLite the headline names the one writer, not a connection count nobody sized', () => {
    const sqlite = { ...PLAN.chosen!, database: 'sqlite' as const, dbConnections: 1 };
    expect(sizingSentence(sqlite)).toBe(
      'To open wave 2 at 80,000 sign-ups/min with p95 of profile < 2,000 ms: 6 instances, ' +
        "200 registry calls in flight, SQLite's one writer (not sized).",
    );
    const report = buildReport({
      run,
      plan: { ...PLAN, chosen: sqlite },
      files: { run: 'run.json', plan: 'plan.json' },
      generatedAt,
    });
    expect(report.headline.sizingSentence).toBe(sizingSentence(sqlite));
    expect(validateAgainstSchema(schema, JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(renderHtml(report)).toContain('SQLite writer (one; not sized)');
  });

  test('a broken threshold fails the verdict and names the threshold', () => {
    const broken = {
      ...run,
      thresholds: [
        { metric: 'http_req_duration', expression: 'p(95)<1', ok: false, actual: 119, abortOnFail: false },
      ],
    };
    const report = buildReport({ run: broken, files: { run: 'run.json' }, generatedAt });
    expect(report.headline.passed).toBe(false);
    expect(report.headline.verdict).toBe('failed: 1 of 1 threshold broke (http_req_duration p(95)<1: 119ms)');
  });

  test('sections without input are left out of the page, not drawn empty', () => {
    const html = renderHtml(runOnly);
    expect(html).toContain('data-chart="arrivals"');
    expect(html).toContain('data-chart="funnel"');
    for (const absent of ['throughput-vs-concurrency', 'sim-queue', 'sizing', 'predicted-vs-measured'])
      expect(html).not.toContain(`data-chart="${absent}"`);
    const all = renderHtml(full);
    for (const id of [
      'throughput-vs-concurrency',
      'sim-queue',
      'sim-utilisation',
      'sizing',
      'predicted-vs-measured',
    ])
      expect(all).toContain(`data-chart="${id}"`);
  });

  test('report.html loads nothing: no script, no external URL', () => {
    const html = renderHtml(full);
    expect(html).not.toMatch(/<script|<link|@import|url\((?!#)/i);
    expect(html.match(/(?:src|href)="[^"#]/g)).toBeNull();
  });

  test('report.md has the headline and the tables, short enough for a PR comment', () => {
    const md = renderMarkdown(full);
    expect(md).toContain(`**${full.headline.sizingSentence}**`);
    expect(md).toContain(
      '| instances | registry calls in flight | DB connections | predicted p95 | meets SLO |',
    );
    expect(md).toContain('yes ← chosen');
    expect(md.length).toBeLessThan(65_536); // GitHub's limit for a comment body
  });

  test('the same inputs give the same files', () => {
    const again = buildReport({ run, files: { run: 'run.json' }, generatedAt });
    expect(renderHtml(again)).toBe(renderHtml(runOnly));
  });
});

describe('report errors', () => {
  test('docs/errors.md lists every report error code', async () => {
    const { readFileSync } = await import('node:fs');
    const { REPORT_ERROR_CODES } = await import('./errors.js');
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    for (const code of Object.values(REPORT_ERROR_CODES)) expect(doc).toContain(`| \`${code}\` | 2 |`);
  });
});

describe('plan objectives', () => {
  test.each([
    [
      [{ metric: 'http_req_duration{step:profile}', expressions: ['p(95)<2000'] }],
      { boundMs: 2000, step: 'profile' },
    ],
    [
      [{ metric: 'http_req_duration', expressions: ['p(99)<3000', 'p(95)<1.5s'] }],
      { boundMs: 1500, step: null },
    ],
    [
      [
        { metric: 'http_req_duration{step:account}', expressions: ['p(95)<1000'] },
        { metric: 'http_req_duration{step:profile}', expressions: ['p(95)<1000'] },
      ],
      { boundMs: 1000, step: null },
    ],
    [[{ metric: 'http_req_failed', expressions: ['rate<0.01'] }], null],
  ])('%j → %j', async (slos, expected) => {
    const { p95Objective } = await import('./capacity-inputs.js');
    expect(p95Objective(slos)).toEqual(expected);
  });
});

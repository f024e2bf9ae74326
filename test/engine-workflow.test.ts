// The CI workflow users copy (.github/workflows/smoke-load.yml) must be valid YAML with the shape GitHub
// Actions runs, call `npx gelombang smoke`, and pass it only flags the smoke command has.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const text = readFileSync(join(root, '.github', 'workflows', 'smoke-load.yml'), 'utf8');

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; 'timeout-minutes': number; steps: WorkflowStep[] }>;
}

describe('.github/workflows/smoke-load.yml', () => {
  const workflow = parse(text, { prettyErrors: true, strict: true }) as Workflow;

  it('parses as YAML into a workflow that runs on pull requests and pushes', () => {
    expect(workflow.name).toBe('smoke-load');
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    const jobs = Object.values(workflow.jobs);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!['runs-on']).toBe('ubuntu-latest');
    expect(jobs[0]!['timeout-minutes']).toBeGreaterThan(0);
  });

  it('installs, runs `npx gelombang smoke`, and keeps the reports even when the gate fails', () => {
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const uses = steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4']));
    const smoke = steps.find((s) => s.run?.startsWith('npx gelombang smoke'));
    expect(smoke).toBeDefined();
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(String(upload?.with?.['path'])).toContain('smoke-junit.xml');
  });

  it('passes only flags that `gelombang smoke` accepts', () => {
    const smoke = Object.values(workflow.jobs)[0]!.steps.find((s) =>
      s.run?.startsWith('npx gelombang smoke'),
    )!;
    const flags = smoke.run!.match(/--[a-z-]+/g) ?? [];
    expect(flags.length).toBeGreaterThan(0);
    const help = spawnSync(process.execPath, [join(root, 'bin', 'gelombang.js'), 'smoke', '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    for (const flag of flags) expect(help.stdout).toContain(flag);
  });
});

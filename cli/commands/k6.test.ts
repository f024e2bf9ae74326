import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listScenarios } from '../../scenarios/model/scenarios.js';
import { gelombang } from '../../test/helpers/cli.js';
import { UsageError } from '../errors.js';
import { scenariosToBuild } from './k6.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-k6-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gelombang k6 build', () => {
  it('builds every scenario by default, one with --scenario, and refuses both or an unknown name', () => {
    expect(scenariosToBuild({}).map((s) => s.name)).toEqual(listScenarios().map((s) => s.name));
    expect(scenariosToBuild({ scenario: 'soak' }).map((s) => s.name)).toEqual(['soak']);
    expect(() => scenariosToBuild({ scenario: 'soak', all: true })).toThrow(UsageError);
    expect(() => scenariosToBuild({ scenario: 'nope' })).toThrow(/unknown scenario "nope"/);
  });

  it('writes a self-contained ES module that imports only k6 modules', async () => {
    const exit = await gelombang(['k6', 'build', '--scenario', 'smoke', '--out', dir]);
    expect(exit.code).toBe(0);
    const text = readFileSync(join(dir, 'smoke.js'), 'utf8');
    const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['k6', 'k6/execution', 'k6/http', 'k6/metrics']);
    expect(text).toMatch(/export \{[^}]*\boptions\b/);
  });

  it('exits 2 on an unknown scenario and writes nothing', async () => {
    const exit = await gelombang(['k6', 'build', '--scenario', 'nope', '--out', join(dir, 'none')]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('unknown scenario');
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });
});

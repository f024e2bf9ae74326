// The k6-operator TestRun parses, names a bundle `gelombang k6 build` makes, fits a ConfigMap, and carries
// what docs/k6.md promises: parallelism, the bundle's knobs and Prometheus remote write.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { bundleScenario } from '../scenarios/k6/build.js';
import { getScenario } from '../scenarios/model/scenarios.js';

interface TestRun {
  apiVersion: string;
  kind: string;
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file: string } };
    arguments: string;
    runner: { image: string; env: Array<{ name: string; value?: string }> };
  };
}

const testRun = parse(
  readFileSync(new URL('../deploy/k8s/testrun.yaml', import.meta.url), 'utf8'),
) as TestRun;

describe('deploy/k8s/testrun.yaml', () => {
  it('is a k6-operator TestRun with parallelism and the bundle from a ConfigMap', () => {
    expect(testRun.apiVersion).toBe('k6.io/v1alpha1');
    expect(testRun.kind).toBe('TestRun');
    expect(Number.isInteger(testRun.spec.parallelism) && testRun.spec.parallelism > 1).toBe(true);
    expect(testRun.spec.script.configMap.name).toBe('gelombang-k6');
  });

  it('runs a scenario bundle that fits the 1 MiB ConfigMap limit', async () => {
    const scenario = getScenario(testRun.spec.script.configMap.file.replace(/\.js$/, ''));
    expect(Buffer.byteLength(await bundleScenario(scenario))).toBeLessThan(1_048_576);
  });

  it('sets the bundle knobs and Prometheus remote write, and writes JSON for gelombang import k6', () => {
    const env = Object.fromEntries(testRun.spec.runner.env.map((e) => [e.name, e.value]));
    for (const name of ['BASE_URL', 'SCALE', 'TIME_SCALE', 'K6_PROMETHEUS_RW_SERVER_URL', 'POD_NAME']) {
      expect(Object.keys(env)).toContain(name);
    }
    expect(testRun.spec.arguments).toContain('--out experimental-prometheus-rw');
    expect(testRun.spec.arguments).toMatch(/--out json=\/results\/\$\(POD_NAME\)\.json/);
  });
});

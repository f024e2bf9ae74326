// `gelombang k6 build`: one self-contained ES module per scenario for stock k6 (v0.46 through 1.x): the thin
// entry, the scenario model and the generators bundled by esbuild, k6's own modules left as imports, the
// scenario's plan embedded as JSON. No reliance on k6's TypeScript support, no data files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Scenario } from '../model/types.js';
import { k6Plan } from './plan.js';

const ENTRY = new URL('./entry.ts', import.meta.url).pathname;

/** goja (k6's JavaScript engine) runs ES2015 plus parts of later editions; esbuild lowers the rest. */
export const K6_TARGET = 'es2015';

export interface BuiltBundle {
  scenario: string;
  path: string;
  bytes: number;
}

/** The bundle's source text for one scenario. */
export async function bundleScenario(scenario: Scenario): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: K6_TARGET,
    external: ['k6', 'k6/*'],
    define: { __GELOMBANG_PLAN__: JSON.stringify(k6Plan(scenario)) },
    legalComments: 'none',
    logLevel: 'silent',
    banner: {
      js: `// gelombang k6 bundle: scenario "${scenario.name}" (${scenario.description}).\n// k6 run -e BASE_URL=http://127.0.0.1:3000 [-e SCALE=0.01] [-e TIME_SCALE=60] this-file.js`,
    },
  });
  return result.outputFiles[0]!.text;
}

/** Writes dist/k6/<scenario>.js for each scenario; returns what it wrote. */
export async function buildBundles(scenarios: readonly Scenario[], outDir: string): Promise<BuiltBundle[]> {
  mkdirSync(outDir, { recursive: true });
  const built: BuiltBundle[] = [];
  for (const scenario of scenarios) {
    const text = await bundleScenario(scenario);
    const path = join(outDir, `${scenario.name}.js`);
    writeFileSync(path, text);
    built.push({ scenario: scenario.name, path, bytes: Buffer.byteLength(text) });
  }
  return built;
}

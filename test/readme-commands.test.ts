// Every command README.md shows works: each `gelombang …` line names a subcommand that exists with flags its
// --help lists; the cheap ones run here for real, in a scratch folder, in the README's order (scenarios,
// calibrate, plan waves, report); the others name the test (or .ci/run) that runs them. A command added to
// the README without a line in COVERED or RUN_HERE fails this test.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT } from './helpers/child-server.js';
import { BIN } from './helpers/cli.js';

/** The commands in the README's ```sh blocks, without `npx `, comments and a trailing `&`. */
function readmeCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw
        .replace(/\s+#.*$/, '')
        .replace(/\s*&$/, '')
        .trim();
      if (line !== '' && !line.startsWith('#')) commands.push(line.replace(/^npx /, ''));
    }
  }
  return commands;
}

/** Shell words, with single and double quotes. */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Commands run elsewhere: the file that runs them and a string in it that shows it does. */
const COVERED: Record<string, { file: string; evidence: string }> = {
  'npm install && npm start': { file: 'test/demo.test.ts', evidence: "spawn('npm', ['start'" },
  'npm test': { file: '.ci/run', evidence: 'npm test' },
  'gelombang serve': { file: 'cli/commands/serve.test.ts', evidence: "cli(['serve'" },
  'gelombang run': { file: 'test/engine-cli.test.ts', evidence: "'run', 'ping'" },
  'gelombang simulate': { file: 'cli/commands/capacity-cli.test.ts', evidence: "'simulate', 'launch-day'" },
  'gelombang plan launch-day': {
    file: 'cli/commands/capacity-cli.test.ts',
    evidence: "'plan',\n      'launch-day'",
  },
  'gelombang report --run run.json --sim': { file: 'test/report-cli.test.ts', evidence: "'--plan'" },
  'gelombang smoke': { file: 'test/engine-smoke.test.ts', evidence: "gelombang(['smoke'" },
  'gelombang probe': {
    file: 'test/probe-cli.test.ts',
    evidence: "['probe', '--target', service.url, '--step'",
  },
  'npm run dashboards': { file: 'dashboards/src/dashboards.test.ts', evidence: 'npm run dashboards' },
  'gelombang stack up': { file: 'deploy/stack/stack.test.ts', evidence: "'stack',\n        'up'" },
  'gelombang stack down': { file: 'cli/commands/stack.test.ts', evidence: "['stack', 'down'" },
  'gelombang run smoke --target http://127.0.0.1:8080': {
    file: 'test/dashboards-live.test.ts',
    evidence: "'run',\n      'smoke'",
  },
  'gelombang k6 build': { file: '.ci/run', evidence: 'k6:build' },
  'gelombang import k6': { file: 'cli/commands/import.test.ts', evidence: "gelombang(['import', 'k6'" },
  'gelombang stub funnel': {
    file: 'target-service/funnel-stub.test.ts',
    evidence: "'stub', 'funnel', '--port'",
  },
  'gelombang waves select': { file: 'test/wave-selection.test.ts', evidence: "gelombang(['waves', 'select'" },
};

/** Subcommands with subcommands of their own: their flags are in `gelombang A B --help`. */
const GROUPS = new Set([
  'plan waves',
  'stack up',
  'stack down',
  'stub funnel',
  'stub registry',
  'k6 build',
  'import k6',
  'waves select',
]);

/** Cheap enough to run here, in this order (later ones read what earlier ones wrote). */
const RUN_HERE = [
  'gelombang scenarios',
  'gelombang calibrate --run run.json --out model.json',
  'gelombang plan waves --model model.json',
  'gelombang report --run run.json --out reports/out/launch-day',
];

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const commands = readmeCommands(readme);
const scratch = mkdtempSync(join(tmpdir(), 'gelombang-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gelombang(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });
}

describe('README commands', () => {
  test('the README shows commands (the extraction works)', () => {
    expect(commands).toContain('npm install && npm start');
    expect(commands.filter((c) => c.startsWith('gelombang ')).length).toBeGreaterThanOrEqual(8);
  });

  test.each(commands)('%s: covered by a test or run here', (command) => {
    if (RUN_HERE.includes(command)) return;
    const key = Object.keys(COVERED).find((prefix) => command === prefix || command.startsWith(`${prefix} `));
    expect(key, `add "${command}" to COVERED or RUN_HERE in test/readme-commands.test.ts`).toBeDefined();
    const { file, evidence } = COVERED[key!]!;
    expect(existsSync(join(ROOT, file)), file).toBe(true);
    expect(readFileSync(join(ROOT, file), 'utf8')).toContain(evidence);
  });

  const gelombangCommands = commands.filter((c) => c.startsWith('gelombang '));
  test.each(gelombangCommands)('%s: its subcommand and every flag exist', (command) => {
    const args = words(command).slice(1);
    const path = args.slice(0, GROUPS.has(`${args[0]} ${args[1]}`) ? 2 : 1);
    const help = gelombang([...path, '--help']);
    expect(help.status, help.stderr).toBe(0);
    for (const flag of args.filter((a) => a.startsWith('--'))) expect(help.stdout).toContain(flag);
  });

  test('the cheap ones run, in order, as written', () => {
    copyFileSync(join(ROOT, 'reports', 'fixtures', 'smoke-run.json'), join(scratch, 'run.json'));
    for (const command of RUN_HERE) {
      expect(commands, `${command} is no longer in the README: update RUN_HERE`).toContain(command);
      const run = gelombang(words(command).slice(1));
      expect(run.status, `${command}\n${run.stderr}`).toBe(0);
    }
    expect(existsSync(join(scratch, 'model.json'))).toBe(true);
    expect(existsSync(join(scratch, 'reports', 'out', 'launch-day', 'report.html'))).toBe(true);
  }, 180_000);
});

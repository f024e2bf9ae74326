// How fast `gelombang` starts, and what the engine costs in memory before it does any work: the published
// bin (compiled dist/) against `node -e 0` measured in the same run, and against the same bin run from the
// TypeScript sources through tsx (what every start cost before dist/). Targets (issue 9): `gelombang --help`
// ≤ 150 ms and ≤ 60 MB RSS; the engine's peak RSS at a low rate down from the 150–165 MB it took under tsx
// (k6 takes 80–100 MB).
// Each figure is the median of a few starts (the machine's 2 cores are shared); peak RSS is the child's own
// (process.resourceUsage().maxRSS, printed at exit by a preloaded one-liner).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPingServer } from '../test/engine-fixtures.js';
import { ROOT } from '../test/helpers/child-server.js';
import type { Bench, BenchRow } from './types.js';

const BIN = join(ROOT, 'bin', 'gelombang.js');
const REPORT_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`;

interface Start {
  ms: number;
  mb: number;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Start> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_RSS, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - began;
      const m = /MAXRSS (\d+)/.exec(stderr);
      if (code !== 0 || m === null)
        reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, mb: Number(m[1]) / 1024 });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(times: number, args: string[], env?: NodeJS.ProcessEnv): Promise<Start> {
  const runs: Start[] = [];
  for (let i = 0; i < times; i++) runs.push(await start(args, env));
  return { ms: median(runs.map((r) => r.ms)), mb: median(runs.map((r) => r.mb)) };
}

const bench: Bench = async (ctx) => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm install does it) before the CLI bench');
  }
  const times = ctx.quick ? 3 : 7;
  const source = { GELOMBANG_FROM_SOURCE: '1' };
  ctx.log(`starts, median of ${times}: node -e 0, gelombang --help (dist, then tsx), --version`);
  const node = await measure(times, ['-e', '0']);
  const help = await measure(times, [BIN, '--help']);
  const helpTsx = await measure(times, [BIN, '--help'], source);
  const version = await measure(times, [BIN, '--version']);

  ctx.log('engine at a low rate: gelombang run ping at 20 arrivals/s for 5 s (dist, then tsx)');
  const server = await startPingServer();
  let engine: Start;
  let engineTsx: Start;
  try {
    const run = [BIN, 'run', 'ping', '--target', server.url, '--scale', '0.02', '--duration', '5s'];
    engine = await measure(ctx.quick ? 1 : 3, run);
    engineTsx = await measure(ctx.quick ? 1 : 3, run, source);
  } finally {
    await server.close();
  }

  const rows: BenchRow[] = [
    { name: '`node -e 0` (baseline)', value: node.ms, unit: 'ms' },
    {
      name: '`gelombang --help`',
      value: help.ms,
      unit: 'ms',
      ratio: help.ms / node.ms,
      baselineName: '`node -e 0`',
      // 150 ms is the target on a quiet core, where `node -e 0` takes ~80 ms; on a shared machine both
      // slow down alike, so the target also holds as a ratio (150 / 80).
      target: '≤ 150 ms, or ≤ 1.9× `node -e 0`',
      pass: help.ms <= 150 || help.ms / node.ms <= 150 / 80,
    },
    {
      name: '`gelombang --help` peak RSS',
      value: help.mb,
      unit: 'MB',
      ratio: help.mb / node.mb,
      baselineName: `\`node -e 0\` ${node.mb.toFixed(0)} MB`,
      target: '≤ 60 MB',
      pass: help.mb <= 60,
    },
    {
      name: '`gelombang --version`',
      value: version.ms,
      unit: 'ms',
      ratio: version.ms / node.ms,
      baselineName: '`node -e 0`',
    },
    {
      name: '`gelombang --help` from the sources (tsx)',
      value: helpTsx.ms,
      unit: 'ms',
      ratio: helpTsx.ms / node.ms,
      baselineName: '`node -e 0`',
    },
    { name: '`gelombang --help` from the sources (tsx), peak RSS', value: helpTsx.mb, unit: 'MB' },
    {
      name: 'engine peak RSS, `run ping` at 20/s for 5 s',
      value: engine.mb,
      unit: 'MB',
      ratio: engine.mb / engineTsx.mb,
      baselineName: `the same from the sources (tsx) ${engineTsx.mb.toFixed(0)} MB`,
      target: '< the tsx run (150–165 MB before dist/)',
      pass: engine.mb < engineTsx.mb,
    },
  ];
  return [
    {
      title: 'CLI start and engine baseline memory (compiled dist/ vs tsx)',
      notes: [
        `Medians of ${times} starts each; peak RSS is the child process's own maxRSS.`,
        'The bin runs dist/ (built by `npm install` through `prepare`); GELOMBANG_FROM_SOURCE=1 runs the sources through tsx.',
      ],
      rows,
    },
  ];
};

export default bench;

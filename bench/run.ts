// `npm run bench [-- --quick] [-- --duration=30s] [-- name…]`: runs every bench/*.bench.ts in this process, one after another,
// prints each section and writes bench/RESULTS.md with the date and the machine. Figures that depend on the
// machine are reported as ratios against a baseline measured in the same run.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDurationSeconds } from '../scenarios/engine/options.js';
import type { Bench, BenchSection } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const durationFlag = args.find((a) => a.startsWith('--duration='));
const durationSeconds = durationFlag === undefined ? undefined : parseDurationSeconds(durationFlag.slice(11));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--quick' && a !== durationFlag);
if (unknown.length > 0 || (durationSeconds !== undefined && !(durationSeconds > 0))) {
  process.stderr.write(
    `bench: unknown option ${unknown.join(' ') || durationFlag}; usage: npm run bench [-- --quick] [-- --duration=30s] [-- NAME…]\n`,
  );
  process.exit(2);
}

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`bench: no benchmark matches ${only.join(', ')}; files are bench/*.bench.ts\n`);
  process.exit(2);
}

function fmt(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

export function renderSection(section: BenchSection): string {
  const lines = [`### ${section.title}`, ''];
  for (const note of section.notes ?? []) lines.push(`- ${note}`);
  if (section.notes?.length) lines.push('');
  lines.push('| measure | value | ratio | baseline | target | met |', '|---|---|---|---|---|---|');
  for (const r of section.rows) {
    lines.push(
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${
        r.baselineName ?? ''
      } | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} |`,
    );
  }
  return lines.join('\n');
}

const sections: BenchSection[] = [];
for (const file of files) {
  process.stderr.write(`bench: running ${file}${quick ? ' (quick)' : ''}\n`);
  const mod = (await import(join(here, file))) as { default: Bench };
  const result = await mod.default({ quick, durationSeconds, log: (m) => process.stderr.write(`  ${m}\n`) });
  for (const section of result) {
    sections.push(section);
    process.stdout.write(`\n${renderSection(section)}\n`);
  }
}

const cpu = cpus();
const header = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString()} on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${quick ? ' (quick run)' : ''}.`,
  'Speeds are ratios against a baseline measured in the same run: the load generator and the service',
  'share the same 2 cores, so absolute rates say little about a production machine.',
  `Command: \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\``,
  '',
];
if (only.length === 0) {
  writeFileSync(
    join(here, 'RESULTS.md'),
    `${header.join('\n')}${sections.map(renderSection).join('\n\n')}\n`,
  );
  process.stderr.write('bench: wrote bench/RESULTS.md\n');
}
const failed = sections.flatMap((s) => s.rows).filter((r) => r.pass === false);
if (failed.length > 0)
  process.stderr.write(
    `bench: ${failed.length} target(s) not met: ${failed.map((r) => r.name).join('; ')}\n`,
  );

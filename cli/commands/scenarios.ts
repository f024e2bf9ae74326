// `gelombang scenarios`: the named scenarios and their shapes (duration, peak, total arrivals) at the
// knobs given, so a planner sees what `gelombang run` would offer before offering it.
import type { Command } from 'commander';
import { compileRunProfile } from '../../scenarios/engine/options.js';
import { formatCount, formatMs, formatRate } from '../../scenarios/engine/format.js';
import { summarizeProfile } from '../../scenarios/model/profile-summary.js';
import { listScenarios } from '../../scenarios/model/scenarios.js';
import { UsageError } from '../errors.js';

interface ScenariosFlags {
  scale?: string;
  timeScale?: string;
  json?: boolean;
}

function positive(flag: string, value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number > 0; got "${value}"`);
  return n;
}

export function register(program: Command): void {
  program
    .command('scenarios')
    .description('List the scenarios with their shapes: duration, peak rate, total arrivals and a sparkline')
    .option('--scale <x>', 'show the shapes at this rate multiplier (default 1)')
    .option('--time-scale <x>', 'show the shapes at this time compression (default 1)')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `
Examples:
  gelombang scenarios
  gelombang scenarios --scale 0.005 --time-scale 10     # what a compressed launch-day replay offers
  gelombang scenarios --json | jq '.[] | {name, peakPerSecond}'`,
    )
    .action((flags: ScenariosFlags) => {
      const scale = positive('--scale', flags.scale);
      const timeScale = positive('--time-scale', flags.timeScale);
      const rows = listScenarios().map((scenario) => {
        const shape = summarizeProfile(compileRunProfile({ scenario, scale, timeScale }), 24);
        return {
          name: scenario.name,
          journey: scenario.journey,
          durationSeconds: shape.durationSeconds,
          peakPerSecond: shape.peakRate,
          peakAtSeconds: shape.peakAtSeconds,
          totalArrivals: shape.totalArrivals,
          shape: shape.sparkline,
          thresholds: scenario.thresholds.length,
          description: scenario.description,
        };
      });
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const table = [['scenario', 'journey', 'duration', 'peak', 'peak at', 'total', 'shape', 'description']];
      for (const r of rows) {
        table.push([
          r.name,
          r.journey,
          formatMs(r.durationSeconds * 1000),
          formatRate(r.peakPerSecond),
          formatMs(r.peakAtSeconds * 1000),
          formatCount(r.totalArrivals),
          r.shape,
          r.description,
        ]);
      }
      const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
      const lines = table.map((row) =>
        row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  '),
      );
      lines.push(
        '',
        `wall-clock shapes at scale ${scale}, time-scale ${timeScale}; rates are arrivals per second`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

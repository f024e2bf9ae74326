// `gelombang calibrate --run run.json [--probe probe.json] [--model base.json] [--set …] [--out model.json]`:
// fits the model's service demands and the registry's latency to a measured run; every parameter says
// where it came from (default / measured / edited) and its standard error.
import type { Command } from 'commander';
import { calibrate } from '../../capacity/calibrate.js';
import { applyOverrides } from '../../capacity/model/overrides.js';
import type { CapacityModel, Parameter } from '../../capacity/types.js';
import { readJsonFile, readRunResult } from '../../reports/inputs.js';
import { addModelFlags, asUsage, type CapacityFlags, resolveModel, writeJson } from './capacity-flags.js';
import { checkWritable } from './run.js';

interface CalibrateFlags extends CapacityFlags {
  run: string;
  probe?: string;
}

/** Every measured parameter as `path = value ± se (note)`. */
export function formatCalibration(model: CapacityModel): string {
  const lines: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const p = node as Parameter;
    if (typeof p.value === 'number' && typeof p.source === 'string') {
      if (p.source !== 'default') {
        lines.push(
          `${path} = ${p.value} ${p.unit}${p.uncertainty === undefined ? '' : ` ± ${p.uncertainty}`} [${p.source}]${p.note ? ` ${p.note}` : ''}`,
        );
      }
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, path === '' ? k : `${path}.${k}`);
  };
  walk(model, '');
  return `model ${model.name}\n${lines.join('\n')}\n${model.notes.at(-1) ?? ''}\n`;
}

export function register(program: Command): void {
  addModelFlags(
    program
      .command('calibrate')
      .description(
        'Fit a capacity model (model.json) to a measured run: service demands, the registry latency',
      )
      .requiredOption('--run <file>', 'an engine run (run.json) at a low rate against the service to model')
      .option(
        '--probe <file>',
        'a probe sweep (probe.json): CPU per request by the service demand law; the registry capacity when the sweep saturated',
      ),
  )
    .option('--out <file>', 'write the calibrated model here (default: print it)')
    .addHelpText(
      'after',
      `
What a run below saturation cannot show (the registry's capacity, the client's limits) is kept from the base
model (--model, default the shipped one) and says so; give it with --set, e.g. --set registry.maxConcurrent=8.

Examples:
  gelombang run smoke --target http://127.0.0.1:3000 --out run.json
  gelombang calibrate --run run.json --out model.json
  gelombang calibrate --run run.json --set registry.maxConcurrent=8 --set registry.overload=queue --out model.json
  gelombang simulate launch-day --model model.json --scale 0.1`,
    )
    .action((flags: CalibrateFlags) => {
      checkWritable('--out', flags.out);
      const { model: base, overrides } = resolveModel(flags);
      // The same checks as `gelombang report`: kind, version, schema (a hand-edited run.json names the field).
      const run = readRunResult(flags.run);
      const probe = flags.probe === undefined ? undefined : readJsonFile('--probe', flags.probe);
      const calibrated = asUsage(() => {
        const edited = applyOverrides(base, overrides);
        return calibrate({ run, probe, base: edited, runPath: flags.run, probePath: flags.probe });
      });
      process.stderr.write(formatCalibration(calibrated));
      if (flags.out === undefined) process.stdout.write(`${JSON.stringify(calibrated, null, 2)}\n`);
      else writeJson(flags.out, calibrated);
    });
}

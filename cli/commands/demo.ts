// `gelombang demo` (what `npm start` runs): the whole job on this machine, from nothing to a capacity report.
// Wiring only: flags → demoSettings (exit 2 before anything starts) → runDemo; Ctrl-C and SIGTERM stop
// every server the demo started before it exits.
import type { Command } from 'commander';
import { DURATION_FLAG_NOTE } from '../../scenarios/engine/options.js';
import { demoSettings, type DemoFlags } from '../demo/demo-options.js';
import { abandonDemo, interruptReplay, runDemo } from '../demo/run-demo.js';
import { EXIT } from '../errors.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'The whole job in one command: start the service and a 2020-like registry stub on free loopback ports, ' +
        'replay the launch day’s opening on this machine, calibrate, simulate the full-size day, plan the next ' +
        'wave, and write report.html, report.md and report.json.',
    )
    .option('--quick', 'a short replay (15 s; the whole demo in about a minute)')
    .option('--duration <d>', 'replay this much of arrivals, with a unit: 90s, 5m (default 3m; --quick 15s)')
    .option(
      '--scale <x>',
      'rate multiplier of the 2020 launch (default sized to this machine: 0.0015 per core)',
    )
    .option(
      '--target <url>',
      'test this loopback service instead of starting one, e.g. http://127.0.0.1:3000',
    )
    .option('--out <dir>', 'write the report here (default reports/out/<timestamp>/)')
    .addHelpText(
      'after',
      `
${DURATION_FLAG_NOTE}
Everything runs on 127.0.0.1 and is stopped at the end, on Ctrl-C and on SIGTERM. The report's folder also
holds run.json, model.json and sim.json (and plan.json): edit model.json and run \`gelombang report\` or
\`gelombang simulate\` again without replaying.
Exit codes: 0 the report is written (its headline says whether the replay passed its thresholds; for a
pass/fail gate use \`gelombang smoke\` or \`gelombang run\`, which exit 99), 2 bad options, 1 a failure.

Examples:
  npm start                                   # = gelombang demo: about 6 minutes
  npm start -- --quick                        # about a minute
  gelombang demo --duration 5m --out reports/out/five-minutes
  gelombang serve --sandbox --scrypt-cost 1024 &
  gelombang demo --target http://127.0.0.1:3000`,
    )
    .action(async (flags: DemoFlags) => {
      const settings = demoSettings(flags);
      let interrupted = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (interrupted) return;
        interrupted = true;
        process.stderr.write(`\ngelombang demo: ${signal}: stopping the servers it started…\n`);
        interruptReplay(`${signal}`);
        void abandonDemo().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        // The demo's job is the report: a broken threshold is one of its findings (the headline says
        // FAILED), not a failure of the demo. For a pass/fail gate, use `gelombang smoke` or `run`.
        await runDemo(settings, { progress: process.stderr, result: process.stdout });
        process.exitCode = EXIT.OK;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

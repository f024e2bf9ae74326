// The `gelombang` command: wiring only. Each subcommand lives in cli/commands/<name>.ts and exports
// `register(program)`.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../target-service/config.js';
import { EXIT, UsageError } from './errors.js';
// SUBCOMMAND IMPORTS (one line each)
import { register as registerRun } from './commands/run.js';
import { register as registerScenarios } from './commands/scenarios.js';
import { register as registerSmoke } from './commands/smoke.js';
import { register as registerStub } from './commands/stub.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerGenerate } from './commands/generate.js';

const program = new Command('gelombang')
  .description(
    'Load-testing and capacity simulation for national-scale registration launches.\n' +
      'Replays a launch (e.g. Kartu Prakerja, April 2020) against a service and sizes servers for it.',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

// SUBCOMMAND REGISTRATIONS (one line each)
registerRun(program);
registerScenarios(program);
registerSmoke(program);
registerStub(program);
registerServe(program);
registerGenerate(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; usage errors were already printed by commander.
    process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else if (err instanceof UsageError || err instanceof ConfigError) {
    process.stderr.write(`gelombang: ${err.message}\n`);
    process.exitCode = EXIT.USAGE;
  } else {
    process.stderr.write(`gelombang: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.FAILED;
  }
}

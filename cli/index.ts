// The `gelombang` command: wiring only. Subcommands are listed in cli/commands.ts and loaded on demand:
// `gelombang run …` imports only cli/commands/run.ts (and what it needs), `gelombang --help` imports none.
import { Command, CommanderError } from 'commander';
import { SUBCOMMANDS } from './commands.js';
import { EXIT, UsageError } from './errors.js';

const program = new Command('gelombang')
  .description(
    'Load-testing and capacity simulation for national-scale registration launches.\n' +
      'Replays a launch (e.g. Kartu Prakerja, April 2020) against a service and sizes servers for it.',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

/** The libraries' errors for bad user input (flags, config, model files, scenario names): each says what to do.
 *  Matched by name so that this file imports none of the libraries (see cli/commands.ts). */
const USER_ERROR_NAMES = new Set([
  'UsageError',
  'ConfigError',
  'EngineOptionsError',
  'ScenarioError',
  'CapacityError',
  'AnalyticError',
  'K6ImportError',
]);

/** Errors that carry a message for the user: printed without a stack, exit 2. */
function isUsageLike(err: unknown): err is Error {
  return err instanceof UsageError || (err instanceof Error && USER_ERROR_NAMES.has(err.name));
}

// `gelombang … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.OK);
  throw err;
});

try {
  const words = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const requested = words[0] === 'help' ? words[1] : words[0];
  const entry = SUBCOMMANDS.find((candidate) => candidate.name === requested);
  if (entry) {
    (await entry.load()).register(program);
  } else {
    // Only listing (or an unknown name): register each subcommand's name and summary, loading nothing.
    for (const sub of SUBCOMMANDS) program.command(sub.name).description(sub.summary).allowUnknownOption();
  }
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; usage errors were already printed by commander.
    process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else if (isUsageLike(err)) {
    process.stderr.write(`gelombang: ${err.message}\n`);
    process.exitCode = EXIT.USAGE;
  } else {
    process.stderr.write(`gelombang: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.FAILED;
  }
}

// `gelombang stub funnel --port P`: every funnel route answered with a valid canned body at near-zero cost
// (target-service/funnel-stub.ts), to measure what a load generator drives before blaming the service.
import type { Command } from 'commander';
import { startFunnelStub } from '../../target-service/funnel-stub.js';
import { CANNED_ROUTES } from '../../scenarios/model/canned-answers.js';
import { UsageError } from '../errors.js';

export function registerFunnelStub(stub: Command): void {
  stub
    .command('funnel')
    .description(
      'Answer every funnel route with a valid canned body at near-zero cost (no database, no registry): ' +
        'what a load generator, ours or k6, can drive on this machine',
    )
    .option('--port <port>', 'port, 0 = any free port', '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addHelpText(
      'after',
      `
Routes: ${CANNED_ROUTES.join(', ')}; anything else 404 GLB_ERR_REQ_NOT_FOUND.

Examples:
  gelombang stub funnel --port 3100 &
  gelombang run launch-day --target http://127.0.0.1:3100 --scale 0.01 --time-scale 60 --duration 1m
  k6 run -e BASE_URL=http://127.0.0.1:3100 -e SCALE=0.01 dist/k6/spike-80k.js`,
    )
    .action(async (flags: { port: string; host: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535; got "${flags.port}"`);
      }
      const running = await startFunnelStub({ host: flags.host, port }).catch(
        (err: NodeJS.ErrnoException) => {
          throw new UsageError(
            `cannot listen on ${flags.host}:${port} (${err.code ?? err.message}); pick another --port`,
          );
        },
      );
      process.stdout.write(`funnel stub listening on ${running.url}\n`);
      await new Promise<void>((resolve) => {
        const shutdown = () => {
          process.stdout.write(`funnel stub: ${running.answered} requests answered, closing\n`);
          running.close().then(resolve, resolve);
        };
        process.once('SIGTERM', shutdown);
        process.once('SIGINT', shutdown);
      });
    });
}

// The servers the HTTP benches start in their own processes, so each bench measures the same service
// set up the same way and a flag added for one is not forgotten in the others.
import { join } from 'node:path';
import { type ChildServer, startChildServer } from '../test/helpers/child-server.js';

/** The registry stub, fast and wide (1 ms mean latency, no spread, 10,000 at once), so the rates a bench
 *  measures are the service's own and not the stub's. Resolves once it listens; stop() it when done. */
export function startFastRegistry(): Promise<ChildServer> {
  return startChildServer('cli/index.ts', [
    'stub',
    'registry',
    '--port',
    '0',
    '--latency-mean-ms',
    '1',
    '--latency-sigma',
    '0',
    '--max-concurrent',
    '10000',
  ]);
}

/** The reference service on SQLite in `dir`/`dbName`, sandbox routes on, logs at warn, scrypt cost
 *  `scryptCost` (benches keep it low: the route's own work, not the hash, is what they measure), then
 *  `extraArgs` (e.g. `--registry-url`, `--waiting-room-rate`). Resolves once it listens. */
export function startBenchService(
  dir: string,
  dbName: string,
  scryptCost: number,
  extraArgs: readonly string[] = [],
): Promise<ChildServer> {
  return startChildServer('cli/index.ts', [
    'serve',
    '--port',
    '0',
    '--db',
    `sqlite:${join(dir, dbName)}`,
    '--sandbox',
    '--log-level',
    'warn',
    '--scrypt-cost',
    String(scryptCost),
    ...extraArgs,
  ]);
}

/** `serve` flags that point the service at `registry` with room for 1,000 checks in flight. */
export function registryArgs(registry: ChildServer): string[] {
  return ['--registry-url', registry.url, '--registry-max-in-flight', '1000'];
}

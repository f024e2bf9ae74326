// The row of an HTTP bench measured against the bare Fastify GET /ping of the same run
// (bench/servers/bare-ping.ts): the rate, its ratio to ping, and a failed mark when any answer was not 2xx.
import type { BenchRow } from './types.js';

export const PING_BASELINE = 'bare GET /ping';

/** `measured.rps` and `ping.rps` in requests per second. `pass` is false when any response was non-2xx
 *  or any request errored, otherwise left undefined (no speed target on the row itself). */
export function pingRatioRow(
  name: string,
  measured: { rps: number; non2xx: number; errors: number },
  ping: { rps: number },
): BenchRow {
  return {
    name,
    value: measured.rps,
    unit: 'req/s',
    ratio: measured.rps / ping.rps,
    baselineName: PING_BASELINE,
    pass: measured.non2xx === 0 && measured.errors === 0 ? undefined : false,
  };
}

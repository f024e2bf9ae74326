// The service's own counters around a level: GET {target}/metrics before and after, and the service demand
// law over the difference — CPU seconds the process used per completion of the probed route.
import { serviceDemand } from '../../capacity/analytic/operational-laws.js';
import type { StepTransport } from '../engine/http-transport.js';
import { readServiceCounters, type ServiceCounters } from './prometheus-text.js';
import type { ProbeServiceSample } from './types.js';

export interface Scrape {
  /** HTTP status of GET /metrics; 0 when nothing answered. */
  status: number;
  /** Transport error code when status is 0 (ECONNREFUSED, timeout…). */
  transportError: string | null;
  /** null unless the answer was 200 with process_cpu_seconds_total. */
  counters: ServiceCounters | null;
}

export async function scrapeServiceCounters(transport: StepTransport): Promise<Scrape> {
  const { response, transportError } = await transport.send({ method: 'GET', path: '/metrics', headers: {} });
  return {
    status: response.status,
    transportError,
    counters: response.status === 200 ? readServiceCounters(response.body) : null,
  };
}

/**
 * Pure: the route label the service counted the level's requests under. `sent` ("METHOD /path") when it is
 * there; otherwise the busiest route of the same method but /metrics — preparation runs before the level's
 * first scrape, so the level's own requests are the only other traffic — e.g. "POST /api/v1/waves/:waveId/join"
 * for a sent "POST /api/v1/waves/w1/join". `sent` when nothing matches.
 */
export function routeOf(requestsByRoute: Record<string, number>, method: string, sent: string): string {
  if (requestsByRoute[sent] !== undefined) return sent;
  let best: [string, number] | undefined;
  for (const [route, count] of Object.entries(requestsByRoute)) {
    if (!route.startsWith(`${method} `) || route.endsWith(' /metrics')) continue;
    if (best === undefined || count > best[1]) best = [route, count];
  }
  return best?.[0] ?? sent;
}

/** Below this share of the probe's answers counted by the service, /metrics is not the whole target's. */
const COUNTED_SHARE = 0.9;

/**
 * Pure: why the sample cannot be the target's own, or null. A service counts every request it answers on
 * the route (a few more when a level's last requests were cut off), so counting far fewer than the probe
 * received means GET /metrics answered for one process of several — a balancer in front of instances —
 * and the CPU and completions would be one instance's, or a difference between two instances' counters.
 */
export function partialCountingReason(
  sample: ProbeServiceSample,
  answers: number,
  route: string,
): string | null {
  if (answers === 0 || sample.completions >= COUNTED_SHARE * answers) return null;
  return (
    `GET /metrics counted ${sample.completions} of the ${answers} ${route} answers the probe received: it ` +
    'speaks for one process of several (a balancer in front of instances?). For CPU per request, give one ' +
    "instance's URL as --target"
  );
}

/**
 * Pure: the level's sample from two scrapes. `route` is "METHOD /path" as the service labels it.
 * @param seconds wall time between the two scrapes (what the CPU was counted over), for the utilisation.
 */
export function serviceSample(
  before: ServiceCounters,
  after: ServiceCounters,
  route: string,
  seconds: number,
): ProbeServiceSample {
  const cpuSeconds = Math.max(0, after.cpuSeconds - before.cpuSeconds);
  const requestsByRoute: Record<string, number> = {};
  for (const [key, count] of after.requestsByRoute) {
    const delta = count - (before.requestsByRoute.get(key) ?? 0);
    if (delta > 0) requestsByRoute[key] = delta;
  }
  const completions = requestsByRoute[route] ?? 0;
  return {
    cpuSeconds,
    cpuUtilisation: seconds > 0 ? cpuSeconds / seconds : 0,
    windowSeconds: seconds,
    completions,
    serviceDemandSeconds: completions > 0 ? serviceDemand({ busyTime: cpuSeconds, completions }) : null,
    requestsByRoute,
  };
}

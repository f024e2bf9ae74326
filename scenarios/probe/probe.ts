// A probe: one funnel step at each concurrency level in turn (closed model), with the service's counters
// scraped around each level, then the models fitted to the rows. Applicants are prepared (prerequisite steps
// done) before a level's clock starts, so the level measures the step alone; each is used once.
import { performance } from 'node:perf_hooks';
import { createTransport, type StepTransport } from '../engine/http-transport.js';
import type { StepRequest } from '../model/types.js';
import { machine } from '../engine/environment.js';
import { ApplicantCursor } from './applicants.js';
import { demandFitOf, pooledServiceDemand, uslOf } from './fits.js';
import { prerequisitesOf, requestFor, startState } from './funnel-states.js';
import { runLevel } from './level.js';
import type { ProbeOptions } from './options.js';
import {
  PREPARE_CONCURRENCY,
  type Preparation,
  ProbeError,
  prepareApplicants,
  warmUp,
} from './preparation.js';
import { partialCountingReason, routeOf, scrapeServiceCounters, serviceSample } from './service-metrics.js';
import { PROBE_RESULT_KIND, PROBE_RESULT_VERSION, type ProbeLevel, type ProbeResult } from './types.js';

export { ProbeError };

export const PROBE_TOOL = 'gelombang-probe';
export const PROBE_TOOL_VERSION = '0.1.0';

/** Head room over the expected requests of a level, so it rarely ends for want of applicants. */
const PREPARE_MARGIN = 1.25;
/** Rate per connection assumed when nothing was measured yet (warm-up off). */
const UNMEASURED_RATE = 100;

/**
 * Requests to prepare applicants for at one level (pure): the previous level's throughput scaled up by the
 * added connections as if scaling were linear (an upper bound under the USL), or the warm-up's one-at-a-time
 * rate × N, times the duration and a 25 % margin; at least N (one per connection), at most --max-requests.
 */
export function requestBudget(input: {
  concurrency: number;
  durationSeconds: number;
  maxRequests: number;
  previous: Pick<ProbeLevel, 'concurrency' | 'throughput'> | undefined;
  /** Requests per second of one connection in the warm-up; 0 when there was none. */
  perConnectionRate: number;
}): number {
  const { concurrency, previous, perConnectionRate } = input;
  const expectedRate =
    previous !== undefined && previous.throughput > 0
      ? previous.throughput * Math.max(1, concurrency / previous.concurrency)
      : (perConnectionRate > 0 ? perConnectionRate : UNMEASURED_RATE) * concurrency;
  const wanted = Math.ceil(expectedRate * input.durationSeconds * PREPARE_MARGIN);
  return Math.min(input.maxRequests, Math.max(concurrency, wanted));
}

export type ProbeEvent =
  | { kind: 'warm-up'; requests: number; meanLatencyMs: number }
  | { kind: 'preparing'; concurrency: number; done: number; total: number }
  | { kind: 'level-start'; concurrency: number; position: number; levels: number }
  | { kind: 'level-done'; level: ProbeLevel; position: number; levels: number };

/**
 * Runs the sweep. Aborting `signal` (Ctrl-C) stops the level or preparation under way: the result then holds
 * the levels finished before it, `interrupted: true`, and a `nextIndex` past every applicant used, the
 * interrupted level's included. Throws ProbeError when the probe cannot go on; its message then also says
 * where the next probe must start when applicants were already used.
 */
export async function runProbe(
  options: ProbeOptions,
  onEvent: (e: ProbeEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const startedAt = new Date().toISOString();
  const prerequisites = prerequisitesOf(options.step);
  const cursor = new ApplicantCursor(options.seed, options.firstIndex);
  const transport = createTransport({
    origin: options.origin,
    basePath: options.basePath,
    connections: PREPARE_CONCURRENCY + 1,
    timeoutMs: options.timeoutSeconds * 1000,
  });
  // A function, not a narrowed property: the signal flips while the awaits run.
  const aborted = () => signal?.aborted === true;
  try {
    const sample = requestFor(startState(options.seed, 0), options.step);
    // The service labels a route by its template (/api/v1/waves/:waveId/join), not the path sent; corrected
    // from the first level's counters when the sent path is not among them (routeOf).
    let route = `${sample.method} ${options.basePath}${sample.path}`;

    const preparation = (concurrency: number): Preparation => ({
      transport,
      cursor,
      step: options.step,
      prerequisites,
      onProgress: (done, total) => onEvent({ kind: 'preparing', concurrency, done, total }),
      signal,
    });

    const first = await scrapeServiceCounters(transport);
    if (first.status === 0) {
      throw new ProbeError(
        `no answer from ${options.origin}${options.basePath} (${first.transportError}): start the service ` +
          'first, e.g. `gelombang serve --sandbox`, and give its URL to --target',
      );
    }
    const serviceMetrics = first.counters !== null;
    let serviceMetricsError: string | null = null;

    /** The ProbeResult of the levels measured so far; `stoppedEarly` when the sweep did not reach its end. */
    const result = (levels: ProbeLevel[], stoppedEarly: boolean): ProbeResult => {
      const { usl, uslError } = uslOf(levels);
      const { demandFit, demandFitError } = demandFitOf(levels);
      return {
        kind: PROBE_RESULT_KIND,
        version: PROBE_RESULT_VERSION,
        startedAt,
        endedAt: new Date().toISOString(),
        target: options.origin + options.basePath,
        step: options.step,
        request: { method: sample.method, route: route.slice(sample.method.length + 1) },
        seed: options.seed,
        firstIndex: options.firstIndex,
        nextIndex: cursor.nextIndex,
        interrupted: stoppedEarly,
        durationSeconds: options.durationSeconds,
        timeoutSeconds: options.timeoutSeconds,
        serviceMetrics,
        serviceMetricsError: serviceMetrics
          ? serviceMetricsError
          : `GET /metrics answered ${first.status} without process_cpu_seconds_total and ` +
            'http_request_duration_seconds_count: not a gelombang service, or not its metrics',
        warmUpRequests: options.warmUp,
        levels,
        serviceDemandSeconds: pooledServiceDemand(levels),
        demandFit,
        demandFitError,
        usl,
        uslError,
        environment: probeEnvironment(),
      };
    };

    // Warm-up: one at a time, uncounted; its mean latency sizes the first level (X(1) ≈ 1 / latency).
    let perConnectionRate = 0;
    if (options.warmUp > 0) {
      const meanLatencyMs = await warmUp(preparation(1), options.warmUp);
      perConnectionRate = 1000 / Math.max(meanLatencyMs, 0.05);
      if (!aborted()) onEvent({ kind: 'warm-up', requests: options.warmUp, meanLatencyMs });
    }

    const levels: ProbeLevel[] = [];
    for (const [position, concurrency] of options.concurrency.entries()) {
      if (aborted()) break;
      const previous = levels.at(-1);
      let maxRequests = options.maxRequests;
      let nextRequest: () => StepRequest;
      let prepared = 0;
      const preparationStarted = performance.now();
      if (prerequisites.length === 0) {
        nextRequest = () => {
          const { index } = cursor.next();
          return requestFor(startState(options.seed, index), options.step);
        };
      } else {
        maxRequests = requestBudget({
          concurrency,
          durationSeconds: options.durationSeconds,
          maxRequests: options.maxRequests,
          previous,
          perConnectionRate,
        });
        // A few spare states: a connection re-sends after a timeout.
        const states = await prepareApplicants(preparation(concurrency), maxRequests + concurrency);
        if (aborted()) break;
        prepared = states.length;
        let next = 0;
        nextRequest = () => requestFor(states[Math.min(next++, states.length - 1)]!, options.step);
      }
      const preparationSeconds = (performance.now() - preparationStarted) / 1000;

      onEvent({ kind: 'level-start', concurrency, position, levels: options.concurrency.length });
      const before = serviceMetrics ? (await scrapeServiceCounters(transport)).counters : null;
      const windowStarted = performance.now();
      const measured = await runLevel({
        origin: options.origin,
        basePath: options.basePath,
        concurrency,
        durationSeconds: options.durationSeconds,
        timeoutSeconds: options.timeoutSeconds,
        maxRequests,
        nextRequest,
        signal,
      });
      if (aborted()) break; // a level cut short is not a point on the curve
      const afterScrape = await scrapeServiceCounters(transport);
      const windowSeconds = (performance.now() - windowStarted) / 1000;
      if (afterScrape.status === 0) {
        // The service went away during the level: its row would be a throughput of errors. Keep the
        // levels before it, and stop rather than time connection refusals at every later level.
        const e = measured.errors;
        throw new ProbeError(
          `${options.origin}${options.basePath} stopped answering during level ${position + 1} (concurrency ` +
            `${concurrency}: ${e.connectionErrors} connection errors, ${e.timeouts} timeouts; GET /metrics after ` +
            `it: ${afterScrape.transportError}); that level is left out. Check the service is still running ` +
            '(its log says why it stopped), then probe the remaining levels',
          result(levels, true),
        );
      }
      const after = before !== null ? afterScrape.counters : null;
      let service =
        before !== null && after !== null && serviceMetricsError === null
          ? serviceSample(before, after, route, windowSeconds)
          : null;
      if (service !== null && service.completions === 0 && before !== null && after !== null) {
        route = routeOf(service.requestsByRoute, sample.method, route);
        service = serviceSample(before, after, route, windowSeconds);
      }
      if (service !== null) {
        serviceMetricsError = partialCountingReason(service, measured.requests, route);
        if (serviceMetricsError !== null) {
          service = null;
          for (const earlier of levels) earlier.service = null; // same target: theirs were no better
        }
      }
      const level: ProbeLevel = { ...measured, prepared, preparationSeconds, service };
      levels.push(level);
      onEvent({ kind: 'level-done', level, position, levels: options.concurrency.length });
    }

    return result(levels, aborted());
  } catch (err) {
    if (err instanceof ProbeError && cursor.nextIndex > options.firstIndex) {
      // Applicants up to here signed up (or went further), even when a later step failed: without this the
      // next probe replays them. "At least": an earlier probe may have used more.
      throw new ProbeError(
        `${err.message}\nApplicants from ${options.firstIndex} to ${cursor.nextIndex - 1} are used on this ` +
          `service: the next probe against it needs --first-index ${cursor.nextIndex} or later`,
        err.partial,
      );
    }
    throw err;
  } finally {
    await closeQuietly(transport);
  }
}

async function closeQuietly(transport: StepTransport): Promise<void> {
  try {
    await transport.close();
  } catch {
    // Closing after a failure: nothing left to report.
  }
}

function probeEnvironment(): ProbeResult['environment'] {
  return { tool: PROBE_TOOL, toolVersion: PROBE_TOOL_VERSION, ...machine() };
}

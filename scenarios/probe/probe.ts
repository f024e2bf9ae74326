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
import { scrapeServiceCounters, serviceSample } from './service-metrics.js';
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

export async function runProbe(
  options: ProbeOptions,
  onEvent: (e: ProbeEvent) => void = () => {},
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
  try {
    const sample = requestFor(startState(options.seed, 0), options.step);
    const route = `${sample.method} ${options.basePath}${sample.path}`;

    const preparation = (concurrency: number): Preparation => ({
      transport,
      cursor,
      step: options.step,
      prerequisites,
      onProgress: (done, total) => onEvent({ kind: 'preparing', concurrency, done, total }),
    });

    const first = await scrapeServiceCounters(transport);
    if (first.status === 0) {
      throw new ProbeError(
        `no answer from ${options.origin}${options.basePath} (${first.transportError}): start the service ` +
          'first, e.g. `gelombang serve --sandbox`, and give its URL to --target',
      );
    }
    const serviceMetrics = first.counters !== null;

    // Warm-up: one at a time, uncounted; its mean latency sizes the first level (X(1) ≈ 1 / latency).
    let perConnectionRate = 0;
    if (options.warmUp > 0) {
      const meanLatencyMs = await warmUp(preparation(1), options.warmUp);
      perConnectionRate = 1000 / Math.max(meanLatencyMs, 0.05);
      onEvent({ kind: 'warm-up', requests: options.warmUp, meanLatencyMs });
    }

    const levels: ProbeLevel[] = [];
    for (const [position, concurrency] of options.concurrency.entries()) {
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
        prepared = states.length;
        let next = 0;
        nextRequest = () => requestFor(states[Math.min(next++, states.length - 1)]!, options.step);
      }
      const preparationSeconds = (performance.now() - preparationStarted) / 1000;

      onEvent({ kind: 'level-start', concurrency, position, levels: options.concurrency.length });
      const before = serviceMetrics ? (await scrapeServiceCounters(transport)).counters : null;
      const measured = await runLevel({
        origin: options.origin,
        basePath: options.basePath,
        concurrency,
        durationSeconds: options.durationSeconds,
        timeoutSeconds: options.timeoutSeconds,
        maxRequests,
        nextRequest,
      });
      const after = before !== null ? (await scrapeServiceCounters(transport)).counters : null;
      const level: ProbeLevel = {
        ...measured,
        prepared,
        preparationSeconds,
        service:
          before !== null && after !== null
            ? serviceSample(before, after, route, measured.durationSeconds)
            : null,
      };
      levels.push(level);
      onEvent({ kind: 'level-done', level, position, levels: options.concurrency.length });
    }

    const { usl, uslError } = uslOf(levels);
    const { demandFit, demandFitError } = demandFitOf(levels);
    return {
      kind: PROBE_RESULT_KIND,
      version: PROBE_RESULT_VERSION,
      startedAt,
      endedAt: new Date().toISOString(),
      target: options.origin + options.basePath,
      step: options.step,
      request: { method: sample.method, route: `${options.basePath}${sample.path}` },
      seed: options.seed,
      firstIndex: options.firstIndex,
      nextIndex: cursor.nextIndex,
      durationSeconds: options.durationSeconds,
      timeoutSeconds: options.timeoutSeconds,
      serviceMetrics,
      warmUpRequests: options.warmUp,
      levels,
      serviceDemandSeconds: pooledServiceDemand(levels),
      demandFit,
      demandFitError,
      usl,
      uslError,
      environment: probeEnvironment(),
    };
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

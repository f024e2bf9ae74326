// A probe: one funnel step at each concurrency level in turn (closed model), with the service's counters
// scraped around each level, then the USL fitted to the rows. Applicants are prepared (prerequisite steps
// done) before a level's clock starts, so the level measures the step alone; each is used once.
import { arch, cpus, hostname, platform } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fitServiceDemand } from '../../capacity/analytic/demand-fit.js';
import { isAnalyticError } from '../../capacity/analytic/errors.js';
import { fitUsl } from '../../capacity/analytic/usl.js';
import { createTransport, type StepTransport } from '../engine/http-transport.js';
import type { FunnelState } from '../model/funnel-steps.js';
import { errorCodeOf } from '../model/responses.js';
import type { StepRequest } from '../model/types.js';
import { ApplicantCursor } from './applicants.js';
import { prepareState, prerequisitesOf, requestFor, startState } from './funnel-states.js';
import { isReplay, runLevel } from './level.js';
import type { ProbeOptions } from './options.js';
import { scrapeServiceCounters, serviceSample } from './service-metrics.js';
import {
  PROBE_RESULT_KIND,
  PROBE_RESULT_VERSION,
  type ProbeDemandFit,
  type ProbeLevel,
  type ProbeResult,
  type ProbeUsl,
} from './types.js';

export const PROBE_TOOL = 'gelombang-probe';
export const PROBE_TOOL_VERSION = '0.1.0';

/** Applicants are prepared this many at a time (the account step hashes a password: CPU-bound). */
const PREPARE_CONCURRENCY = 8;
/** Head room over the expected requests of a level, so it rarely ends for want of applicants. */
const PREPARE_MARGIN = 1.25;

export type ProbeEvent =
  | { kind: 'warm-up'; requests: number; meanLatencyMs: number }
  | { kind: 'preparing'; concurrency: number; done: number; total: number }
  | { kind: 'level-start'; concurrency: number; position: number; levels: number }
  | { kind: 'level-done'; level: ProbeLevel; position: number; levels: number };

/** The probe cannot go on (target unreachable, applicants cannot be prepared); the message says what to do. */
export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeError';
  }
}

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

    /** `count` states ready for the probed step; throws when most fail their prerequisites. */
    const prepare = async (count: number, concurrency: number): Promise<FunnelState[]> => {
      const ready: FunnelState[] = [];
      const failures = new Map<string, number>();
      let attempted = 0;
      let lastReport = performance.now();
      const worker = async () => {
        while (ready.length < count && attempted < count * 2) {
          attempted++;
          const { index } = cursor.next();
          const state = startState(options.seed, index);
          const failed = await prepareState(transport, state, prerequisites);
          if (failed === null) ready.push(state);
          else failures.set(failed, (failures.get(failed) ?? 0) + 1);
          if (performance.now() - lastReport > 1000) {
            lastReport = performance.now();
            onEvent({ kind: 'preparing', concurrency, done: ready.length, total: count });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, count) }, worker));
      if (ready.length < count) {
        throw preparationError('the prerequisite steps failed', failures);
      }
      return ready.slice(0, count);
    };

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
      const states = await prepare(options.warmUp, 1);
      const failures = new Map<string, number>();
      const t0 = performance.now();
      for (const state of states) {
        const { response } = await transport.send(requestFor(state, options.step));
        const code =
          response.status < 200 || response.status >= 300
            ? errorCodeOf(response)
            : isReplay(response.headers)
              ? REPLAYED
              : null;
        if (code !== null) failures.set(code, (failures.get(code) ?? 0) + 1);
      }
      const meanLatencyMs = (performance.now() - t0) / states.length;
      if (failures.has(REPLAYED) || (failures.size > 0 && sumOf(failures) * 2 > states.length)) {
        throw preparationError('the warm-up requests of the probed step failed', failures);
      }
      perConnectionRate = 1000 / Math.max(meanLatencyMs, 0.05);
      onEvent({ kind: 'warm-up', requests: states.length, meanLatencyMs });
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
        const expectedRate =
          previous !== undefined && previous.throughput > 0
            ? previous.throughput * Math.max(1, concurrency / previous.concurrency)
            : perConnectionRate > 0
              ? perConnectionRate * concurrency
              : 100 * concurrency;
        maxRequests = Math.min(
          options.maxRequests,
          Math.max(concurrency, Math.ceil(expectedRate * options.durationSeconds * PREPARE_MARGIN)),
        );
        // A few spare states: a connection re-sends after a timeout.
        const states = await prepare(maxRequests + concurrency, concurrency);
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
    const measuredService = levels.flatMap((l) => (l.service === null ? [] : [l.service]));
    const completions = measuredService.reduce((s, l) => s + l.completions, 0);
    const cpu = measuredService.reduce((s, l) => s + l.cpuSeconds, 0);
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
      serviceDemandSeconds: completions > 0 ? cpu / completions : null,
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

function demandFitOf(levels: readonly ProbeLevel[]): {
  demandFit: ProbeDemandFit | null;
  demandFitError: string | null;
} {
  const samples = levels.flatMap((l) =>
    l.service === null || l.service.completions === 0
      ? []
      : [{ throughput: l.service.completions / l.durationSeconds, utilisation: l.service.cpuUtilisation }],
  );
  if (samples.length === 0) return { demandFit: null, demandFitError: 'no level has service metrics' };
  try {
    const fit = fitServiceDemand(samples);
    return {
      demandFit: {
        serviceDemandSeconds: fit.serviceDemand,
        backgroundUtilisation: fit.backgroundUtilisation,
        rSquared: fit.rSquared,
      },
      demandFitError: null,
    };
  } catch (err) {
    if (!isAnalyticError(err)) throw err;
    return { demandFit: null, demandFitError: err.message };
  }
}

function uslOf(levels: readonly ProbeLevel[]): { usl: ProbeUsl | null; uslError: string | null } {
  const rows = levels
    .filter((l) => l.throughput > 0)
    .map((l) => ({ concurrency: l.concurrency, throughput: l.throughput }));
  if (rows.length < 3) {
    return {
      usl: null,
      uslError: `the USL needs at least 3 levels with throughput > 0; got ${rows.length}`,
    };
  }
  try {
    const fit = fitUsl(rows);
    return {
      usl: {
        sigma: fit.sigma,
        kappa: fit.kappa,
        lambda: fit.lambda,
        peakConcurrency: Number.isFinite(fit.peakConcurrency) ? fit.peakConcurrency : null,
        peakThroughput: Number.isFinite(fit.peakThroughput) ? fit.peakThroughput : null,
        rSquared: fit.rSquared,
        standardErrors: fit.standardErrors,
      },
      uslError: null,
    };
  } catch (err) {
    if (!isAnalyticError(err)) throw err;
    return { usl: null, uslError: err.message };
  }
}

/** Not an error code: a 2xx the service replayed, so the applicant was used by an earlier probe. */
const REPLAYED = 'replayed (idempotent-replayed: true)';

const sumOf = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

function preparationError(what: string, failures: Map<string, number>): ProbeError {
  const list = [...failures].map(([code, n]) => `${code} ×${n}`).join(', ');
  const taken =
    failures.has(REPLAYED) ||
    failures.has('GLB_ERR_ACCOUNT_EMAIL_TAKEN') ||
    failures.has('GLB_ERR_PROFILE_NIK_TAKEN');
  return new ProbeError(
    `${what} (${list}). ` +
      (taken
        ? 'These applicants already went through this step on this service: rerun with the --first-index ' +
          "the previous probe printed (its probe.json's nextIndex), or against a fresh service."
        : 'Check that the service runs with --sandbox (the outbox gives the email code) and the registry stub uses the same --seed.'),
  );
}

async function closeQuietly(transport: StepTransport): Promise<void> {
  try {
    await transport.close();
  } catch {
    // Closing after a failure: nothing left to report.
  }
}

function probeEnvironment(): ProbeResult['environment'] {
  const cpuList = cpus();
  return {
    tool: PROBE_TOOL,
    toolVersion: PROBE_TOOL_VERSION,
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    host: hostname(),
  };
}

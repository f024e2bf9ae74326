// Applicants made ready for the probed step before a level's clock starts (the prerequisite steps over HTTP,
// a few at a time, with progress), and the warm-up: requests of the probed step one at a time, uncounted,
// whose latency sizes the first level. Either stops the probe with what to do when the applicants fail.
import { performance } from 'node:perf_hooks';
import type { StepTransport } from '../engine/http-transport.js';
import type { FunnelState } from '../model/funnel-steps.js';
import { errorCodeOf } from '../model/responses.js';
import type { ApplicantCursor } from './applicants.js';
import { prepareState, requestFor, startState } from './funnel-states.js';
import { isReplay } from './level.js';
import type { ProbeResult } from './types.js';

/** The probe cannot go on (target unreachable, applicants cannot be prepared); the message says what to do. */
export class ProbeError extends Error {
  /** @param partial the levels measured before the probe had to stop (printed and written), if any. */
  constructor(
    message: string,
    readonly partial?: ProbeResult,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

/** Applicants are prepared this many at a time (the account step hashes a password: CPU-bound). */
export const PREPARE_CONCURRENCY = 8;

export interface Preparation {
  transport: StepTransport;
  cursor: ApplicantCursor;
  step: string;
  /** STEPS indices to walk before the probed step (funnel-states.ts prerequisitesOf). */
  prerequisites: readonly number[];
  onProgress: (done: number, total: number) => void;
  /** Aborted (Ctrl-C): stop preparing and return what is ready; the caller checks it. */
  signal?: AbortSignal | undefined;
}

/** `count` states ready for the probed step (fewer when `p.signal` is aborted). Throws ProbeError when over
 *  half the attempts fail. */
export async function prepareApplicants(p: Preparation, count: number): Promise<FunnelState[]> {
  const ready: FunnelState[] = [];
  const failures = new Map<string, number>();
  let attempted = 0;
  let lastReport = performance.now();
  const worker = async () => {
    while (ready.length < count && attempted < count * 2 && p.signal?.aborted !== true) {
      attempted++;
      const state = startState(p.cursor.seed, p.cursor.next().index);
      const failed = await prepareState(p.transport, state, p.prerequisites);
      if (failed === null) ready.push(state);
      else failures.set(failed, (failures.get(failed) ?? 0) + 1);
      if (performance.now() - lastReport > 1000) {
        lastReport = performance.now();
        p.onProgress(Math.min(ready.length, count), count); // workers in flight can overshoot
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, count) }, worker));
  if (p.signal?.aborted === true) return ready;
  if (ready.length < count) throw preparationError('the prerequisite steps failed', failures);
  return ready.slice(0, count);
}

/** Sends the probed step for `count` prepared applicants one at a time; returns the mean latency (ms), or 0
 *  when `p.signal` was aborted before it finished. */
export async function warmUp(p: Preparation, count: number): Promise<number> {
  const states = await prepareApplicants(p, count);
  const failures = new Map<string, number>();
  const started = performance.now();
  for (const state of states) {
    if (p.signal?.aborted === true) return 0;
    const { response } = await p.transport.send(requestFor(state, p.step));
    const failed = response.status < 200 || response.status >= 300;
    const code = failed ? errorCodeOf(response) : isReplay(response.headers) ? REPLAYED : null;
    if (code !== null) failures.set(code, (failures.get(code) ?? 0) + 1);
  }
  const meanLatencyMs = (performance.now() - started) / states.length;
  const failedCount = [...failures.values()].reduce((a, b) => a + b, 0);
  if (failures.has(REPLAYED) || failedCount * 2 > states.length) {
    throw preparationError('the warm-up requests of the probed step failed', failures);
  }
  return meanLatencyMs;
}

/** Not an error code: a 2xx the service replayed, so the applicant was used by an earlier probe. */
const REPLAYED = 'replayed (idempotent-replayed: true)';

function preparationError(what: string, failures: Map<string, number>): ProbeError {
  const list = [...failures].map(([code, n]) => `${code} ×${n}`).join(', ');
  const used =
    failures.has(REPLAYED) ||
    failures.has('GLB_ERR_ACCOUNT_EMAIL_TAKEN') ||
    failures.has('GLB_ERR_PROFILE_NIK_TAKEN');
  const seedMismatch =
    failures.has('GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY') || failures.has('GLB_ERR_PROFILE_REGISTRY_MISMATCH');
  return new ProbeError(
    `${what} (${list}). ` +
      (used
        ? 'These applicants already went through this step on this service: rerun with the --first-index ' +
          "the previous probe printed (its probe.json's nextIndex), or against a fresh service."
        : failures.has('GLB_ERR_SANDBOX_DISABLED')
          ? 'The service runs without --sandbox, so the probe cannot read the email code: restart it with ' +
            '`gelombang serve --sandbox` (load tests only).'
          : seedMismatch
            ? "The population registry does not know these applicants: give --seed the service's " +
              '--population-seed (default 20200411), or start the service with --population-seed equal to ' +
              "the probe's --seed."
            : 'Check that the service runs with --sandbox (the outbox gives the email code) and that its ' +
              "--population-seed is the probe's --seed."),
  );
}

// The background NIK verification: takes due jobs from the durable queue, asks the population registry,
// records the verdict. On launch day 624,090 of 1,432,133 registrants had their NIK verified within 21 h
// (launch-facts.md): the registry, not the form, set the pace. So a registry that cannot answer never
// loses a job: it goes back into the queue with a growing delay, and the queue depth is a metric. And a
// registry that can answer is kept busy at its capacity, no more: the worker holds twice as many jobs as
// the client's concurrency limit (adaptive to the registry's 429s), and each finished job pulls the next.
import type { BaseLogger } from 'pino';
import { ERRORS } from '../errors.js';
import type { ServiceMetrics } from '../metrics.js';
import type { Repository, VerificationJob } from '../storage/types.js';
import { type RegistryClient, RegistryUnavailableError, type RegistryVerdict } from './types.js';

export interface VerificationWorkerOptions {
  repo: Repository;
  client: RegistryClient;
  metrics?: ServiceMetrics;
  logger?: Pick<BaseLogger, 'warn' | 'error' | 'debug'>;
  /** Pause between polls when the queue had nothing due (while jobs are due, a finished one pulls the next). */
  intervalMs: number;
  /** Most jobs held at once, whatever the registry's concurrency limit. */
  batchSize: number;
  /** How long a claimed job stays invisible to other workers; longer than one registry call with retries. */
  leaseMs: number;
  /** Milliseconds since the epoch; tests pass a fake clock to step over backoff delays. */
  clock?: () => number;
  /** Backoff after a failed attempt: retryBaseMs · 2^(attempts-1), at most retryCapMs. */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Eligibility by age: true when an applicant born on this date is too young for the current wave
   *  (eligibility/age.ts). A matching NIK of an under-age applicant is rejected with its own code. */
  isUnderAge?: (birthDate: string) => boolean;
  /** The eligibility lookups (Dapodik, DTKS) of an 'eligibility' job; throws RegistryUnavailableError when
   *  a registry cannot answer (the job is rescheduled). When set, a verified NIK enqueues such a job. */
  lookUpEligibility?: (accountId: string) => Promise<void>;
}

export interface VerificationWorker {
  /** Stops polling and waits for the jobs in hand. */
  stop(): Promise<void>;
  /** Claims what is due now (up to the room the registry's limit leaves) and processes it; resolves
   *  with the number of jobs claimed once they are settled or rescheduled. */
  runOnce(): Promise<number>;
}

// 1 s → 60 s: a registry outage of minutes is retried about once a minute per job, not hammered.
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_RETRY_CAP_MS = 60_000;

/** Jobs in hand per permit of the registry's concurrency limit: one in flight, others ready to go the
 *  moment a permit frees (while some wait out a 429's Retry-After), so the registry never idles while we
 *  wait on the database. */
export const JOBS_PER_PERMIT = 3;

/** Most jobs the service's worker holds at once (server.ts), whatever the limit. */
export const VERIFY_BATCH_SIZE = 50;

export function retryDelayMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Reasons where the registry was not really asked, or only asked us to slow down: try again soon, at
 *  the base delay, instead of growing the delay as for a registry that failed. */
const NOT_A_FAILURE: ReadonlySet<RegistryUnavailableError['reason']> = new Set([
  'bulkhead-full',
  'circuit-open',
  'overloaded',
]);

export function startVerificationWorker(opts: VerificationWorkerOptions): VerificationWorker {
  const { repo, client, metrics, logger, intervalMs, batchSize, leaseMs } = opts;
  const clock = opts.clock ?? Date.now;
  const retryBaseMs = opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const retryCapMs = opts.retryCapMs ?? DEFAULT_RETRY_CAP_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inHand = 0;
  const processing = new Set<Promise<void>>();
  /** Claims run one at a time, so each sees the jobs in hand from the one before. */
  let claims: Promise<unknown> = Promise.resolve();
  let pumpQueued = false;
  /** The last claim found fewer due jobs than it asked for: wait for the next poll, not every completion. */
  let exhausted = false;

  async function settle(job: VerificationJob, verdict: RegistryVerdict, birthDate: string): Promise<void> {
    const now = new Date(clock());
    if (verdict.outcome === 'match' && opts.isUnderAge?.(birthDate)) {
      await repo.setProfileStatus(job.accountId, 'rejected', ERRORS.ELIGIBILITY_UNDER_AGE.code, now);
    } else if (verdict.outcome === 'match') {
      await repo.setProfileStatus(job.accountId, 'verified', null, now);
    } else {
      const reason =
        verdict.outcome === 'not-found'
          ? ERRORS.PROFILE_NIK_NOT_IN_REGISTRY.code
          : ERRORS.PROFILE_REGISTRY_MISMATCH.code;
      await repo.setProfileStatus(job.accountId, 'rejected', reason, now);
    }
    await repo.completeVerificationJob(job.id);
    const verified = verdict.outcome === 'match' && !opts.isUnderAge?.(birthDate);
    if (verified && opts.lookUpEligibility) await repo.enqueueEligibilityCheck(job.accountId, now);
  }

  async function process(job: VerificationJob): Promise<void> {
    try {
      if (job.kind === 'eligibility') {
        await opts.lookUpEligibility?.(job.accountId);
        await repo.completeVerificationJob(job.id);
        return;
      }
      const profile = await repo.findProfile(job.accountId);
      if (profile === undefined || profile.status !== 'pending') {
        // Nothing left to verify (already decided, or the profile is gone): the job is done.
        await repo.completeVerificationJob(job.id);
        return;
      }
      const { nik, fullName, birthDate } = profile;
      await settle(
        job,
        await client.verify({ nik, fullName, birthDate }, { priority: 'background' }),
        birthDate,
      );
    } catch (err) {
      const delay =
        err instanceof RegistryUnavailableError && NOT_A_FAILURE.has(err.reason)
          ? retryBaseMs
          : retryDelayMs(job.attempts, retryBaseMs, retryCapMs);
      const lastError = err instanceof RegistryUnavailableError ? err.reason : 'internal';
      // Job id and attempts only: the log never carries a NIK or a name.
      if (err instanceof RegistryUnavailableError) {
        logger?.debug(
          { jobId: job.id, attempts: job.attempts, reason: err.reason, delayMs: delay },
          'NIK check postponed',
        );
      } else {
        logger?.error(
          { jobId: job.id, attempts: job.attempts, err },
          'NIK verification job failed; rescheduled',
        );
      }
      try {
        await repo.rescheduleVerificationJob(job.id, new Date(clock() + delay), lastError);
      } catch (rescheduleErr) {
        // The lease runs out and the job becomes due again by itself: still not lost.
        logger?.error({ jobId: job.id, err: rescheduleErr }, 'could not reschedule a verification job');
      }
    }
  }

  /** How many jobs to hold: none while the circuit is open (every call would be refused), one probe
   *  while half-open, else enough to keep every permit of the registry's limit busy. */
  function room(): number {
    const state = client.circuitState();
    const target =
      state === 'open'
        ? 0
        : state === 'half-open'
          ? 1
          : Math.min(batchSize, client.concurrencyLimit() * JOBS_PER_PERMIT);
    return Math.max(0, target - inHand);
  }

  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = claims.then(fn, fn);
    claims = next.catch(() => undefined);
    return next;
  }

  /** Claims up to the room left and starts each job; resolves with the jobs' settlements. */
  function claimAndStart(): Promise<Array<Promise<void>>> {
    return exclusive(claimAndStartNow);
  }

  async function claimAndStartNow(): Promise<Array<Promise<void>>> {
    const wanted = room();
    if (wanted === 0 || stopped) return [];
    const jobs = await repo.claimVerificationJobs(wanted, new Date(clock()), leaseMs);
    exhausted = jobs.length < wanted;
    return jobs.map((job) => {
      inHand++;
      const done = process(job).finally(() => {
        inHand--;
        processing.delete(done);
        if (!exhausted) pump();
      });
      processing.add(done);
      return done;
    });
  }

  /** Keeps the pipe full while there is due work; errors are logged and the next poll tries again. */
  function pump(): void {
    if (stopped || pumpQueued) return;
    pumpQueued = true;
    exclusive(async () => {
      pumpQueued = false;
      return claimAndStartNow();
    }).catch((err) => logger?.error({ err }, 'verification worker poll failed'));
  }

  async function runOnce(): Promise<number> {
    const started = await claimAndStart();
    await Promise.all(started);
    metrics?.pendingVerifications.set(await repo.countVerificationJobs());
    return started.length;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      exhausted = false;
      pump();
      try {
        metrics?.pendingVerifications.set(await repo.countVerificationJobs());
      } catch (err) {
        logger?.error({ err }, 'could not count pending verifications');
      }
      schedule();
    }, intervalMs);
    timer.unref();
  }

  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await claims;
      await Promise.all(processing);
    },
  };
}

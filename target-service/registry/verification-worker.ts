// The background NIK verification: takes due jobs from the durable queue, asks the population registry,
// records the verdict. On launch day 624,090 of 1,432,133 registrants had their NIK verified within 21 h
// (launch-facts.md): the registry, not the form, set the pace. So a registry that cannot answer never
// loses a job: it goes back into the queue with a growing delay, and the queue depth is a metric.
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
  /** Pause between polls when the queue had nothing due (a full batch polls again at once). */
  intervalMs: number;
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
  /** Stops polling and waits for the batch in progress. */
  stop(): Promise<void>;
  /** Processes one batch of due jobs now; resolves with the number of jobs claimed. */
  runOnce(): Promise<number>;
}

// 1 s → 60 s: a registry outage of minutes is retried about once a minute per job, not hammered.
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_RETRY_CAP_MS = 60_000;

export function retryDelayMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function startVerificationWorker(opts: VerificationWorkerOptions): VerificationWorker {
  const { repo, client, metrics, logger, intervalMs, batchSize, leaseMs } = opts;
  const clock = opts.clock ?? Date.now;
  const retryBaseMs = opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const retryCapMs = opts.retryCapMs ?? DEFAULT_RETRY_CAP_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

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
      await settle(job, await client.verify({ nik, fullName, birthDate }), birthDate);
    } catch (err) {
      // A full bulkhead is our own limit, not the registry failing: try again soon, without growing delay.
      const delay =
        err instanceof RegistryUnavailableError && err.reason === 'bulkhead-full'
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

  async function batch(): Promise<number> {
    const jobs = await repo.claimVerificationJobs(batchSize, new Date(clock()), leaseMs);
    // The client's bulkhead bounds concurrency; a job refused with bulkhead-full is simply rescheduled.
    await Promise.all(jobs.map(process));
    metrics?.pendingVerifications.set(await repo.countVerificationJobs());
    return jobs.length;
  }

  function runOnce(): Promise<number> {
    // One batch at a time per worker: a poll that finds a batch running waits for it instead.
    const next = (running ?? Promise.resolve(0)).catch(() => 0).then(batch);
    const tracked = next.finally(() => {
      if (running === tracked) running = undefined;
    });
    running = tracked;
    return tracked;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (err) {
        logger?.error({ err }, 'verification worker poll failed');
      }
      schedule(claimed >= batchSize ? 0 : intervalMs);
    }, delayMs);
    timer.unref();
  }

  schedule(intervalMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

// The registration funnel as a Journey (types.ts): page views, account, the sandbox outbox, email
// verification, profile with NIK, KTP photo and selfie upload, aptitude test, Join Batch (funnel-steps.ts).
// The applicant's traits decide whether they go on after each step; their think times pace it; their
// patience bounds retries. The wave-open journey runs the same machine over RETURNING_STEPS.
//
// Client behaviour on failure (one definition for the engine, k6 and the simulator):
// - no answer, 408, 429, 5xx → retry after a human delay, or after Retry-After if that is longer, with the
//   same request (same Idempotency-Key, so a retry is safe); after `patience` retries the person abandons;
//   a 429 from the waiting room hands out a ticket, sent back on the retry to keep one's place;
// - a rejection of the applicant's data (409, 422) or any other 4xx → abandon at once with the error code;
// - a 409 email-taken on a retry of the account step means our first attempt got through but its answer was
//   lost (the idempotency record was gone): the step counts as done, and the applicant signs in to get the
//   token (recover-sign-in). Likewise a 409 NIK-taken on a retry of the profile step counts as our own
//   earlier profile;
// - 202 pending on the profile counts as success: the applicant looks again (await-nik) until it is decided.
import { Rng, streamKey } from '../../generators/prng.js';
import type { Applicant, ApplicantTraits } from '../../generators/types.js';
import { type FunnelStep, type FunnelState, initialState, STEPS as FUNNEL_ORDER } from './funnel-steps.js';
import {
  CLIENT_ERROR_CODES,
  errorCodeOf,
  isTransientStatus,
  retryAfterSeconds,
  WAITING_ROOM_TICKET_HEADER,
  waitingRoomTicket,
} from './responses.js';
import type { Journey, JourneyAction, JourneyEnd, StepOutcome, StepRequest } from './types.js';

export type { FunnelState } from './funnel-steps.js';
export { FUNNEL_STEPS, idempotencyKey, PAGE_READ_SECONDS } from './funnel-steps.js';

export interface FunnelJourneyOptions {
  /** Multiplies every think time and human retry delay (load tests compress them, e.g. 1 / timeScale). */
  thinkScale?: number;
  /** Where applicants come from: generators' applicant(seed, index). */
  applicantOf: (seed: number, index: number) => Applicant;
  /** applicantOf(seed, index).traits without the record (generators' applicantTraits), when applicantOf
   *  is the generators' own; default: taken from applicantOf's record. */
  traitsOf?: (seed: number, index: number) => ApplicantTraits;
  /** false: every applicant takes every step (the smoke journey), with `patience` retries and no think time. */
  followTraits?: boolean;
  /** Retries per step when not following traits. */
  patience?: number;
  name?: string;
  description?: string;
  /** The steps, in order; default the registration funnel (STEPS). The wave-open journey passes
   *  RETURNING_STEPS. */
  steps?: readonly FunnelStep[];
}

/** A person who sees an error page looks, then presses again: lognormal, median 8 s (assumption). */
export const HUMAN_RETRY_MEDIAN_SECONDS = 8;
const HUMAN_RETRY_SIGMA = 0.6;
/** Stream purpose for retry delays ("RTRY"), apart from the generators' own purposes. */
const RETRY_STREAM = 0x52545259;

function humanRetryDelay(s: FunnelState): number {
  const rng = new Rng(streamKey(s.seed, s.index, RETRY_STREAM ^ (s.stepIndex << 8) ^ s.attempts));
  return Math.max(1, rng.lognormal(HUMAN_RETRY_MEDIAN_SECONDS, HUMAN_RETRY_SIGMA));
}

/** An action whose request is built when the runner first reads it, after the think time: an upload's
 *  ~1 MB multipart body is not held by a journey still thinking about it (~71 s; at the launch's peak that
 *  is ~27,000 journeys at once, 27 GB in the engine or across k6's VUs). Read once, kept for retries. A
 *  class, not an object literal with a getter: every journey in flight holds one, and a literal's getter
 *  and builder are two closures each. */
class LazyAction implements JourneyAction {
  readonly kind = 'request' as const;
  private built: StepRequest | undefined = undefined;

  constructor(
    readonly step: string,
    readonly thinkSeconds: number,
    private readonly def: FunnelStep,
    private readonly state: FunnelState,
    private readonly follow: boolean,
    /** Headers a retry carries that the step does not make (the waiting room's ticket). */
    readonly extraHeaders?: Readonly<Record<string, string>>,
  ) {}

  get request(): StepRequest {
    if (this.built === undefined) {
      const request = this.def.request(this.state, this.follow);
      this.built =
        this.extraHeaders === undefined
          ? request
          : { ...request, headers: { ...request.headers, ...this.extraHeaders } };
    }
    return this.built;
  }
}

export function createFunnelJourney(options: FunnelJourneyOptions): Journey<FunnelState> {
  const thinkScale = options.thinkScale ?? 1;
  if (!(Number.isFinite(thinkScale) && thinkScale >= 0)) {
    throw new RangeError(`thinkScale must be a number ≥ 0, got ${thinkScale}`);
  }
  const follow = options.followTraits ?? true;
  const STEPS = options.steps ?? FUNNEL_ORDER;
  const patienceOf = (s: FunnelState) => (follow ? s.traits.patience : (options.patience ?? 3));
  const finish = (s: FunnelState, result: JourneyEnd['result']): JourneyEnd => {
    s.end = { kind: 'end', result, lastStep: s.lastStep };
    s.action = null;
    return s.end;
  };

  return {
    name: options.name ?? 'funnel',
    description:
      options.description ??
      'Registration funnel: page views, account, email verification, profile with NIK; traits decide who goes on',
    steps: STEPS.map((step) => step.name),
    followsTraits: follow,
    start(seed, index) {
      const traits = options.traitsOf?.(seed, index) ?? options.applicantOf(seed, index).traits;
      return initialState(seed, index, traits, options.applicantOf);
    },

    next(s) {
      if (s.end !== null) return s.end;
      // After a retry outcome the runner has already waited afterSeconds: the same request, no think time.
      // After a retry outcome s.action is already the same request with no think time (onResponse).
      if (s.action !== null) return s.action;
      while (
        s.stepIndex < STEPS.length &&
        STEPS[s.stepIndex]!.repeats &&
        !STEPS[s.stepIndex]!.takes(s, follow)
      ) {
        s.stepIndex += 1;
      }
      if (s.stepIndex >= STEPS.length) return finish(s, 'completed');
      const step = STEPS[s.stepIndex]!;
      if (!step.takes(s, follow)) return finish(s, 'dropped-out');
      s.attempts = 0;
      s.retrying = false;
      const think = follow ? step.think(s.traits, s) * thinkScale : 0;
      s.action = new LazyAction(step.name, think, step, s, follow);
      return s.action;
    },

    onResponse(s, action, response): StepOutcome {
      const step = STEPS[s.stepIndex];
      if (s.end !== null || step === undefined || s.action === null || action.step !== step.name) {
        throw new Error(
          `funnel journey: a response for "${action.step}" arrived when it did not ask for one`,
        );
      }
      s.attempts += 1;
      const retried = s.attempts > 1;
      const code = response.status >= 400 || response.status === 0 ? errorCodeOf(response) : undefined;
      const ownSuccess = code !== undefined && retried && code === step.ownEarlierSuccess;
      if (code === undefined || ownSuccess) {
        if (step.accept(s, response, follow) === 'ok') {
          if (step.done?.(s) ?? true) s.lastStep = step.name;
          s.action = null;
          s.retrying = false;
          const rejection = step.rejection?.(s);
          if (rejection !== undefined) {
            finish(s, 'abandoned');
            return { kind: 'abandon', errorCode: rejection };
          }
          if (step.repeats) s.pageViews += 1;
          else s.stepIndex += 1;
          return { kind: 'next' };
        }
        finish(s, 'abandoned');
        return { kind: 'abandon', errorCode: CLIENT_ERROR_CODES.UNEXPECTED_BODY };
      }
      if (isTransientStatus(response.status) && s.attempts <= patienceOf(s)) {
        s.retrying = true;
        // The same request again, built anew when it is sent: the request is a pure function of the state,
        // which a failed answer leaves as it was, so the bytes and the Idempotency-Key are the same; a
        // journey waiting out its retry delay (~8 s, longer with Retry-After) does not hold an upload's
        // ~1 MB body meanwhile (at a launch's peak thousands of journeys are retrying at once), at the price of
        // making its photos again (2–16 ms for ~1 MB on the shared 2-core machine, about what sending it costs).
        // A waiting room's ticket goes back with the retry, so the applicant keeps their place in the line.
        const ticket = waitingRoomTicket(response);
        const extraHeaders =
          ticket === undefined
            ? (s.action as LazyAction).extraHeaders
            : { [WAITING_ROOM_TICKET_HEADER]: ticket };
        s.action = new LazyAction(step.name, 0, step, s, follow, extraHeaders);
        const human = humanRetryDelay(s) * thinkScale;
        return {
          kind: 'retry',
          afterSeconds: Math.max(retryAfterSeconds(response) ?? 0, human),
          errorCode: code,
        };
      }
      finish(s, 'abandoned');
      return { kind: 'abandon', errorCode: code };
    },
  };
}

// The funnel's steps, in order: what each sends, the think time before it, whether this applicant takes it
// (the traits), and what a successful answer must hold. New steps (upload, test, join-wave) slot in here.
import type { Applicant } from '../../generators/types.js';
import { accountBody, profileBody } from './request-bodies.js';
import { parseJson } from './responses.js';
import type { JourneyAction, JourneyEnd, StepRequest, StepResponse } from './types.js';

export interface FunnelState {
  seed: number;
  index: number;
  applicant: Applicant;
  /** Position in STEPS, and page views made so far. */
  stepIndex: number;
  pageViews: number;
  /** Attempts sent for the current action (1 after the first send). */
  attempts: number;
  action: JourneyAction | null;
  retrying: boolean;
  accessToken: string | null;
  emailCode: string | null;
  lastStep: string | null;
  end: JourneyEnd | null;
}

/** Reading one page before the next (assumption: a short read of the landing page, FAQ, programme). */
export const PAGE_READ_SECONDS = 5;

type Accept = (state: FunnelState, response: StepResponse) => 'ok' | 'unexpected';

export interface FunnelStep {
  name: string;
  /** Does this applicant take the step, once the steps before it succeeded? */
  takes(state: FunnelState, followTraits: boolean): boolean;
  /** Repeated while takes() holds, then the journey moves on (page views); otherwise not taking a step
   *  ends the journey as dropped-out. */
  repeats?: boolean;
  think(a: Applicant, state: FunnelState): number;
  request(state: FunnelState): StepRequest;
  accept: Accept;
  /** An error code that, on a retry, means our own earlier attempt succeeded. */
  ownEarlierSuccess?: string;
}

const json = (
  headers: Record<string, string>,
  body: unknown,
  key?: string,
): Pick<StepRequest, 'headers' | 'body'> => ({
  headers: {
    ...headers,
    'content-type': 'application/json',
    ...(key === undefined ? {} : { 'idempotency-key': key }),
  },
  body: JSON.stringify(body),
});
const bearer = (s: FunnelState): Record<string, string> => ({ authorization: `Bearer ${s.accessToken}` });
/** Derived from (seed, index, step): the same on every retry and every replay of this applicant's step. */
export const idempotencyKey = (s: FunnelState, step: string): string => `glb-${s.seed}-${s.index}-${step}`;
const ok2xx: Accept = (_s, r) => (r.status >= 200 && r.status < 300 ? 'ok' : 'unexpected');

export const STEPS: readonly FunnelStep[] = [
  {
    name: 'visit',
    takes: (s, follow) => s.pageViews < (follow ? s.applicant.traits.pageViews : 1),
    repeats: true,
    think: (_a, s) => (s.pageViews === 0 ? 0 : PAGE_READ_SECONDS),
    // The landing page first, then the programme page (what the wave offers) for every further view.
    request: (s) => ({ method: 'GET', path: s.pageViews === 0 ? '/' : '/api/v1/programme', headers: {} }),
    accept: ok2xx,
  },
  {
    name: 'account',
    takes: () => true, // an arrival is a sign-up (the profile counts registrants)
    think: (a) => a.traits.thinkSeconds.account,
    request: (s) => {
      return {
        method: 'POST',
        path: '/api/v1/accounts',
        ...json({}, accountBody(s.applicant), idempotencyKey(s, 'account')),
      };
    },
    accept: (s, r) => {
      if (r.status === 409) return 'ok'; // only reached as ownEarlierSuccess: no token, see next()
      const token = (parseJson(r.body) as { accessToken?: unknown } | null)?.accessToken;
      if (r.status !== 201 && r.status !== 200) return 'unexpected';
      if (typeof token !== 'string') return 'unexpected';
      s.accessToken = token;
      return 'ok';
    },
    ownEarlierSuccess: 'GLB_ERR_ACCOUNT_EMAIL_TAKEN',
  },
  {
    name: 'outbox',
    takes: (s, follow) => (!follow || s.applicant.traits.willVerifyEmail) && s.accessToken !== null,
    think: (a) => a.traits.thinkSeconds.verifyEmail, // waiting for the mail, opening it
    request: (s) => ({ method: 'GET', path: '/api/v1/sandbox/outbox', headers: bearer(s) }),
    accept: (s, r) => {
      const code = (parseJson(r.body) as { code?: unknown } | null)?.code;
      if (r.status !== 200 || typeof code !== 'string') return 'unexpected';
      s.emailCode = code;
      return 'ok';
    },
  },
  {
    name: 'verify-email',
    takes: (s) => s.emailCode !== null,
    think: () => 0, // clicking the link in the mail
    request: (s) => ({
      method: 'POST',
      path: '/api/v1/email-verifications',
      ...json(bearer(s), { code: s.emailCode }, idempotencyKey(s, 'verify-email')),
    }),
    accept: ok2xx,
  },
  {
    name: 'profile',
    takes: (s, follow) => !follow || s.applicant.traits.willCompleteProfile,
    think: (a) => a.traits.thinkSeconds.profile,
    request: (s) => {
      const body = profileBody(s.applicant);
      return {
        method: 'PUT',
        path: '/api/v1/profile',
        ...json(bearer(s), body, idempotencyKey(s, 'profile')),
      };
    },
    accept: (_s, r) => (r.status === 200 || r.status === 202 || r.status === 409 ? 'ok' : 'unexpected'),
    ownEarlierSuccess: 'GLB_ERR_PROFILE_NIK_TAKEN',
  },
];

/** The steps a funnel journey can issue, in order. */
export const FUNNEL_STEPS: readonly string[] = STEPS.map((s) => s.name);

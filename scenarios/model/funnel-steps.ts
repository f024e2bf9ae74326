// The funnel's steps, in order: what each sends, the think time before it, whether this applicant takes it
// (the traits), and what a successful answer must hold. New steps (upload, test, join-wave) slot in here.
import type { Applicant, ApplicantTraits } from '../../generators/types.js';
import { photo } from '../../generators/photo.js';
import { answersFor, type QuestionView } from './assessment-answers.js';
import { multipartBody } from './multipart.js';
import { accountBody, profileBody } from './request-bodies.js';
import { CLIENT_ERROR_CODES, parseJson } from './responses.js';
import type { JourneyAction, JourneyEnd, StepRequest, StepResponse } from './types.js';

/** Per journey, and a journey in flight keeps it for minutes (think times): at the launch's peak hundreds of
 *  thousands are held at once, so it keeps only what the remaining steps read. Not the applicant record
 *  (~1.4 KB of strings): the few steps that send its fields regenerate it with `applicantOf` (pure, ~2 µs);
 *  not the test's questions: their answers, as the request body. */
export interface FunnelState {
  seed: number;
  index: number;
  /** The applicant's traits (what they will do, their think times), read by every step. */
  traits: ApplicantTraits;
  /** The journey's applicant source (generators' applicant, or a test's), shared by every state. */
  applicantOf: (seed: number, index: number) => Applicant;
  /** Position in STEPS, and page views made so far. */
  stepIndex: number;
  pageViews: number;
  /** Attempts sent for the current action (1 after the first send). */
  attempts: number;
  action: JourneyAction | null;
  retrying: boolean;
  accessToken: string | null;
  emailCode: string | null;
  /** The profile's NIK status as last answered (verified, pending, rejected). */
  nikStatus: string | null;
  nikPolls: number;
  /** The registry's reason when a pending NIK was later rejected. */
  nikReason: string | null;
  uploaded: boolean;
  /** The aptitude test's answers as the request body (JSON), once the questions came. */
  testAnswers: string | null;
  testPassed: boolean | null;
  waveId: number | null;
  /** A returning applicant (wave-open): registered, verified and tested in an earlier week. */
  returning: boolean;
  lastStep: string | null;
  end: JourneyEnd | null;
}

/** A fresh state for applicant (seed, index), with its traits, whose record `applicantOf(seed, index)` makes. */
export function initialState(
  seed: number,
  index: number,
  traits: ApplicantTraits,
  applicantOf: (seed: number, index: number) => Applicant,
): FunnelState {
  return {
    seed,
    index,
    traits,
    applicantOf,
    stepIndex: 0,
    pageViews: 0,
    attempts: 0,
    action: null,
    retrying: false,
    accessToken: null,
    emailCode: null,
    nikStatus: null,
    nikPolls: 0,
    nikReason: null,
    uploaded: false,
    testAnswers: null,
    testPassed: null,
    waveId: null,
    returning: false,
    lastStep: null,
    end: null,
  };
}

/** Reading one page before the next (assumption: a short read of the landing page, FAQ, programme). */
export const PAGE_READ_SECONDS = 5;
/** A pending NIK check: the applicant looks again every 30 s, at most 20 times (assumptions). */
export const NIK_POLL_SECONDS = 30;
export const NIK_POLLS = 20;

/** The applicant record of a state, made again (the state does not keep it). */
const applicantOf = (s: FunnelState): Applicant => s.applicantOf(s.seed, s.index);

/** `follow`: whether the journey follows the applicant's traits (false in the smoke journey). */
type Accept = (state: FunnelState, response: StepResponse, follow: boolean) => 'ok' | 'unexpected';

export interface FunnelStep {
  name: string;
  /** Does this applicant take the step, once the steps before it succeeded? */
  takes(state: FunnelState, followTraits: boolean): boolean;
  /** Repeated while takes() holds, then the journey moves on (page views); otherwise not taking a step
   *  ends the journey as dropped-out. */
  repeats?: boolean;
  think(t: ApplicantTraits, state: FunnelState): number;
  /** `follow`: whether the journey follows the applicant's traits (false in the smoke journey). */
  request(state: FunnelState, follow?: boolean): StepRequest;
  accept: Accept;
  /** Whether an accepted answer completes the step (default yes): a profile answered 202 pending is not
   *  done until the registry has verified the NIK. */
  done?(state: FunnelState): boolean;
  /** A code when an accepted answer still refuses the applicant (a pending NIK later rejected): the
   *  journey ends abandoned with it. */
  rejection?(state: FunnelState): string | undefined;
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
const signInRequest = (s: FunnelState): StepRequest => {
  const { email, password } = applicantOf(s);
  return { method: 'POST', path: '/api/v1/sessions', ...json({}, { email, password }) };
};
const acceptSignIn = (s: FunnelState, r: StepResponse): 'ok' | 'unexpected' => {
  const token = (parseJson(r.body) as { accessToken?: unknown } | null)?.accessToken;
  if (r.status !== 201 || typeof token !== 'string') return 'unexpected';
  s.accessToken = token;
  return 'ok';
};

const EARLY_STEPS: readonly FunnelStep[] = [
  {
    name: 'visit',
    takes: (s, follow) => s.pageViews < (follow ? s.traits.pageViews : 1),
    repeats: true,
    think: (_a, s) => (s.pageViews === 0 ? 0 : PAGE_READ_SECONDS),
    // The landing page first, then the programme page (what the wave offers) for every further view.
    request: (s) => ({ method: 'GET', path: s.pageViews === 0 ? '/' : '/api/v1/programme', headers: {} }),
    accept: ok2xx,
  },
  {
    name: 'account',
    takes: () => true, // an arrival is a sign-up (the profile counts registrants)
    think: (t) => t.thinkSeconds.account,
    request: (s) => {
      return {
        method: 'POST',
        path: '/api/v1/accounts',
        ...json({}, accountBody(applicantOf(s)), idempotencyKey(s, 'account')),
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
    // Only after an account step that counted our own lost earlier attempt (409 on a retry): the answer
    // with the token was lost, so the applicant signs in, as a person would.
    name: 'recover-sign-in',
    takes: (s) => s.accessToken === null && s.lastStep === 'account',
    repeats: true, // an optional step: skipped when not needed
    think: () => PAGE_READ_SECONDS,
    request: (s) => signInRequest(s),
    accept: acceptSignIn,
  },
  {
    name: 'outbox',
    takes: (s, follow) => (!follow || s.traits.willVerifyEmail) && s.accessToken !== null,
    think: (t) => t.thinkSeconds.verifyEmail, // waiting for the mail, opening it
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
    takes: (s, follow) => !follow || s.traits.willCompleteProfile,
    think: (t) => t.thinkSeconds.profile,
    request: (s) => {
      const body = profileBody(applicantOf(s));
      return {
        method: 'PUT',
        path: '/api/v1/profile',
        ...json(bearer(s), body, idempotencyKey(s, 'profile')),
      };
    },
    accept: (s, r) => {
      if (r.status === 200) s.nikStatus = 'verified';
      else if (r.status === 202) s.nikStatus = 'pending';
      else if (r.status === 409)
        s.nikStatus = 'verified'; // our own earlier save (ownEarlierSuccess)
      else return 'unexpected';
      return 'ok';
    },
    done: (s) => s.nikStatus === 'verified',
    ownEarlierSuccess: 'GLB_ERR_PROFILE_NIK_TAKEN',
  },
];

const PARTS = ['ktp', 'selfie'] as const;

/** The steps after the profile (issue 10): wait for a pending NIK check, upload the KTP photo and selfie,
 *  take the aptitude test, see the current wave, join it. Shared with the wave-open journey (the last two). */
export const WAVE_STEPS: readonly FunnelStep[] = [
  {
    name: 'wave',
    // Returning applicants came for this: a wave opening is a crowd of people who want a place.
    takes: (s, follow) => s.testPassed === true && (!follow || s.returning || s.traits.willJoinWave),
    think: (t) => t.thinkSeconds.joinWave,
    request: (s) => ({ method: 'GET', path: '/api/v1/waves/current', headers: bearer(s) }),
    accept: (s, r) => {
      const id = (parseJson(r.body) as { id?: unknown } | null)?.id;
      if (r.status !== 200 || typeof id !== 'number') return 'unexpected';
      s.waveId = id;
      return 'ok';
    },
  },
  {
    name: 'join-wave',
    takes: (s) => s.waveId !== null,
    think: () => 0, // pressing "Join Batch" on the wave's page
    request: (s) => ({
      method: 'POST',
      path: `/api/v1/waves/${s.waveId}/join`,
      headers: bearer(s), // a retried join is safe without a key: a place held is the answer
    }),
    // 200 whether the place is on the wave asked for or, when it is full, on the next (the 2020 rule).
    accept: ok2xx,
  },
];

const LATER_STEPS: readonly FunnelStep[] = [
  {
    name: 'await-nik',
    takes: (s) => s.nikStatus === 'pending' && s.nikPolls < NIK_POLLS,
    repeats: true,
    think: () => NIK_POLL_SECONDS,
    request: (s) => ({ method: 'GET', path: '/api/v1/profile', headers: bearer(s) }),
    accept: (s, r) => {
      const body = parseJson(r.body) as { status?: unknown; statusReason?: unknown } | null;
      if (r.status !== 200 || typeof body?.status !== 'string') return 'unexpected';
      s.nikStatus = body.status;
      s.nikReason = typeof body.statusReason === 'string' ? body.statusReason : null;
      s.nikPolls += 1;
      return 'ok';
    },
    // The NIK counts as verified only now; a rejection found later refuses the applicant as at the profile.
    done: (s) => s.nikStatus === 'verified',
    rejection: (s) =>
      s.nikStatus === 'rejected' ? (s.nikReason ?? CLIENT_ERROR_CODES.UNEXPECTED_BODY) : undefined,
  },
  {
    name: 'upload',
    takes: (s, follow) => s.nikStatus === 'verified' && (!follow || s.traits.willUpload),
    think: (t) => t.thinkSeconds.upload,
    request: (s) => {
      const { contentType, body } = multipartBody(
        PARTS.map((part) => ({
          name: part,
          filename: `${part}.jpg`,
          contentType: 'image/jpeg',
          bytes: photo(s.seed, s.index, part),
        })),
        `----gelombang-${s.seed}-${s.index}-d4f1c9e2b7a35086`,
      );
      return {
        method: 'POST',
        path: '/api/v1/documents',
        headers: { ...bearer(s), 'content-type': contentType },
        body,
      };
    },
    accept: (s, r) => {
      if (r.status !== 201) return 'unexpected';
      s.uploaded = true;
      return 'ok';
    },
  },
  {
    name: 'test-questions',
    takes: (s) => s.uploaded,
    think: () => PAGE_READ_SECONDS,
    request: (s) => ({ method: 'GET', path: '/api/v1/assessment', headers: bearer(s) }),
    // The answers are made now, while the questions are at hand: a journey then thinks ~15 minutes about
    // the test, and holding the questions (~1–2 KB of objects) for that long costs more than their answers.
    accept: (s, r, follow) => {
      const questions = (parseJson(r.body) as { questions?: unknown } | null)?.questions;
      if (r.status !== 200 || !Array.isArray(questions)) return 'unexpected';
      const answers = answersFor(questions as QuestionView[], !follow || s.traits.willPassTest);
      s.testAnswers = JSON.stringify({ answers });
      return 'ok';
    },
  },
  {
    name: 'test',
    takes: (s) => s.testAnswers !== null,
    think: (t) => t.thinkSeconds.test,
    request: (s) => ({
      method: 'POST',
      path: '/api/v1/assessment',
      headers: { ...bearer(s), 'content-type': 'application/json' },
      body: s.testAnswers!,
    }),
    accept: (s, r) => {
      const passed = (parseJson(r.body) as { passed?: unknown } | null)?.passed;
      if (r.status !== 200 || typeof passed !== 'boolean') return 'unexpected';
      s.testPassed = passed;
      return 'ok';
    },
  },
  ...WAVE_STEPS,
];

/** The whole funnel, in order. */
export const STEPS: readonly FunnelStep[] = [...EARLY_STEPS, ...LATER_STEPS];

/** The steps a funnel journey can issue, in order. */
export const FUNNEL_STEPS: readonly string[] = STEPS.map((s) => s.name);

/** Steps a journey takes only when something went astray: a pending NIK (await-nik) or a lost sign-up answer
 *  (recover-sign-in). A run against a healthy service need not show them; every other step it must. */
export const RECOVERY_STEPS: readonly string[] = ['await-nik', 'recover-sign-in'];

/** Wave-open day as in 2020: applicants who registered in earlier weeks come back, sign in and join. The
 *  first step is the sandbox fixture that stands for those earlier weeks (routes/sandbox-returning.ts). */
export const RETURNING_STEPS: readonly FunnelStep[] = [
  {
    name: 'returning',
    takes: () => true,
    think: () => 0,
    request: (s) => ({
      method: 'POST',
      path: '/api/v1/sandbox/returning-applicants',
      ...json({}, { account: accountBody(applicantOf(s)), profile: profileBody(applicantOf(s)) }),
    }),
    accept: (s, r) => {
      if (r.status !== 200) return 'unexpected';
      s.returning = true;
      return 'ok';
    },
  },
  {
    name: 'sign-in',
    takes: (s) => s.returning,
    think: () => 0, // the arrival is the person signing in when the wave opens
    request: (s) => signInRequest(s),
    accept: (s, r) => {
      if (acceptSignIn(s, r) !== 'ok') return 'unexpected';
      s.testPassed = true; // passed in an earlier week
      return 'ok';
    },
  },
  ...WAVE_STEPS,
];

/** The wave-open journey's steps, in order. */
export const RETURNING_STEP_NAMES: readonly string[] = RETURNING_STEPS.map((s) => s.name);

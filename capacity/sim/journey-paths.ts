// The funnel as the simulator sees it, derived from the SAME journey code the engine and k6 run
// (scenarios/model/journeys.ts), never restated: for a sample of the scenario's applicants, the journey is
// driven with a responder that answers as a working service would, and the path each applicant takes is
// recorded: the steps in order, the think time before each, and whether it ends completed, dropped out, or
// abandoned because the service rightly rejected the applicant (generators' expectedFunnel()). A second
// drive answers every attempt of the first request with 503 until the applicant gives up: how many times
// they retry (their patience) and the journey's human retry delays. New steps in the journey's step list
// appear here without a change.
import { applicant as defaultApplicant, expectedFunnel } from '../../generators/index.js';
import type { Applicant } from '../../generators/types.js';
import { getJourney } from '../../scenarios/model/journeys.js';
import type { JourneyAction, JourneyEnd, StepResponse } from '../../scenarios/model/types.js';

export const END_COMPLETED = 0;
export const END_DROPPED_OUT = 1;
export const END_ABANDONED = 2;

/** Paths in typed arrays: path p's steps are stepOf[offset[p] … offset[p] + length[p] − 1]. */
export interface JourneyPaths {
  journey: string;
  /** The journey's step names; stepOf holds indices into it. */
  steps: readonly string[];
  count: number;
  offset: Int32Array;
  length: Uint16Array;
  stepOf: Uint8Array;
  /** Think time before each request, seconds at thinkScale 1. */
  thinkSeconds: Float32Array;
  /** How a path ends when every answer is what a working service gives (END_*); an abandoned path's last
   *  request is the one the service rejects. */
  end: Uint8Array;
  /** Retries of a failing request before giving up. */
  patience: Uint8Array;
  /** The journey's human retry delays, seconds at thinkScale 1 (the simulator draws from them). */
  retryDelays: Float32Array;
}

/** Which expectedFunnel() flag says the service accepts each step (steps not listed always succeed). */
const ACCEPTED_BY: Readonly<Record<string, keyof ReturnType<typeof expectedFunnel>>> = {
  account: 'registers',
  'verify-email': 'verifiesEmail',
  profile: 'verifiesNik',
  upload: 'uploads',
  test: 'passesTest',
  'join-wave': 'joinsBatch',
};
// (expectedFunnel's 'test' flag is graded in answer(); a student is refused at 'join-wave'.)

// What a working service answers, in one body that satisfies every step's accept(): a token (account,
// sign-in), the mail's code (outbox), a verified NIK (profile, await-nik), the current wave's id, the test's
// questions and verdict. The steps that create something answer 201 (api.md), the rest 200.
const CREATED_STEPS = new Set(['account', 'upload', 'sign-in']);
const body = (passed: boolean) =>
  JSON.stringify({ accessToken: 'sim', code: 'sim', status: 'verified', id: 1, questions: [], passed });
const OK_BODY = body(true);
const FAILED_TEST_BODY = body(false);
const ok = (status: number, text = OK_BODY): StepResponse => ({ status, headers: {}, body: text });
const REJECTED: StepResponse = {
  status: 422,
  headers: {},
  body: JSON.stringify({ code: 'GLB_ERR_SIM_REJECTED' }),
};
const UNAVAILABLE: StepResponse = {
  status: 503,
  headers: {},
  body: JSON.stringify({ code: 'GLB_ERR_SIM_UNAVAILABLE' }),
};

/** What the service accepts of this applicant: expectedFunnel() with every behaviour trait on, so only the
 *  data (duplicate email, NIK unknown to the registry or contradicting it, under age) decides. A journey
 *  that does not follow traits (smoke) still sends every step; a trait never makes the service say no. */
function serviceVerdicts(a: Applicant): ReturnType<typeof expectedFunnel> {
  const t = a.traits;
  return expectedFunnel({
    ...a,
    traits: {
      ...t,
      willVerifyEmail: true,
      willCompleteProfile: true,
      willUpload: true,
      willPassTest: true,
      willJoinWave: true,
    },
  });
}

function answer(
  a: Applicant | undefined,
  verdicts: ReturnType<typeof expectedFunnel> | null,
  action: JourneyAction,
  followsTraits: boolean,
): StepResponse {
  const flag = ACCEPTED_BY[action.step];
  // The test grades the answers, which the applicant's trait decides (a journey that does not follow
  // traits, smoke, answers right): a failed test is an answer, not a 4xx.
  if (action.step === 'test')
    return ok(200, a === undefined || !followsTraits || a.traits.willPassTest ? OK_BODY : FAILED_TEST_BODY);
  if (verdicts !== null && flag !== undefined && !verdicts[flag]) return REJECTED;
  return ok(CREATED_STEPS.has(action.step) ? 201 : 200);
}

const endCode = (e: JourneyEnd): number =>
  e.result === 'completed' ? END_COMPLETED : e.result === 'dropped-out' ? END_DROPPED_OUT : END_ABANDONED;

/** Paths of applicants startIndex … startIndex + count − 1 of `seed` through the named journey. */
export function buildJourneyPaths(
  journeyName: string,
  seed: number,
  startIndex: number,
  count: number,
  applicantOf: (seed: number, index: number) => Applicant = defaultApplicant,
): JourneyPaths {
  let current: Applicant | undefined;
  // The patience probe starts the same applicant again: it reuses the one just generated (generation is
  // a pure function of seed and index, and the journey only reads it), which halves the fixed cost.
  let lastSeed = Number.NaN;
  let lastIndex = -1;
  let last: Applicant | undefined;
  const recording = (s: number, i: number): Applicant => {
    if (last === undefined || s !== lastSeed || i !== lastIndex) {
      last = applicantOf(s, i);
      lastSeed = s;
      lastIndex = i;
    }
    current = last;
    return current;
  };
  const journey = getJourney(journeyName, { thinkScale: 1, applicantOf: recording });
  const steps = journey.steps;
  if (steps.length > 255) throw new RangeError(`journey ${journeyName} has more than 255 steps`);
  const stepIndex = new Map(steps.map((name, i) => [name, i]));
  const offset = new Int32Array(count);
  const length = new Uint16Array(count);
  const end = new Uint8Array(count);
  const patience = new Uint8Array(count);
  let stepOf = new Uint8Array(count * 8);
  let thinkSeconds = new Float32Array(count * 8);
  const delays: number[] = [];
  let n = 0;
  for (let p = 0; p < count; p++) {
    const index = startIndex + p;
    current = undefined;
    const state = journey.start(seed, index);
    offset[p] = n;
    const verdicts = current === undefined ? null : serviceVerdicts(current);
    let action = journey.next(state);
    while (action.kind === 'request') {
      if (n === stepOf.length) {
        stepOf = grow(stepOf, new Uint8Array(n * 2));
        thinkSeconds = grow(thinkSeconds, new Float32Array(n * 2));
      }
      stepOf[n] = stepIndex.get(action.step) ?? 0;
      thinkSeconds[n] = action.thinkSeconds;
      n += 1;
      const outcome = journey.onResponse(
        state,
        action,
        answer(current, verdicts, action, journey.followsTraits !== false),
      );
      if (outcome.kind === 'abandon') break;
      action = journey.next(state);
    }
    length[p] = n - offset[p]!;
    const last = journey.next(state);
    end[p] = last.kind === 'end' ? endCode(last) : END_ABANDONED;

    // Patience and retry delays: the first request fails until the applicant gives up.
    const probe = journey.start(seed, index);
    const first = journey.next(probe);
    let retries = 0;
    if (first.kind === 'request') {
      for (;;) {
        const outcome = journey.onResponse(probe, first, UNAVAILABLE);
        if (outcome.kind !== 'retry') break;
        retries += 1;
        delays.push(outcome.afterSeconds);
        if (retries >= 255) break;
      }
    }
    patience[p] = retries;
  }
  return {
    journey: journeyName,
    steps,
    count,
    offset,
    length,
    stepOf: stepOf.subarray(0, n),
    thinkSeconds: thinkSeconds.subarray(0, n),
    end,
    patience,
    retryDelays: Float32Array.from(delays.length > 0 ? delays : [1]),
  };
}

function grow<T extends Uint8Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

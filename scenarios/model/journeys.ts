// The journey registry: a scenario names its journey, runners ask for it here.
//
// How a runner drives a journey (the loop of types.ts): after a `retry` outcome, wait afterSeconds and send
// the same action.request again, passing the answer to onResponse; or call next(), which returns that same
// request with thinkSeconds 0. Either way the Idempotency-Key stays the same. State is per arrival.
import { applicant, applicantTraits } from '../../generators/index.js';
import type { Applicant } from '../../generators/types.js';
import { SCENARIO_ERROR_CODES, ScenarioError } from './errors.js';
import { createFunnelJourney } from './funnel-journey.js';
import { RETURNING_STEPS } from './funnel-steps.js';
import { createPingJourney } from './ping-journey.js';
import type { Journey } from './types.js';

export interface JourneyOptions {
  /** Multiplies think times and human retry delays; a compressed replay passes 1 / timeScale. Default 1. */
  thinkScale?: number;
  /** Applicant source; default generators' applicant(seed, index). */
  applicantOf?: (seed: number, index: number) => Applicant;
}

/** The applicant source and, for the generators' own, its cheap traits-only path (funnel-journey.ts). */
const source = (o: JourneyOptions) =>
  o.applicantOf === undefined
    ? { applicantOf: applicant, traitsOf: applicantTraits }
    : { applicantOf: o.applicantOf };

const FACTORIES: Readonly<Record<string, (options: JourneyOptions) => Journey>> = {
  funnel: (o) => createFunnelJourney({ ...source(o), thinkScale: o.thinkScale ?? 1 }),
  smoke: (o) =>
    createFunnelJourney({
      name: 'smoke',
      description:
        'Every arrival through every step: a page view, account, email, profile, upload, test, Join Batch; no think time',
      ...source(o),
      thinkScale: o.thinkScale ?? 1,
      followTraits: false,
      patience: 3,
    }),
  'wave-open': (o) =>
    createFunnelJourney({
      name: 'wave-open',
      description:
        'A wave opens: applicants from earlier weeks (sandbox fixture) sign in, read the current wave and join it',
      ...source(o),
      thinkScale: o.thinkScale ?? 1,
      steps: RETURNING_STEPS,
    }),
  ping: () => createPingJourney(),
};

export const JOURNEY_NAMES: readonly string[] = Object.keys(FACTORIES);

export function getJourney(name: string, options: JourneyOptions = {}): Journey {
  const factory = FACTORIES[name];
  if (factory === undefined) {
    throw new ScenarioError(
      SCENARIO_ERROR_CODES.UNKNOWN_JOURNEY,
      `unknown journey "${name}"; choose one of ${JOURNEY_NAMES.join(', ')}`,
    );
  }
  return factory(options);
}

// A probed step's request, built by the funnel's own step definitions (scenarios/model/funnel-steps.ts), and
// the prerequisite steps that must succeed first (an account and its token, a verified email…), done over
// HTTP before a level's clock starts. No route is described twice: paths, bodies and headers come from STEPS.
import { applicant } from '../../generators/index.js';
import type { StepTransport } from '../engine/http-transport.js';
import { createFunnelJourney } from '../model/funnel-journey.js';
import { type FunnelState, STEPS } from '../model/funnel-steps.js';
import { errorCodeOf } from '../model/responses.js';
import type { StepRequest } from '../model/types.js';

// The funnel journey's own start(): the same state the engine's runs begin with.
const FUNNEL = createFunnelJourney({ applicantOf: applicant, followTraits: false });

/** A fresh journey state for applicant (seed, index), at the start of the funnel. */
export function startState(seed: number, index: number): FunnelState {
  return FUNNEL.start(seed, index);
}

export function stepIndexOf(step: string): number {
  const i = STEPS.findIndex((s) => s.name === step);
  if (i < 0) throw new RangeError(`no funnel step "${step}"`);
  return i;
}

/** The steps before `step` that it depends on: from the account on, without repeated page views. */
export function prerequisitesOf(step: string): number[] {
  const target = stepIndexOf(step);
  const first = stepIndexOf('account');
  const out: number[] = [];
  for (let i = first; i < target; i++) if (!STEPS[i]!.repeats) out.push(i);
  return out;
}

/** The probed request for a state whose prerequisites are done. */
export function requestFor(state: FunnelState, step: string): StepRequest {
  state.stepIndex = stepIndexOf(step);
  return STEPS[state.stepIndex]!.request(state);
}

/** Walks one applicant through the prerequisites; null when all succeeded, else the failing error code. */
export async function prepareState(
  transport: StepTransport,
  state: FunnelState,
  prerequisites: readonly number[],
): Promise<string | null> {
  for (const i of prerequisites) {
    const step = STEPS[i]!;
    state.stepIndex = i;
    const { response } = await transport.send(step.request(state));
    if (response.status < 200 || response.status >= 300) return errorCodeOf(response);
    if (step.accept(state, response, false) !== 'ok') return `GLB_ERR_CLIENT_UNEXPECTED_BODY`;
    state.lastStep = step.name;
  }
  return null;
}

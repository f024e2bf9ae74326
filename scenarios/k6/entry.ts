// The thin k6 entry of one scenario. build.ts bundles it once per scenario, replacing __GELOMBANG_PLAN__ with
// that scenario's plan (plan.ts, as JSON); everything else comes from the scenario model.
import type { K6Plan } from './plan.js';
import { k6Script } from './script.js';

declare const __GELOMBANG_PLAN__: K6Plan;

const script = k6Script(__GELOMBANG_PLAN__);

export const options = script.options;
export const setup = script.setup;
export const journey = script.journey;
export default script.journey;

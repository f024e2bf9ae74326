// The capacity package's programmatic API (types.ts CapacityApi): what the CLI, the report and
// `gelombang demo` call.
import { calibrate } from './calibrate.js';
import { defaultModel, loadModel } from './model/load-model.js';
import { plan } from './plan.js';
import { simulate } from './sim/simulate.js';
import type { CapacityApi } from './types.js';
import { planWaves } from './waves.js';

export { calibrate, defaultModel, loadModel, plan, planWaves, simulate };
export { CapacityError, CAPACITY_ERROR_CODES } from './errors.js';
export type * from './types.js';

export const capacity: CapacityApi = { simulate, plan, planWaves, calibrate, defaultModel, loadModel };

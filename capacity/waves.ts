// planWaves(): the 2020 rules applied week by week (launch-facts.md): a weekly quota of about 164,000
// places; registrations that find no place wait for the next wave without registering again (overflow);
// registrations grow from 1,432,133 on the first day to 15.9 M by 4 September 2020.
//
// Growth between those anchors: cumulative registrations R(d) = R₁ · d^b on day d (d = 1 is the opening
// day; 4 September is day 147), with b fixed by R(147) = 15.9 M (b ≈ 0.481). The same curve gives 2.0 M after two days, which
// the news reported as "almost 2 million" (launch-facts.md): a power law through three public points.
// A wave's peak: each wave's first day is assumed to follow the launch day's curve, scaled to that day's
// registrations, so its busiest minute is the launch day's (80,000) × R(first day) / 1,432,133. That scale
// is the launch-day profile's --scale for sizing the wave with plan().
import { LAUNCH_DAY_OPENS_AT, LAUNCH_DAY_TOTAL } from '../scenarios/model/profiles/launch-day-fit.js';
import { getScenario } from '../scenarios/model/scenarios.js';
import { compileProfile } from '../scenarios/model/profile.js';
import { CAPACITY_ERROR_CODES, CapacityError } from './errors.js';
import { modelRef } from './model/load-model.js';
import { plan } from './plan.js';
import {
  type CapacityModel,
  WAVE_PLAN_KIND,
  WAVE_PLAN_VERSION,
  type WavePlan,
  type WavePlanOptions,
  type WaveRow,
  type WaveRules,
} from './types.js';

export const DEFAULT_WAVE_RULES: WaveRules = {
  weeklyQuota: 164_000,
  firstDayRegistrations: LAUNCH_DAY_TOTAL,
  cumulativeRegistrations: 15_900_000,
  openDate: LAUNCH_DAY_OPENS_AT.slice(0, 10),
  cumulativeDate: '2020-09-04',
  overflow: true,
};

const DAY_MS = 86_400_000;

/** Cumulative registrations by the end of day d (1-based), the power law through the rules' anchors. */
export function cumulativeRegistrations(rules: WaveRules, day: number): number {
  if (day <= 0) return 0;
  const span = (Date.parse(rules.cumulativeDate) - Date.parse(rules.openDate)) / DAY_MS + 1;
  const b = Math.log(rules.cumulativeRegistrations / rules.firstDayRegistrations) / Math.log(span);
  return rules.firstDayRegistrations * day ** b;
}

export function planWaves(modelIn: CapacityModel, options: WavePlanOptions = {}): WavePlan {
  const rules: WaveRules = { ...DEFAULT_WAVE_RULES, ...options.rules };
  const fail = (message: string): never => {
    throw new CapacityError(CAPACITY_ERROR_CODES.OPTIONS_INVALID, message);
  };
  if (!(rules.weeklyQuota > 0)) fail(`weekly quota must be > 0, got ${rules.weeklyQuota}`);
  if (!(rules.cumulativeRegistrations > rules.firstDayRegistrations && rules.firstDayRegistrations > 0)) {
    fail('cumulative registrations must exceed the first day registrations, both > 0');
  }
  const span = (Date.parse(rules.cumulativeDate) - Date.parse(rules.openDate)) / DAY_MS + 1;
  if (!(span > 1)) fail(`cumulativeDate ${rules.cumulativeDate} must come after openDate ${rules.openDate}`);
  const waves = options.waves ?? Math.ceil(span / 7);
  if (!(Number.isInteger(waves) && waves >= 1 && waves <= 520))
    fail(`waves must be a whole number from 1 to 520, got ${waves}`);

  const launch = getScenario('launch-day');
  const peakPerSecond = compileProfile(launch.profile, { scale: 1, timeScale: 1 }).peak.rate;
  const slos = options.slos ?? [];
  const rows: WaveRow[] = [];
  let backlog = 0;
  for (let w = 1; w <= waves; w++) {
    const firstDay = 7 * (w - 1) + 1;
    const registrations =
      Math.round(cumulativeRegistrations(rules, 7 * w)) -
      Math.round(cumulativeRegistrations(rules, firstDay - 1));
    const dayOne = cumulativeRegistrations(rules, firstDay) - cumulativeRegistrations(rules, firstDay - 1);
    const profileScale = dayOne / LAUNCH_DAY_TOTAL; // the launch-day profile holds LAUNCH_DAY_TOTAL
    const waiting = backlog + registrations;
    const accepted = Math.min(rules.weeklyQuota, waiting);
    const overflowOut = rules.overflow ? waiting - accepted : 0;
    const row: WaveRow = {
      wave: w,
      opensOn: new Date(Date.parse(rules.openDate) + (firstDay - 1) * DAY_MS).toISOString().slice(0, 10),
      registrations,
      cumulativeRegistrations: Math.round(cumulativeRegistrations(rules, 7 * w)),
      backlogIn: backlog,
      accepted,
      overflowOut,
      expectedPeakPerMinute: Math.round(peakPerSecond * 60 * profileScale),
      expectedPeakPerSecond: Number((peakPerSecond * profileScale).toPrecision(6)),
      profileScale: Number(profileScale.toPrecision(6)),
      sizing: null,
      sizingOk: null,
    };
    if (slos.length > 0) {
      options.onProgress?.({ label: `sizing wave ${w}/${waves}`, fraction: (w - 1) / waves });
      const sized = plan(launch, modelIn, {
        slos,
        scale: profileScale,
        durationSeconds: options.durationSeconds ?? 3 * 3600,
        replications: options.replications ?? 2,
        seed: options.seed,
        overrides: options.overrides,
        modelPath: options.modelPath,
      });
      row.sizing = sized.recommendation;
      row.sizingOk = sized.recommendation !== null;
    }
    rows.push(row);
    backlog = overflowOut;
  }
  options.onProgress?.({ label: 'wave plan done', fraction: 1 });
  return {
    kind: WAVE_PLAN_KIND,
    version: WAVE_PLAN_VERSION,
    model: modelRef(modelIn, options.modelPath ?? null, options.overrides ?? {}),
    rules,
    slos,
    waves: rows,
  };
}

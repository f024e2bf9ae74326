// How the launch-day curve was made: a three-part model fitted to the public anchors, then rounded to whole
// sign-ups per minute. The result is stored as data in launch-day-data.ts (regenerate with
// `npx tsx scenarios/model/profiles/generate-launch-day.ts > scenarios/model/profiles/launch-day-data.ts`);
// launch-day.test.ts checks that the stored data still equals this function's output and meets the anchors.
//
// Only two figures of the day are public (launch-facts.md, seed 001): a peak of 80,000 sign-ups within one
// minute, and 1,432,133 registered 21 hours after the 19:00 WIB opening. The shape between them is a model:
//   c(m) = A·e^(−m/τ₁)           the opening crush: people waiting for 19:00 press Register at once
//        + βA·e^(−m/τ₂)          the evening decay: word spreads, the news, retries of the first hour
//        + D·d(clock hour of m)  the everyday background: a night trough and a morning rise
// with d(h) = q + (1 − q)·(1 − cos(2π(h − hₘᵢₙ)/24))/2, lowest at hₘᵢₙ (03:30 WIB) and highest 12 h later.
// τ₁, τ₂, β, q and hₘᵢₙ are judgement (stated below); A and D are solved exactly from the two anchors
// (a 2×2 linear system: c(0) = peak, Σc = total). Rounding keeps minute 0 at exactly 80,000 and spreads the
// remainder over the other minutes by largest remainder, so the stored total is exact too.

/** Registration opened Saturday 11 April 2020, 19:00 WIB (UTC+7): minute 0 of the profile. (seed 001) */
export const LAUNCH_DAY_OPENS_AT = '2020-04-11T19:00:00+07:00';
/** 21 hours: 19:00 Saturday to 16:00 Sunday, when 1,432,133 had registered. (seed 001) */
export const LAUNCH_DAY_MINUTES = 21 * 60;
/** Registered 21 hours after the opening. (launch-facts.md, seed 001) */
export const LAUNCH_DAY_TOTAL = 1_432_133;
/** "80,000 registrants within one minute, at the same time", at the opening. (launch-facts.md, seed 001) */
export const LAUNCH_DAY_PEAK_MINUTE_COUNT = 80_000;
/** The peak is the opening minute, 19:00–19:01 WIB: the crowd waited for the announced time. */
export const LAUNCH_DAY_PEAK_MINUTE = 0;

/** Judgement parameters of the shape (not public figures). */
export const LAUNCH_DAY_SHAPE = {
  /** Minutes for the opening crush to fall by e: most of those waiting are through in ~10 minutes. */
  crushMinutes: 4,
  /** Minutes for the evening wave to fall by e: the first evening's news cycle, ~3 hours to a tenth. */
  eveningMinutes: 75,
  /** Evening wave at 19:00 relative to the crush. */
  eveningShare: 0.1,
  /** Background at its lowest, relative to its highest: Indonesia asleep around 03:30. */
  nightTrough: 0.08,
  /** Clock hour (WIB) of the night trough; the background is highest 12 hours later. */
  troughHour: 3.5,
} as const;

const OPENING_HOUR = 19;

/** Share of the background's daily maximum at clock hour h (WIB). */
export function dailyBackground(hour: number): number {
  const { nightTrough, troughHour } = LAUNCH_DAY_SHAPE;
  return nightTrough + ((1 - nightTrough) * (1 - Math.cos((2 * Math.PI * (hour - troughHour)) / 24))) / 2;
}

/** Clock hour (WIB, fractional, 0–24) at the middle of launch-day minute m. */
export function launchDayClockHour(minute: number): number {
  return (OPENING_HOUR + (minute + 0.5) / 60) % 24;
}

/** The fitted model before rounding: sign-ups in minute m (real numbers), and the solved A and D. */
export function launchDayModel(): { counts: number[]; crush: number; background: number } {
  const { crushMinutes, eveningMinutes, eveningShare } = LAUNCH_DAY_SHAPE;
  const minutes = Array.from({ length: LAUNCH_DAY_MINUTES }, (_, m) => m);
  const decay = minutes.map(
    (m) => Math.exp(-m / crushMinutes) + eveningShare * Math.exp(-m / eveningMinutes),
  );
  const daily = minutes.map((m) => dailyBackground(launchDayClockHour(m)));
  // c(m) = A·decay(m) + D·daily(m); solve A·decay(0) + D·daily(0) = peak and A·Σdecay + D·Σdaily = total.
  const sumDecay = decay.reduce((s, x) => s + x, 0);
  const sumDaily = daily.reduce((s, x) => s + x, 0);
  const a11 = decay[0]!;
  const a12 = daily[0]!;
  const det = a11 * sumDaily - a12 * sumDecay;
  const crush = (LAUNCH_DAY_PEAK_MINUTE_COUNT * sumDaily - a12 * LAUNCH_DAY_TOTAL) / det;
  const background = (a11 * LAUNCH_DAY_TOTAL - sumDecay * LAUNCH_DAY_PEAK_MINUTE_COUNT) / det;
  return { counts: minutes.map((m) => crush * decay[m]! + background * daily[m]!), crush, background };
}

/** Whole sign-ups per minute: minute 0 exactly the peak, the sum exactly the total (largest remainder). */
export function fitLaunchDayCounts(): number[] {
  const real = launchDayModel().counts;
  const counts = real.map(Math.floor);
  counts[LAUNCH_DAY_PEAK_MINUTE] = LAUNCH_DAY_PEAK_MINUTE_COUNT;
  let missing = LAUNCH_DAY_TOTAL - counts.reduce((s, c) => s + c, 0);
  const byRemainder = real
    .map((x, m) => ({ m, remainder: x - Math.floor(x) }))
    .filter(({ m }) => m !== LAUNCH_DAY_PEAK_MINUTE)
    .sort((a, b) => b.remainder - a.remainder || a.m - b.m);
  for (const { m } of byRemainder) {
    if (missing <= 0) break;
    counts[m]! += 1;
    missing -= 1;
  }
  return counts;
}

/** The TypeScript source of launch-day-data.ts for these counts, packed as biome formats it (110 columns). */
export function renderLaunchDayData(counts: readonly number[]): string {
  const lines: string[] = [];
  let line = '';
  for (const count of counts) {
    const candidate = line === '' ? `  ${count},` : `${line} ${count},`;
    if (candidate.length > 110) {
      lines.push(line);
      line = `  ${count},`;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return [
    '// GENERATED by scenarios/model/profiles/generate-launch-day.ts from launch-day-fit.ts: do not edit.',
    '// Sign-ups per minute on launch day, minute 0 = Saturday 11 April 2020, 19:00–19:01 WIB; 1,260 minutes.',
    'export const LAUNCH_DAY_MINUTE_COUNTS: readonly number[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

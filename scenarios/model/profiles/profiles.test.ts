import { describe, expect, test } from 'vitest';
import { compileProfile } from '../profile.js';
import { summarizeProfile } from '../profile-summary.js';
import { breakpointProfile, breakpointReport } from './breakpoint.js';
import { pingProfile, smokeProfile } from './smoke.js';
import { LAUNCH_DAY_AVERAGE_RATE, soakProfile } from './soak.js';
import { spike80kProfile } from './spike-80k.js';
import { WAVE_QUOTA, waveOpenMinuteCounts, waveOpenProfile } from './wave-open.js';

const compile = (p: Parameters<typeof compileProfile>[0]) => compileProfile(p, { scale: 1, timeScale: 1 });

describe('synthetic profiles', () => {
  test.each([
    // profile, length s, expected arrivals, peak arrivals/s
    { p: spike80kProfile(), seconds: 330, total: 15 * (80_000 / 60) + 5 * 80_000, peak: 80_000 / 60 },
    { p: spike80kProfile({ minutes: 2, rampSeconds: 0 }), seconds: 120, total: 160_000, peak: 80_000 / 60 },
    { p: smokeProfile(), seconds: 30, total: 240, peak: 8 },
    { p: smokeProfile({ rate: 5, seconds: 40 }), seconds: 40, total: 200, peak: 5 },
    { p: pingProfile(), seconds: 20, total: 20_000, peak: 1000 },
    {
      p: soakProfile({ minutes: 10 }),
      seconds: 660,
      total: LAUNCH_DAY_AVERAGE_RATE * 630,
      peak: LAUNCH_DAY_AVERAGE_RATE,
    },
    {
      p: breakpointProfile({ fromRate: 0, toRate: 100, minutes: 10 }),
      seconds: 600,
      total: 30_000,
      peak: 100,
    },
  ])('$p.name: $seconds s, $total arrivals, peak $peak/s', ({ p, seconds, total, peak }) => {
    const c = compile(p);
    expect(c.durationSeconds).toBe(seconds);
    expect(c.totalArrivals).toBeCloseTo(total, 6);
    expect(c.peak.rate).toBeCloseTo(peak, 9);
  });

  test('soak runs at the launch-day average, ≈ 1,137 sign-ups/min', () => {
    expect(LAUNCH_DAY_AVERAGE_RATE * 60).toBeCloseTo(1136.6, 1);
  });

  test('wave-open: twice the weekly quota in 2 h, most in the first hour, falling every minute', () => {
    const counts = waveOpenMinuteCounts();
    expect(counts.reduce((s, c) => s + c, 0)).toBeCloseTo(2 * WAVE_QUOTA, 6);
    expect(counts.slice(0, 60).reduce((s, c) => s + c, 0) / (2 * WAVE_QUOTA)).toBeGreaterThan(0.9);
    expect(counts.every((c, i) => i === 0 || c < counts[i - 1]!)).toBe(true);
    const c = compile(waveOpenProfile());
    expect(c.totalArrivals).toBeCloseTo(2 * WAVE_QUOTA, 3);
    expect(c.peak.atSeconds).toBe(0);
    expect(c.expectedArrivals(0, 60)).toBeCloseTo(counts[0]!, 6);
  });
});

describe('breakpointReport', () => {
  const ramp = compile(breakpointProfile({ fromRate: 0, toRate: 600, minutes: 10 })); // rate = t arrivals/s

  test.each([
    {
      run: { lastPassedAtSeconds: 290, failedAtSeconds: 300 },
      held: false,
      lastHeldRate: 290,
      brokeAtRate: 300,
    },
    { run: { lastPassedAtSeconds: 0, failedAtSeconds: 10 }, held: false, lastHeldRate: 0, brokeAtRate: 10 },
    {
      run: { lastPassedAtSeconds: 600, failedAtSeconds: null },
      held: true,
      lastHeldRate: 600,
      brokeAtRate: null,
    },
  ])('$run → held $held, last rate that held $lastHeldRate', ({ run, held, lastHeldRate, brokeAtRate }) => {
    const r = breakpointReport(ramp, run);
    expect(r.held).toBe(held);
    expect(r.lastHeldRate).toBeCloseTo(lastHeldRate, 9);
    if (brokeAtRate === null) expect(r.brokeAtRate).toBeNull();
    else expect(r.brokeAtRate).toBeCloseTo(brokeAtRate, 9);
  });

  test('on a shape that falls, the last rate that held is the highest reached so far', () => {
    const spike = compile(spike80kProfile({ minutes: 1, rampSeconds: 60 }));
    expect(
      breakpointReport(spike, { lastPassedAtSeconds: 90, failedAtSeconds: 100 }).lastHeldRate,
    ).toBeCloseTo(80_000 / 60, 9);
  });
});

describe('summarizeProfile', () => {
  test('a sparkline that rises with a ramp and shows the launch crush first', () => {
    const s = summarizeProfile(compile(breakpointProfile({ fromRate: 0, toRate: 100, minutes: 10 })), 8);
    expect(s.sparkline).toBe('▁▂▃▄▅▆▇█');
    expect(s.meanRate).toBeCloseTo(50, 9);
    const spike = summarizeProfile(compile(spike80kProfile()), 11);
    expect(spike.sparkline.at(-1)).toBe('█');
  });
});

// The report's first screen in a planner's words: what was tested, whether it passed, what limits it, and
// the sizing sentence "to open wave N at X sign-ups/min with p95 < Y ms: K instances, C registry calls in
// flight, M DB connections". Pure: the report's sections in, sentences out.
import { formatCount, formatMs, formatRate } from '../scenarios/engine/format.js';
import type {
  Headline,
  PlanSection,
  ProbeSeries,
  RunSection,
  SimulationSection,
  Sizing,
} from './report-data.js';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function testedSentence(run: RunSection): string {
  const shape =
    run.scale === 1 && run.timeScale === 1 ? '' : ` at ${run.scale}× its rate, ${run.timeScale}× compressed`;
  return (
    `The ${run.scenario} scenario${shape} against ${run.target} for ${formatMs(run.durationSeconds * 1000)}: ` +
    `${plural(run.arrivals.launched, 'sign-up')} started (${formatRate(run.arrivals.achievedRate)}, ` +
    `target ${formatRate(run.arrivals.targetRate)}), ${journeyEnds(run.journeys)}.`
  );
}

/** How the journeys ended, the nonzero kinds only: "80 completed, 8 gave up". A short or compressed run
 *  stops before people finish thinking, so "still mid-journey" says why few completed. */
export function journeyEnds(j: RunSection['journeys']): string {
  const parts = [`${formatCount(j.completed)} completed`];
  if (j.droppedOut > 0) parts.push(`${formatCount(j.droppedOut)} dropped out`);
  if (j.abandoned > 0) parts.push(`${formatCount(j.abandoned)} gave up`);
  if (j.interrupted > 0) parts.push(`${formatCount(j.interrupted)} still mid-journey when the run stopped`);
  if (j.errored > 0) parts.push(`${formatCount(j.errored)} errored (a journey bug)`);
  return parts.join(', ');
}

export function sizingSentence(s: Sizing): string {
  const what = s.wave === null ? 'To serve' : `To open wave ${s.wave} at`;
  const slo = `p95${s.sloStep === null ? '' : ` of ${s.sloStep}`} < ${formatCount(s.sloP95Ms)} ms`;
  return (
    `${what} ${formatCount(s.arrivalsPerMinute)} sign-ups/min with ${slo}: ` +
    `${plural(s.instances, 'instance')}, ${plural(s.registryConcurrency, 'registry call')} in flight, ` +
    (s.database === 'sqlite'
      ? "SQLite's one writer (not sized)."
      : `${plural(s.dbConnections, 'DB connection')} per instance.`)
  );
}

/** The first limit: the busiest simulated station; else the probed step with the lowest USL ceiling; else
 *  the measured step with the highest p95 (and its failures). */
export function bottleneck(
  run: RunSection,
  probe: ProbeSeries[] | null,
  sim: SimulationSection | null,
): string | null {
  if (sim !== null && sim.stations.length > 0) {
    // Several stations may touch 100 % at the peak: the one busy longest is what limits the day.
    const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
    const top = [...sim.stations].sort(
      (a, b) => b.peakUtilisation - a.peakUtilisation || mean(b.utilisation) - mean(a.utilisation),
    )[0]!;
    const on = sim.instances === null ? '' : ` on ${plural(sim.instances, 'instance')}`;
    return `${top.name}: ${Math.round(top.peakUtilisation * 100)} % busy at the simulated peak (${sim.scenario}, scale ${sim.scale}${on}).`;
  }
  const fitted = (probe ?? []).filter((p) => p.usl !== null && p.usl.peakConcurrency !== null);
  if (fitted.length > 0) {
    const ceiling = (p: ProbeSeries) => {
      const u = p.usl!;
      const n = u.peakConcurrency!;
      return (u.lambda * n) / (1 + u.sigma * (n - 1) + u.kappa * n * (n - 1));
    };
    const top = [...fitted].sort((a, b) => ceiling(a) - ceiling(b))[0]!;
    return `the ${top.step} step: its throughput peaks at ${formatRate(ceiling(top))} (USL, at ${Math.round(top.usl!.peakConcurrency!)} concurrent).`;
  }
  const measured = run.steps.filter((s) => s.requests > 0);
  if (measured.length === 0) return null;
  const top = [...measured].sort((a, b) => b.p95Ms - a.p95Ms)[0]!;
  const failures = top.failed === 0 ? '' : `, ${(top.failedRate * 100).toFixed(1)} % failed`;
  return `the ${top.step} step: slowest p95 (${formatMs(top.p95Ms)} from the intended send${failures}).`;
}

export function headline(
  run: RunSection,
  probe: ProbeSeries[] | null,
  sim: SimulationSection | null,
  plan: PlanSection | null,
): Headline {
  const broken = run.thresholds.filter((t) => !t.ok);
  const total = run.thresholds.length;
  const planMet = plan === null || plan.chosen !== null;
  let verdict: string;
  if (total === 0) verdict = 'no thresholds were set';
  else if (broken.length === 0) verdict = `passed: all ${plural(total, 'threshold')} held`;
  else {
    const first = broken[0]!;
    verdict = `failed: ${broken.length} of ${plural(total, 'threshold')} broke (${first.metric} ${first.expression}: ${first.actual})`;
  }
  if (!planMet) verdict += '; no candidate the planner tried met the SLO';
  return {
    tested: testedSentence(run),
    passed: broken.length === 0 && planMet,
    verdict,
    bottleneck: bottleneck(run, probe, sim),
    sizing: plan?.chosen ?? null,
    sizingSentence: plan === null ? null : plan.chosen === null ? plan.summary : sizingSentence(plan.chosen),
  };
}

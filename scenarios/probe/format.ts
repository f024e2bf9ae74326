// What a person reads while a probe runs and after: a line per event, and a table of the levels with the
// USL fit. Pure; the CLI writes them.
import { formatCount, formatMs, formatRate } from '../engine/format.js';
import { prerequisitesOf } from './funnel-states.js';
import type { ProbeOptions } from './options.js';
import type { ProbeEvent } from './probe.js';
import type { ProbeLevel, ProbeResult } from './types.js';

/** The line a probe starts with: what, where, and how long the levels take in all (a 5m --duration is
 *  per level: seven levels are 35 minutes). */
export function formatProbePlan(o: ProbeOptions): string {
  return (
    `probing ${o.step} on ${o.origin}${o.basePath} at concurrency ${o.concurrency.join(',')}, ` +
    `${o.durationSeconds}s each: about ${hoursMinutesSeconds(o.concurrency.length * o.durationSeconds)} of ` +
    `levels${prerequisitesNote(o.step)} (seed ${o.seed}, from applicant ${o.firstIndex})`
  );
}

/** 6s, 2m30s, 35m, 2h0m: whole seconds. */
function hoursMinutesSeconds(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}h` : ''}${m}m${s > 0 ? `${s}s` : ''}`;
}

function prerequisitesNote(step: string): string {
  return prerequisitesOf(step).length > 0 ? ' plus preparing applicants' : '';
}

export function formatProbeEvent(e: ProbeEvent): string {
  switch (e.kind) {
    case 'warm-up':
      return `warm-up: ${e.requests} requests one at a time, mean ${formatMs(e.meanLatencyMs)}`;
    case 'preparing':
      return `  preparing applicants for concurrency ${e.concurrency}: ${formatCount(e.done)}/${formatCount(e.total)}`;
    case 'level-start':
      return `level ${e.position + 1}/${e.levels}: concurrency ${e.concurrency}…`;
    case 'level-done':
      return `level ${e.position + 1}/${e.levels}: ${formatLevel(e.level)}`;
  }
}

function errorsOf(level: ProbeLevel): number {
  const responses = level.requests - level.ok - level.replayed;
  return responses + level.errors.timeouts + level.errors.connectionErrors;
}

/** One level on one line: N, X, p50/p95/p99, errors, demand. */
export function formatLevel(level: ProbeLevel): string {
  const l = level.latencyMs;
  const demand = level.service?.serviceDemandSeconds;
  return [
    `N=${level.concurrency}`,
    `X=${formatRate(level.throughput)}`,
    // No response, no latency: "p50 0s" would read as instant answers.
    ...(l.count === 0
      ? ['p50/p95/p99 n/a']
      : [`p50 ${formatMs(l.p50)}`, `p95 ${formatMs(l.p95)}`, `p99 ${formatMs(l.p99)}`]),
    `errors ${formatCount(errorsOf(level))}`,
    level.replayed > 0 ? `replayed ${formatCount(level.replayed)}` : '',
    demand === undefined || demand === null ? 'demand n/a' : `CPU ${formatMs(demand * 1000)}/req`,
    level.endedBy === 'applicants'
      ? `(ended after ${level.durationSeconds.toFixed(1)}s: applicants used up)`
      : '',
  ]
    .filter((part) => part !== '')
    .join('  ');
}

/** True when no level got a single 2xx: the curve is one of failures, not of the step. */
export function nothingSucceeded(result: ProbeResult): boolean {
  return result.levels.length > 0 && result.levels.every((l) => l.ok === 0);
}

/** A line naming the errors by code when more than 1 % of what was sent failed; null otherwise. */
function failedAnswers(result: ProbeResult): string | null {
  let sent = 0;
  let failed = 0;
  const byCode = new Map<string, number>();
  for (const level of result.levels) {
    sent += level.requests + level.errors.timeouts + level.errors.connectionErrors;
    failed += errorsOf(level);
    for (const [code, n] of Object.entries(level.errors.byCode))
      byCode.set(code, (byCode.get(code) ?? 0) + n);
    if (level.errors.timeouts > 0)
      byCode.set('timeout', (byCode.get('timeout') ?? 0) + level.errors.timeouts);
    const refused = level.errors.connectionErrors;
    if (refused > 0) byCode.set('connection error', (byCode.get('connection error') ?? 0) + refused);
  }
  if (failed === 0 || failed <= 0.01 * sent) return null;
  const codes = [...byCode]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ×${formatCount(n)}`)
    .join(', ');
  return (
    `${nothingSucceeded(result) ? 'error: every request failed' : 'warning: requests failed'}: ` +
    `${formatCount(failed)} of ${formatCount(sent)} (${codes}); throughput counts 2xx only`
  );
}

/** The closing summary: the USL fit and the pooled service demand, and where to start the next probe. */
export function formatProbeSummary(result: ProbeResult): string {
  const lines = [
    `probe of ${result.step} (${result.request.method} ${result.request.route}) on ${result.target}`,
  ];
  for (const level of result.levels) lines.push(`  ${formatLevel(level)}`);
  if (result.levels.length === 0) {
    // Stopped in the warm-up or the first preparation: no fit to report, only where to resume.
    lines.push('no level finished: nothing measured');
    lines.push(`next probe against this service: --first-index ${result.nextIndex}`);
    return `${lines.join('\n')}\n`;
  }
  if (result.usl !== null) {
    const u = result.usl;
    const peak =
      u.peakConcurrency === null
        ? 'no peak in sight (κ = 0)'
        : `peak N*=${u.peakConcurrency.toFixed(1)} at X=${formatRate(u.peakThroughput ?? 0)}`;
    lines.push(
      `USL: σ=${u.sigma.toPrecision(3)} κ=${u.kappa.toPrecision(3)} λ=${formatRate(u.lambda)} ${peak} R²=${u.rSquared.toFixed(3)}`,
    );
  } else {
    lines.push(`USL: not fitted: ${result.uslError}`);
  }
  lines.push(
    result.serviceDemandSeconds === null
      ? `service demand: n/a (${result.serviceMetricsError ?? 'the target has no /metrics with process_cpu_seconds_total'})`
      : `service demand: ${formatMs(result.serviceDemandSeconds * 1000)} of CPU per request (all levels)`,
  );
  if (result.demandFit !== null) {
    const f = result.demandFit;
    lines.push(
      `  of which scales with load: ${formatMs(f.serviceDemandSeconds * 1000)}/req, plus ` +
        `${f.backgroundUtilisation.toFixed(3)} cores busy at idle (U = U₀ + D·X, R²=${f.rSquared.toFixed(3)})`,
    );
  } else if (result.serviceDemandSeconds !== null) {
    lines.push(`  no U = U₀ + D·X fit: ${result.demandFitError}`);
  }
  const failed = failedAnswers(result);
  if (failed !== null) lines.push(failed);
  const conflicts = result.levels.reduce((n, l) => n + (l.errors.byStatus['409'] ?? 0) + l.replayed, 0);
  if (conflicts > 0) {
    lines.push(
      `warning: ${conflicts} answers were 409s or replays (applicants already registered): probe a fresh ` +
        `service, or start at --first-index ${result.nextIndex}`,
    );
  }
  if (result.interrupted === true) {
    lines.push(
      `stopped early, after ${result.levels.length} level${result.levels.length === 1 ? '' : 's'}: ` +
        'the level under way is left out, its applicants are used',
    );
  }
  lines.push(`next probe against this service: --first-index ${result.nextIndex}`);
  return `${lines.join('\n')}\n`;
}

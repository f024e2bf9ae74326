// The end-of-run summary, like k6's: what was offered (target vs achieved arrivals, dropped, scheduler
// lag), how the journeys ended, per step the latency from the intended send and from the actual send, and
// the thresholds with ✓/✗. Pure: RunResult in, text out.
import { MAX_OUTCOME_ROWS, OTHER_CODE, otherCount } from './outcome-table.js';
import { formatCount, formatMs, formatPercent, formatRate } from './format.js';
import type { HistogramBlock } from './hdr.js';
import type { RunResult } from './run-result.js';

function dots(label: string, width: number): string {
  return label.length >= width ? `${label} ` : `${label}${'.'.repeat(width - label.length)}: `;
}

function latencyLine(block: HistogramBlock): string {
  if (block.count === 0) return 'no samples';
  return [
    `avg=${formatMs(block.mean)}`,
    `min=${formatMs(block.min)}`,
    `med=${formatMs(block.p50)}`,
    `p(90)=${formatMs(block.p90)}`,
    `p(95)=${formatMs(block.p95)}`,
    `p(99)=${formatMs(block.p99)}`,
    `max=${formatMs(block.max)}`,
  ].join(' ');
}

/** A threshold's measured value as people read it: ms for latencies, % for rates, counts otherwise. */
export function observed(metric: string, actual: number | null): string {
  if (actual === null) return 'no samples';
  if (/^(http_req_duration|http_req_waiting|iteration_duration)/.test(metric)) return formatMs(actual);
  if (/^(http_req_failed|journey_)/.test(metric) && actual <= 1) return formatPercent(actual);
  return Number.isInteger(actual) ? formatCount(actual) : actual.toFixed(3);
}

export function formatSummary(result: RunResult): string {
  const o = result.environment.options;
  const a = result.arrivals;
  const j = result.journeys;
  const w = 28;
  const lines: string[] = [];
  lines.push(
    `  scenario: ${result.scenario.name} (journey ${result.scenario.journey}, profile ${result.scenario.profile})`,
    `  target:   ${o.target} · ${formatMs(result.durationSeconds * 1000)} of ${o.arrivalProcess} arrivals · ` +
      `scale ${o.scale} · time-scale ${o.timeScale} · seed ${result.environment.seed} · ` +
      `${o.workers} worker${o.workers === 1 ? '' : 's'} · ${o.connections} connections`,
    '',
  );
  if (result.stopped !== null) {
    lines.push(`  STOPPED at ${formatMs(result.stopped.atSeconds * 1000)}: ${result.stopped.reason}`, '');
  }
  const shortfall = a.target > 0 ? 1 - a.launched / a.target : 0;
  lines.push(
    `  ${dots('arrivals', w)}target=${formatCount(a.target)} (${formatRate(a.targetRate)}) ` +
      `launched=${formatCount(a.launched)} (${formatRate(a.achievedRate)}) ` +
      `dropped=${formatCount(a.dropped)}${shortfall > 0.01 ? ` — ${formatPercent(shortfall)} short of target` : ''}`,
    `  ${dots('scheduler lag', w)}med=${formatMs(result.schedulerLag.p50)} p(99)=${formatMs(result.schedulerLag.p99)} ` +
      `max=${formatMs(result.schedulerLag.max)}`,
    `  ${dots('journeys', w)}completed=${formatCount(j.completed)} abandoned=${formatCount(j.abandoned)} ` +
      `dropped-out=${formatCount(j.droppedOut)} interrupted=${formatCount(j.interrupted)}` +
      (j.errored > 0 ? ` ERRORED=${formatCount(j.errored)} (a bug in the journey)` : ''),
    `  ${dots('iteration_duration', w)}${latencyLine(result.iterationDuration)}`,
    '',
  );
  for (const step of result.steps) {
    const failedShare = step.requests === 0 ? 0 : step.failed / step.requests;
    lines.push(
      `  ${dots(`step ${step.step}`, w)}reqs=${formatCount(step.requests)} failed=${formatPercent(failedShare)}`,
      `    ${dots('from intended send', w - 2)}${latencyLine(step.fromIntended)}`,
      `    ${dots('from actual send', w - 2)}${latencyLine(step.fromSend)}`,
    );
    const errors = step.outcomes.filter((row) => row.outcome === 'retry' || row.outcome === 'abandon');
    for (const row of errors.slice(0, 5)) {
      lines.push(
        `      ${row.outcome} ${row.status === 0 ? 'no response' : row.status} ${row.code ?? ''} ×${formatCount(row.count)}`,
      );
    }
    const folded = otherCount(step.outcomes);
    if (folded > 0) {
      lines.push(
        `      (outcome table bounded: ${formatCount(folded)} responses whose codes fall outside the ` +
          `${MAX_OUTCOME_ROWS} most frequent are counted as "${OTHER_CODE}")`,
      );
    }
  }
  if (result.breakpoint !== null) {
    const b = result.breakpoint;
    lines.push(
      '',
      b.held
        ? `  breakpoint: every threshold held up to ${formatRate(b.lastHeldRate)} (the whole ramp)`
        : `  breakpoint: last rate that held ${formatRate(b.lastHeldRate)} at ${formatMs(b.lastHeldAtSeconds * 1000)}; ` +
            `broke at ${formatRate(b.brokeAtRate ?? 0)}`,
    );
  }
  if (result.thresholds.length > 0) {
    lines.push('', '  thresholds');
    for (const v of result.thresholds) {
      lines.push(`    ${v.ok ? '✓' : '✗'} ${v.metric} ${v.expression} (${observed(v.metric, v.actual)})`);
    }
  }
  const failed = result.thresholds.filter((v) => !v.ok).length;
  lines.push(
    '',
    failed === 0
      ? `  ✓ ${result.thresholds.length} thresholds passed`
      : `  ✗ ${failed} of ${result.thresholds.length} thresholds failed (exit 99)`,
  );
  return `${lines.join('\n')}\n`;
}

// report.html: one self-contained file — inline CSS and inline SVG charts, no script, no font, no request
// of any kind — so it opens from disk, attaches to an email and prints. The first screen answers the
// planner (headline.ts); the sections below show the evidence. Sections whose input is absent are left out.
import { formatCount, formatMs, formatRate } from '../scenarios/engine/format.js';
import {
  arrivalsChart,
  type Chart,
  funnelChart,
  latencyOverTimeChart,
  predictedVsMeasuredChart,
  probeChart,
  simQueueChart,
  simUtilisationChart,
  sizingChart,
  stepLatencyChart,
} from './charts.js';
import type { ReportData } from './report-data.js';
import {
  candidatesTable,
  comparisonTable,
  funnelTable,
  stepsTable,
  type Table,
  thresholdsTable,
  uslTable,
  wavesTable,
} from './tables.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function table(t: Table | null, caption: string): string {
  if (t === null || t.rows.length === 0) return '';
  const cell = (tag: string, text: string, i: number) =>
    `<${tag}${t.numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return `<div class="table-wrap"><table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${t.head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('\n')}</tbody></table></div>`;
}

function figure(chart: Chart): string {
  return `<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}">
<figcaption><strong>${escapeHtml(chart.title)}</strong><span>${escapeHtml(chart.caption)}</span></figcaption>
${chart.svg}
</figure>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function hero(report: ReportData): string {
  const h = report.headline;
  const run = report.run;
  const status = h.passed ? 'pass' : 'fail';
  const s = h.sizing;
  const cards =
    s === null
      ? ''
      : `<div class="cards">
<div class="card"><span class="n">${s.instances}</span><span class="l">service instance${s.instances === 1 ? '' : 's'}</span></div>
<div class="card"><span class="n">${s.registryConcurrency}</span><span class="l">registry calls in flight</span></div>
<div class="card"><span class="n">${s.dbConnections}</span><span class="l">${s.database === 'sqlite' ? 'SQLite writer (one; not sized)' : `DB connection${s.dbConnections === 1 ? '' : 's'} per instance`}</span></div>
<div class="card"><span class="n">${formatCount(s.arrivalsPerMinute)}</span><span class="l">sign-ups/min, p95 &lt; ${formatCount(s.sloP95Ms)} ms</span></div>
</div>`;
  const worstP95 = Math.max(0, ...run.steps.map((x) => x.p95Ms));
  return `<header class="hero" id="first-screen">
<p class="eyebrow">gelombang · capacity report · ${escapeHtml(run.scenario)} · ${escapeHtml(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
<h1 id="headline">${escapeHtml(h.sizingSentence ?? `The ${run.scenario} run ${h.passed ? 'passed' : 'failed'}.`)}</h1>
${cards}
<p class="verdict ${status}"><span class="badge">${h.passed ? 'PASSED' : 'FAILED'}</span> ${escapeHtml(h.verdict)}</p>
<dl class="facts">
<div><dt>What was tested</dt><dd>${escapeHtml(h.tested)}</dd></div>
<div><dt>Bottleneck</dt><dd>${escapeHtml(h.bottleneck ?? 'nothing measured says')}</dd></div>
<div><dt>Arrivals</dt><dd>${formatCount(run.arrivals.launched)} of ${formatCount(run.arrivals.target)} targeted (${formatRate(run.arrivals.achievedRate)}), ${formatCount(run.arrivals.dropped)} dropped</dd></div>
<div><dt>Slowest step p95</dt><dd>${formatMs(worstP95)} from the intended send</dd></div>
</dl>
</header>`;
}

const CSS = `
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--pass:#047857;--fail:#b91c1c;--accent:#2563eb;--bg:#f8fafc}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
.hero{background:#fff;border:1px solid var(--line);border-radius:12px;padding:24px 28px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.eyebrow{margin:0 0 8px;color:var(--muted);font-size:13px;letter-spacing:.02em;text-transform:uppercase}
h1{font-size:26px;line-height:1.3;margin:0 0 18px;font-weight:650}
h2{font-size:19px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:0 0 18px}
.card{border:1px solid var(--line);border-radius:10px;padding:12px 14px;background:#f9fafb}
.card .n{display:block;font-size:30px;font-weight:700;color:var(--accent);line-height:1.1}
.card .l{display:block;color:var(--muted);font-size:13px}
.verdict{margin:0 0 16px;font-size:15px}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;color:#fff;font-weight:700;font-size:13px;letter-spacing:.04em;margin-right:6px}
.pass .badge{background:var(--pass)}.fail .badge{background:var(--fail)}
.facts{display:grid;grid-template-columns:1fr 1fr;gap:10px 24px;margin:0}
.facts div{min-width:0}.facts dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.facts dd{margin:2px 0 0}
.chart{background:#fff;border:1px solid var(--line);border-radius:10px;margin:16px 0;padding:14px 14px 6px;break-inside:avoid}
.chart figcaption strong{display:block;font-size:15px}.chart figcaption span{display:block;color:var(--muted);font-size:13px;margin-bottom:4px}
.chart svg{display:block;width:100%;height:auto}
.table-wrap{overflow-x:auto;margin:12px 0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px;font-variant-numeric:tabular-nums}
caption{text-align:left;color:var(--muted);font-size:13px;padding:0 0 6px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:#f3f4f6;font-weight:600}.num{text-align:right}
footer{margin-top:40px;color:var(--muted);font-size:13px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
@media (max-width:640px){main{padding:12px 10px 32px}.hero{padding:16px}h1{font-size:20px}
.cards{grid-template-columns:1fr 1fr}.card .n{font-size:24px}.facts{grid-template-columns:1fr}}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}.hero,.chart{box-shadow:none}
h2{break-after:avoid}table{break-inside:avoid}.table-wrap{overflow:visible}}
`;

export function renderHtml(report: ReportData): string {
  const run = report.run;
  const parts: string[] = [hero(report)];

  parts.push(
    section(
      'run',
      'The replay',
      figure(arrivalsChart(run)) +
        figure(latencyOverTimeChart(run)) +
        (run.steps.length > 0 ? figure(stepLatencyChart(run.steps)) : '') +
        table(stepsTable(report), 'Per funnel step, latency from the intended send unless said otherwise'),
    ),
  );
  if (run.funnel.length > 0) {
    parts.push(
      section(
        'funnel',
        'The funnel',
        figure(funnelChart(run.funnel)) + table(funnelTable(report), 'Journeys per step'),
      ),
    );
  }
  if (report.probe !== null && report.probe.length > 0) {
    parts.push(
      section(
        'probe',
        'How each step scales',
        figure(probeChart(report.probe)) +
          table(uslTable(report), 'Universal Scalability Law fitted per step'),
      ),
    );
  }
  if (
    report.simulation !== null &&
    report.simulation.minutes.length > 0 &&
    report.simulation.stations.length > 0
  ) {
    parts.push(
      section(
        'simulation',
        'The simulated day',
        figure(simQueueChart(report.simulation)) + figure(simUtilisationChart(report.simulation)),
      ),
    );
  }
  if (report.plan !== null) {
    parts.push(
      section(
        'sizing',
        'Sizing',
        (report.plan.candidates.length > 0 ? figure(sizingChart(report.plan)) : '') +
          table(
            candidatesTable(report),
            `Candidates tried against ${report.plan.slo} (model ${report.plan.model})`,
          ) +
          table(wavesTable(report), 'The wave plan: each wave’s expected peak and what it needs'),
      ),
    );
  }
  if (report.predictedVsMeasured.length > 0) {
    parts.push(
      section(
        'predicted-vs-measured',
        'Predicted vs measured',
        figure(predictedVsMeasuredChart(report.predictedVsMeasured)) +
          table(comparisonTable(report), 'The model’s prediction of the replay against the measurement'),
      ),
    );
  }
  if (run.thresholds.length > 0) {
    parts.push(
      section(
        'thresholds',
        'Thresholds',
        table(thresholdsTable(report), 'Each threshold of the run, as k6 writes them'),
      ),
    );
  }
  const inputs = Object.entries(report.inputs)
    .filter(([, file]) => file !== null)
    .map(([name, file]) => `${name}: <code>${escapeHtml(String(file))}</code>`)
    .join(' · ');
  parts.push(
    `<footer>Made by gelombang from ${inputs}. The same content as data: report.json (${report.kind} v${report.version}).</footer>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`gelombang report · ${run.scenario}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}

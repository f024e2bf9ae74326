// report.md: the headline and the tables, short enough for a pull-request comment (no charts, no series).
import type { ReportData } from './report-data.js';
import {
  candidatesTable,
  comparisonTable,
  funnelTable,
  stepsTable,
  type Table,
  thresholdsTable,
  wavesTable,
} from './tables.js';

const cellText = (text: string) => text.replace(/\|/g, '\\|');

function table(t: Table | null, title: string): string {
  if (t === null || t.rows.length === 0) return '';
  const align = t.head.map((_, i) => (t.numeric.includes(i) ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;
  return [`### ${title}`, '', line(t.head), `|${align.join('|')}|`, ...t.rows.map(line), ''].join('\n');
}

export function renderMarkdown(report: ReportData): string {
  const h = report.headline;
  const lines = [
    `## gelombang report: ${report.run.scenario} — ${h.passed ? '✅ passed' : '❌ failed'}`,
    '',
    ...(h.sizingSentence === null ? [] : [`**${h.sizingSentence}**`, '']),
    `- **Tested:** ${h.tested}`,
    `- **Verdict:** ${h.verdict}`,
    `- **Bottleneck:** ${h.bottleneck ?? 'nothing measured says'}`,
    '',
    table(candidatesTable(report), 'Sizing: candidates tried'),
    table(wavesTable(report), 'Wave plan'),
    table(stepsTable(report), 'Per step (latency from the intended send)'),
    table(funnelTable(report), 'Funnel'),
    table(comparisonTable(report), 'Predicted vs measured'),
    table(thresholdsTable(report), 'Thresholds'),
    `<sub>${report.kind} v${report.version}, generated ${report.generatedAt}; charts in report.html.</sub>`,
    '',
  ];
  return lines.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}

// The report's charts: ECharts options rendered to SVG strings at build time by its server-side renderer
// (echarts.apache.org/handbook/en/how-to/cross-platform/server), so report.html needs no script, no CDN
// and draws the same in a browser, on a phone (the SVG scales with its viewBox) and in print.
// One function per chart: the report's data in, a Chart out; report-html.ts decides which appear.
import * as echarts from 'echarts';
import type { EChartsOption, SeriesOption } from 'echarts';
import type {
  FunnelRow,
  PlanSection,
  ProbeSeries,
  RunSection,
  SimulationSection,
  StepRow,
} from './report-data.js';

export interface Chart {
  /** Stable id (the figure's id in report.html). */
  id: string;
  title: string;
  /** One sentence under the chart: what to read in it. */
  caption: string;
  svg: string;
}

/** Series colours: every chart's marks use these (the browser test checks each chart drew some). */
export const PALETTE = [
  '#2563eb',
  '#ea580c',
  '#059669',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#ca8a04',
  '#db2777',
];
const INK = '#1f2937';
const MUTED = '#6b7280';
const GRID_LINE = '#e5e7eb';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const WIDTH = 760;
const HEIGHT = 320;

/** Renders one chart to SVG. zrender names its clip paths and CSS classes `zr<instance>-…`, counting
 *  both per process: renamed to the chart's id, so the same data gives the same file, and two charts
 *  on one page never share an id (inline SVG ids and styles are page-wide). */
function render(id: string, option: EChartsOption, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT, color: INK, fontSize: 12 },
      grid: { left: 64, right: 56, top: 44, bottom: 48, containLabel: false },
      legend: {
        top: 6,
        left: 'center',
        textStyle: { color: INK },
        itemWidth: 18,
        itemHeight: 10,
        itemGap: 24,
      },
      ...option,
    });
    // Class numbers count up per process too: renumber them in order of first use.
    const classes = new Map<string, number>();
    return chart
      .renderToSVGString()
      .replace(/\bzr\d+-cls-(\d+)/g, (_, n: string) => {
        if (!classes.has(n)) classes.set(n, classes.size);
        return `gz-${id}-cls-${classes.get(n)}`;
      })
      .replace(/\bzr\d+-/g, `gz-${id}-`);
  } finally {
    chart.dispose();
  }
}

function valueAxis(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: 44,
    nameTextStyle: { color: MUTED },
    axisLabel: { color: MUTED },
    splitLine: { lineStyle: { color: GRID_LINE } },
    ...extra,
  };
}

function secondsAxis(): Record<string, unknown> {
  return valueAxis('seconds since the first arrival', { nameGap: 28, min: 0, splitLine: { show: false } });
}

const pairs = (xs: number[], ys: number[]): [number, number][] => xs.map((x, i) => [x, ys[i] ?? 0]);

export function arrivalsChart(run: RunSection): Chart {
  const { t, targetArrivals, arrivals } = run.series;
  return {
    id: 'arrivals',
    title: 'Arrivals: target vs achieved',
    caption:
      'Sign-ups started per second. The engine is an open model: when the achieved line falls below the ' +
      'target, the load generator (not the service) fell behind, and the run under-tested.',
    svg: render('arrivals', {
      xAxis: secondsAxis(),
      yAxis: valueAxis('arrivals per second'),
      series: [
        {
          type: 'line',
          name: 'target',
          data: pairs(t, targetArrivals),
          showSymbol: false,
          lineStyle: { type: 'dashed', width: 2 },
        },
        {
          type: 'line',
          name: 'achieved',
          data: pairs(t, arrivals),
          showSymbol: false,
          lineStyle: { width: 1.5 },
        },
      ],
    }),
  };
}

export function latencyOverTimeChart(run: RunSection): Chart {
  const { t, p95Ms, errors } = run.series;
  return {
    id: 'latency-over-time',
    title: 'Latency over time (p95, from the intended send)',
    caption:
      'p95 of every response in each second, measured from when the request should have been sent, so ' +
      'queueing anywhere counts; bars are failed requests in that second.',
    svg: render('latency-over-time', {
      xAxis: secondsAxis(),
      yAxis: [
        valueAxis('p95 (ms)'),
        valueAxis('failed requests', { nameGap: 36, splitLine: { show: false } }),
      ],
      series: [
        {
          type: 'line',
          name: 'p95 (ms)',
          data: pairs(t, p95Ms),
          showSymbol: false,
          lineStyle: { width: 1.5 },
        },
        {
          type: 'bar',
          name: 'failed requests',
          yAxisIndex: 1,
          data: pairs(t, errors),
          itemStyle: { color: PALETTE[3], opacity: 0.6 },
          barMaxWidth: 6,
        },
      ],
    }),
  };
}

export function stepLatencyChart(steps: StepRow[]): Chart {
  const names = steps.map((s) => s.step);
  const bar = (name: string, values: number[]): SeriesOption => ({
    type: 'bar',
    name,
    data: values.map((v) => Math.round(v * 10) / 10),
    barMaxWidth: 18,
  });
  return {
    id: 'latency-per-step',
    title: 'Latency per funnel step (from the intended send)',
    caption:
      'p50, p95 and p99 of each step over the whole run; the step with the tallest p95 is what applicants felt most.',
    svg: render(
      'latency-per-step',
      {
        grid: { left: 110, right: 40, top: 40, bottom: 44 },
        xAxis: valueAxis('ms', { nameGap: 26 }),
        yAxis: { type: 'category', data: names, inverse: true, axisLabel: { color: INK } },
        series: [
          bar(
            'p50',
            steps.map((s) => s.p50Ms),
          ),
          bar(
            'p95',
            steps.map((s) => s.p95Ms),
          ),
          bar(
            'p99',
            steps.map((s) => s.p99Ms),
          ),
        ],
      },
      Math.max(220, 70 + names.length * 48),
    ),
  };
}

export function funnelChart(funnelIn: FunnelRow[]): Chart {
  // A recovery step nobody needed is no stage of this run's funnel (the table says "not needed").
  const funnel = funnelIn.filter((f) => !f.notNeeded);
  const names = funnel.map((f) => f.step);
  return {
    id: 'funnel',
    title: 'The funnel: journeys per step, with drop-off',
    caption:
      'How many journeys completed each step (dark) and how many stopped there (light): abandonment after ' +
      'failures, or applicants who never go on (the funnel model).',
    svg: render(
      'funnel',
      {
        grid: { left: 110, right: 40, top: 40, bottom: 44 },
        xAxis: valueAxis('journeys', { nameGap: 26 }),
        yAxis: { type: 'category', data: names, inverse: true, axisLabel: { color: INK } },
        series: [
          {
            type: 'bar',
            name: 'completed the step',
            stack: 'funnel',
            data: funnel.map((f) => f.completed),
            barMaxWidth: 26,
            label: { show: true, position: 'insideLeft', color: '#fff', fontSize: 11 },
          },
          {
            type: 'bar',
            name: 'dropped off here',
            stack: 'funnel',
            data: funnel.map((f) => f.dropOff),
            barMaxWidth: 26,
            itemStyle: { color: '#fdba74' },
          },
        ],
      },
      Math.max(220, 70 + names.length * 42),
    ),
  };
}

/** X(N) = λN / (1 + σ(N−1) + κN(N−1)) — Gunther, Guerrilla Capacity Planning (2007), ch. 4. */
function uslThroughput(usl: NonNullable<ProbeSeries['usl']>, n: number): number {
  return (usl.lambda * n) / (1 + usl.sigma * (n - 1) + usl.kappa * n * (n - 1));
}

export function probeChart(probe: ProbeSeries[]): Chart {
  const series: SeriesOption[] = [];
  probe.forEach((p, i) => {
    const color = PALETTE[i % PALETTE.length];
    series.push({
      type: 'scatter',
      name: `${p.step} measured`,
      data: p.points.map((pt) => [pt.concurrency, Math.round(pt.throughput * 10) / 10]),
      symbolSize: 8,
      itemStyle: { color },
    });
    if (p.usl !== null) {
      const usl = p.usl;
      const maxN = Math.max(...p.points.map((pt) => pt.concurrency), 1);
      const curve: [number, number][] = [];
      for (let k = 0; k <= 60; k++) {
        const n = 1 + ((maxN * 1.25 - 1) * k) / 60;
        curve.push([Math.round(n * 100) / 100, Math.round(uslThroughput(usl, n) * 10) / 10]);
      }
      series.push({
        type: 'line',
        name: `${p.step} USL fit`,
        data: curve,
        showSymbol: false,
        smooth: true,
        lineStyle: { color, width: 2 },
        itemStyle: { color },
      });
    }
  });
  return {
    id: 'throughput-vs-concurrency',
    title: 'Throughput vs concurrency, with the fitted USL curve',
    caption:
      'Closed-model probe of each step: requests per second at each concurrency (dots) and the Universal ' +
      'Scalability Law fitted to them (line). Where the curve flattens, more concurrency only adds waiting.',
    svg: render('throughput-vs-concurrency', {
      xAxis: valueAxis('concurrent requests (N)', { nameGap: 28, min: 0 }),
      yAxis: valueAxis('requests per second'),
      series,
    }),
  };
}

function stationLines(sim: SimulationSection, pick: (s: SimulationSection['stations'][number]) => number[]) {
  return sim.stations.map(
    (station): SeriesOption => ({
      type: 'line',
      name: station.name,
      data: pairs(sim.minutes, pick(station)),
      showSymbol: false,
      lineStyle: { width: 1.5 },
    }),
  );
}

export function simQueueChart(sim: SimulationSection): Chart {
  return {
    id: 'sim-queue',
    title: 'Simulated day: queue depth per station',
    caption: `Requests waiting at each station, per minute of the simulated ${sim.scenario} (model ${sim.model}).`,
    svg: render('sim-queue', {
      xAxis: valueAxis('minute of the day', { nameGap: 28, min: 0, splitLine: { show: false } }),
      yAxis: valueAxis('requests waiting'),
      series: stationLines(sim, (s) => s.queueDepth),
    }),
  };
}

export function simUtilisationChart(sim: SimulationSection): Chart {
  return {
    id: 'sim-utilisation',
    title: 'Simulated day: utilisation per station',
    caption: 'Share of each station’s capacity in use, per minute. A station near 100 % is the bottleneck.',
    svg: render('sim-utilisation', {
      xAxis: valueAxis('minute of the day', { nameGap: 28, min: 0, splitLine: { show: false } }),
      yAxis: valueAxis('utilisation (%)', { max: 100, min: 0 }),
      series: stationLines(sim, (s) => s.utilisation.map((u) => Math.round(u * 1000) / 10)),
    }),
  };
}

/** The SLO's p95 bound (ms) from a threshold text such as "http_req_duration{step:profile}=p(95)<2000". */
function sloBoundMs(plan: PlanSection): number | null {
  if (plan.chosen !== null) return plan.chosen.sloP95Ms;
  const match = /p\(95\)\s*<=?\s*([\d.]+)/.exec(plan.slo);
  return match === null ? null : Number(match[1]);
}

export function sizingChart(plan: PlanSection): Chart {
  const bound = sloBoundMs(plan);
  const labels = plan.candidates.map(
    (c) => `${c.instances} inst · ${c.registryConcurrency} reg · ${c.dbConnections} db`,
  );
  return {
    id: 'sizing',
    title: 'Sizing search: predicted p95 of each candidate tried',
    caption: `Candidates the planner simulated, against the SLO ${plan.slo} (dashed). Green meets it.`,
    svg: render(
      'sizing',
      {
        grid: { left: 190, right: 60, top: 40, bottom: 44 },
        legend: { show: false },
        xAxis: valueAxis('predicted p95 (ms)', { nameGap: 26 }),
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { color: INK } },
        series: [
          {
            type: 'bar',
            name: 'predicted p95',
            data: plan.candidates.map((c) => ({
              value: Math.round(c.p95Ms),
              itemStyle: { color: c.meetsSlo ? PALETTE[2] : PALETTE[3] },
            })),
            barMaxWidth: 18,
            ...(bound === null
              ? {}
              : {
                  markLine: {
                    symbol: 'none',
                    data: [{ xAxis: bound }],
                    lineStyle: { type: 'dashed', color: INK },
                    label: { formatter: `SLO ${bound} ms`, color: INK, position: 'insideEndTop' },
                  },
                }),
          },
        ],
      },
      Math.max(220, 70 + labels.length * 30),
    ),
  };
}

export function predictedVsMeasuredChart(
  rows: { quantity: string; predicted: number; measured: number }[],
): Chart {
  return {
    id: 'predicted-vs-measured',
    title: 'Predicted vs measured',
    caption: 'What the calibrated model predicted for the replay, beside what the engine measured.',
    svg: render(
      'predicted-vs-measured',
      {
        grid: { left: 150, right: 40, top: 40, bottom: 44 },
        xAxis: valueAxis('value', { nameGap: 26 }),
        yAxis: {
          type: 'category',
          data: rows.map((r) => r.quantity),
          inverse: true,
          axisLabel: { color: INK },
        },
        series: [
          {
            type: 'bar',
            name: 'predicted',
            data: rows.map((r) => Math.round(r.predicted * 10) / 10),
            barMaxWidth: 16,
          },
          {
            type: 'bar',
            name: 'measured',
            data: rows.map((r) => Math.round(r.measured * 10) / 10),
            barMaxWidth: 16,
          },
        ],
      },
      Math.max(200, 70 + rows.length * 44),
    ),
  };
}

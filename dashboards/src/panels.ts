// Panel helpers: a time series and a stat, wired to the datasource variable, with refIds A, B, … in order.
// The layout is the SDK's: panels flow left to right in rows of 24 columns.
import {
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  StackingConfigBuilder,
  StackingMode,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { DATASOURCE } from './variables.js';

export interface PanelSpec {
  title: string;
  /** What question the panel answers; shown as the panel's (i) tooltip and repeated in docs/dashboards.md. */
  description: string;
  /** A Grafana unit id: reqps, s, bytes, percentunit, short, … */
  unit: string;
  queries: readonly DataqueryBuilder[];
  /** Columns out of 24 (default 12). */
  width?: number;
  /** A horizontal reference line (e.g. the 80 k sign-ups per minute of April 2020), in the panel's unit. */
  line?: { value: number; color: string };
  min?: number;
  max?: number;
  stacked?: boolean;
}

function refIds(queries: readonly DataqueryBuilder[]): DataqueryBuilder[] {
  return queries.map((query, i) => query.refId(String.fromCharCode(65 + i)));
}

export function timeseries(spec: PanelSpec): TimeseriesPanelBuilder {
  const panel = new TimeseriesPanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .height(8)
    .span(spec.width ?? 12)
    .fillOpacity(spec.stacked ? 40 : 10)
    .legend(
      new VizLegendOptionsBuilder()
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom)
        .showLegend(true)
        .calcs([]),
    )
    .targets(refIds(spec.queries));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  if (spec.stacked) panel.stacking(new StackingConfigBuilder().mode(StackingMode.Normal).group('A'));
  if (spec.line !== undefined) {
    panel
      .thresholds(
        new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
          { value: null, color: 'transparent' },
          { value: spec.line.value, color: spec.line.color },
        ]),
      )
      .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

export function stat(spec: PanelSpec): StatPanelBuilder {
  const panel = new StatPanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .height(5)
    .span(spec.width ?? 6)
    .targets(refIds(spec.queries));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  return panel;
}

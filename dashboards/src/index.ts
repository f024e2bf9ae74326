// Every dashboard, by the file it is written to under dashboards/json/.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { capacitySaturation } from './capacity-saturation.js';
import { launchOverview } from './launch-overview.js';
import { loadGenerator } from './load-generator.js';

/**
 * Numbers rows and panels 1, 2, … in layout order. The SDK gives every row id 0 and panels none; Grafana
 * links to a panel by id (`viewPanel=`), so ids must be unique and stable.
 */
export function numberPanels(dashboard: Dashboard): Dashboard {
  for (const [i, panel] of (dashboard.panels ?? []).entries()) panel.id = i + 1;
  return dashboard;
}

export const DASHBOARDS: ReadonlyArray<{ file: string; build: () => Dashboard }> = [
  { file: 'launch-overview.json', build: () => numberPanels(launchOverview().build()) },
  { file: 'capacity-saturation.json', build: () => numberPanels(capacitySaturation().build()) },
  { file: 'load-generator.json', build: () => numberPanels(loadGenerator().build()) },
];

/** The JSON text committed for a dashboard: two-space indent and a final newline, stable across runs. */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

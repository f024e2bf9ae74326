// Every dashboard, by the file it is written to under dashboards/json/.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { capacitySaturation } from './capacity-saturation.js';
import { launchOverview } from './launch-overview.js';
import { loadGenerator } from './load-generator.js';

export const DASHBOARDS: ReadonlyArray<{ file: string; build: () => Dashboard }> = [
  { file: 'launch-overview.json', build: () => launchOverview().build() },
  { file: 'capacity-saturation.json', build: () => capacitySaturation().build() },
  { file: 'load-generator.json', build: () => loadGenerator().build() },
];

/** The JSON text committed for a dashboard: two-space indent and a final newline, stable across runs. */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

// The frame every gelombang dashboard shares: fixed uid (links and provisioning rely on it), tags,
// the last hour, 10 s refresh, and the datasource / instance / scenario variables.
import { DashboardBuilder, DashboardCursorSync } from '@grafana/grafana-foundation-sdk/dashboard';
import { datasourceVariable, instanceVariable, scenarioVariable } from './variables.js';

export interface DashboardSpec {
  /** Fixed, never derived from the title: bookmarks and provisioned links survive a rename. */
  uid: string;
  title: string;
  description: string;
}

export function dashboardFrame(spec: DashboardSpec): DashboardBuilder {
  return new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['gelombang', 'generated'])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .refresh('10s')
    .withVariable(datasourceVariable())
    .withVariable(instanceVariable())
    .withVariable(scenarioVariable());
}

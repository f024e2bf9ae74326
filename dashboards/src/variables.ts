// The template variables every dashboard offers: which Prometheus, which service instances, which
// load scenario. Panels refer to the datasource variable, never to a fixed datasource uid.
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import {
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';

/** Every query and panel points at the `datasource` variable, so one JSON serves any Prometheus. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus');
}

/** A multi-value variable from a label's values on one metric; "All" matches every value (`.*`). */
function labelVariable(name: string, label: string, metric: string, title: string): QueryVariableBuilder {
  const query = `label_values(${metric}, ${label})`;
  return new QueryVariableBuilder(name)
    .label(title)
    .datasource(DATASOURCE)
    .query({ query, refId: `${name}-values`, qryType: 1 })
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: 'All', value: '$__all' });
}

/** Service instances (host:port of each scrape target of the `gelombang-service` job). */
export function instanceVariable(): QueryVariableBuilder {
  return labelVariable(
    'instance',
    'instance',
    'http_request_duration_seconds_count{job="gelombang-service"}',
    'Instance',
  );
}

/** Load scenarios seen by the engine or k6 (their `scenario` label). */
export function scenarioVariable(): QueryVariableBuilder {
  return labelVariable('scenario', 'scenario', 'k6_http_reqs_total', 'Scenario');
}

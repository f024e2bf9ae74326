import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS, dashboardJson } from './index.js';
import { DATASOURCE } from './variables.js';
import { panelQueries, substituteVariables } from './panel-queries.js';

const JSON_DIR = join(import.meta.dirname, '..', 'json');

describe('dashboards as code', () => {
  it.each(DASHBOARDS.map((d) => [d.file, d] as const))(
    'committed dashboards/json/%s is what the builder writes (run `npm run dashboards` after a change)',
    (file, { build }) => {
      const committed = readFileSync(join(JSON_DIR, file), 'utf8');
      expect(committed).toBe(dashboardJson(build()));
    },
  );

  it('gives every dashboard a fixed, unique uid and the datasource, instance and scenario variables', () => {
    const built = DASHBOARDS.map((d) => d.build());
    const uids = built.map((d) => d.uid);
    expect(uids).toEqual([
      'gelombang-launch-overview',
      'gelombang-capacity-saturation',
      'gelombang-load-generator',
    ]);
    for (const dashboard of built) {
      expect(dashboard.templating?.list?.map((v) => v.name)).toEqual(['datasource', 'instance', 'scenario']);
    }
  });

  it('numbers every row and panel uniquely (Grafana links to panels by id)', () => {
    for (const { build } of DASHBOARDS) {
      const ids = (build().panels ?? []).map((p) => p.id);
      expect(ids).toEqual(ids.map((_, i) => i + 1));
    }
  });

  it('points every panel at the datasource variable and explains it in a description', () => {
    for (const { build } of DASHBOARDS) {
      const panels = (build().panels ?? []).filter((p) => p.type !== 'row') as Array<{
        title: string;
        description?: string;
        datasource?: { uid?: string };
      }>;
      expect(panels.length).toBeGreaterThan(5);
      for (const panel of panels) {
        expect(panel.datasource?.uid, panel.title).toBe(DATASOURCE.uid);
        expect(panel.description?.length ?? 0, panel.title).toBeGreaterThan(20);
      }
    }
  });

  it('leaves no variable that the panel-query test cannot substitute', () => {
    const queries = DASHBOARDS.flatMap((d) => panelQueries(d.build()));
    expect(queries.length).toBeGreaterThan(30);
    for (const q of queries) {
      expect(() => substituteVariables(q.expr, { rateInterval: '30s', range: '5m' })).not.toThrow();
    }
  });

  it('refuses a variable it does not know', () => {
    expect(() => substituteVariables('up{job="$job"}', { rateInterval: '30s', range: '5m' })).toThrow(
      /\$job/,
    );
  });
});

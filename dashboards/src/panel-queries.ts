// Reads the committed dashboard JSON back into (dashboard, panel, refId, expr) rows and substitutes
// Grafana's variables, so a test can run every panel query against a real Prometheus.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  refId: string;
  expr: string;
}

interface PanelLike {
  type?: string;
  title?: string;
  targets?: Array<{ refId?: string; expr?: string }>;
  panels?: PanelLike[];
}

/** Every Prometheus expression of every panel (rows' nested panels included), in layout order. */
export function panelQueries(dashboard: Dashboard): PanelQuery[] {
  const out: PanelQuery[] = [];
  const visit = (panels: readonly PanelLike[]) => {
    for (const panel of panels) {
      if (panel.panels) visit(panel.panels);
      for (const target of panel.targets ?? []) {
        if (target.expr === undefined) continue;
        out.push({
          dashboard: dashboard.title ?? '',
          panel: panel.title ?? '',
          refId: target.refId ?? '',
          expr: target.expr,
        });
      }
    }
  };
  visit((dashboard.panels ?? []) as PanelLike[]);
  return out;
}

export interface Substitutions {
  /** What Grafana's $__rate_interval becomes, e.g. '30s' (at least four scrape intervals). */
  rateInterval: string;
  /** What $__range becomes: the dashboard's time range, e.g. '5m'. */
  range: string;
}

/**
 * The expression as Grafana would send it with every multi-value variable on "All" (`.*`). Throws when
 * a variable is left that nothing here knows: a panel would then fail in Grafana too.
 */
export function substituteVariables(expr: string, subs: Substitutions): string {
  const out = expr
    .replaceAll('$__rate_interval', subs.rateInterval)
    .replaceAll('$__range', subs.range)
    .replaceAll('$instance', '.*')
    .replaceAll('$scenario', '.*');
  const left = /\$\{?\w+/.exec(out);
  if (left !== null) throw new Error(`unknown variable ${left[0]} in: ${expr}`);
  return out;
}

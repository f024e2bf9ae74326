// Launch overview: the one screen of launch night. Are arrivals reaching the service at the planned
// rate, how many sign-ups per minute against April 2020's 80,000, where applicants fall out of the
// funnel, each route's rate / errors / duration, and how much of each wave's quota is left.
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboardFrame } from './dashboard.js';
import { stat, timeseries } from './panels.js';
import { LOAD, prom, quantile, rateSum, ratioOrZero, SERVICE } from './queries.js';

export const LAUNCH_OVERVIEW_UID = 'gelombang-launch-overview';

/** Sign-ups in the busiest minute of the Kartu Prakerja launch, 11 April 2020 (launch-facts.md). */
export const PEAK_SIGN_UPS_PER_MINUTE = 80_000;

const REQUESTS = 'http_request_duration_seconds_count';
const FUNNEL = 'gelombang_funnel_steps_total';
/** The outcome of each funnel step that lets an applicant go on (account created, email verified, NIK verified or queued). */
const STEP_PASSED = 'outcome=~"created|verified|pending"';

export function launchOverview(): DashboardBuilder {
  const accountsCreated = `sum(increase(${FUNNEL}{${SERVICE}, step="account", outcome="created"}[$__range]))`;
  return dashboardFrame({
    uid: LAUNCH_OVERVIEW_UID,
    title: 'gelombang / Launch overview',
    description: 'Arrivals against plan, sign-ups per minute, the funnel, RED per route, wave quotas.',
  })
    .withRow(new RowBuilder('Arrivals and sign-ups'))
    .withPanel(
      timeseries({
        title: 'Target vs achieved arrivals',
        description:
          "The profile's target arrival rate (engine only) against journeys ending per second and arrivals " +
          'dropped because max-in-flight journeys were running. Achieved below target with drops: the load ' +
          'generator, not the service, is the bottleneck.',
        unit: 'reqps',
        queries: [
          prom(`sum(gelombang_engine_target_arrival_rate{${LOAD}})`, 'target arrivals/s'),
          prom(rateSum('k6_iterations_total', LOAD), 'journeys ended/s'),
          prom(rateSum('k6_dropped_iterations_total', LOAD), 'dropped arrivals/s'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Sign-ups per minute',
        description:
          'Accounts created per minute across all instances, against the dashed line at 80,000: the busiest ' +
          'minute of the April 2020 launch.',
        unit: 'short',
        min: 0,
        line: { value: PEAK_SIGN_UPS_PER_MINUTE, color: 'red' },
        queries: [
          prom(`${rateSum(FUNNEL, `${SERVICE}, step="account", outcome="created"`)} * 60`, 'sign-ups/min'),
        ],
      }),
    )
    .withPanel(
      stat({
        title: 'Funnel conversion per step',
        description:
          'Of the accounts created in the time range, the share that passed each step (email verified, ' +
          'NIK verified or queued for verification). A step far below the one before is where applicants fall out.',
        unit: 'percentunit',
        width: 12,
        min: 0,
        max: 1,
        queries: [
          prom(
            `sum by (step) (increase(${FUNNEL}{${SERVICE}, ${STEP_PASSED}}[$__range])) / scalar(${accountsCreated})`,
            '{{step}}',
          ),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Funnel outcomes per second',
        description:
          'Every funnel step attempt by outcome: duplicates, wrong codes, NIK mismatches and rejections beside the successes.',
        unit: 'reqps',
        stacked: true,
        queries: [prom(rateSum(FUNNEL, SERVICE, ['step', 'outcome']), '{{step}} {{outcome}}')],
      }),
    )
    .withRow(new RowBuilder('Rate, errors, duration per route'))
    .withPanel(
      timeseries({
        title: 'Requests per second by route',
        description: 'Requests answered per second by route template, all instances.',
        unit: 'reqps',
        width: 8,
        queries: [prom(rateSum(REQUESTS, SERVICE, ['route']), '{{route}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Server error ratio by route',
        description: 'Share of requests answered 5xx, by route: the availability SLO counts these.',
        unit: 'percentunit',
        width: 8,
        min: 0,
        queries: [
          prom(
            ratioOrZero(
              rateSum(REQUESTS, `${SERVICE}, status_code=~"5.."`, ['route']),
              rateSum(REQUESTS, SERVICE, ['route']),
              ['route'],
            ),
            '{{route}}',
          ),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Latency p95 and p99 by route',
        description:
          'Server-side duration percentiles by route, from the http_request_duration_seconds buckets ' +
          '(2.5 ms to 30 s): what the latency SLO measures.',
        unit: 's',
        width: 8,
        queries: [
          prom(quantile(0.95, 'http_request_duration_seconds', SERVICE, ['route']), 'p95 {{route}}'),
          prom(quantile(0.99, 'http_request_duration_seconds', SERVICE, ['route']), 'p99 {{route}}'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Errors by status code',
        description:
          'Client (4xx) and server (5xx) errors per second by status code and route. 4xx are mostly ' +
          'applicants’ mistakes (duplicate NIK, wrong code); 429 and 503 are the service protecting itself.',
        unit: 'reqps',
        width: 12,
        stacked: true,
        queries: [
          prom(
            rateSum(REQUESTS, `${SERVICE}, status_code=~"4..|5.."`, ['status_code', 'route']),
            '{{status_code}} {{route}}',
          ),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Sign-ins by outcome',
        description:
          'Sign-ins per second: ok, wrong password, throttled. A rising throttled share is credential stuffing or a retry storm.',
        unit: 'reqps',
        width: 12,
        stacked: true,
        queries: [prom(rateSum('gelombang_sign_ins_total', SERVICE, ['outcome']), '{{outcome}}')],
      }),
    )
    .withRow(new RowBuilder('Waves'))
    .withPanel(
      timeseries({
        title: 'Quota left per wave',
        description:
          'Places left in each wave (about 164,000 a week in 2020). Read with the joins panel: at the current ' +
          'join rate, when does the wave fill?',
        unit: 'short',
        min: 0,
        queries: [prom(`min by (wave) (gelombang_wave_quota_remaining{${SERVICE}})`, 'wave {{wave}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Wave joins by outcome',
        description: 'Joins per second by wave and outcome: joined, overflow (quota full), rejected.',
        unit: 'reqps',
        stacked: true,
        queries: [
          prom(rateSum('gelombang_wave_joins_total', SERVICE, ['wave', 'outcome']), '{{wave}} {{outcome}}'),
        ],
      }),
    );
}

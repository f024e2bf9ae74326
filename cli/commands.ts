// The subcommand table: name, one-line summary, and a loader. `gelombang X` imports only X's module, so
// `gelombang --help` and `--version` load none of them (see cli/index.ts). Add a subcommand with one line here;
// its module exports `register(program)`, which defines the flags, help and action.
import type { Command } from 'commander';

export interface SubcommandEntry {
  readonly name: string;
  /** Shown by `gelombang --help`; the module's own description should agree. */
  readonly summary: string;
  readonly load: () => Promise<{ register: (program: Command) => void }>;
}

export const SUBCOMMANDS: readonly SubcommandEntry[] = [
  {
    name: 'serve',
    summary: 'run the reference registration service (SQLite or PostgreSQL)',
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'stub',
    summary: 'run a stub dependency on its own port (population registry, …)',
    load: () => import('./commands/stub.js'),
  },
  {
    name: 'generate',
    summary: 'write synthetic applicants as NDJSON or CSV',
    load: () => import('./commands/generate.js'),
  },
  {
    name: 'scenarios',
    summary: 'list the traffic models and their shapes',
    load: () => import('./commands/scenarios.js'),
  },
  {
    name: 'run',
    summary: 'run a scenario with the open-model load engine',
    load: () => import('./commands/run.js'),
  },
  {
    name: 'smoke',
    summary: 'start the service and run the smoke scenario: the CI gate',
    load: () => import('./commands/smoke.js'),
  },
  {
    name: 'waves',
    summary: "select and announce a wave's participants",
    load: () => import('./commands/waves.js'),
  },
  {
    name: 'stack',
    summary: 'start or stop the full stack as local processes (no Docker)',
    load: () => import('./commands/stack.js'),
  },
  {
    name: 'probe',
    summary: 'sweep one funnel step over concurrency levels: throughput, CPU per request, USL',
    load: () => import('./commands/probe.js'),
  },
  {
    name: 'simulate',
    summary: 'simulate a scenario through a capacity model (what-if, seeded, replications)',
    load: () => import('./commands/simulate.js'),
  },
  {
    name: 'calibrate',
    summary: 'fit a capacity model (model.json) to a measured run',
    load: () => import('./commands/calibrate.js'),
  },
  {
    name: 'plan',
    summary: 'size instances, registry capacity and DB connections for SLOs; `plan waves` for the 2020 waves',
    load: () => import('./commands/plan.js'),
  },
  { name: 'k6', summary: 'build k6 scripts from the scenarios', load: () => import('./commands/k6.js') },
  { name: 'import', summary: 'k6 output into run.json', load: () => import('./commands/import.js') },
  {
    name: 'demo',
    summary: 'the whole job: service, replay, calibrate, simulate, plan, report (what npm start runs)',
    load: () => import('./commands/demo.js'),
  },
  {
    name: 'report',
    summary: 'write report.html, report.md and report.json from a run (and capacity outputs)',
    load: () => import('./commands/report.js'),
  },
];

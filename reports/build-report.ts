// Assembles ReportData from a run (required) and whatever capacity outputs exist. Pure: the caller reads
// and checks the files (reports/inputs.ts); sections whose input is absent are null and are left out.
import type { RunResult } from '../scenarios/engine/run-result.js';
import { headline } from './headline.js';
import {
  type Comparison,
  type PlanSection,
  type ProbeSeries,
  REPORT_KIND,
  REPORT_VERSION,
  type ReportData,
  type SimulationSection,
} from './report-data.js';
import { runSection } from './run-section.js';

export interface ReportSources {
  run: RunResult;
  probe?: ProbeSeries[] | null;
  simulation?: SimulationSection | null;
  plan?: PlanSection | null;
  /** Model predictions of the measured run (same scenario, scale and compression), when made. */
  predictedVsMeasured?: Comparison[];
  /** The file names, for the record. */
  files: {
    run: string;
    probe?: string | null;
    model?: string | null;
    sim?: string | null;
    plan?: string | null;
  };
  /** ISO time stamp; injected so the same inputs give the same report in tests. */
  generatedAt: string;
}

export function buildReport(sources: ReportSources): ReportData {
  const run = runSection(sources.run);
  const probe = sources.probe ?? null;
  const simulation = sources.simulation ?? null;
  const plan = sources.plan ?? null;
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    generatedAt: sources.generatedAt,
    inputs: {
      run: sources.files.run,
      probe: sources.files.probe ?? null,
      model: sources.files.model ?? null,
      sim: sources.files.sim ?? null,
      plan: sources.files.plan ?? null,
    },
    headline: headline(run, probe, simulation, plan),
    run,
    probe,
    simulation,
    plan,
    predictedVsMeasured: sources.predictedVsMeasured ?? [],
  };
}

// The capacity outputs the report reads (probe.json, model.json, sim.json, plan.json) → the report's
// sections. Each adapter takes the parsed file and throws ReportInputError when it is not the file its
// flag asks for. The shapes are the capacity commands' (capacity/types.ts, scenarios/probe/types.ts).
import { REPORT_ERROR_CODES, ReportInputError } from './errors.js';
import type { PlanSection, ProbeSeries, SimulationSection } from './report-data.js';

function refuse(flag: string, path: string, what: string, command: string): never {
  throw new ReportInputError(
    REPORT_ERROR_CODES.INPUT_INVALID,
    `${flag} ${path}: not ${what}. Give the file written by \`${command}\`.`,
  );
}

export function probeSections(data: unknown, path: string): ProbeSeries[] {
  return refuse(
    '--probe',
    path,
    'a probe result (this build cannot read probe.json yet)',
    'gelombang probe --out probe.json',
  );
}

export function modelName(data: unknown, path: string): string {
  const name = (data as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : path;
}

export function simulationSection(data: unknown, path: string): SimulationSection {
  return refuse(
    '--sim',
    path,
    'a simulation result (this build cannot read sim.json yet)',
    'gelombang simulate --out sim.json',
  );
}

export function planSection(data: unknown, path: string): PlanSection {
  return refuse(
    '--plan',
    path,
    'a plan (this build cannot read plan.json yet)',
    'gelombang plan --out plan.json',
  );
}

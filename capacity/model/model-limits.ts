// What a model.json's schema cannot say but the simulator relies on, checked so that a hand-edited model
// is refused naming the field instead of answering another question or crashing:
// - step names: a demand for `profil` (a typo) is never read, and `profile` silently takes the '*' demand;
// - units: the simulator reads the value in the shipped unit, so editing "s" to "ms" converts nothing;
// - counts: capacity/sim/sim-params.ts rounds them and raises 0 to 1, so 2.5 or 0 would be simulated as
//   something else than written;
// - sizes: a time longer than a day (the launch day is 21 h) or more instances than `plan --max` allows
//   (1,000,000) makes the simulator allocate beyond memory or crash.
import { readFileSync } from 'node:fs';
import { getJourney, JOURNEY_NAMES } from '../../scenarios/model/journeys.js';
import type { CapacityModel, Parameter } from '../types.js';

/** Longest time a parameter may give: a day (the 2020 launch day lasted 21 h). */
export const MAX_MODEL_SECONDS = 86_400;
/** Most instances: the upper bound of `gelombang plan --max instances`. */
export const MAX_INSTANCES = 1_000_000;
/** Most servers one station may have (the simulator keeps a time per server: 80 MB at this many). */
export const MAX_STATION_SERVERS = 10_000_000;
/** libuv caps UV_THREADPOOL_SIZE at 1024 (docs.libuv.org, "Thread pool work scheduling"). */
const MAX_THREADPOOL = 1024;

/** Per-step maps and the unit their values are in. */
const STEP_MAPS = [
  { path: ['service', 'cpuDemandSeconds'], unit: 's' },
  { path: ['database', 'demandSeconds'], unit: 's' },
  { path: ['network', 'uploadBytes'], unit: 'bytes' },
] as const;
const STEP_LISTS = [
  ['threadPool', 'steps'],
  ['registry', 'steps'],
] as const;

/** Counts the simulator raises to 1 when below it (sim-params.ts), and their upper bounds. */
const AT_LEAST_ONE: Readonly<Record<string, number>> = {
  'service.instances': MAX_INSTANCES,
  'service.coresPerInstance': MAX_THREADPOOL,
  'threadPool.size': MAX_THREADPOOL,
  'database.connections': Number.MAX_SAFE_INTEGER,
  'registry.maxConcurrent': Number.MAX_SAFE_INTEGER,
  'registry.client.maxInFlight': Number.MAX_SAFE_INTEGER,
  'waitingRoom.maxActive': Number.MAX_SAFE_INTEGER,
};
/** Shares (0 to 1). */
const SHARES = new Set(['registry.errorRate']);

let shippedUnits: Map<string, string> | undefined;

function isParameter(v: unknown): v is Parameter {
  return typeof v === 'object' && v !== null && 'value' in v && 'unit' in v && 'source' in v;
}

function eachParameter(node: unknown, path: string[], visit: (p: Parameter, path: string[]) => void): void {
  if (isParameter(node)) visit(node, path);
  else if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) eachParameter(child, [...path, key], visit);
  }
}

/** The unit of every parameter of the shipped model, by dotted path (read raw: this runs inside loading). */
function unitsOfShippedModel(): Map<string, string> {
  if (shippedUnits === undefined) {
    const raw = JSON.parse(
      readFileSync(new URL('../models/reference-service.json', import.meta.url), 'utf8'),
    ) as unknown;
    const units = new Map<string, string>();
    eachParameter(raw, [], (p, path) => units.set(path.join('.'), p.unit));
    shippedUnits = units;
  }
  return shippedUnits;
}

function knownSteps(): Set<string> {
  return new Set(JOURNEY_NAMES.flatMap((name) => getJourney(name).steps));
}

const pointer = (path: readonly string[]) => `/${path.join('/')}`;

/** Returns the first problem as "field /a/b …: what is wrong", or null when the model can be simulated. */
export function modelLimitProblem(model: CapacityModel): string | null {
  const steps = knownSteps();
  const stepList = [...steps].join(', ');
  const at = (path: readonly string[]): unknown =>
    path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], model);

  for (const { path } of STEP_MAPS) {
    for (const step of Object.keys((at(path) as object | undefined) ?? {})) {
      if (step !== '*' && !steps.has(step)) {
        return `field ${pointer([...path, step])}: no journey has a step "${step}"; steps: ${stepList}, or * for every other step`;
      }
    }
  }
  for (const path of STEP_LISTS) {
    const list = (at(path) as string[] | undefined) ?? [];
    const i = list.findIndex((step) => !steps.has(step));
    if (i >= 0)
      return `field ${pointer([...path, String(i)])}: no journey has a step "${list[i]}"; steps: ${stepList}`;
  }

  const units = unitsOfShippedModel();
  const mapUnit = (path: string[]) =>
    STEP_MAPS.find((m) => m.path.length === path.length - 1 && m.path.every((k, i) => path[i] === k))?.unit;
  let problem: string | null = null;
  eachParameter(model, [], (p, path) => {
    if (problem !== null) return;
    const dotted = path.join('.');
    const unit = mapUnit(path) ?? units.get(dotted);
    const field = pointer(path);
    const { value } = p;
    if (unit !== undefined && p.unit !== unit) {
      problem = `field ${field}/unit must be "${unit}" (the simulator reads the value in ${unit}), got "${p.unit}"; convert the value instead`;
    } else if (unit === 'count' && dotted !== 'service.coresPerInstance' && !Number.isInteger(value)) {
      problem = `field ${field}/value must be a whole number, got ${value}`;
    } else if (AT_LEAST_ONE[dotted] !== undefined && !(value >= 1)) {
      problem = `field ${field}/value must be ≥ 1, got ${value}`;
    } else if (AT_LEAST_ONE[dotted] !== undefined && value > AT_LEAST_ONE[dotted]!) {
      problem = `field ${field}/value must be at most ${AT_LEAST_ONE[dotted]}, got ${value}`;
    } else if (SHARES.has(dotted) && value > 1) {
      problem = `field ${field}/value is a share from 0 to 1 (0.05 = 5 %), got ${value}`;
    } else if (unit === 's' && value > MAX_MODEL_SECONDS) {
      problem = `field ${field}/value must be at most ${MAX_MODEL_SECONDS} s (a day), got ${value}`;
    }
  });
  if (problem !== null) return problem;

  // Stations whose servers multiply with the instances (capacity/sim/sim-params.ts).
  const instances = model.service.instances.value;
  const perInstance: Array<[string, number, string]> = [
    [
      'threadPool.size',
      Math.min(model.threadPool.size.value, model.service.coresPerInstance.value),
      'thread-pool',
    ],
  ];
  if (model.database.kind === 'postgres') {
    perInstance.push(['database.connections', model.database.connections.value, 'database']);
  }
  for (const [path, each, station] of perInstance) {
    const servers = instances * each;
    if (servers > MAX_STATION_SERVERS) {
      return (
        `service.instances × ${path} = ${servers} ${station} servers; the simulator holds at most ` +
        `${MAX_STATION_SERVERS} per station: give fewer instances or a smaller ${path}`
      );
    }
  }

  const bandwidth = model.network.uploadBandwidthBytesPerSecond.value;
  for (const [step, bytes] of Object.entries(model.network.uploadBytes)) {
    if (bandwidth > 0 && bytes.value / bandwidth > MAX_MODEL_SECONDS) {
      return (
        `field /network/uploadBytes/${step}/value: ${bytes.value} bytes at ${bandwidth} bytes per second take ` +
        `longer than a day (${MAX_MODEL_SECONDS} s); give the bytes of one upload`
      );
    }
  }
  return null;
}

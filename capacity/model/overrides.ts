// `--set PATH=VALUE` edits of a capacity model: PATH is a dotted path to a Parameter in model.json
// (registry.maxConcurrent, service.cpuDemandSeconds.profile …) or one of the short aliases below; the value
// replaces the parameter's value and marks it 'edited'. Booleans (waitingRoom.enabled) take 0/1. Each value
// must fit its parameter's rule in the model schema (parameter-rules.ts): instances=0 or instances=2.5 is
// refused as a model.json holding them is.
import { CAPACITY_ERROR_CODES, CapacityError } from '../errors.js';
import type { CapacityModel, Parameter } from '../types.js';
import { parameterRule } from './parameter-rules.js';

export const OVERRIDE_ALIASES: Readonly<Record<string, string>> = {
  instances: 'service.instances',
  cores: 'service.coresPerInstance',
  'registry.capacity': 'registry.maxConcurrent',
  'db.connections': 'database.connections',
  threadpool: 'threadPool.size',
};

const fail = (message: string): never => {
  throw new CapacityError(CAPACITY_ERROR_CODES.OVERRIDE_INVALID, message);
};

/** Text settings and their allowed values. */
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  'registry.overload': ['429', 'queue'],
  'database.kind': ['sqlite', 'postgres'],
};

/** Parses `instances=4` into ['service.instances', 4] (`registry.overload=queue` into a text value);
 *  throws naming what to write. */
export function parseOverride(text: string): [string, number | string] {
  const m = /^\s*([A-Za-z0-9_.*-]+)\s*=\s*(\S+)\s*$/.exec(text);
  if (m === null)
    fail(`--set "${text}" is not PATH=NUMBER, e.g. --set instances=4 --set registry.maxConcurrent=200`);
  const path = OVERRIDE_ALIASES[m![1]!] ?? m![1]!;
  const choices = CHOICES[path];
  if (choices !== undefined) {
    if (!choices.includes(m![2]!)) fail(`--set ${path} must be one of ${choices.join(', ')}, got "${m![2]}"`);
    return [path, m![2]!];
  }
  const value = Number(m![2]);
  if (!Number.isFinite(value)) fail(`--set ${m![1]}: the value must be a number, got "${m![2]}"`);
  return [path, value];
}

/** The short name a user may have typed for a path (instances for service.instances), else the path. */
function shortName(path: string): string {
  return Object.entries(OVERRIDE_ALIASES).find(([, full]) => full === path)?.[0] ?? path;
}

/** Refuses a value outside its parameter's rule, naming the parameter, the rule and a value that fits. */
function checkValue(path: string, value: number): void {
  const rule = parameterRule(path);
  if (rule === undefined || rule.accepts(value)) return;
  const name = shortName(path);
  fail(`--set ${name}=${value}: ${path} must be ${rule.text}, e.g. --set ${name}=${rule.example}`);
}

function isParameter(v: unknown): v is Parameter {
  return typeof v === 'object' && v !== null && typeof (v as Parameter).value === 'number' && 'source' in v;
}

/** A copy of the model with each override applied (source 'edited'). Unknown paths throw. */
export function applyOverrides(
  model: CapacityModel,
  overrides: Record<string, number | string>,
): CapacityModel {
  const copy = structuredClone(model);
  for (const [rawPath, value] of Object.entries(overrides)) {
    const path = OVERRIDE_ALIASES[rawPath] ?? rawPath;
    const keys = path.split('.');
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
    const last = keys[keys.length - 1]!;
    const holder = node as Record<string, unknown> | undefined;
    const target = holder?.[last];
    if (typeof value === 'number') checkValue(path, value);
    if (typeof value === 'string') {
      if (holder === undefined || typeof target !== 'string' || !(CHOICES[path] ?? []).includes(value)) {
        fail(
          `--set ${rawPath}=${value}: not a text setting; text settings are ${Object.keys(CHOICES).join(', ')}`,
        );
      }
      holder![last] = value;
    } else if (holder !== undefined && typeof target === 'boolean') {
      holder[last] = value !== 0;
    } else if (holder !== undefined && isParameter(target)) {
      // Without its uncertainty (the old value's), and without the key: a model is checked as JSON.
      const { uncertainty: _old, ...kept } = target;
      holder[last] = { ...kept, value, source: 'edited', note: `set to ${value}` };
    } else if (
      holder !== undefined &&
      typeof holder === 'object' &&
      keys.length >= 3 &&
      target === undefined
    ) {
      // A new per-step demand, e.g. service.cpuDemandSeconds.upload (network.uploadBytes.upload in bytes).
      const unit = path.startsWith('network.uploadBytes.') ? 'bytes' : 's';
      holder[last] = { value, unit, source: 'edited', note: `set to ${value}` };
    } else {
      fail(
        `--set ${rawPath}: no such parameter in the model; use a dotted path to a parameter of model.json ` +
          `(e.g. registry.maxConcurrent, service.cpuDemandSeconds.profile) or one of ${Object.keys(OVERRIDE_ALIASES).join(', ')}`,
      );
    }
  }
  return copy;
}

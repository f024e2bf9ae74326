// Reading a capacity model: JSON Schema validation (models/capacity-model.schema.json, with the project's
// schema checker) so that a hand-edited model.json that is wrong names the field, plus the checks a schema
// cannot say (windows in order; step names, units and sizes the simulator can take: model-limits.ts).
// The shipped default is models/reference-service.json.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateAgainstSchema } from '../../scenarios/engine/json-schema.js';
import { CAPACITY_ERROR_CODES, CapacityError } from '../errors.js';
import type { CapacityModel, ModelRef } from '../types.js';
import { modelLimitProblem } from './model-limits.js';

const SCHEMA_URL = new URL('../models/capacity-model.schema.json', import.meta.url);
const SCHEMA = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
export const DEFAULT_MODEL_PATH = new URL('../models/reference-service.json', import.meta.url);

const invalid = (where: string, message: string): never => {
  throw new CapacityError(CAPACITY_ERROR_CODES.MODEL_INVALID, `${where}: ${message}`);
};

/** Checks a parsed model; throws CapacityError naming the first bad field (a JSON Pointer). */
export function validateModel(value: unknown, where = 'model'): CapacityModel {
  const errors = validateAgainstSchema(SCHEMA, value);
  if (errors.length > 0) {
    const e = errors[0]!;
    invalid(
      where,
      // The installed file, so that the path is right from whatever folder gelombang runs in.
      `field ${e.path === '' ? '(the root)' : e.path} ${e.message}; see ${fileURLToPath(SCHEMA_URL)}`,
    );
  }
  const model = value as CapacityModel;
  model.registry.outages.forEach((w, i) => {
    if (!(w.endSeconds > w.startSeconds)) {
      invalid(where, `field /registry/outages/${i}: endSeconds must be after startSeconds`);
    }
  });
  if (model.service.instances.value < 1) invalid(where, 'field /service/instances/value must be ≥ 1');
  const problem = modelLimitProblem(model);
  if (problem !== null) invalid(where, problem);
  return model;
}

export function loadModel(path: string): CapacityModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return invalid(
      path,
      `cannot read it (${(err as NodeJS.ErrnoException).code ?? err}); give a model.json path`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return invalid(path, `not JSON (${(err as Error).message})`);
  }
  return validateModel(parsed, path);
}

export function defaultModel(): CapacityModel {
  return loadModel(DEFAULT_MODEL_PATH.pathname);
}

/** Names the model a result used: name, file, content hash, overrides. */
export function modelRef(
  model: CapacityModel,
  path: string | null,
  overrides: Record<string, number | string> = {},
): ModelRef {
  const sha256 = createHash('sha256').update(JSON.stringify(model)).digest('hex');
  return { name: model.name, path, sha256, overrides: { ...overrides } };
}

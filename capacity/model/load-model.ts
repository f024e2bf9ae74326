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
import { MODEL_SCHEMA, parameterRule } from './parameter-rules.js';

/** The installed schema file, named in messages so the path is right from whatever folder gelombang runs in. */
const SCHEMA_PATH = fileURLToPath(new URL('../models/capacity-model.schema.json', import.meta.url));
export const DEFAULT_MODEL_PATH = new URL('../models/reference-service.json', import.meta.url);

const invalid = (where: string, message: string): never => {
  throw new CapacityError(CAPACITY_ERROR_CODES.MODEL_INVALID, `${where}: ${message}`);
};

/** Checks a parsed model; throws CapacityError naming the first bad field (a JSON Pointer). */
export function validateModel(value: unknown, where = 'model'): CapacityModel {
  const errors = validateAgainstSchema(MODEL_SCHEMA, value);
  if (errors.length > 0) {
    const e = errors[0]!;
    // A parameter's value out of its rule: say the rule in words (as --set does), not the schema's terms.
    const rule = /\/value$/.test(e.path)
      ? parameterRule(e.path.slice(1, -'/value'.length).split('/').join('.'))
      : undefined;
    invalid(
      where,
      rule !== undefined
        ? `field ${e.path} must be ${rule.text} (e.g. ${rule.example}); see ${SCHEMA_PATH}`
        : `field ${e.path === '' ? '(the root)' : e.path} ${e.message}; see ${SCHEMA_PATH}`,
    );
  }
  const model = value as CapacityModel;
  model.registry.outages.forEach((w, i) => {
    if (!(w.endSeconds > w.startSeconds)) {
      invalid(where, `field /registry/outages/${i}: endSeconds must be after startSeconds`);
    }
  });
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
  const ref: ModelRef = { name: model.name, path, sha256, overrides: { ...overrides } };
  if (model.registry.outages.length > 0) ref.registryOutages = model.registry.outages.map((w) => ({ ...w }));
  return ref;
}

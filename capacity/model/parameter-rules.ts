// What value each model parameter takes, read from the model's JSON schema (models/capacity-model.schema.json):
// a count (instances, registry slots, DB connections, thread-pool size) is a whole number ≥ 1, a latency or
// bandwidth is > 0, an error rate is a share … The schema is the one statement of these rules; model.json is
// validated against it (load-model.ts), and `--set` overrides are checked against the same definition here,
// so a value refused in a file is refused on the command line too, with the same words.
import { readFileSync } from 'node:fs';

type Schema = Record<string, unknown>;

export const MODEL_SCHEMA = JSON.parse(
  readFileSync(new URL('../models/capacity-model.schema.json', import.meta.url), 'utf8'),
) as Schema;

export interface ParameterRule {
  /** The schema definition it comes from ('count', 'positive' …), or 'switch' for a boolean. */
  name: string;
  /** For people: 'a whole number ≥ 1'. */
  text: string;
  /** A value that fits, for the message's example. */
  example: number;
  accepts(value: number): boolean;
}

/** One entry per parameter definition of the schema (capacity/model/parameter-rules.test.ts checks each
 *  against the schema's own bounds). */
export const PARAMETER_RULES: Readonly<Record<string, ParameterRule>> = {
  count: {
    name: 'count',
    text: 'a whole number ≥ 1',
    example: 4,
    accepts: (v) => Number.isInteger(v) && v >= 1,
  },
  atLeastOne: {
    name: 'atLeastOne',
    text: 'a number ≥ 1',
    example: 4,
    accepts: (v) => v >= 1,
  },
  whole: {
    name: 'whole',
    text: 'a whole number ≥ 0',
    example: 2,
    accepts: (v) => Number.isInteger(v) && v >= 0,
  },
  positive: { name: 'positive', text: 'a number > 0', example: 0.5, accepts: (v) => v > 0 },
  ratio: { name: 'ratio', text: 'a number from 0 to 1', example: 0.01, accepts: (v) => v >= 0 && v <= 1 },
  parameter: { name: 'parameter', text: 'a number ≥ 0', example: 0.002, accepts: (v) => v >= 0 },
};

const SWITCH: ParameterRule = {
  name: 'switch',
  text: '0 (off) or 1 (on)',
  example: 1,
  accepts: (v) => v === 0 || v === 1,
};

function deref(node: Schema): Schema {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
  return ((MODEL_SCHEMA['definitions'] as Record<string, Schema>)[name ?? ''] ?? {}) as Schema;
}

/** The rule of the parameter at a dotted model path (`service.instances`, `service.cpuDemandSeconds.upload`,
 *  `waitingRoom.enabled`), or undefined when the path names no number or switch of the model. */
export function parameterRule(path: string): ParameterRule | undefined {
  let node: Schema | undefined = MODEL_SCHEMA;
  for (const key of path.split('.')) {
    const here: Schema = deref(node);
    const properties = here['properties'] as Record<string, Schema> | undefined;
    const additional = here['additionalProperties'];
    node = properties?.[key] ?? (typeof additional === 'object' ? (additional as Schema) : undefined);
    if (node === undefined) return undefined;
  }
  if (node['type'] === 'boolean') return SWITCH;
  const ref = typeof node['$ref'] === 'string' ? node['$ref'].replace('#/definitions/', '') : '';
  return PARAMETER_RULES[ref];
}

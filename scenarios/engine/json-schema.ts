// A small JSON Schema (draft-07) validator for the subset run-result.schema.json uses: type (one or a
// list), const, enum, properties, required, additionalProperties (false or a schema), items, minimum,
// exclusiveMinimum, maximum (draft-07: numbers), pattern, $ref to "#/definitions/…". As in the standard, object keywords apply to objects only, and so
// on, so `{"type": ["object", "null"], "required": [...]}` accepts null. Unknown keywords are refused so
// that the schema cannot quietly say more than this checks.

export interface SchemaError {
  /** JSON Pointer of the offending value ('' = the root). */
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'definitions']);
const KEYWORDS = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'pattern',
  '$ref',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function resolveRef(root: Schema, ref: string): Schema {
  const match = /^#\/definitions\/([^/]+)$/.exec(ref);
  const target =
    match === null ? undefined : (root['definitions'] as Record<string, Schema> | undefined)?.[match[1]!];
  if (target === undefined) throw new Error(`schema: cannot resolve $ref "${ref}" (only #/definitions/NAME)`);
  return target;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: SchemaError[]): void {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key))
      throw new Error(`schema: keyword "${key}" at ${path || '/'} is not supported`);
  }
  const fail = (message: string) => errors.push({ path, message });
  if (typeof schema['$ref'] === 'string') {
    check(root, resolveRef(root, schema['$ref']), value, path, errors);
  }
  if (schema['type'] !== undefined) {
    const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string];
    if (!types.some((t) => matchesType(value, t))) {
      fail(`expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return;
    }
  }
  if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(value)) {
    fail(`expected ${JSON.stringify(schema['const'])}`);
  }
  if (
    Array.isArray(schema['enum']) &&
    !schema['enum'].some((v) => JSON.stringify(v) === JSON.stringify(value))
  ) {
    fail(`expected one of ${JSON.stringify(schema['enum'])}`);
  }
  if (typeof value === 'number' && typeof schema['minimum'] === 'number' && value < schema['minimum']) {
    fail(`${value} is below the minimum ${schema['minimum']}`);
  }
  if (
    typeof value === 'number' &&
    typeof schema['exclusiveMinimum'] === 'number' &&
    !(value > schema['exclusiveMinimum'])
  ) {
    fail(`${value} must be above ${schema['exclusiveMinimum']}`);
  }
  if (typeof value === 'number' && typeof schema['maximum'] === 'number' && value > schema['maximum']) {
    fail(`${value} is above the maximum ${schema['maximum']}`);
  }
  if (
    typeof value === 'string' &&
    typeof schema['pattern'] === 'string' &&
    !new RegExp(schema['pattern'], 'u').test(value)
  ) {
    fail(`"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" does not match ${schema['pattern']}`);
  }
  if (Array.isArray(value) && schema['items'] !== undefined) {
    for (const [i, item] of value.entries())
      check(root, schema['items'] as Schema, item, `${path}/${i}`, errors);
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const name of (schema['required'] ?? []) as string[]) {
      if (!(name in object)) errors.push({ path, message: `missing required property "${name}"` });
    }
    for (const [name, item] of Object.entries(object)) {
      const childPath = `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const declared = properties[name];
      if (declared !== undefined) check(root, declared, item, childPath, errors);
      else if (schema['additionalProperties'] === false)
        errors.push({ path: childPath, message: 'property not allowed' });
      else if (typeof schema['additionalProperties'] === 'object') {
        check(root, schema['additionalProperties'] as Schema, item, childPath, errors);
      }
    }
  }
}

/** Every way `value` breaks `schema` (empty when it conforms). Throws on a schema outside the subset. */
export function validateAgainstSchema(schema: object, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(schema as Schema, schema as Schema, value, '', errors);
  return errors;
}

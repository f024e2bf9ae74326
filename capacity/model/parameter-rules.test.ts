import { describe, expect, test } from 'vitest';
import { validateAgainstSchema } from '../../scenarios/engine/json-schema.js';
import { CapacityError } from '../errors.js';
import { defaultModel, validateModel } from './load-model.js';
import { applyOverrides, parseOverride } from './overrides.js';
import { MODEL_SCHEMA, PARAMETER_RULES, parameterRule } from './parameter-rules.js';

const definitions = MODEL_SCHEMA['definitions'] as Record<string, object>;
const SAMPLES = [-1, 0, 0.001, 0.5, 1, 2.5, 4, 1e6];

describe('parameter rules', () => {
  test.each(Object.keys(PARAMETER_RULES))('rule %s says what its schema definition checks', (name) => {
    for (const value of SAMPLES) {
      const parameter = { value, unit: 'count', source: 'default' };
      const schemaOk = validateAgainstSchema(definitions[name]!, parameter).length === 0;
      expect([name, value, PARAMETER_RULES[name]!.accepts(value)]).toEqual([name, value, schemaOk]);
    }
  });

  test.each([
    ['service.instances', 'count'],
    ['service.coresPerInstance', 'count'],
    ['threadPool.size', 'count'],
    ['database.connections', 'count'],
    ['registry.maxConcurrent', 'count'],
    ['registry.client.maxInFlight', 'count'],
    ['registry.client.concurrency', 'whole'],
    // The adaptive limit moves in fractions (AIMD); a service's gauge may read 4.5.
    ['registry.client.initialConcurrency', 'atLeastOne'],
    ['registry.client.retries', 'whole'],
    ['registry.latencyMeanSeconds', 'positive'],
    ['threadPool.hashSeconds', 'positive'],
    ['network.uploadBandwidthBytesPerSecond', 'positive'],
    ['registry.errorRate', 'ratio'],
    ['registry.rateLimitPerSecond', 'parameter'],
    ['service.cpuDemandSeconds.profile', 'parameter'],
    ['service.cpuDemandSeconds.a-step-not-in-the-model', 'parameter'],
    ['waitingRoom.enabled', 'switch'],
  ])('%s is a %s', (path, rule) => {
    expect(parameterRule(path)?.name).toBe(rule);
  });

  test('a path that names no parameter has no rule', () => {
    expect(parameterRule('service.instancez')).toBeUndefined();
    expect(parameterRule('registry.overload')).toBeUndefined();
  });

  test('the shipped model keeps every rule', () => {
    expect(() => defaultModel()).not.toThrow();
  });
});

describe('--set overrides keep the rules', () => {
  const set = (text: string) => {
    const [path, value] = parseOverride(text);
    return applyOverrides(defaultModel(), { [path]: value });
  };

  test.each([
    ['instances=0', 'service.instances must be a whole number ≥ 1, e.g. --set instances=4'],
    ['instances=2.5', 'service.instances must be a whole number ≥ 1'],
    [
      'registry.capacity=0',
      'registry.maxConcurrent must be a whole number ≥ 1, e.g. --set registry.capacity=4',
    ],
    ['db.connections=0.5', 'database.connections must be a whole number ≥ 1'],
    ['threadpool=0', 'threadPool.size must be a whole number ≥ 1'],
    ['cores=1.5', 'service.coresPerInstance must be a whole number ≥ 1'],
    ['registry.latencyMeanSeconds=0', 'registry.latencyMeanSeconds must be a number > 0, e.g.'],
    ['registry.errorRate=1.5', 'registry.errorRate must be a number from 0 to 1'],
    ['registry.client.retries=1.5', 'registry.client.retries must be a whole number ≥ 0'],
    ['service.cpuDemandSeconds.profile=-1', 'must be a number ≥ 0'],
    ['waitingRoom.enabled=2', 'waitingRoom.enabled must be 0 (off) or 1 (on)'],
  ])('--set %s is refused: %s', (text, message) => {
    expect(() => set(text)).toThrow(CapacityError);
    expect(() => set(text)).toThrow(message);
  });

  test.each([
    ['instances=3', (m: ReturnType<typeof set>) => m.service.instances.value, 3],
    ['registry.client.concurrency=0', (m: ReturnType<typeof set>) => m.registry.client.concurrency?.value, 0],
    ['registry.errorRate=0.05', (m: ReturnType<typeof set>) => m.registry.errorRate.value, 0.05],
    [
      'service.cpuDemandSeconds.upload=0.001',
      (m: ReturnType<typeof set>) => m.service.cpuDemandSeconds['upload']?.value,
      0.001,
    ],
  ])('--set %s is taken', (text, read, expected) => {
    expect(read(set(text))).toBe(expected);
  });
});

describe('model.json keeps the same rules', () => {
  test.each([
    ['service', 'instances', 0, '/service/instances/value must be a whole number ≥ 1'],
    ['service', 'instances', 2.5, '/service/instances/value must be a whole number ≥ 1'],
    ['database', 'connections', 0, '/database/connections/value must be a whole number ≥ 1'],
    ['threadPool', 'hashSeconds', 0, '/threadPool/hashSeconds/value must be a number > 0'],
  ])('%s.%s = %d is refused naming the field', (station, field, value, message) => {
    const model = structuredClone(defaultModel()) as unknown as Record<
      string,
      Record<string, { value: number }>
    >;
    model[station]![field]!.value = value;
    expect(() => validateModel(model)).toThrow(message);
  });
});

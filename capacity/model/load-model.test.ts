// A hand-edited model.json: what its schema cannot catch must still be refused, naming the field, before any
// simulation. Each case is a mistake a planner makes when editing the file; the simulator would otherwise
// answer a different question (a typo'd step takes the '*' demand, a 0 becomes 1, "ms" is read as seconds)
// or crash (a time so long the event calendar cannot hold it).
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CapacityError } from '../errors.js';
import type { CapacityModel } from '../types.js';
import { defaultModel, validateModel } from './load-model.js';

const edited = (edit: (m: CapacityModel) => void): CapacityModel => {
  const model = structuredClone(defaultModel());
  edit(model);
  return model;
};

describe('validateModel: mistakes a schema cannot see', () => {
  test.each([
    {
      what: 'a typo in a step name of a demand map',
      edit: (m: CapacityModel) => {
        m.service.cpuDemandSeconds.profil = { value: 0.001, unit: 's', source: 'edited' };
      },
      message: /\/service\/cpuDemandSeconds\/profil: no journey has a step "profil"; steps: .*profile/,
    },
    {
      what: 'a typo in the registry steps',
      edit: (m: CapacityModel) => {
        m.registry.steps = ['profil'];
      },
      message: /\/registry\/steps\/0: no journey has a step "profil"/,
    },
    {
      what: 'a unit changed as if it converted the value',
      edit: (m: CapacityModel) => {
        m.registry.latencyMeanSeconds.unit = 'ms';
      },
      message:
        /\/registry\/latencyMeanSeconds\/unit must be "s" \(the simulator reads the value in s\), got "ms"/,
    },
    {
      what: 'a demand in ms',
      edit: (m: CapacityModel) => {
        m.service.cpuDemandSeconds.profile!.unit = 'ms';
      },
      message: /\/service\/cpuDemandSeconds\/profile\/unit must be "s"/,
    },
    {
      what: 'a fractional count',
      edit: (m: CapacityModel) => {
        m.database.connections.value = 2.5;
      },
      message: /\/database\/connections\/value must be a whole number ≥ 1 \(e.g. 4\)/,
    },
    {
      what: 'no thread pool (the simulator would use 1)',
      edit: (m: CapacityModel) => {
        m.threadPool.size.value = 0;
      },
      message: /\/threadPool\/size\/value must be a whole number ≥ 1/,
    },
    {
      what: 'no registry capacity (the simulator would use 1)',
      edit: (m: CapacityModel) => {
        m.registry.maxConcurrent.value = 0;
      },
      message: /\/registry\/maxConcurrent\/value must be a whole number ≥ 1/,
    },
    {
      what: 'half a core (the simulator would use 1)',
      edit: (m: CapacityModel) => {
        m.service.coresPerInstance.value = 0.5;
      },
      message: /\/service\/coresPerInstance\/value must be a whole number ≥ 1/,
    },
    {
      what: 'an error rate written as a percentage',
      edit: (m: CapacityModel) => {
        m.registry.errorRate.value = 5;
      },
      message: /\/registry\/errorRate\/value must be a number from 0 to 1 \(e.g. 0.01\)/,
    },
    {
      what: 'a registry latency longer than a day',
      edit: (m: CapacityModel) => {
        m.registry.latencyMeanSeconds.value = 1e308;
      },
      message: /\/registry\/latencyMeanSeconds\/value must be at most 86400 s \(a day\), got 1e\+308/,
    },
    {
      what: 'more instances than a plan can search',
      edit: (m: CapacityModel) => {
        m.service.instances.value = 1e12;
      },
      message: /\/service\/instances\/value must be at most 1000000, got 1000000000000/,
    },
    {
      what: 'an upload that would take longer than a day',
      edit: (m: CapacityModel) => {
        m.network.uploadBytes.upload = { value: 1e22, unit: 'bytes', source: 'edited' };
      },
      message:
        /\/network\/uploadBytes\/upload\/value: 1e\+22 bytes at 125000000 bytes per second take longer than a day/,
    },
    {
      what: 'more PostgreSQL connections in all than a station can hold',
      edit: (m: CapacityModel) => {
        m.database.kind = 'postgres';
        m.service.instances.value = 1_000_000;
        m.database.connections.value = 1_000_000;
      },
      message:
        /service\.instances × database\.connections = 1000000000000 database servers; the simulator holds at most 10000000 per station/,
    },
  ])('$what', ({ edit, message }) => {
    const model = edited(edit);
    expect(() => validateModel(model, 'model.json')).toThrow(CapacityError);
    expect(() => validateModel(model, 'model.json')).toThrow(message);
  });

  test('the shipped model, a new step demand and an upload size in bytes pass', () => {
    expect(() => validateModel(defaultModel())).not.toThrow();
    const model = edited((m) => {
      m.service.cpuDemandSeconds.upload = { value: 0.002, unit: 's', source: 'edited' };
      m.network.uploadBytes.upload = { value: 2_000_000, unit: 'bytes', source: 'edited' };
      m.registry.errorRate.value = 0.05;
      m.service.instances.value = 1_000_000;
    });
    expect(() => validateModel(model)).not.toThrow();
  });
});

test('a schema error points at the schema file by a path that exists from any folder', () => {
  const model = edited((m) => {
    m.registry.maxConcurrent.value = -5;
  });
  let message = '';
  try {
    validateModel(model, 'model.json');
  } catch (err) {
    message = (err as Error).message;
  }
  const schema = /see (\S+capacity-model\.schema\.json)/.exec(message)?.[1];
  expect(schema, message).toMatch(/^\//);
  expect(existsSync(schema!)).toBe(true);
});

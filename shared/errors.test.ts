// Every package's input error shares one base and keeps its own name, code and instanceof: cli/index.ts
// maps them to exit 2 by name, and callers catch them by class.
import { describe, expect, test } from 'vitest';
import { AnalyticError } from '../capacity/analytic/errors.js';
import { CapacityError } from '../capacity/errors.js';
import { UsageError } from '../cli/errors.js';
import { StackRunningError } from '../deploy/stack/stack.js';
import { ReportInputError } from '../reports/errors.js';
import { EngineOptionsError } from '../scenarios/engine/errors.js';
import { K6ImportError } from '../scenarios/k6/import-json.js';
import { ScenarioError } from '../scenarios/model/errors.js';
import { ConfigError } from '../target-service/config.js';
import { GlbError } from '../target-service/errors.js';
import { StubBehaviourError } from '../target-service/registry/stub-behaviour.js';
import { GelombangError, GelombangRangeError } from './errors.js';

const CASES: [string, () => Error, new (...args: never[]) => Error, string, string][] = [
  ['UsageError', () => new UsageError('m'), UsageError, 'UsageError', 'GLB_ERR_CLI_USAGE'],
  ['UsageError with a code', () => new UsageError('m', 'GLB_ERR_X'), UsageError, 'UsageError', 'GLB_ERR_X'],
  ['ConfigError', () => new ConfigError('m'), ConfigError, 'ConfigError', 'GLB_ERR_CONFIG_INVALID'],
  [
    'EngineOptionsError',
    () => new EngineOptionsError('m'),
    EngineOptionsError,
    'EngineOptionsError',
    'GLB_ERR_ENGINE_OPTIONS_INVALID',
  ],
  [
    'ScenarioError',
    () => new ScenarioError('GLB_ERR_SCENARIO_UNKNOWN', 'm'),
    ScenarioError,
    'ScenarioError',
    'GLB_ERR_SCENARIO_UNKNOWN',
  ],
  [
    'CapacityError',
    () => new CapacityError('GLB_ERR_CAPACITY_MODEL_INVALID', 'm'),
    CapacityError,
    'CapacityError',
    'GLB_ERR_CAPACITY_MODEL_INVALID',
  ],
  [
    'AnalyticError',
    () => new AnalyticError('GLB_ERR_ANALYTIC_UNSTABLE', 'm'),
    AnalyticError,
    'AnalyticError',
    'GLB_ERR_ANALYTIC_UNSTABLE',
  ],
  [
    'K6ImportError',
    () => new K6ImportError('m'),
    K6ImportError,
    'K6ImportError',
    'GLB_ERR_IMPORT_K6_INVALID',
  ],
  [
    'StubBehaviourError',
    () => new StubBehaviourError('m'),
    StubBehaviourError,
    'StubBehaviourError',
    'GLB_ERR_STUB_BEHAVIOUR_INVALID',
  ],
  // Named UsageError on purpose: cli/index.ts prints it without a stack and exits 2.
  [
    'ReportInputError',
    () => new ReportInputError('GLB_ERR_REPORT_INPUT_MISSING', 'm'),
    ReportInputError,
    'UsageError',
    'GLB_ERR_REPORT_INPUT_MISSING',
  ],
  [
    'StackRunningError',
    () => new StackRunningError('m'),
    StackRunningError,
    'StackRunningError',
    'GLB_ERR_STACK_RUNNING',
  ],
  ['GlbError', () => new GlbError('GLB_ERR_AUTH_X', 'm', 401), GlbError, 'GlbError', 'GLB_ERR_AUTH_X'],
];

describe('the shared error base', () => {
  test.each(CASES)('%s keeps its name, code, message, stack and class', (_what, make, Class, name, code) => {
    const err = make();
    expect(err).toBeInstanceOf(Class);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe(name);
    expect((err as GelombangError).code).toBe(code);
    expect(err.message).toBe('m');
    expect(err.stack).toContain('m');
    expect(err instanceof GelombangError || err instanceof GelombangRangeError).toBe(true);
  });

  test('AnalyticError is still a RangeError (input outside a model domain); the others are not', () => {
    expect(new AnalyticError('GLB_ERR_ANALYTIC_UNSTABLE', 'm')).toBeInstanceOf(RangeError);
    expect(new CapacityError('GLB_ERR_CAPACITY_MODEL_INVALID', 'm')).not.toBeInstanceOf(RangeError);
  });

  test('one class does not pass for another', () => {
    expect(new ScenarioError('GLB_ERR_SCENARIO_UNKNOWN', 'm')).not.toBeInstanceOf(EngineOptionsError);
    expect(new UsageError('m')).not.toBeInstanceOf(CapacityError);
  });

  test('GlbError keeps its HTTP status and details', () => {
    const err = new GlbError('GLB_ERR_X', 'm', 409, { field: 'email' });
    expect([err.statusCode, err.details]).toEqual([409, { field: 'email' }]);
  });
});

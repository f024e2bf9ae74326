import { describe, expect, test } from 'vitest';
import { CapacityError } from './errors.js';
import { defaultModel } from './model/load-model.js';
import { plan } from './plan.js';

const SMALL = { scale: 0.005, timeScale: 60, durationSeconds: 60, replications: 1 };
const SLOS = [{ metric: 'http_req_duration{step:account}', expressions: ['p(95)<5000'] }];

describe('plan on a SQLite model', () => {
  test('says that DB connections were not searched, in plan.json and in its summary', () => {
    const model = defaultModel();
    expect(model.database.kind).toBe('sqlite');
    const r = plan('launch-day', model, { ...SMALL, slos: SLOS });
    expect(r.dimensions).not.toContain('database.connections');
    expect(r.notSearched).toEqual([
      {
        dimension: 'database.connections',
        reason: 'database: SQLite has one writer; connections not searched',
      },
    ]);
    expect(r.summary).toContain('database: SQLite has one writer; connections not searched');
  }, 60_000);

  test.each([
    [{ dimensions: ['database.connections' as const] }, '--dimension db'],
    [{ dimensions: ['service.instances' as const], upperBounds: { 'database.connections': 64 } }, '--max db'],
  ])('asking for DB connections by name is refused before any simulation (%j)', (asked, flag) => {
    let simulated = false;
    const run = () =>
      plan('launch-day', defaultModel(), {
        ...SMALL,
        ...asked,
        slos: SLOS,
        onProgress: () => {
          simulated = true;
        },
      });
    expect(run).toThrow(CapacityError);
    expect(run).toThrow(flag);
    expect(run).toThrow('SQLite, one writer for all instances');
    expect(simulated).toBe(false);
  });

  test('on PostgreSQL the connections are searched and nothing is said to be skipped', () => {
    const r = plan('launch-day', defaultModel(), {
      ...SMALL,
      slos: SLOS,
      dimensions: ['database.connections'],
      overrides: { 'database.kind': 'postgres' },
    });
    expect(r.dimensions).toEqual(['database.connections']);
    expect(r.notSearched).toEqual([]);
    expect(r.summary).not.toContain('not searched');
  }, 60_000);
});

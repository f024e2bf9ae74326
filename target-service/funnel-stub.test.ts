// The canned funnel answers every step of every journey: a run of the smoke scenario against it completes
// every journey without a failed request, and a CLI start prints its URL and stops on SIGTERM.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../scenarios/engine/engine.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import { getJourney } from '../scenarios/model/journeys.js';
import { BIN } from '../test/helpers/cli.js';
import { type FunnelStub, startFunnelStub } from './funnel-stub.js';
import { RECOVERY_STEPS } from '../scenarios/model/funnel-steps.js';

describe('gelombang stub funnel', () => {
  let stub: FunnelStub;
  beforeAll(async () => {
    stub = await startFunnelStub();
  });
  afterAll(async () => {
    await stub?.close();
  });

  it('completes every journey of the smoke scenario, no request failed', async () => {
    const options = validateRunOptions({
      scenario: 'smoke',
      target: stub.url,
      duration: '3s',
      arrivalProcess: 'uniform',
    });
    const result = await startRun(options).result;
    expect(result.arrivals.launched).toBeGreaterThan(10);
    expect(result.journeys.completed).toBe(result.arrivals.launched);
    expect(result.steps.map((s) => s.step)).toEqual(getJourney('smoke').steps);
    for (const step of result.steps) {
      // The NIK-check polling only follows a pending (202) profile; the canned profile is verified at once.
      expect(step.requests, step.step).toBe(
        RECOVERY_STEPS.includes(step.step) ? 0 : result.arrivals.launched,
      );
      expect(step.failed, step.step).toBe(0);
    }
    expect(stub.answered).toBe(result.steps.reduce((n, s) => n + s.requests, 0));
  });

  it('answers an unknown route 404 with the not-found code', async () => {
    const res = await fetch(`${stub.url}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'GLB_ERR_REQ_NOT_FOUND' });
  });

  it('the CLI listens on a free port, prints the URL and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'stub', 'funnel', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
    });
    const res = await fetch(`${url}/api/v1/programme`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

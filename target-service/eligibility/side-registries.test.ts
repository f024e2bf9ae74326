// Dapodik and DTKS: served by the registry stub with behaviour of their own, read through the resilient
// client (one breaker and bulkhead per registry).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applicant } from '../../generators/index.js';
import { DEFAULT_CONFIG } from '../config.js';
import { startRegistryStub, type RunningRegistryStub } from '../registry/stub-server.js';
import { RegistryUnavailableError } from '../registry/types.js';
import { createSideRegistryClients, type SideRegistryClients } from './side-registries.js';

const SEED = 20200411;
let stub: RunningRegistryStub;
let clients: SideRegistryClients;

const find = (pred: (a: ReturnType<typeof applicant>) => boolean) => {
  for (let i = 0; ; i++) {
    const a = applicant(SEED, i);
    if (pred(a)) return a;
  }
};

beforeAll(async () => {
  stub = await startRegistryStub({
    seed: SEED,
    registries: { dapodik: { latencyMeanMs: 1, latencySigma: 0 }, dtks: { down: true } },
  });
  clients = createSideRegistryClients({ ...DEFAULT_CONFIG.registry, url: stub.url, retries: 0 });
});
afterAll(async () => {
  await clients?.close();
  await stub?.close();
});

describe('Dapodik and DTKS', () => {
  test('Dapodik answers from the generated applicant: students enrolled, others not, unknown NIKs not', async () => {
    const student = find((a) => a.flags.student);
    const worker = find((a) => !a.flags.student && !a.flags.underAge);
    expect(await clients.dapodik.call(student.nik)).toBe(true);
    expect(await clients.dapodik.call(worker.nik)).toBe(false);
    expect(await clients.dapodik.call('3171014101990001')).toBe(false);
  });

  test('each registry has its own behaviour: DTKS down does not touch Dapodik or the NIK check', async () => {
    const a = find((x) => !x.flags.student);
    await expect(clients.dtks.call(a.nik)).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(await clients.dapodik.call(a.nik)).toBe(false);
    const verify = await fetch(`${stub.url}/v1/nik/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nik: a.nik, fullName: a.fullName, birthDate: a.birthDate }),
    });
    expect(verify.status).toBe(200);
    const admin = await fetch(`${stub.url}/admin/behaviour/dtks`);
    expect(((await admin.json()) as { down: boolean }).down).toBe(true);
  });

  test('DTKS answers social-aid status once it is back', async () => {
    const onAid = find((a) => a.flags.onSocialAid);
    const res = await fetch(`${stub.url}/admin/behaviour/dtks`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: false }),
    });
    expect(res.status).toBe(200);
    // The breaker may still be open after the failures above: ask until it lets a call through.
    let answer: boolean | undefined;
    for (let i = 0; i < 100 && answer === undefined; i++) {
      answer = await clients.dtks.call(onAid.nik).catch(() => undefined);
      if (answer === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer).toBe(true);
  }, 20_000);
});

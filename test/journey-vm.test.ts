// The funnel journey must run where k6 runs it: scenarios/model bundled for a neutral platform and executed
// in a context with no Node globals. The new steps (upload with its multipart body, the test, Join Batch)
// build the same requests there as in Node.
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, expect, test } from 'vitest';
import { getJourney } from '../scenarios/model/journeys.js';
import type { Journey, JourneyAction, StepResponse } from '../scenarios/model/types.js';

type Api = { getJourney: typeof getJourney };
let api: Api;

beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: "export { getJourney } from './scenarios/model/journeys.ts';",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    platform: 'neutral',
    format: 'iife',
    globalName: 'gelombangJourneys',
    write: false,
    logLevel: 'silent',
  });
  const bundle = result.outputFiles[0]!.text;
  expect(bundle).not.toMatch(/\brequire\(|from ['"]node:|\bprocess\.|\bBuffer\./);
  const context = vm.createContext({});
  vm.runInContext(bundle, context, { timeout: 10_000 });
  api = context.gelombangJourneys as Api;
}, 60_000);

/** Answers every step as a healthy service would, enough to walk a journey to its end. */
function answer(action: JourneyAction): StepResponse {
  const json = (status: number, body: unknown): StepResponse => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  switch (action.step) {
    case 'account':
      return json(201, { accountId: 'a', accessToken: 'tok', emailVerified: false });
    case 'outbox':
      return json(200, { kind: 'email-verification', code: '123456', sentAt: 'now' });
    case 'upload':
      return json(201, { documents: [] });
    case 'test-questions':
      return json(200, {
        passMark: 0.6,
        questions: [{ id: 'q1', prompt: '2 + 3 = ?', choices: ['4', '5'] }],
      });
    case 'test':
      return json(200, { score: 1, questions: 1, passMark: 0.6, passed: true });
    case 'wave':
      return json(200, { id: 1 });
    default:
      return json(200, { status: 'verified' });
  }
}

function walk(journey: Journey, index: number): Array<{ step: string; body: string | number[] | undefined }> {
  const state = journey.start(20200411, index);
  const out: Array<{ step: string; body: string | number[] | undefined }> = [];
  for (let next = journey.next(state); next.kind === 'request'; next = journey.next(state)) {
    const body = next.request.body;
    // Bytes from another realm are compared by value.
    out.push({
      step: next.step,
      body: typeof body === 'string' || body === undefined ? body : Array.from(body),
    });
    journey.onResponse(state, next, answer(next));
  }
  return out;
}

test('the smoke journey builds the same requests, multipart upload included, in a bare VM as in Node', () => {
  for (const index of [0, 139, 5000]) {
    const inVm = walk(api.getJourney('smoke'), index);
    const inNode = walk(getJourney('smoke'), index);
    expect(inVm.map((r) => r.step)).toContain('upload');
    expect(inVm.map((r) => r.step)).toContain('join-wave');
    expect(inVm).toEqual(inNode);
  }
});

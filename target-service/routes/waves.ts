// Funnel step 6: "Join Batch". GET /api/v1/waves/current says which wave is open and how many places are
// left; POST /api/v1/waves/{id}/join takes a place for an applicant who passed the test. The quota is kept
// by the database (storage/wave-types.ts: joinWave); when the wave is full the applicant gets a place on
// the next wave with room — the 2020 overflow rule ("the rest go to the next week's slot", launch-facts.md)
// — and the answer says so. Kept in its own file for selection (issue 11) to build on.
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { bearerHeaders, withErrors } from '../schemas.js';
import type { JoinWaveResult, Wave } from '../storage/wave-types.js';
import { windowOf } from '../waves/calendar.js';

const waveSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    opensAt: { type: 'string' },
    closesAt: { type: 'string' },
    registrationDate: { type: 'string' },
    status: { type: 'string', enum: ['not-open', 'open', 'closed'] },
    quota: { type: 'integer' },
    joined: { type: 'integer' },
    remaining: { type: 'integer' },
  },
} as const;

const joinSchema = {
  type: 'object',
  properties: {
    waveId: { type: 'integer', description: 'The wave the applicant has a place on' },
    requestedWaveId: { type: 'integer' },
    placement: { type: 'string', enum: ['requested-wave', 'next-wave'] },
    alreadyJoined: { type: 'boolean' },
    message: { type: 'string' },
  },
} as const;

export default async function waveRoutes(app: FastifyInstance) {
  const { repo, metrics, programme } = app;
  // Every instance writes the same calendar; places already taken are kept (upsertWaves).
  await repo.upsertWaves(programme.waves);

  const view = (w: Wave) => ({
    id: w.id,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    registrationDate: w.registrationDate,
    status: windowOf(w, programme.now()),
    quota: w.quota,
    joined: w.joined,
    remaining: w.quota - w.joined,
  });

  app.get(
    '/api/v1/waves/current',
    {
      schema: {
        tags: ['funnel'],
        summary: 'The wave open now (or the next to open), with its window and places left',
        response: withErrors({ 200: waveSchema }, 404),
      },
    },
    async () => {
      const current = programme.currentWave();
      const wave = current && (await repo.listWaves()).find((w) => w.id === current.id);
      if (!wave) throw glbError('WAVE_NOT_FOUND', undefined, 'The wave calendar has no waves left');
      metrics.waveQuotaRemaining.set({ wave: String(wave.id) }, wave.quota - wave.joined);
      return view(wave);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/waves/:id/join',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary: 'Join Batch: a place on this wave, or on the next with room when it is full (funnel step 6)',
        headers: bearerHeaders,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } },
        },
        response: withErrors({ 200: joinSchema }, 401, 404, 409, 422, 503),
      },
    },
    async (request) => {
      const account = request.account!;
      const waveId = Number(request.params.id);
      const wave = programme.waves.find((w) => w.id === waveId);
      if (!wave) throw glbError('WAVE_NOT_FOUND', { waveId });
      // A place already held is the answer, whichever wave is asked for: nobody joins twice.
      const held = await repo.findWaveMembership(account.id);
      if (held) return answer({ outcome: 'already-joined', membership: held });
      const result = await repo.findAssessment(account.id);
      if (!result?.passed) throw glbError('WAVE_TEST_NOT_PASSED');
      const window = windowOf(wave, programme.now());
      if (window === 'not-open')
        throw glbError('WAVE_NOT_OPEN', { waveId, opensAt: wave.opensAt.toISOString() });
      if (window === 'closed') throw glbError('WAVE_CLOSED', { waveId });
      await app.eligibility.checkForJoin(account.id, waveId);

      const joined = await repo.joinWave(account.id, waveId, new Date());
      if (joined.outcome === 'no-place') {
        metrics.waveJoins.inc({ wave: String(waveId), outcome: 'rejected' });
        throw glbError('WAVE_NO_PLACE', { waveId });
      }
      if (joined.outcome === 'joined') {
        const m = joined.membership;
        const outcome = m.waveId !== m.requestedWaveId ? 'overflow' : 'joined';
        metrics.waveJoins.inc({ wave: String(m.waveId), outcome });
        metrics.waveQuotaRemaining.set({ wave: String(m.waveId) }, joined.remaining);
        metrics.funnelSteps.inc({ step: 'join-wave', outcome });
      }
      return answer(joined);
    },
  );
}

/** The answer to a join: where the applicant's place is, and in words when it is not the wave asked for. */
function answer(joined: Exclude<JoinWaveResult, { outcome: 'no-place' }>) {
  const m = joined.membership;
  const overflow = m.waveId !== m.requestedWaveId;
  return {
    waveId: m.waveId,
    requestedWaveId: m.requestedWaveId,
    placement: overflow ? 'next-wave' : 'requested-wave',
    alreadyJoined: joined.outcome === 'already-joined',
    message: overflow
      ? `Wave ${m.requestedWaveId} is full: you have a place on wave ${m.waveId}`
      : `You have a place on wave ${m.waveId}`,
  };
}

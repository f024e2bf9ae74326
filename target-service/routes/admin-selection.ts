// The operator's side of wave selection (waves/selection.ts), behind the admin key (X-Api-Key):
// POST runs the selection and writes the announcement (idempotent: the same inputs answer the same
// announcement), GET reads it. The CLI (`gelombang waves select`) runs the same code on the database.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_KEY_HEADER, requireApiKey } from '../api-key.js';
import { DEFAULT_SEED } from '../../generators/options.js';
import { glbError } from '../errors.js';
import { withErrors } from '../schemas.js';
import type { WaveSelection } from '../storage/selection-types.js';
import { announceWave } from '../waves/selection.js';

const PATH = '/api/v1/admin/waves/:waveId/selection';

const params = {
  type: 'object',
  required: ['waveId'],
  properties: { waveId: { type: 'string', pattern: '^[1-9][0-9]{0,4}$' } },
} as const;

const headers = {
  type: 'object',
  properties: { [API_KEY_HEADER]: { type: 'string', description: 'The admin key (--admin-key)' } },
} as const;

const summary = {
  type: 'object',
  properties: {
    waveId: { type: 'integer' },
    seed: { type: 'integer' },
    places: { type: 'integer' },
    candidates: { type: 'integer' },
    selected: { type: 'integer' },
    fromPriority: { type: 'integer' },
    drawn: { type: 'integer' },
    announcedAt: { type: 'string' },
    created: { type: 'boolean' },
    accountIds: { type: 'array', items: { type: 'string' }, description: 'Selected, in rank order' },
  },
} as const;

const view = (s: WaveSelection, created: boolean) => ({
  waveId: s.waveId,
  seed: s.seed,
  places: s.places,
  candidates: s.candidates,
  selected: s.selected.length,
  fromPriority: s.fromPriority,
  drawn: s.drawn,
  announcedAt: s.announcedAt.toISOString(),
  created,
  accountIds: s.selected.map((a) => a.accountId),
});

export default async function adminSelectionRoutes(app: FastifyInstance) {
  const { config, repo } = app;
  const admin = async (request: FastifyRequest) => {
    if (config.adminKey === undefined) throw glbError('ADMIN_DISABLED');
    requireApiKey(request, { admin: config.adminKey });
  };

  app.post<{
    Params: { waveId: string };
    Body: { seed?: number; places?: number; priorityNiks?: string[] };
  }>(
    PATH,
    {
      onRequest: admin,
      schema: {
        tags: ['operations'],
        summary: "Select a wave's participants (priority NIKs first, then random by seed) and announce them",
        headers,
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
            places: { type: 'integer', minimum: 0, maximum: 100_000_000 },
            priorityNiks: {
              type: 'array',
              maxItems: 100_000,
              items: { type: 'string', pattern: '^[0-9]{16}$' },
              description: "The Ministry's proposed NIKs, in priority order",
            },
          },
        },
        response: withErrors({ 200: summary, 201: summary }, 401, 404, 409),
      },
      bodyLimit: 4 * 1024 * 1024, // 100,000 NIKs
    },
    async (request, reply) => {
      const { seed = DEFAULT_SEED, places, priorityNiks = [] } = request.body ?? {};
      const { selection, created } = await announceWave(repo, {
        waveId: Number(request.params.waveId),
        seed,
        places,
        priorityNiks,
      });
      return reply.code(created ? 201 : 200).send(view(selection, created));
    },
  );

  app.get<{ Params: { waveId: string } }>(
    PATH,
    {
      onRequest: admin,
      schema: {
        tags: ['operations'],
        summary: "A wave's announcement",
        headers,
        params,
        response: withErrors({ 200: summary }, 401, 404),
      },
    },
    async (request) => {
      const waveId = Number(request.params.waveId);
      const selection = await repo.findWaveSelection(waveId);
      if (selection === undefined) throw glbError('SELECTION_NOT_ANNOUNCED', { waveId });
      return view(selection, false);
    },
  );
}

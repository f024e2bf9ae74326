// The pages a visitor views before registering (2.4 M unique visitors before the opening, > 1.1 M new at
// the opening of wave 1: launch-facts.md). Small and cheap, but they share the server with sign-ups.
import type { FastifyInstance } from 'fastify';

const LANDING = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Pendaftaran</title></head>
<body><h1>Pendaftaran gelombang</h1>
<p>Siapkan NIK, nomor HP, dan email. Daftar, verifikasi email, lengkapi profil, unggah foto KTP.</p>
<a href="/api/v1/programme">Info program</a></body></html>`;

export default async function landingRoutes(app: FastifyInstance) {
  app.get('/', { schema: { tags: ['pages'] } }, async (_request, reply) => {
    return reply.type('text/html; charset=utf-8').send(LANDING);
  });
  app.get(
    '/api/v1/programme',
    {
      schema: {
        tags: ['pages'],
        response: {
          200: {
            type: 'object',
            properties: {
              programme: { type: 'string' },
              currentWave: { type: 'integer' },
              waveQuota: { type: 'integer' },
              steps: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    async () => ({
      programme: 'gelombang reference registration',
      // The wave calendar (funnel-config.ts: about 164,000 places a week in 2020, launch-facts.md).
      currentWave: app.programme.currentWave()?.id ?? 1,
      waveQuota: app.config.funnel.waves.quota,
      steps: ['account', 'verify-email', 'profile', 'upload', 'test', 'join-wave'],
    }),
  );
}

// The pages a visitor views before registering (2.4 M unique visitors before the opening, > 1.1 M new at
// the opening of wave 1: launch-facts.md). Small and cheap, but they share the server with sign-ups.
import type { FastifyInstance } from 'fastify';

const LANDING = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Pendaftaran</title></head>
<body><h1>Pendaftaran gelombang</h1>
<p>Siapkan NIK, nomor HP, dan email. Daftar, verifikasi email, lengkapi profil, unggah foto KTP.</p>
<a href="/api/v1/programme">Info program</a></body></html>`;

/** Weekly quota of about 164,000 places per wave (launch-facts.md, sources 000, 001, 004). */
export const WAVE_QUOTA = 164_000;

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
      currentWave: 1,
      waveQuota: WAVE_QUOTA,
      steps: ['account', 'verify-email', 'profile'],
    }),
  );
}

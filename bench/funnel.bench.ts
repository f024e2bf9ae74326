// The funnel after sign-up (issue 10): upload throughput (MiB/s of KTP photo + selfie, files of
// 200 KiB–1 MiB), sign-in and Join Batch throughput, on SQLite, against the service in its own process.
// Sign-in and join are ratios to a bare Fastify GET /ping measured in the same run with the same client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { applicant } from '../generators/index.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { photo, photoSize } from '../generators/photo.js';
import type { Applicant } from '../generators/types.js';
import { multipartBody } from '../scenarios/model/multipart.js';
import { accountBody, profileBody } from '../scenarios/model/request-bodies.js';
import { startChildServer } from '../test/helpers/child-server.js';
import { registryArgs, startBenchService, startFastRegistry } from './bench-servers.js';
import { pingRatioRow } from './ping-ratio.js';
import type { Bench, BenchRow } from './types.js';

const CONNECTIONS = 32;
const SCRYPT_COST = 16; // as the sign-up bench: the route's own work, not the hash
const KiB = 1024;
const MiB = 1024 * KiB;

/** Applicants whose two photos are both 200 KiB–1 MiB and who may join (18 or older, not a student). */
function uploadApplicants(count: number): Applicant[] {
  const out: Applicant[] = [];
  for (let i = 0; out.length < count; i++) {
    const a = applicant(DEFAULT_SEED, i);
    const sizes = [photoSize(DEFAULT_SEED, i, 'ktp'), photoSize(DEFAULT_SEED, i, 'selfie')];
    if (!a.flags.student && !a.flags.underAge && sizes.every((n) => n >= 200 * KiB && n <= MiB)) out.push(a);
  }
  return out;
}

async function run(
  opts: autocannon.Options,
): Promise<{ rps: number; non2xx: number; errors: number; seconds: number; total: number }> {
  const result = await autocannon({ connections: CONNECTIONS, ...opts });
  // A fixed amount ends mid-second: the rate is requests over the elapsed time, not the per-second mean.
  return {
    rps: opts.amount === undefined ? result.requests.average : result.requests.total / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    total: result.requests.total,
  };
}

const bench: Bench = async (ctx) => {
  const seconds = ctx.quick ? 3 : 8;
  const people = ctx.quick ? 1500 : 6000;
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-bench-funnel-'));
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    ctx.log('bare Fastify GET /ping');
    const bare = await startChildServer('bench/servers/bare-ping.ts');
    const ping = await run({ url: `${bare.url}/ping`, duration: seconds });
    await bare.stop();
    rows.push({ name: 'bare Fastify GET /ping', value: ping.rps, unit: 'req/s' });

    // Registries fast and wide (1 ms, 10,000 at once), so the rates are the service's own.
    const fast = { latencyMeanMs: 1, latencySigma: 0, maxConcurrent: 10_000 };
    const registry = await startFastRegistry();
    for (const name of ['dapodik', 'dtks']) {
      await fetch(`${registry.url}/admin/behaviour/${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fast),
      });
    }
    const service = await startBenchService(dir, 'funnel.db', SCRYPT_COST, registryArgs(registry));
    try {
      ctx.log(`preparing ${people} returning applicants (sandbox fixture)`);
      const applicants = uploadApplicants(people);
      let prepared = 0;
      const setup = await run({
        url: service.url,
        amount: applicants.length,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/sandbox/returning-applicants',
            setupRequest: (req) => {
              const a = applicants[prepared++ % applicants.length]!;
              return {
                ...req,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ account: accountBody(a), profile: profileBody(a) }),
              };
            },
          },
        ],
      });
      notes.push(`${setup.total} returning applicants prepared at ${Math.round(setup.rps)}/s (not a target)`);

      ctx.log('POST /api/v1/sessions');
      const tokens: string[] = [];
      let next = 0;
      const signIn = await run({
        url: service.url,
        amount: applicants.length,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/sessions',
            setupRequest: (req) => {
              const a = applicants[next++ % applicants.length]!;
              return {
                ...req,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ email: a.email, password: a.password }),
              };
            },
            onResponse: (status, body) => {
              if (status === 201) tokens.push((JSON.parse(body) as { accessToken: string }).accessToken);
            },
          },
        ],
      });
      rows.push(pingRatioRow(`POST /api/v1/sessions (sign-in, scrypt N=${SCRYPT_COST})`, signIn, ping));

      ctx.log('POST /api/v1/documents (200 KiB–1 MiB photos)');
      const bodies = applicants.slice(0, 200).map((a) =>
        multipartBody(
          (['ktp', 'selfie'] as const).map((part) => ({
            name: part,
            filename: `${part}.jpg`,
            contentType: 'image/jpeg',
            bytes: photo(DEFAULT_SEED, a.index, part),
          })),
          `----gelombang-bench-${a.index}`,
        ),
      );
      let u = 0;
      let bytesSent = 0;
      const upload = await run({
        url: service.url,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/documents',
            setupRequest: (req) => {
              const i = u++ % bodies.length;
              bytesSent += bodies[i]!.body.length;
              return {
                ...req,
                headers: {
                  authorization: `Bearer ${tokens[i % tokens.length]}`,
                  'content-type': bodies[i]!.contentType,
                },
                body: Buffer.from(bodies[i]!.body),
              };
            },
          },
        ],
      });
      const meanBody = bytesSent / Math.max(1, u);
      rows.push({
        name: 'POST /api/v1/documents: KTP photo + selfie, streamed, hashed, typed, stored',
        value: (upload.rps * meanBody) / MiB,
        unit: 'MiB/s',
        pass: upload.non2xx === 0 && upload.errors === 0 ? undefined : false,
      });
      rows.push({ name: 'POST /api/v1/documents (requests)', value: upload.rps, unit: 'req/s' });
      notes.push(
        `uploads: ${bodies.length} applicants' real generated JPEGs, mean request ${(meanBody / MiB).toFixed(2)} MiB ` +
          '(two files of 200 KiB–1 MiB each), re-uploaded in turn (same bytes: the content-addressed file exists)',
      );

      ctx.log('POST /api/v1/waves/1/join');
      let j = 0;
      const join1 = await run({
        url: service.url,
        amount: tokens.length,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/waves/1/join',
            setupRequest: (req) => ({
              ...req,
              headers: { authorization: `Bearer ${tokens[j++ % tokens.length]}` },
            }),
          },
        ],
      });
      rows.push(
        pingRatioRow('POST /api/v1/waves/1/join (Join Batch: Dapodik + DTKS + the quota row)', join1, ping),
      );
      notes.push(`${join1.total} joins, each a first join of its applicant (one place each)`);
    } finally {
      await service.stop();
      await registry.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: 'Funnel after sign-up: uploads, sign-in, Join Batch (SQLite)',
      notes: [
        `autocannon, ${CONNECTIONS} connections, servers in their own processes, logs at warn, registries at 1 ms`,
        ...notes,
      ],
      rows,
    },
  ];
};

export default bench;

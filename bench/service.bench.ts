// Sign-up and NIK-profile throughput of the reference service on SQLite, as ratios to baselines measured in
// the same run with the same client (autocannon, same connections and duration): a bare Fastify GET /ping,
// and for sign-up a minimal Fastify route doing the same mandated work (bench/servers/minimal-signup.ts).
// Target (issue 10, restating issue 3's 0.35× ping): sign-up ≥ 0.7× the minimal route — our layers
// (idempotency, normalisation, metrics, logs, hooks) may cost at most 30 %.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_SEED } from '../generators/options.js';
import { cleanApplicants, profileBody, signUpVerified } from '../test/helpers/applicants.js';
import { startChildServer } from '../test/helpers/child-server.js';
import { measureSignupCosts } from './signup-costs.js';
import { registryArgs, startBenchService, startFastRegistry } from './bench-servers.js';
import { pingRatioRow } from './ping-ratio.js';
import type { Bench, BenchRow } from './types.js';

const CONNECTIONS = 32;
const SCRYPT_COST = 16; // "low scrypt cost": the route's own work, not the hash, is what this measures

export interface Load {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: (n: number) => { body: string; headers?: Record<string, string> };
}

export async function rate(
  load: Load,
  seconds: number,
): Promise<{ rps: number; non2xx: number; errors: number }> {
  let n = 0;
  const result = await autocannon({
    url: load.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: load.method ?? 'GET',
        path: load.path,
        ...(load.body
          ? {
              setupRequest: (req: autocannon.Request) => {
                const { body, headers } = load.body!(n++);
                return { ...req, body, headers: { 'content-type': 'application/json', ...headers } };
              },
            }
          : {}),
      },
    ],
  });
  return { rps: result.requests.average, non2xx: result.non2xx, errors: result.errors };
}

/** Sign-ups with distinct emails (`prefix` keeps two servers' applicants apart). */
function signupLoad(url: string, prefix: string): Load {
  return {
    url,
    method: 'POST',
    path: '/api/v1/accounts',
    body: (n) => ({
      body: JSON.stringify({
        fullName: 'Bench Applicant',
        email: `${prefix}.${n}@example.id`,
        phone: '081234567890',
        password: 'rahasia-123',
      }),
    }),
  };
}

const bench: Bench = async (ctx) => {
  const seconds = ctx.quick ? 3 : 8;
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-bench-'));
  const rows: BenchRow[] = [];
  let floorUs = 0;
  let pingRate = 0;
  try {
    ctx.log('bare Fastify GET /ping');
    const bare = await startChildServer('bench/servers/bare-ping.ts');
    const ping = await rate({ url: bare.url, path: '/ping' }, seconds);
    await bare.stop();
    rows.push({ name: 'bare Fastify GET /ping', value: ping.rps, unit: 'req/s' });
    pingRate = ping.rps;

    ctx.log('minimal Fastify sign-up route (the same mandated work)');
    const minimal = await startChildServer('bench/servers/minimal-signup.ts', [
      join(dir, 'minimal.db'),
      String(SCRYPT_COST),
    ]);
    const minimalSignup = await rate(signupLoad(minimal.url, 'minimal'), seconds);
    await minimal.stop();
    rows.push(
      pingRatioRow(
        `minimal POST /api/v1/accounts: schema, scrypt N=${SCRYPT_COST}, one SQLite transaction`,
        minimalSignup,
        ping,
      ),
    );

    // The registry stub on its own process, fast and wide, so the profile rate is the service's own.
    const registry = await startFastRegistry();
    const service = await startBenchService(dir, 'bench.db', SCRYPT_COST, registryArgs(registry));
    try {
      ctx.log('POST /api/v1/accounts');
      const signup = await rate(signupLoad(service.url, 'bench'), seconds);
      rows.push({
        name: `POST /api/v1/accounts (SQLite, scrypt N=${SCRYPT_COST})`,
        value: signup.rps,
        unit: 'req/s',
        ratio: signup.rps / ping.rps,
        baselineName: 'bare GET /ping',
      });
      const signupRatio = signup.rps / minimalSignup.rps;
      rows.push({
        name: 'POST /api/v1/accounts vs the minimal route doing the same mandated work',
        value: signup.rps,
        unit: 'req/s',
        ratio: signupRatio,
        baselineName: 'minimal sign-up route',
        target: '≥ 0.7×',
        pass: signupRatio >= 0.7 && signup.non2xx === 0 && signup.errors === 0,
      });

      ctx.log('PUT /api/v1/profile (preparing verified accounts)');
      // The registry stub runs with the default seed: profile with that population's applicants.
      const applicants = cleanApplicants(DEFAULT_SEED, ctx.quick ? 100 : 300);
      const tokens: string[] = [];
      for (const a of applicants) tokens.push(await signUpVerified(service.url, a));
      const profile = await rate(
        {
          url: service.url,
          method: 'PUT',
          path: '/api/v1/profile',
          body: (n) => ({
            body: JSON.stringify(profileBody(applicants[n % applicants.length]!)),
            headers: { authorization: `Bearer ${tokens[n % tokens.length]}` },
          }),
        },
        seconds,
      );
      rows.push(pingRatioRow('PUT /api/v1/profile with NIK check (registry stub, 1 ms)', profile, ping));
    } finally {
      await service.stop();
      await registry.stop();
    }

    ctx.log('CPU per sign-up, part by part');
    const costs = await measureSignupCosts(dir, SCRYPT_COST, ctx.quick ? 5000 : 20000);
    const perPart: Array<[string, number]> = [
      [`scrypt N=${SCRYPT_COST} through node:crypto (thread pool)`, costs.scryptUs],
      ['durable SQLite write: account + session + mail (group commit)', costs.writeUs],
      ['ids, token, code, hashes', costs.secretsUs],
    ];
    for (const [name, us] of perPart) rows.push({ name: `CPU per sign-up: ${name}`, value: us, unit: 'µs' });
    floorUs = costs.scryptUs + costs.writeUs + costs.secretsUs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: 'Reference service throughput (SQLite)',
      notes: [
        `autocannon, ${CONNECTIONS} connections, ${seconds} s per measure, servers in their own processes, logs at warn`,
        'the profile step re-saves the same verified accounts, so every request does the full NIK check and write',
        `the CPU rows are measured in this process, 32 in flight: scrypt, the write and the secrets alone take ${Math.round(floorUs)} µs ` +
          'of CPU per sign-up before HTTP and JSON; at 0.35× of the bare rate on 2 cores shared with the client, the server ' +
          `could spend at most ~${Math.round((2e6 - 0.35 * pingRate * 17) / (0.35 * pingRate))} µs per sign-up (taking ~17 µs of client CPU per request)`,
      ],
      rows,
    },
  ];
};

export default bench;

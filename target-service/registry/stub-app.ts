// The population-registry stub (Dukcapil's NIK check, simulated): a Fastify app whose latency,
// capacity, errors and outages follow a StubBehaviour that can change while it runs.
// Slowness is simulated with timers, never by busy work: a slow registry must not block the event loop.
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { applicant } from '../../generators/index.js';
import { indexOfNik } from '../../generators/registry-record.js';
import { generatedPopulation } from './default-population.js';
import { type PopulationSource, compareWithRecord } from './population.js';
import { lognormalByMean, stubRng } from './seeded-random.js';
import { CapacityGate } from './stub-capacity.js';
import {
  DEFAULT_STUB_BEHAVIOUR,
  type StubBehaviour,
  StubBehaviourError,
  inOutage,
  validateBehaviour,
} from './stub-behaviour.js';
import { type StubOutcome, createStubMetrics } from './stub-metrics.js';
import type { RegistryQuery } from './types.js';

export interface RegistryStubOptions {
  /** Who the registry knows. Default: the generators' registryRecord(seed, nik). */
  population?: PopulationSource;
  /** Seeds the latency and error draws (and the default population). Default 1. */
  seed?: number;
  behaviour?: Partial<StubBehaviour>;
  /** Milliseconds on any monotonic scale, for outage windows; tests pass a fake one. */
  clock?: () => number;
  /** Fastify logger options; off by default. Request logging is always off: URLs carry NIKs. */
  logger?: boolean | Record<string, unknown>;
  /** The other two registries the stub serves, each with its own capacity, latency and outages:
   *  Dapodik (education: is this NIK in formal education?) and DTKS (social welfare: other aid?). */
  registries?: Partial<Record<SideRegistry, Partial<StubBehaviour>>>;
}

/** The registries besides the population registry (Dukcapil), served under /v1/<name>/:nik. */
export type SideRegistry = 'dapodik' | 'dtks';
export const SIDE_REGISTRIES: readonly SideRegistry[] = ['dapodik', 'dtks'];

/** Who Dapodik and DTKS know: for a NIK, in formal education / on other social aid (undefined = unknown
 *  NIK). Default: the generated applicant's flags (generators' indexOfNik + applicant). */
export type SideRegistrySource = (nik: string) => { student: boolean; onSocialAid: boolean } | undefined;

export interface StubControls {
  behaviour(): StubBehaviour;
  /** Validates and merges; throws StubBehaviourError naming the bad field. Returns the new behaviour. */
  setBehaviour(partial: Partial<StubBehaviour>): StubBehaviour;
  /** The same for Dapodik or DTKS. */
  registryBehaviour(name: SideRegistry): StubBehaviour;
  setRegistryBehaviour(name: SideRegistry, partial: Partial<StubBehaviour>): StubBehaviour;
}

/** One registry's behaviour and capacity. */
interface Lane {
  behaviour: StubBehaviour;
  gate: CapacityGate;
}

export type RegistryStubApp = FastifyInstance & { stub: StubControls };

const NIK_PATTERN = '^[0-9]{16}$';
const VERIFY_BODY = {
  type: 'object',
  required: ['nik', 'fullName', 'birthDate'],
  properties: {
    nik: { type: 'string', pattern: NIK_PATTERN },
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    birthDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  },
} as const;

type Answer = { status: number; body: unknown; outcome: StubOutcome };

export function buildRegistryStub(opts: RegistryStubOptions = {}): RegistryStubApp {
  const seed = opts.seed ?? 1;
  const population = opts.population ?? generatedPopulation(seed);
  const rng = stubRng(seed);
  const clock = opts.clock ?? (() => performance.now());
  const startedAt = clock();
  const metrics = createStubMetrics();
  const newLane = (
    partial: Partial<StubBehaviour>,
    onChange?: (inFlight: number, queued: number) => void,
  ) => {
    const lane: Lane = {
      behaviour: { ...DEFAULT_STUB_BEHAVIOUR, ...validateBehaviour(partial) },
      gate: new CapacityGate(() => lane.behaviour, onChange),
    };
    return lane;
  };
  const dukcapil = newLane(opts.behaviour ?? {}, (inFlight, queued) => {
    metrics.inFlight.set(inFlight);
    metrics.queueLength.set(queued);
  });
  const side: Record<SideRegistry, Lane> = {
    dapodik: newLane(opts.registries?.dapodik ?? {}),
    dtks: newLane(opts.registries?.dtks ?? {}),
  };
  const sideSource = sideRegistrySource(seed);
  const setLane = (lane: Lane, partial: Partial<StubBehaviour>) => {
    lane.behaviour = { ...lane.behaviour, ...validateBehaviour(partial) };
    lane.gate.drain(); // a raised maxConcurrent admits waiting calls now
    return structuredClone(lane.behaviour);
  };

  const controls: StubControls = {
    behaviour: () => structuredClone(dukcapil.behaviour),
    setBehaviour: (partial) => setLane(dukcapil, partial),
    registryBehaviour: (name) => structuredClone(side[name].behaviour),
    setRegistryBehaviour: (name, partial) => setLane(side[name], partial),
  };

  const app: FastifyInstance = Fastify({
    logger: opts.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorate('stub', controls);

  /** Outage and capacity first (fast refusals), then the simulated service time, then the error draw. */
  async function serve(
    route: 'verify' | 'lookup' | SideRegistry,
    reply: FastifyReply,
    answer: () => Answer,
    lane: Lane = dukcapil,
  ): Promise<unknown> {
    const arrived = performance.now();
    const result = await decide(lane, reply, answer);
    metrics.requests.inc({ route, outcome: result.outcome });
    metrics.duration.observe({ route }, (performance.now() - arrived) / 1000);
    if (result.status === 429 || result.status === 503) {
      reply.header('retry-after', String(lane.behaviour.retryAfterSeconds));
    }
    return reply.code(result.status).send(result.body);
  }

  async function decide(lane: Lane, reply: FastifyReply, answer: () => Answer): Promise<Answer> {
    const { behaviour, gate } = lane;
    if (behaviour.down || inOutage(behaviour.outages, clock() - startedAt)) {
      return { status: 503, body: { error: 'registry unavailable' }, outcome: 'unavailable' };
    }
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    if ((await gate.acquire(gone.signal)) === 'rejected') {
      return { status: 429, body: { error: 'registry over capacity' }, outcome: 'overloaded' };
    }
    try {
      const latencyMs = lognormalByMean(rng, behaviour.latencyMeanMs, behaviour.latencySigma);
      if (latencyMs > 0) await sleep(latencyMs);
      if (behaviour.errorRate > 0 && rng.float() < behaviour.errorRate) {
        return { status: 500, body: { error: 'registry internal error' }, outcome: 'error' };
      }
      return answer();
    } finally {
      gate.release();
    }
  }

  app.post(
    '/v1/nik/verify',
    { schema: { body: VERIFY_BODY }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) return badRequest('verify', reply, request.validationError.message);
      const query = request.body as RegistryQuery;
      return serve('verify', reply, () => {
        const verdict = compareWithRecord(query, population(query.nik));
        return { status: 200, body: verdict, outcome: verdict.outcome };
      });
    },
  );

  app.get(
    '/v1/nik/:nik',
    {
      schema: { params: { type: 'object', properties: { nik: { type: 'string', pattern: NIK_PATTERN } } } },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) return badRequest('lookup', reply, 'nik must be 16 digits');
      const { nik } = request.params as { nik: string };
      return serve('lookup', reply, () => {
        const record = population(nik);
        return record === undefined
          ? { status: 404, body: { outcome: 'not-found' }, outcome: 'not-found' }
          : { status: 200, body: record, outcome: 'found' };
      });
    },
  );

  for (const name of SIDE_REGISTRIES) {
    app.get(
      `/v1/${name}/:nik`,
      {
        schema: { params: { type: 'object', properties: { nik: { type: 'string', pattern: NIK_PATTERN } } } },
        attachValidation: true,
      },
      async (request, reply) => {
        if (request.validationError) return badRequest(name, reply, 'nik must be 16 digits');
        const { nik } = request.params as { nik: string };
        return serve(
          name,
          reply,
          () => {
            const facts = sideSource(nik);
            if (facts === undefined)
              return { status: 404, body: { outcome: 'not-found' }, outcome: 'not-found' };
            const body =
              name === 'dapodik' ? { enrolled: facts.student } : { onSocialAid: facts.onSocialAid };
            return { status: 200, body, outcome: 'found' };
          },
          side[name],
        );
      },
    );
  }

  function badRequest(
    route: 'verify' | 'lookup' | SideRegistry,
    reply: FastifyReply,
    message: string,
  ): FastifyReply {
    metrics.requests.inc({ route, outcome: 'bad-request' });
    return reply.code(400).send({ error: message });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/admin/behaviour', { onRequest: loopbackOnly }, async () => controls.behaviour());

  app.get<{ Params: { registry: string } }>(
    '/admin/behaviour/:registry',
    { onRequest: loopbackOnly },
    async (request, reply) => {
      const name = request.params.registry;
      if (!isSideRegistry(name)) return unknownRegistry(reply);
      return controls.registryBehaviour(name);
    },
  );

  app.put<{ Params: { registry: string } }>(
    '/admin/behaviour/:registry',
    { onRequest: loopbackOnly },
    async (request, reply) => {
      const name = request.params.registry;
      if (!isSideRegistry(name)) return unknownRegistry(reply);
      return changeBehaviour(reply, () =>
        controls.setRegistryBehaviour(name, request.body as Partial<StubBehaviour>),
      );
    },
  );

  app.put('/admin/behaviour', { onRequest: loopbackOnly }, async (request, reply) =>
    changeBehaviour(reply, () => controls.setBehaviour(request.body as Partial<StubBehaviour>)),
  );

  return app as RegistryStubApp;
}

/** A behaviour change from the admin routes; a StubBehaviourError answers 400 with its message and code. */
function changeBehaviour<T>(reply: FastifyReply, change: () => T): T | FastifyReply {
  try {
    return change();
  } catch (err) {
    if (err instanceof StubBehaviourError)
      return reply.code(400).send({ error: err.message, code: err.code });
    throw err;
  }
}

function isSideRegistry(name: string): name is SideRegistry {
  return (SIDE_REGISTRIES as readonly string[]).includes(name);
}

function unknownRegistry(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ error: 'registry is dapodik or dtks' });
}

/** The generated applicants' education and social-aid flags, by NIK (O(1): the NIK is invertible). */
function sideRegistrySource(seed: number): SideRegistrySource {
  return (nik) => {
    const index = indexOfNik(seed, nik);
    if (index < 0) return undefined;
    const a = applicant(seed, index);
    return a.nik === nik ? { student: a.flags.student, onSocialAid: a.flags.onSocialAid } : undefined;
  };
}

/** Behaviour changes are an operator's tool: refuse them from anywhere but this machine. */
async function loopbackOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const address = request.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  if (!loopback) await reply.code(403).send({ error: 'admin routes answer only on loopback' });
}

// Funnel step 3: the profile with the NIK. The NIK's structure is checked here (one decoder, shared with
// the generators), then the population registry confirms it. When the registry is slow or down the profile
// is stored as pending and verified later from the durable queue: no applicant is lost or blocked by the
// dependency that buckled in 2020 (launch-facts.md: "the ministries' servers").
import type { FastifyInstance } from 'fastify';
import { type ParsedNik, parseNik } from '../../generators/nik.js';
import { MINIMUM_AGE, isUnderAge } from '../eligibility/age.js';
import { ERRORS, glbError } from '../errors.js';
import { beginIdempotency, sendReplay } from '../idempotency.js';
import { RegistryUnavailableError, type RegistryVerdict } from '../registry/types.js';
import { errorBody } from '../plugins/errors.js';
import { bearerHeaders, idempotencyHeaders, withErrors } from '../schemas.js';
import { type ProfileInput, type ProfileStatus, UniqueViolation } from '../storage/types.js';

export type ProfileBody = Omit<ProfileInput, 'accountId'>;

const EMPLOYMENT = ['laid-off', 'furloughed', 'informal-worker', 'micro-business-owner', 'job-seeker'];
const EDUCATION = ['SD', 'SMP', 'SMA', 'SMK', 'D3', 'S1', 'S2'];

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

/** The profile form's JSON schema; also the sandbox's returning-applicant fixture and the profile half of
 *  a bulk-registration row. */
export const profileBody = {
  type: 'object',
  additionalProperties: false,
  required: [
    'nik',
    'kk',
    'fullName',
    'birthDate',
    'birthPlace',
    'gender',
    'address',
    'province',
    'employmentStatus',
    'education',
  ],
  properties: {
    nik: { type: 'string', minLength: 1, maxLength: 32 },
    kk: { type: 'string', pattern: '^[0-9]{16}$' },
    fullName: text(100),
    birthDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    birthPlace: text(100),
    gender: { type: 'string', enum: ['M', 'F'] },
    address: text(300),
    province: text(64),
    employmentStatus: { type: 'string', enum: EMPLOYMENT },
    education: { type: 'string', enum: EDUCATION },
  },
} as const;

/** Which typed fields the NIK contradicts. The NIK holds a 2-digit year, so the century is not compared. */
function nikDisagreements(parsed: ParsedNik, typed: { birthDate: string; gender: string }): string[] {
  const out: string[] = [];
  if (parsed.birthDate.slice(2) !== typed.birthDate.slice(2)) out.push('birthDate');
  if (parsed.gender !== typed.gender) out.push('gender');
  return out;
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** What the applicant is told, and the status stored, for a registry verdict (and the age rule: a NIK the
 *  registry confirms but whose holder is under 18 on the wave's registration date is refused). */
function outcomeOf(
  verdict: RegistryVerdict | 'unavailable',
  underAge: boolean,
): {
  status: ProfileStatus;
  reason: string | null;
  httpStatus: number;
  body: unknown;
} {
  if (verdict === 'unavailable')
    return { status: 'pending', reason: null, httpStatus: 202, body: { status: 'pending' } };
  if (verdict.outcome === 'match' && underAge) {
    const spec = ERRORS.ELIGIBILITY_UNDER_AGE;
    return {
      status: 'rejected',
      reason: spec.code,
      httpStatus: spec.status,
      body: errorBody(spec, undefined, { field: 'birthDate', minimumAge: MINIMUM_AGE }),
    };
  }
  if (verdict.outcome === 'match')
    return { status: 'verified', reason: null, httpStatus: 200, body: { status: 'verified' } };
  const spec =
    verdict.outcome === 'not-found' ? ERRORS.PROFILE_NIK_NOT_IN_REGISTRY : ERRORS.PROFILE_REGISTRY_MISMATCH;
  const details = verdict.outcome === 'mismatch' ? { fields: verdict.fields } : { field: 'nik' };
  return {
    status: 'rejected',
    reason: spec.code,
    httpStatus: spec.status,
    body: errorBody(spec, undefined, details),
  };
}

/** The checks after the schema: a real birth date, a NIK that decodes and agrees with the typed birth date
 *  and gender. Throws GlbError (PROFILE_INVALID_BIRTH_DATE, PROFILE_NIK_INVALID, PROFILE_NIK_MISMATCH);
 *  `onReject` hears the funnel outcome of a NIK refusal. Shared with routes/bulk-registrations.ts. */
export function checkProfileInput(
  body: ProfileBody,
  onReject: (outcome: 'invalid-nik' | 'nik-mismatch') => void = () => {},
): void {
  if (!isRealDate(body.birthDate)) throw glbError('PROFILE_INVALID_BIRTH_DATE', { field: 'birthDate' });
  const parsed = parseNik(body.nik);
  if (!parsed.ok) {
    onReject('invalid-nik');
    throw glbError('PROFILE_NIK_INVALID', { field: 'nik', reason: parsed.reason });
  }
  const disagreements = nikDisagreements(parsed, body);
  if (disagreements.length > 0) {
    onReject('nik-mismatch');
    throw glbError('PROFILE_NIK_MISMATCH', { field: 'nik', disagreesWith: disagreements });
  }
}

export default async function profileRoutes(app: FastifyInstance) {
  const { repo, registryClient, metrics } = app;

  app.put<{ Body: ProfileBody }>(
    '/api/v1/profile',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary: 'Fill the profile; the NIK is checked against the population registry (funnel step 3)',
        headers: idempotencyHeaders,
        body: profileBody,
        response: withErrors(
          {
            200: { type: 'object', properties: { status: { type: 'string' } } },
            202: { type: 'object', properties: { status: { type: 'string' } } },
          },
          401,
          403,
          409,
          422,
        ),
      },
    },
    async (request, reply) => {
      const account = request.account!;
      const idem = await beginIdempotency(repo, request, `PUT /api/v1/profile:${account.id}`);
      if (idem.replay) return sendReplay(reply, idem.replay);
      if (!account.emailVerifiedAt) throw glbError('EMAIL_NOT_VERIFIED');

      const body = request.body;
      checkProfileInput(body, (outcome) => metrics.funnelSteps.inc({ step: 'profile', outcome }));

      let verdict: RegistryVerdict | 'unavailable';
      try {
        verdict = await registryClient.verify({
          nik: body.nik,
          fullName: body.fullName,
          birthDate: body.birthDate,
        });
      } catch (err) {
        if (!(err instanceof RegistryUnavailableError)) throw err;
        verdict = 'unavailable';
      }
      const outcome = outcomeOf(verdict, isUnderAge(body.birthDate, app.programme.registrationDate()));
      try {
        await repo.saveProfile(
          { ...body, accountId: account.id },
          outcome.status,
          outcome.reason,
          new Date(),
          outcome.status === 'pending',
          idem.record(outcome.httpStatus, outcome.body),
        );
      } catch (err) {
        if (!(err instanceof UniqueViolation)) throw err;
        const stored = await idem.recheck();
        if (stored) return sendReplay(reply, stored);
        if (err.field === 'nik') {
          metrics.funnelSteps.inc({ step: 'profile', outcome: 'duplicate-nik' });
          throw glbError('PROFILE_NIK_TAKEN', { field: 'nik' });
        }
        throw err;
      }
      // Dapodik and DTKS are looked up in the background from now on (eligibility/check.ts).
      if (outcome.status === 'verified') await repo.enqueueEligibilityCheck(account.id, new Date());
      metrics.funnelSteps.inc({ step: 'nik', outcome: outcome.status });
      return reply.code(outcome.httpStatus).send(outcome.body);
    },
  );

  app.get(
    '/api/v1/profile',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary: "The caller's profile verification status",
        headers: bearerHeaders,
        response: withErrors(
          {
            200: {
              type: 'object',
              properties: {
                status: { type: 'string' },
                statusReason: { type: ['string', 'null'] },
                updatedAt: { type: 'string' },
              },
            },
          },
          401,
          404,
        ),
      },
    },
    async (request) => {
      const profile = await repo.findProfile(request.account!.id);
      if (!profile)
        throw glbError('REQ_NOT_FOUND', { resource: 'profile' }, 'No profile yet: PUT /api/v1/profile first');
      return {
        status: profile.status,
        statusReason: profile.statusReason,
        updatedAt: profile.updatedAt.toISOString(),
      };
    },
  );
}

// Eligibility: 18 or older on the wave's registration date (enforced at the profile, checked again for the
// wave joined), not in formal education (Dapodik), and social-aid status (DTKS) recorded for priority.
// The lookups run in the background as soon as the NIK is verified (a job in the durable queue, retried
// while the registries are slow or down: registry/verification-worker.ts), so Join Batch usually finds the
// decision stored; when it does not, the join looks up live and, if a registry cannot answer, says 503
// with Retry-After.
import type { FastifyInstance } from 'fastify';
import { ERRORS, glbError } from '../errors.js';
import { RegistryUnavailableError } from '../registry/types.js';
import type { NewWave } from '../storage/wave-types.js';
import { isUnderAge } from './age.js';
import type { SideRegistryClients } from './side-registries.js';

/** How long a client should wait when Dapodik or DTKS did not answer (the breaker's reset is of this order). */
const RETRY_AFTER_SECONDS = 5;

export interface EligibilityService {
  /** Looks the applicant up in Dapodik and DTKS and stores the decision, judged for the current wave.
   *  Throws RegistryUnavailableError when a registry cannot answer (the queue retries). */
  lookUp(accountId: string): Promise<void>;
  /** Throws a GLB_ERR_ELIGIBILITY_* error unless the applicant may join `waveId`. */
  checkForJoin(accountId: string, waveId: number): Promise<void>;
}

export function eligibilityService(
  app: FastifyInstance,
  registries: SideRegistryClients,
): EligibilityService {
  const { repo, programme } = app;

  async function decide(
    accountId: string,
    wave: NewWave,
  ): Promise<{ eligible: boolean; reason: string | null }> {
    const profile = await repo.findProfile(accountId);
    if (profile === undefined) throw new Error(`eligibility: account has no profile`);
    const base = { accountId, waveId: wave.id, checkedAt: new Date() };
    if (isUnderAge(profile.birthDate, wave.registrationDate)) {
      const reason = ERRORS.ELIGIBILITY_UNDER_AGE.code;
      await repo.saveEligibility({ ...base, eligible: false, reason, student: null, onSocialAid: null });
      return { eligible: false, reason };
    }
    const [student, onSocialAid] = await Promise.all([
      registries.dapodik.call(profile.nik),
      registries.dtks.call(profile.nik),
    ]);
    const reason = student ? ERRORS.ELIGIBILITY_IN_EDUCATION.code : null;
    await repo.saveEligibility({ ...base, eligible: !student, reason, student, onSocialAid });
    return { eligible: !student, reason };
  }

  return {
    async lookUp(accountId) {
      // A profile re-saved or refused since the job was queued has nothing to look up.
      const wave = programme.currentWave();
      if (wave === undefined || (await repo.findProfile(accountId))?.status !== 'verified') return;
      await decide(accountId, wave);
    },
    async checkForJoin(accountId, waveId) {
      const wave = programme.waves.find((w) => w.id === waveId);
      const profile = await repo.findProfile(accountId);
      if (wave === undefined || profile === undefined) throw glbError('WAVE_TEST_NOT_PASSED');
      // Age depends on the wave joined; education does not: a stored Dapodik answer holds for any wave.
      if (isUnderAge(profile.birthDate, wave.registrationDate)) {
        throw glbError('ELIGIBILITY_UNDER_AGE', { registrationDate: wave.registrationDate });
      }
      const known = await repo.findEligibility(accountId);
      let student = known?.student ?? null;
      if (student === null) {
        try {
          student = (await decide(accountId, wave)).reason === ERRORS.ELIGIBILITY_IN_EDUCATION.code;
        } catch (err) {
          if (!(err instanceof RegistryUnavailableError)) throw err;
          throw glbError('ELIGIBILITY_REGISTRY_UNAVAILABLE', { retryAfterSeconds: RETRY_AFTER_SECONDS });
        }
      }
      if (student) throw glbError('ELIGIBILITY_IN_EDUCATION');
    },
  };
}

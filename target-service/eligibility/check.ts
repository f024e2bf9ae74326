// Eligibility at Join Batch: 18 or older on the wave's registration date (already enforced at the profile,
// checked again for the wave joined), not in formal education (Dapodik), and social-aid status (DTKS)
// recorded for priority. The decision is stored; an eligible applicant is not looked up again.
import type { FastifyInstance } from 'fastify';
import { ERRORS, glbError } from '../errors.js';
import { RegistryUnavailableError } from '../registry/types.js';
import { isUnderAge } from './age.js';
import type { SideRegistryClients } from './side-registries.js';

/** How long a client should wait when Dapodik or DTKS did not answer (the breaker's reset is of this order). */
const RETRY_AFTER_SECONDS = 5;

export function eligibilityChecker(app: FastifyInstance, registries: SideRegistryClients) {
  const { repo, programme } = app;
  return async function checkEligibility(accountId: string, waveId: number): Promise<void> {
    const known = await repo.findEligibility(accountId);
    if (known?.eligible && known.waveId === waveId) return;
    const profile = await repo.findProfile(accountId);
    const wave = programme.waves.find((w) => w.id === waveId);
    if (profile === undefined || wave === undefined) throw glbError('WAVE_TEST_NOT_PASSED');
    const base = { accountId, waveId, checkedAt: new Date() };
    if (isUnderAge(profile.birthDate, wave.registrationDate)) {
      await repo.saveEligibility({
        ...base,
        eligible: false,
        reason: ERRORS.ELIGIBILITY_UNDER_AGE.code,
        student: null,
        onSocialAid: null,
      });
      throw glbError('ELIGIBILITY_UNDER_AGE', { registrationDate: wave.registrationDate });
    }
    let student: boolean;
    let onSocialAid: boolean;
    try {
      [student, onSocialAid] = await Promise.all([
        registries.dapodik.call(profile.nik),
        registries.dtks.call(profile.nik),
      ]);
    } catch (err) {
      if (!(err instanceof RegistryUnavailableError)) throw err;
      throw glbError('ELIGIBILITY_REGISTRY_UNAVAILABLE', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    const reason = student ? ERRORS.ELIGIBILITY_IN_EDUCATION.code : null;
    await repo.saveEligibility({ ...base, eligible: !student, reason, student, onSocialAid });
    if (student) throw glbError('ELIGIBILITY_IN_EDUCATION');
  };
}

// Walks a generated applicant through the funnel over real HTTP.
import { applicant } from '../../generators/index.js';
import type { Applicant } from '../../generators/types.js';
import { accountBody, profileBody } from '../../scenarios/model/request-bodies.js';
import { isCleanApplicant } from '../../scenarios/probe/applicants.js';
import { api } from './service.js';

export { accountBody, profileBody };

/** Registers and verifies the email; returns the access token. */
export async function signUpVerified(base: string, a: Applicant): Promise<string> {
  const created = await api<{ accessToken: string }>(base, 'POST', '/api/v1/accounts', {
    body: accountBody(a),
  });
  if (created.status !== 201)
    throw new Error(`sign-up answered ${created.status} ${JSON.stringify(created.body)}`);
  const token = created.body.accessToken;
  const mail = await api<{ code: string }>(base, 'GET', '/api/v1/sandbox/outbox', { token });
  const verified = await api(base, 'POST', '/api/v1/email-verifications', {
    token,
    body: { code: mail.body.code },
  });
  if (verified.status !== 200) throw new Error(`verification answered ${verified.status}`);
  return token;
}

/** The first `count` applicants of a seed that the registry knows, that carry no deliberate bad data and
 *  that are 18 or older (the service refuses younger ones at the profile). */
export function cleanApplicants(seed: number, count: number): Applicant[] {
  const out: Applicant[] = [];
  for (let i = 0; out.length < count; i++) {
    const a = applicant(seed, i);
    if (isCleanApplicant(a)) out.push(a);
  }
  return out;
}

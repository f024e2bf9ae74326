// What an applicant types into the sign-up and profile forms: the request bodies of the funnel, from the
// generated record. One mapping for the journeys, the tests and the benchmarks.
import type { Applicant } from '../../generators/types.js';

export function accountBody(a: Applicant) {
  return { fullName: a.fullName, email: a.email, phone: a.phone, password: a.password };
}

export function profileBody(a: Applicant) {
  return {
    nik: a.nik,
    kk: a.kk,
    fullName: a.fullName,
    birthDate: a.birthDate,
    birthPlace: a.birthPlace,
    gender: a.gender,
    address: a.address,
    province: a.province,
    employmentStatus: a.employmentStatus,
    education: a.education,
  };
}

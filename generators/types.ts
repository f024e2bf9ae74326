// The applicant record: a pure function of (seed, index). No Node APIs anywhere in generators/
// (the same code runs inside k6's JavaScript runtime).

export type Gender = 'M' | 'F';

export type EmploymentStatus =
  | 'laid-off' // PHK
  | 'furloughed' // dirumahkan
  | 'informal-worker'
  | 'micro-business-owner'
  | 'job-seeker';

export type Education = 'SD' | 'SMP' | 'SMA' | 'SMK' | 'D3' | 'S1' | 'S2';

/** Behaviour traits: what this applicant will do in the funnel. Drawn so that the shares of a large
 *  population match the launch-day counts (launch-facts.md). */
export interface ApplicantTraits {
  willVerifyEmail: boolean;
  willCompleteProfile: boolean;
  willUpload: boolean;
  willPassTest: boolean;
  willJoinWave: boolean;
  /** Retries of a failed step before giving up (0 = gives up at the first failure). */
  patience: number;
  /** Think time before each step, seconds (reading the page, typing, finding the KTP). */
  thinkSeconds: {
    account: number;
    verifyEmail: number;
    profile: number;
    upload: number;
    test: number;
    joinWave: number;
  };
  /** Pages viewed before registering (landing, FAQ, …). */
  pageViews: number;
}

export interface ApplicantFlags {
  underAge: boolean;
  student: boolean;
  onSocialAid: boolean;
  /** The NIK is not in the population registry (registryRecord answers not-found). */
  notInRegistry: boolean;
  /** The applicant typed their name or birth date differently from the registry. */
  registryMismatch: boolean;
  /** Bad-data mix (default rate 0): the record is deliberately wrong in this way. */
  badData: 'none' | 'malformed-nik' | 'nik-birthdate-mismatch' | 'duplicate-email' | 'under-age';
}

export interface Applicant {
  seed: number;
  index: number;
  fullName: string;
  gender: Gender;
  birthDate: string; // YYYY-MM-DD
  birthPlace: string;
  nik: string; // 16 digits
  kk: string; // 16 digits, family card
  email: string;
  phone: string; // Indonesian mobile, national format 08…
  password: string;
  address: string;
  provinceCode: string; // 2 digits (BPS / Kemendagri)
  province: string;
  regencyCode: string; // 4 digits: province + regency
  regency: string;
  districtCode: string; // 6 digits
  education: Education;
  employmentStatus: EmploymentStatus;
  flags: ApplicantFlags;
  traits: ApplicantTraits;
}

/** What the population registry (Dukcapil) holds for a NIK: a pure function of (seed, nik). */
export interface RegistryRecord {
  nik: string;
  fullName: string;
  birthDate: string; // YYYY-MM-DD
  gender: Gender;
}

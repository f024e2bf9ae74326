// Knobs of the applicant generator: the registry's imperfections and the bad-data mix. Validated once.

/** Shares of deliberately wrong records (default 0 each; their sum must be ≤ 1). */
/** The seed every command and scenario uses unless told otherwise: the opening date, 11 April 2020. One
 *  default everywhere means `gelombang serve` (its registry stub), `gelombang stub registry`,
 *  `gelombang generate` and `gelombang run` agree on who the applicants are out of the box. */
export const DEFAULT_SEED = 20200411;

export interface BadDataRates {
  /** NIK that fails parseNik: wrong length, letters, unknown province/regency, bad date, serial 0000. */
  malformedNik: number;
  /** A valid NIK whose birth date differs from the birth date the applicant types. */
  nikBirthdateMismatch: number;
  /** Re-registration: the email of another (earlier) applicant. */
  duplicateEmail: number;
  /** Born 2004 (15–16 at launch), with a NIK that agrees: the service must reject on eligibility. */
  underAge: number;
}

export interface GeneratorOptions {
  /** Share of applicants whose NIK the population registry does not know (not-found). */
  notInRegistryRate: number;
  /** Share whose name or birth date in the registry differs from what they type (typos, old data). */
  registryMismatchRate: number;
  badData: BadDataRates;
}

export type GeneratorOptionsInput = Partial<Omit<GeneratorOptions, 'badData'>> & {
  badData?: Partial<BadDataRates> | undefined;
};

// Assumption: launch-facts.md names the registry check (Dukcapil) but not its failure shares; a few percent
// of NIKs unknown (newly issued, typed on another card) and some more with differing spellings.
export const DEFAULT_OPTIONS: GeneratorOptions = Object.freeze({
  notInRegistryRate: 0.03,
  registryMismatchRate: 0.05,
  badData: Object.freeze({ malformedNik: 0, nikBirthdateMismatch: 0, duplicateEmail: 0, underAge: 0 }),
});

const isRate = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Fills defaults and checks every rate is in [0, 1] and each group sums to ≤ 1; throws RangeError otherwise. */
export function resolveOptions(input: GeneratorOptionsInput = {}): GeneratorOptions {
  const options: GeneratorOptions = {
    notInRegistryRate: input.notInRegistryRate ?? DEFAULT_OPTIONS.notInRegistryRate,
    registryMismatchRate: input.registryMismatchRate ?? DEFAULT_OPTIONS.registryMismatchRate,
    badData: { ...DEFAULT_OPTIONS.badData, ...input.badData },
  };
  const rates: Array<[string, unknown]> = [
    ['notInRegistryRate', options.notInRegistryRate],
    ['registryMismatchRate', options.registryMismatchRate],
    ...Object.entries(options.badData).map(([k, v]): [string, unknown] => [`badData.${k}`, v]),
  ];
  for (const [name, value] of rates) {
    if (!isRate(value))
      throw new RangeError(`${name} must be a number between 0 and 1, got ${String(value)}`);
  }
  if (options.notInRegistryRate + options.registryMismatchRate > 1) {
    throw new RangeError('notInRegistryRate + registryMismatchRate must be at most 1');
  }
  const bad = options.badData;
  if (bad.malformedNik + bad.nikBirthdateMismatch + bad.duplicateEmail + bad.underAge > 1) {
    throw new RangeError('the bad-data rates must sum to at most 1');
  }
  return options;
}

// The NIK layout: an injective, census-weighted map from a bucket number to (regency, district, birth date,
// gender), and back. applicant(seed, i) takes bucket b = perm_seed(i mod B) and serial base(b) + floor(i / B),
// so two indices never share (bucket, serial), i.e. never share a NIK: uniqueness by construction, for any
// count up to MAX_INDEX. registryRecord inverts the same steps to find i from a NIK without storing anything.
//
// Buckets: each province gets a share of the B buckets equal to its SP2020 population share (regions.ts);
// inside a province, each age band gets its share (AGE_BANDS) as "places" (regency, district) × every birth
// date of the band × 2 genders. Places are spread round-robin over the province's regencies (equal weight:
// we have no regency populations), and the bands use disjoint district numbers, so no two buckets collide.
import { daysFromCivil } from './calendar.js';
import { PROVINCES } from './regions.js';

/** Launch day, the reference for ages: Saturday 11 April 2020 (launch-facts.md). */
export const LAUNCH_DAY = daysFromCivil(2020, 4, 11);

export interface AgeBand {
  name: string;
  minAge: number;
  maxAge: number; // inclusive, at LAUNCH_DAY
  share: number;
}

// Assumption (launch-facts.md gives no ages): applicants skew young, as working-age job seekers online do;
// a few under-18s try anyway (they must be rejected: eligibility "older than 18", launch-facts.md).
export const AGE_BANDS: readonly AgeBand[] = [
  { name: 'under-18', minAge: 16, maxAge: 17, share: 0.01 },
  { name: '18-24', minAge: 18, maxAge: 24, share: 0.3 },
  { name: '25-34', minAge: 25, maxAge: 34, share: 0.35 },
  { name: '35-44', minAge: 35, maxAge: 44, share: 0.21 },
  { name: '45-64', minAge: 45, maxAge: 64, share: 0.13 },
];

// Target bucket count: large enough that rounding places to integers moves a province's share by far less
// than 0.1 pp, small enough that no regency needs more than 99 district numbers (asserted below).
const TARGET_BUCKETS = 64_000_000;

interface Cell {
  province: number; // index into PROVINCES
  band: number; // index into AGE_BANDS
  start: number; // first bucket
  places: number;
  days: number; // birth dates in the band
  firstDay: number; // day number of the earliest birth date
  districtOffset: number; // districts used by earlier bands of this province
  districtsPerRegency: number;
}

const bandDays = AGE_BANDS.map((band) => {
  // Born in (LAUNCH - (maxAge+1) years, LAUNCH - minAge years]: exactly minAge..maxAge years old at launch.
  const last = daysFromCivil(2020 - band.minAge, 4, 11);
  const first = daysFromCivil(2020 - band.maxAge - 1, 4, 12);
  return { first, count: last - first + 1 };
});

const cells: Cell[] = [];
let bucketCount = 0;
PROVINCES.forEach((province, p) => {
  let districtOffset = 0;
  AGE_BANDS.forEach((band, s) => {
    const { first, count } = bandDays[s]!;
    const places = Math.max(1, Math.round((province.weight * band.share * TARGET_BUCKETS) / (2 * count)));
    const districtsPerRegency = Math.ceil(places / province.regencies.length);
    cells.push({
      province: p,
      band: s,
      start: bucketCount,
      places,
      days: count,
      firstDay: first,
      districtOffset,
      districtsPerRegency,
    });
    districtOffset += districtsPerRegency;
    bucketCount += places * count * 2;
  });
  if (districtOffset > 99) throw new Error(`layout needs ${districtOffset} districts in ${province.code}`);
});

/** B: the number of buckets. */
export const BUCKETS = bucketCount;
const cellStarts = Int32Array.from(cells, (c) => c.start);

export interface BucketPlace {
  province: number; // index into PROVINCES
  regency: number; // index inside the province
  district: number; // 1–99
  birthDays: number; // day number
  female: boolean;
  band: number; // index into AGE_BANDS
}

export function bucketPlace(bucket: number): BucketPlace {
  let lo = 0;
  let hi = cellStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cellStarts[mid]! <= bucket) lo = mid;
    else hi = mid - 1;
  }
  const cell = cells[lo]!;
  const k = bucket - cell.start;
  const female = (k & 1) === 1;
  const half = Math.floor(k / 2);
  const day = half % cell.days;
  const place = Math.floor(half / cell.days);
  const regencies = PROVINCES[cell.province]!.regencies.length;
  return {
    province: cell.province,
    regency: place % regencies,
    district: 1 + cell.districtOffset + Math.floor(place / regencies),
    birthDays: cell.firstDay + day,
    female,
    band: cell.band,
  };
}

/** The bucket of a place, or -1 when no bucket has it (a NIK this layout never produces). */
export function bucketOf(
  province: number,
  regency: number,
  district: number,
  birthDays: number,
  female: boolean,
): number {
  const regencies = PROVINCES[province]!.regencies.length;
  for (let s = 0; s < AGE_BANDS.length; s++) {
    const cell = cells[province * AGE_BANDS.length + s]!;
    const column = district - 1 - cell.districtOffset;
    if (column < 0 || column >= cell.districtsPerRegency) continue;
    const place = column * regencies + regency;
    const day = birthDays - cell.firstDay;
    if (place >= cell.places || day < 0 || day >= cell.days) return -1;
    return cell.start + (place * cell.days + day) * 2 + (female ? 1 : 0);
  }
  return -1;
}

/** Realised shares of the layout (what a large sample converges to): per province and per age band. */
export function layoutShares(): { provinces: number[]; bands: number[] } {
  const provinces = PROVINCES.map(() => 0);
  const bands = AGE_BANDS.map(() => 0);
  for (const cell of cells) {
    const size = cell.places * cell.days * 2;
    provinces[cell.province]! += size / BUCKETS;
    bands[cell.band]! += size / BUCKETS;
  }
  return { provinces, bands };
}

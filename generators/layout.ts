// The NIK layout: an injective, census-weighted map from a bucket number to (district, birth date, gender),
// and back. applicant(seed, i) takes bucket b = perm_seed(i mod B) and serial base(b) + floor(i / B), so two
// indices never share (bucket, serial), i.e. never share a NIK: uniqueness by construction, for any count up
// to MAX_INDEX. registryRecord inverts the same steps to find i from a NIK without storing anything.
//
// Buckets: each province gets a share of the B buckets equal to its SP2020 population share (regions.ts);
// inside a province, each age band gets its share (AGE_BANDS) as "places" × every birth date of the band ×
// 2 genders. A place is one of the province's real districts (Kemendagri codes, area-codes.ts), spread evenly
// over them (equal weight: no source in our data gives district populations). Bands have disjoint birth
// dates, so every band may use every district; inside a band a district is at most one place. B is the
// largest count for which no cell needs more places than its province has districts (DKI Jakarta, 44
// districts for 3.9 % of the people, is the bound). Where a cell has fewer places than districts, the places
// rotate with the birth date, so over a band every district of the province is used equally.
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

interface Cell {
  province: number; // index into PROVINCES
  band: number; // index into AGE_BANDS
  start: number; // first bucket
  places: number; // ≤ the province's district count
  days: number; // birth dates in the band
  firstDay: number; // day number of the earliest birth date
  shift: number; // the band's first district, so bands that use a part of the districts use different parts
}

const bandDays = AGE_BANDS.map((band) => {
  // Born in (LAUNCH - (maxAge+1) years, LAUNCH - minAge years]: exactly minAge..maxAge years old at launch.
  const last = daysFromCivil(2020 - band.minAge, 4, 11);
  const first = daysFromCivil(2020 - band.maxAge - 1, 4, 12);
  return { first, count: last - first + 1 };
});

/** Each province's districts in table order: its regency index and district number per flat position, and
 *  the flat position of each regency's first district. */
const flat = PROVINCES.map((province) => {
  const regency = new Uint16Array(province.districtCount);
  const district = new Uint8Array(province.districtCount);
  const firstOfRegency = new Int32Array(province.regencies.length);
  let n = 0;
  province.regencies.forEach((r, i) => {
    firstOfRegency[i] = n;
    for (const d of r.districts) {
      regency[n] = i;
      district[n] = d;
      n++;
    }
  });
  return { regency, district, firstOfRegency };
});

const idealPlaces = (p: number, s: number, buckets: number): number =>
  (PROVINCES[p]!.weight * AGE_BANDS[s]!.share * buckets) / (2 * bandDays[s]!.count);

// The largest B at which every cell's places fit its province's districts (with rounding room).
let capacity = Number.POSITIVE_INFINITY;
PROVINCES.forEach((province, p) => {
  AGE_BANDS.forEach((_, s) => {
    capacity = Math.min(capacity, (province.districtCount - 0.5) / idealPlaces(p, s, 1));
  });
});
const TARGET_BUCKETS = Math.floor(capacity);

const cells: Cell[] = [];
let bucketCount = 0;
PROVINCES.forEach((province, p) => {
  AGE_BANDS.forEach((_, s) => {
    const { first, count } = bandDays[s]!;
    const places = Math.max(1, Math.round(idealPlaces(p, s, TARGET_BUCKETS)));
    if (places > province.districtCount)
      throw new Error(`layout needs ${places} districts in ${province.code}`);
    const shift = Math.floor((s * province.districtCount) / AGE_BANDS.length);
    cells.push({ province: p, band: s, start: bucketCount, places, days: count, firstDay: first, shift });
    bucketCount += places * count * 2;
  });
});

/** B: the number of buckets. */
export const BUCKETS = bucketCount;
const cellStarts = Int32Array.from(cells, (c) => c.start);

/** A prime stride: consecutive birth dates rotate the places to far-apart districts. */
const DAY_STRIDE = 7919;

/** How far a cell's places are rotated over its province's n districts for birth date `day` of the band. */
function rotation(cell: Cell, day: number, n: number): number {
  return (cell.shift + day * DAY_STRIDE) % n;
}

export interface BucketPlace {
  province: number; // index into PROVINCES
  regency: number; // index inside the province
  district: number; // the district's 2-digit number inside the regency (a real one)
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
  const table = flat[cell.province]!;
  const n = table.district.length;
  // Places spread evenly over the districts: floor(place × n / places) is injective when places ≤ n, and so
  // is any rotation of it; rotating by the birth date makes every district take its turn.
  const position = (Math.floor((place * n) / cell.places) + rotation(cell, day, n)) % n;
  return {
    province: cell.province,
    regency: table.regency[position]!,
    district: table.district[position]!,
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
  const table = flat[province];
  const r = PROVINCES[province]?.regencies[regency];
  if (table === undefined || r === undefined) return -1;
  const inRegency = r.districts.indexOf(district);
  if (inRegency < 0) return -1;
  const n = table.district.length;
  const position = table.firstOfRegency[regency]! + inRegency;
  for (let s = 0; s < AGE_BANDS.length; s++) {
    const cell = cells[province * AGE_BANDS.length + s]!;
    const day = birthDays - cell.firstDay;
    if (day < 0 || day >= cell.days) continue;
    const spread = (position - rotation(cell, day, n) + n) % n;
    const place = Math.ceil((spread * cell.places) / n);
    if (place >= cell.places || Math.floor((place * n) / cell.places) !== spread) return -1;
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

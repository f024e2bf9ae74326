// Population by province: BPS, Hasil Sensus Penduduk 2020 (Berita Resmi Statistik No. 7/01/Th. XXIV,
// 21 January 2021), September 2020, total 270,203,917 (the counts below sum to it exactly). Keyed by the
// Kemendagri province code, the one a NIK starts with (BPS numbers Papua 94 and Papua Barat 91; Kemendagri
// 91 and 92). The census predates Papua's 2022 split: regions.ts shares those two provinces' counts over
// the provinces made from them (SPLIT_2022).
export const CENSUS_2020: ReadonlyArray<readonly [code: string, population: number]> = [
  ['11', 5_274_871],
  ['12', 14_799_361],
  ['13', 5_534_472],
  ['14', 6_394_087],
  ['15', 3_548_228],
  ['16', 8_467_432],
  ['17', 2_010_670],
  ['18', 9_007_848],
  ['19', 1_455_678],
  ['21', 2_064_564],
  ['31', 10_562_088],
  ['32', 48_274_162],
  ['33', 36_516_035],
  ['34', 3_668_719],
  ['35', 40_665_696],
  ['36', 11_904_562],
  ['51', 4_317_404],
  ['52', 5_320_092],
  ['53', 5_325_566],
  ['61', 5_414_390],
  ['62', 2_669_969],
  ['63', 4_073_584],
  ['64', 3_766_039],
  ['65', 701_814],
  ['71', 2_621_923],
  ['72', 2_985_734],
  ['73', 9_073_509],
  ['74', 2_624_875],
  ['75', 1_171_681],
  ['76', 1_419_229],
  ['81', 1_848_923],
  ['82', 1_282_937],
  ['91', 4_303_707], // Papua (2020 borders)
  ['92', 1_134_068], // Papua Barat (2020 borders)
];

/** Provinces formed in 2022 out of a 2020 province (UU 14, 15, 16 and 29 of 2022). */
export const SPLIT_2022: Readonly<Record<string, readonly string[]>> = {
  '91': ['91', '93', '94', '95'], // Papua → Papua, Papua Selatan, Papua Tengah, Papua Pegunungan
  '92': ['92', '96'], // Papua Barat → Papua Barat, Papua Barat Daya
};

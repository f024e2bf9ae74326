// The 34 provinces of 2020 and their 514 regencies/cities, with the codes a NIK starts with.
//
// Sources:
// - Codes and names: Kemendagri administrative-area codes (Permendagri No. 72/2019, "Kode dan Data Wilayah
//   Administrasi Pemerintahan", in force in April 2020), as tabulated in
//   github.com/edwardsamuel/Wilayah-Administratif-Indonesia (csv/regencies.csv, ODbL); renamed regencies carry
//   their April-2020 names (7605 Pasangkayu, ex Mamuju Utara, 2017; 8101 Kepulauan Tanimbar, 2019).
//   Papua's 2022 split (Papua Selatan, Tengah, Pegunungan, Barat Daya) is deliberately absent: 2020 replay.
// - Population: BPS, Hasil Sensus Penduduk 2020 (Berita Resmi Statistik No. 7/01/Th. XXIV, 21 January 2021),
//   September 2020, total 270,203,917 (the per-province counts below sum to it exactly).
//
// Format: [province code, province name, SP2020 population, 'RR Name|RR Name|…'] where RR is the 2-digit
// regency code inside the province (01–69 kabupaten, 71–99 kota).

export const PROVINCE_TABLE: ReadonlyArray<readonly [string, string, number, string]> = [
  [
    '11',
    'Aceh',
    5_274_871,
    '01 Kab. Simeulue|02 Kab. Aceh Singkil|03 Kab. Aceh Selatan|04 Kab. Aceh Tenggara|05 Kab. Aceh Timur|06 Kab. Aceh Tengah|07 Kab. Aceh Barat|08 Kab. Aceh Besar|09 Kab. Pidie|10 Kab. Bireuen|11 Kab. Aceh Utara|12 Kab. Aceh Barat Daya|13 Kab. Gayo Lues|14 Kab. Aceh Tamiang|15 Kab. Nagan Raya|16 Kab. Aceh Jaya|17 Kab. Bener Meriah|18 Kab. Pidie Jaya|71 Kota Banda Aceh|72 Kota Sabang|73 Kota Langsa|74 Kota Lhokseumawe|75 Kota Subulussalam',
  ],
  [
    '12',
    'Sumatera Utara',
    14_799_361,
    '01 Kab. Nias|02 Kab. Mandailing Natal|03 Kab. Tapanuli Selatan|04 Kab. Tapanuli Tengah|05 Kab. Tapanuli Utara|06 Kab. Toba Samosir|07 Kab. Labuhan Batu|08 Kab. Asahan|09 Kab. Simalungun|10 Kab. Dairi|11 Kab. Karo|12 Kab. Deli Serdang|13 Kab. Langkat|14 Kab. Nias Selatan|15 Kab. Humbang Hasundutan|16 Kab. Pakpak Bharat|17 Kab. Samosir|18 Kab. Serdang Bedagai|19 Kab. Batu Bara|20 Kab. Padang Lawas Utara|21 Kab. Padang Lawas|22 Kab. Labuhan Batu Selatan|23 Kab. Labuhan Batu Utara|24 Kab. Nias Utara|25 Kab. Nias Barat|71 Kota Sibolga|72 Kota Tanjung Balai|73 Kota Pematang Siantar|74 Kota Tebing Tinggi|75 Kota Medan|76 Kota Binjai|77 Kota Padangsidimpuan|78 Kota Gunungsitoli',
  ],
  [
    '13',
    'Sumatera Barat',
    5_534_472,
    '01 Kab. Kepulauan Mentawai|02 Kab. Pesisir Selatan|03 Kab. Solok|04 Kab. Sijunjung|05 Kab. Tanah Datar|06 Kab. Padang Pariaman|07 Kab. Agam|08 Kab. Lima Puluh Kota|09 Kab. Pasaman|10 Kab. Solok Selatan|11 Kab. Dharmasraya|12 Kab. Pasaman Barat|71 Kota Padang|72 Kota Solok|73 Kota Sawah Lunto|74 Kota Padang Panjang|75 Kota Bukittinggi|76 Kota Payakumbuh|77 Kota Pariaman',
  ],
  [
    '14',
    'Riau',
    6_394_087,
    '01 Kab. Kuantan Singingi|02 Kab. Indragiri Hulu|03 Kab. Indragiri Hilir|04 Kab. Pelalawan|05 Kab. Siak|06 Kab. Kampar|07 Kab. Rokan Hulu|08 Kab. Bengkalis|09 Kab. Rokan Hilir|10 Kab. Kepulauan Meranti|71 Kota Pekanbaru|73 Kota Dumai',
  ],
  [
    '15',
    'Jambi',
    3_548_228,
    '01 Kab. Kerinci|02 Kab. Merangin|03 Kab. Sarolangun|04 Kab. Batang Hari|05 Kab. Muaro Jambi|06 Kab. Tanjung Jabung Timur|07 Kab. Tanjung Jabung Barat|08 Kab. Tebo|09 Kab. Bungo|71 Kota Jambi|72 Kota Sungai Penuh',
  ],
  [
    '16',
    'Sumatera Selatan',
    8_467_432,
    '01 Kab. Ogan Komering Ulu|02 Kab. Ogan Komering Ilir|03 Kab. Muara Enim|04 Kab. Lahat|05 Kab. Musi Rawas|06 Kab. Musi Banyuasin|07 Kab. Banyu Asin|08 Kab. Ogan Komering Ulu Selatan|09 Kab. Ogan Komering Ulu Timur|10 Kab. Ogan Ilir|11 Kab. Empat Lawang|12 Kab. Penukal Abab Lematang Ilir|13 Kab. Musi Rawas Utara|71 Kota Palembang|72 Kota Prabumulih|73 Kota Pagar Alam|74 Kota Lubuklinggau',
  ],
  [
    '17',
    'Bengkulu',
    2_010_670,
    '01 Kab. Bengkulu Selatan|02 Kab. Rejang Lebong|03 Kab. Bengkulu Utara|04 Kab. Kaur|05 Kab. Seluma|06 Kab. Mukomuko|07 Kab. Lebong|08 Kab. Kepahiang|09 Kab. Bengkulu Tengah|71 Kota Bengkulu',
  ],
  [
    '18',
    'Lampung',
    9_007_848,
    '01 Kab. Lampung Barat|02 Kab. Tanggamus|03 Kab. Lampung Selatan|04 Kab. Lampung Timur|05 Kab. Lampung Tengah|06 Kab. Lampung Utara|07 Kab. Way Kanan|08 Kab. Tulangbawang|09 Kab. Pesawaran|10 Kab. Pringsewu|11 Kab. Mesuji|12 Kab. Tulang Bawang Barat|13 Kab. Pesisir Barat|71 Kota Bandar Lampung|72 Kota Metro',
  ],
  [
    '19',
    'Kepulauan Bangka Belitung',
    1_455_678,
    '01 Kab. Bangka|02 Kab. Belitung|03 Kab. Bangka Barat|04 Kab. Bangka Tengah|05 Kab. Bangka Selatan|06 Kab. Belitung Timur|71 Kota Pangkal Pinang',
  ],
  [
    '21',
    'Kepulauan Riau',
    2_064_564,
    '01 Kab. Karimun|02 Kab. Bintan|03 Kab. Natuna|04 Kab. Lingga|05 Kab. Kepulauan Anambas|71 Kota Batam|72 Kota Tanjung Pinang',
  ],
  [
    '31',
    'DKI Jakarta',
    10_562_088,
    '01 Kab. Kepulauan Seribu|71 Kota Jakarta Selatan|72 Kota Jakarta Timur|73 Kota Jakarta Pusat|74 Kota Jakarta Barat|75 Kota Jakarta Utara',
  ],
  [
    '32',
    'Jawa Barat',
    48_274_162,
    '01 Kab. Bogor|02 Kab. Sukabumi|03 Kab. Cianjur|04 Kab. Bandung|05 Kab. Garut|06 Kab. Tasikmalaya|07 Kab. Ciamis|08 Kab. Kuningan|09 Kab. Cirebon|10 Kab. Majalengka|11 Kab. Sumedang|12 Kab. Indramayu|13 Kab. Subang|14 Kab. Purwakarta|15 Kab. Karawang|16 Kab. Bekasi|17 Kab. Bandung Barat|18 Kab. Pangandaran|71 Kota Bogor|72 Kota Sukabumi|73 Kota Bandung|74 Kota Cirebon|75 Kota Bekasi|76 Kota Depok|77 Kota Cimahi|78 Kota Tasikmalaya|79 Kota Banjar',
  ],
  [
    '33',
    'Jawa Tengah',
    36_516_035,
    '01 Kab. Cilacap|02 Kab. Banyumas|03 Kab. Purbalingga|04 Kab. Banjarnegara|05 Kab. Kebumen|06 Kab. Purworejo|07 Kab. Wonosobo|08 Kab. Magelang|09 Kab. Boyolali|10 Kab. Klaten|11 Kab. Sukoharjo|12 Kab. Wonogiri|13 Kab. Karanganyar|14 Kab. Sragen|15 Kab. Grobogan|16 Kab. Blora|17 Kab. Rembang|18 Kab. Pati|19 Kab. Kudus|20 Kab. Jepara|21 Kab. Demak|22 Kab. Semarang|23 Kab. Temanggung|24 Kab. Kendal|25 Kab. Batang|26 Kab. Pekalongan|27 Kab. Pemalang|28 Kab. Tegal|29 Kab. Brebes|71 Kota Magelang|72 Kota Surakarta|73 Kota Salatiga|74 Kota Semarang|75 Kota Pekalongan|76 Kota Tegal',
  ],
  [
    '34',
    'DI Yogyakarta',
    3_668_719,
    '01 Kab. Kulon Progo|02 Kab. Bantul|03 Kab. Gunung Kidul|04 Kab. Sleman|71 Kota Yogyakarta',
  ],
  [
    '35',
    'Jawa Timur',
    40_665_696,
    '01 Kab. Pacitan|02 Kab. Ponorogo|03 Kab. Trenggalek|04 Kab. Tulungagung|05 Kab. Blitar|06 Kab. Kediri|07 Kab. Malang|08 Kab. Lumajang|09 Kab. Jember|10 Kab. Banyuwangi|11 Kab. Bondowoso|12 Kab. Situbondo|13 Kab. Probolinggo|14 Kab. Pasuruan|15 Kab. Sidoarjo|16 Kab. Mojokerto|17 Kab. Jombang|18 Kab. Nganjuk|19 Kab. Madiun|20 Kab. Magetan|21 Kab. Ngawi|22 Kab. Bojonegoro|23 Kab. Tuban|24 Kab. Lamongan|25 Kab. Gresik|26 Kab. Bangkalan|27 Kab. Sampang|28 Kab. Pamekasan|29 Kab. Sumenep|71 Kota Kediri|72 Kota Blitar|73 Kota Malang|74 Kota Probolinggo|75 Kota Pasuruan|76 Kota Mojokerto|77 Kota Madiun|78 Kota Surabaya|79 Kota Batu',
  ],
  [
    '36',
    'Banten',
    11_904_562,
    '01 Kab. Pandeglang|02 Kab. Lebak|03 Kab. Tangerang|04 Kab. Serang|71 Kota Tangerang|72 Kota Cilegon|73 Kota Serang|74 Kota Tangerang Selatan',
  ],
  [
    '51',
    'Bali',
    4_317_404,
    '01 Kab. Jembrana|02 Kab. Tabanan|03 Kab. Badung|04 Kab. Gianyar|05 Kab. Klungkung|06 Kab. Bangli|07 Kab. Karang Asem|08 Kab. Buleleng|71 Kota Denpasar',
  ],
  [
    '52',
    'Nusa Tenggara Barat',
    5_320_092,
    '01 Kab. Lombok Barat|02 Kab. Lombok Tengah|03 Kab. Lombok Timur|04 Kab. Sumbawa|05 Kab. Dompu|06 Kab. Bima|07 Kab. Sumbawa Barat|08 Kab. Lombok Utara|71 Kota Mataram|72 Kota Bima',
  ],
  [
    '53',
    'Nusa Tenggara Timur',
    5_325_566,
    '01 Kab. Sumba Barat|02 Kab. Sumba Timur|03 Kab. Kupang|04 Kab. Timor Tengah Selatan|05 Kab. Timor Tengah Utara|06 Kab. Belu|07 Kab. Alor|08 Kab. Lembata|09 Kab. Flores Timur|10 Kab. Sikka|11 Kab. Ende|12 Kab. Ngada|13 Kab. Manggarai|14 Kab. Rote Ndao|15 Kab. Manggarai Barat|16 Kab. Sumba Tengah|17 Kab. Sumba Barat Daya|18 Kab. Nagekeo|19 Kab. Manggarai Timur|20 Kab. Sabu Raijua|21 Kab. Malaka|71 Kota Kupang',
  ],
  [
    '61',
    'Kalimantan Barat',
    5_414_390,
    '01 Kab. Sambas|02 Kab. Bengkayang|03 Kab. Landak|04 Kab. Mempawah|05 Kab. Sanggau|06 Kab. Ketapang|07 Kab. Sintang|08 Kab. Kapuas Hulu|09 Kab. Sekadau|10 Kab. Melawi|11 Kab. Kayong Utara|12 Kab. Kubu Raya|71 Kota Pontianak|72 Kota Singkawang',
  ],
  [
    '62',
    'Kalimantan Tengah',
    2_669_969,
    '01 Kab. Kotawaringin Barat|02 Kab. Kotawaringin Timur|03 Kab. Kapuas|04 Kab. Barito Selatan|05 Kab. Barito Utara|06 Kab. Sukamara|07 Kab. Lamandau|08 Kab. Seruyan|09 Kab. Katingan|10 Kab. Pulang Pisau|11 Kab. Gunung Mas|12 Kab. Barito Timur|13 Kab. Murung Raya|71 Kota Palangka Raya',
  ],
  [
    '63',
    'Kalimantan Selatan',
    4_073_584,
    '01 Kab. Tanah Laut|02 Kab. Kota Baru|03 Kab. Banjar|04 Kab. Barito Kuala|05 Kab. Tapin|06 Kab. Hulu Sungai Selatan|07 Kab. Hulu Sungai Tengah|08 Kab. Hulu Sungai Utara|09 Kab. Tabalong|10 Kab. Tanah Bumbu|11 Kab. Balangan|71 Kota Banjarmasin|72 Kota Banjar Baru',
  ],
  [
    '64',
    'Kalimantan Timur',
    3_766_039,
    '01 Kab. Paser|02 Kab. Kutai Barat|03 Kab. Kutai Kartanegara|04 Kab. Kutai Timur|05 Kab. Berau|09 Kab. Penajam Paser Utara|11 Kab. Mahakam Hulu|71 Kota Balikpapan|72 Kota Samarinda|74 Kota Bontang',
  ],
  [
    '65',
    'Kalimantan Utara',
    701_814,
    '01 Kab. Malinau|02 Kab. Bulungan|03 Kab. Tana Tidung|04 Kab. Nunukan|71 Kota Tarakan',
  ],
  [
    '71',
    'Sulawesi Utara',
    2_621_923,
    '01 Kab. Bolaang Mongondow|02 Kab. Minahasa|03 Kab. Kepulauan Sangihe|04 Kab. Kepulauan Talaud|05 Kab. Minahasa Selatan|06 Kab. Minahasa Utara|07 Kab. Bolaang Mongondow Utara|08 Kab. Siau Tagulandang Biaro|09 Kab. Minahasa Tenggara|10 Kab. Bolaang Mongondow Selatan|11 Kab. Bolaang Mongondow Timur|71 Kota Manado|72 Kota Bitung|73 Kota Tomohon|74 Kota Kotamobagu',
  ],
  [
    '72',
    'Sulawesi Tengah',
    2_985_734,
    '01 Kab. Banggai Kepulauan|02 Kab. Banggai|03 Kab. Morowali|04 Kab. Poso|05 Kab. Donggala|06 Kab. Toli-Toli|07 Kab. Buol|08 Kab. Parigi Moutong|09 Kab. Tojo Una-Una|10 Kab. Sigi|11 Kab. Banggai Laut|12 Kab. Morowali Utara|71 Kota Palu',
  ],
  [
    '73',
    'Sulawesi Selatan',
    9_073_509,
    '01 Kab. Kepulauan Selayar|02 Kab. Bulukumba|03 Kab. Bantaeng|04 Kab. Jeneponto|05 Kab. Takalar|06 Kab. Gowa|07 Kab. Sinjai|08 Kab. Maros|09 Kab. Pangkajene dan Kepulauan|10 Kab. Barru|11 Kab. Bone|12 Kab. Soppeng|13 Kab. Wajo|14 Kab. Sidenreng Rappang|15 Kab. Pinrang|16 Kab. Enrekang|17 Kab. Luwu|18 Kab. Tana Toraja|22 Kab. Luwu Utara|25 Kab. Luwu Timur|26 Kab. Toraja Utara|71 Kota Makassar|72 Kota Parepare|73 Kota Palopo',
  ],
  [
    '74',
    'Sulawesi Tenggara',
    2_624_875,
    '01 Kab. Buton|02 Kab. Muna|03 Kab. Konawe|04 Kab. Kolaka|05 Kab. Konawe Selatan|06 Kab. Bombana|07 Kab. Wakatobi|08 Kab. Kolaka Utara|09 Kab. Buton Utara|10 Kab. Konawe Utara|11 Kab. Kolaka Timur|12 Kab. Konawe Kepulauan|13 Kab. Muna Barat|14 Kab. Buton Tengah|15 Kab. Buton Selatan|71 Kota Kendari|72 Kota Baubau',
  ],
  [
    '75',
    'Gorontalo',
    1_171_681,
    '01 Kab. Boalemo|02 Kab. Gorontalo|03 Kab. Pohuwato|04 Kab. Bone Bolango|05 Kab. Gorontalo Utara|71 Kota Gorontalo',
  ],
  [
    '76',
    'Sulawesi Barat',
    1_419_229,
    '01 Kab. Majene|02 Kab. Polewali Mandar|03 Kab. Mamasa|04 Kab. Mamuju|05 Kab. Pasangkayu|06 Kab. Mamuju Tengah',
  ],
  [
    '81',
    'Maluku',
    1_848_923,
    '01 Kab. Kepulauan Tanimbar|02 Kab. Maluku Tenggara|03 Kab. Maluku Tengah|04 Kab. Buru|05 Kab. Kepulauan Aru|06 Kab. Seram Bagian Barat|07 Kab. Seram Bagian Timur|08 Kab. Maluku Barat Daya|09 Kab. Buru Selatan|71 Kota Ambon|72 Kota Tual',
  ],
  [
    '82',
    'Maluku Utara',
    1_282_937,
    '01 Kab. Halmahera Barat|02 Kab. Halmahera Tengah|03 Kab. Kepulauan Sula|04 Kab. Halmahera Selatan|05 Kab. Halmahera Utara|06 Kab. Halmahera Timur|07 Kab. Pulau Morotai|08 Kab. Pulau Taliabu|71 Kota Ternate|72 Kota Tidore Kepulauan',
  ],
  [
    '91',
    'Papua Barat',
    1_134_068,
    '01 Kab. Fakfak|02 Kab. Kaimana|03 Kab. Teluk Wondama|04 Kab. Teluk Bintuni|05 Kab. Manokwari|06 Kab. Sorong Selatan|07 Kab. Sorong|08 Kab. Raja Ampat|09 Kab. Tambrauw|10 Kab. Maybrat|11 Kab. Manokwari Selatan|12 Kab. Pegunungan Arfak|71 Kota Sorong',
  ],
  [
    '94',
    'Papua',
    4_303_707,
    '01 Kab. Merauke|02 Kab. Jayawijaya|03 Kab. Jayapura|04 Kab. Nabire|08 Kab. Kepulauan Yapen|09 Kab. Biak Numfor|10 Kab. Paniai|11 Kab. Puncak Jaya|12 Kab. Mimika|13 Kab. Boven Digoel|14 Kab. Mappi|15 Kab. Asmat|16 Kab. Yahukimo|17 Kab. Pegunungan Bintang|18 Kab. Tolikara|19 Kab. Sarmi|20 Kab. Keerom|26 Kab. Waropen|27 Kab. Supiori|28 Kab. Mamberamo Raya|29 Kab. Nduga|30 Kab. Lanny Jaya|31 Kab. Mamberamo Tengah|32 Kab. Yalimo|33 Kab. Puncak|34 Kab. Dogiyai|35 Kab. Intan Jaya|36 Kab. Deiyai|71 Kota Jayapura',
  ],
];

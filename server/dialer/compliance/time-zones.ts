import { validZone } from "./schedule";

/**
 * Where the called party is, in time: the IANA zone calling-hours rules are judged in. Tables are
 * written from public numbering and postal facts. A region split across zones gets the zone where
 * most of its people live; that is a best guess, which is why an explicit zone on the lead wins.
 */

export type ZoneSource = "lead" | "state" | "zip" | "area_code" | "country" | "fallback";

export type LeadLocation = {
  timezone?: string | null;
  state?: string | null;
  zip?: string | null;
  phoneNumber: string;
};

const NY = "America/New_York";
const CHI = "America/Chicago";
const DEN = "America/Denver";
const PHX = "America/Phoenix";
const LA = "America/Los_Angeles";

/** USPS state and territory codes, and Canadian province and territory codes (no code is both). */
const REGION_ZONES: Record<string, string> = {
  AL: CHI, AK: "America/Anchorage", AZ: PHX, AR: CHI, CA: LA, CO: DEN, CT: NY, DE: NY, DC: NY,
  FL: NY, GA: NY, HI: "Pacific/Honolulu", ID: "America/Boise", IL: CHI, IN: "America/Indiana/Indianapolis",
  IA: CHI, KS: CHI, KY: NY, LA: CHI, ME: NY, MD: NY, MA: NY, MI: "America/Detroit", MN: CHI, MS: CHI,
  MO: CHI, MT: DEN, NE: CHI, NV: LA, NH: NY, NJ: NY, NM: DEN, NY: NY, NC: NY, ND: CHI, OH: NY, OK: CHI,
  OR: LA, PA: NY, RI: NY, SC: NY, SD: CHI, TN: CHI, TX: CHI, UT: DEN, VT: NY, VA: NY, WA: LA, WV: NY,
  WI: CHI, WY: DEN,
  PR: "America/Puerto_Rico", VI: "America/St_Thomas", GU: "Pacific/Guam", MP: "Pacific/Saipan", AS: "Pacific/Pago_Pago",
  AB: "America/Edmonton", BC: "America/Vancouver", MB: "America/Winnipeg", NB: "America/Moncton",
  NL: "America/St_Johns", NS: "America/Halifax", PE: "America/Halifax", ON: "America/Toronto",
  QC: "America/Toronto", SK: "America/Regina", YT: "America/Whitehorse", NT: "America/Edmonton", NU: "America/Iqaluit",
};

/**
 * Geographic area codes by state or province (overlays included). Left out on purpose: toll-free
 * and other non-geographic codes (5XX, 6XX personal, 700, 800–888 toll-free, 900), 555, N11, and
 * 867, which spans three northern territories in different zones.
 */
const AREA_CODES: Record<string, string> = {
  AL: "205 251 256 334 659 938",
  AK: "907",
  AZ: "480 520 602 623 928",
  AR: "327 479 501 870",
  CA: "209 213 279 310 323 341 350 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951",
  CO: "303 719 720 970 983",
  CT: "203 475 860 959",
  DE: "302",
  DC: "202 771",
  FL: "239 305 321 324 352 386 407 448 561 645 656 689 727 754 772 786 813 850 863 904 941 954",
  GA: "229 404 470 478 678 706 762 770 912 943",
  HI: "808",
  ID: "208 986",
  IL: "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872",
  IN: "219 260 317 463 574 765 812 930",
  IA: "319 515 563 641 712",
  KS: "316 620 785 913",
  KY: "270 364 502 606 859",
  LA: "225 318 337 504 985",
  ME: "207",
  MD: "227 240 301 410 443 667",
  MA: "339 351 413 508 617 774 781 857 978",
  MI: "231 248 269 313 517 586 616 679 734 810 906 947 989",
  MN: "218 320 507 612 651 763 924 952",
  MS: "228 601 662 769",
  MO: "235 314 417 557 573 636 660 816",
  MT: "406",
  NE: "308 402 531",
  NV: "702 725 775",
  NH: "603",
  NJ: "201 551 609 640 732 848 856 862 908 973",
  NM: "505 575",
  NY: "212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934",
  NC: "252 336 704 743 828 910 919 980 984",
  ND: "701",
  OH: "216 220 234 326 330 380 419 440 513 567 614 740 937",
  OK: "405 539 572 580 918",
  OR: "458 503 541 971",
  PA: "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878",
  RI: "401",
  SC: "803 839 843 854 864",
  SD: "605",
  TN: "423 615 629 731 865 901 931",
  TX: "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 915 936 940 945 956 972 979",
  UT: "385 435 801",
  VT: "802",
  VA: "276 434 540 571 703 757 804 826 948",
  WA: "206 253 360 425 509 564",
  WV: "304 681",
  WI: "262 274 353 414 534 608 715 920",
  WY: "307",
  PR: "787 939",
  VI: "340",
  GU: "671",
  MP: "670",
  AS: "684",
  AB: "368 403 587 780 825",
  BC: "236 250 257 604 672 778",
  MB: "204 431 584",
  NB: "428 506",
  NL: "709 879",
  NS: "782 902",
  ON: "226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942",
  QC: "263 354 367 418 438 450 468 514 579 581 819 873",
  SK: "306 474 639",
};

/** Area codes whose people mostly live in another zone than their state's. */
const AREA_CODE_OVERRIDES: Record<string, string> = {
  // Florida panhandle west of the Apalachicola: Pensacola, Panama City.
  "448": CHI,
  "850": CHI,
  // Northwest Indiana (Gary, Hammond) keeps Chicago time.
  "219": CHI,
  // Western Kentucky: Bowling Green, Paducah, Owensboro.
  "270": CHI,
  "364": CHI,
  // East Tennessee: Knoxville, Chattanooga, the Tri-Cities.
  "423": NY,
  "865": NY,
  // El Paso.
  "915": DEN,
};

/** The other NANP countries, each one zone. */
const NANP_COUNTRY_CODES: Record<string, string> = {
  "242": "America/Nassau", "246": "America/Barbados", "264": "America/Anguilla", "268": "America/Antigua",
  "284": "America/Tortola", "345": "America/Cayman", "441": "Atlantic/Bermuda", "473": "America/Grenada",
  "649": "America/Grand_Turk", "658": "America/Jamaica", "664": "America/Montserrat", "721": "America/Lower_Princes",
  "758": "America/St_Lucia", "767": "America/Dominica", "784": "America/St_Vincent", "809": "America/Santo_Domingo",
  "829": "America/Santo_Domingo", "849": "America/Santo_Domingo", "868": "America/Port_of_Spain",
  "869": "America/St_Kitts", "876": "America/Jamaica",
};

const AREA_CODE_ZONES: Map<string, string> = (() => {
  const zones = new Map<string, string>(Object.entries(NANP_COUNTRY_CODES));
  for (const [region, codes] of Object.entries(AREA_CODES)) {
    for (const code of codes.split(" ")) zones.set(code, AREA_CODE_OVERRIDES[code] ?? REGION_ZONES[region]);
  }
  return zones;
})();

/** 3-digit ZIP prefixes, inclusive ranges; military (AA/AE/AP) and mixed Pacific (969) left out. */
const ZIP_PREFIX_RANGES: readonly (readonly [number, number, string])[] = [
  [5, 5, "NY"], [6, 7, "PR"], [8, 8, "VI"], [9, 9, "PR"], [10, 27, "MA"], [28, 29, "RI"], [30, 38, "NH"],
  [39, 49, "ME"], [50, 54, "VT"], [55, 55, "MA"], [56, 59, "VT"], [60, 69, "CT"], [70, 89, "NJ"],
  [100, 149, "NY"], [150, 196, "PA"], [197, 199, "DE"], [200, 200, "DC"], [201, 201, "VA"], [202, 205, "DC"],
  [206, 219, "MD"], [220, 246, "VA"], [247, 268, "WV"], [270, 289, "NC"], [290, 299, "SC"], [300, 319, "GA"],
  [320, 339, "FL"], [341, 349, "FL"], [350, 369, "AL"], [370, 385, "TN"], [386, 397, "MS"], [398, 399, "GA"],
  [400, 427, "KY"], [430, 459, "OH"], [460, 479, "IN"], [480, 499, "MI"], [500, 528, "IA"], [530, 549, "WI"],
  [550, 567, "MN"], [569, 569, "DC"], [570, 577, "SD"], [580, 588, "ND"], [590, 599, "MT"], [600, 629, "IL"],
  [630, 658, "MO"], [660, 679, "KS"], [680, 693, "NE"], [700, 714, "LA"], [716, 729, "AR"], [730, 732, "OK"],
  [733, 733, "TX"], [734, 749, "OK"], [750, 799, "TX"], [800, 816, "CO"], [820, 831, "WY"], [832, 838, "ID"],
  [840, 847, "UT"], [850, 865, "AZ"], [870, 884, "NM"], [885, 885, "TX"], [889, 898, "NV"], [900, 961, "CA"],
  [967, 968, "HI"], [970, 979, "OR"], [980, 994, "WA"], [995, 999, "AK"],
];

/** ZIP prefixes in another zone than their state's dominant one (a ZIP can say more than a state). */
const ZIP_PREFIX_OVERRIDES: Record<number, string> = {
  // Florida panhandle: Panama City, Pensacola.
  324: CHI, 325: CHI,
  // Western Kentucky: Paducah, Bowling Green, Owensboro, Henderson.
  420: CHI, 421: CHI, 422: CHI, 423: CHI, 424: CHI,
  // Northwest Indiana (Gary) and Evansville.
  463: CHI, 464: CHI, 476: CHI, 477: CHI,
  // East Tennessee: Chattanooga, Johnson City, Knoxville.
  373: NY, 374: NY, 376: NY, 377: NY, 378: NY, 379: NY,
  // El Paso.
  798: DEN, 799: DEN, 885: DEN,
  // Western Dakotas and the Nebraska panhandle: Dickinson, Rapid City, Scottsbluff.
  586: DEN, 577: DEN, 693: DEN,
  // Idaho panhandle: Coeur d'Alene, Lewiston.
  838: LA,
};

/**
 * Country calling codes whose country has one zone or one where most people live. Matched
 * longest-first, so a few codes carry their leading national digit where the country is split
 * (Australia by its trunk regions; Kazakhstan inside Russia's 7). NANP (1) is handled by area code.
 */
const COUNTRY_CODE_ZONES: Record<string, string> = {
  "20": "Africa/Cairo", "27": "Africa/Johannesburg", "30": "Europe/Athens", "31": "Europe/Amsterdam",
  "32": "Europe/Brussels", "33": "Europe/Paris", "34": "Europe/Madrid", "36": "Europe/Budapest",
  "39": "Europe/Rome", "40": "Europe/Bucharest", "41": "Europe/Zurich", "43": "Europe/Vienna",
  "44": "Europe/London", "45": "Europe/Copenhagen", "46": "Europe/Stockholm", "47": "Europe/Oslo",
  "48": "Europe/Warsaw", "49": "Europe/Berlin", "51": "America/Lima", "52": "America/Mexico_City",
  "53": "America/Havana", "54": "America/Argentina/Buenos_Aires", "55": "America/Sao_Paulo",
  "56": "America/Santiago", "57": "America/Bogota", "58": "America/Caracas", "60": "Asia/Kuala_Lumpur",
  "612": "Australia/Sydney", "613": "Australia/Melbourne", "617": "Australia/Brisbane",
  "62": "Asia/Jakarta", "63": "Asia/Manila", "64": "Pacific/Auckland", "65": "Asia/Singapore",
  "66": "Asia/Bangkok", "7": "Europe/Moscow", "76": "Asia/Almaty", "77": "Asia/Almaty",
  "81": "Asia/Tokyo", "82": "Asia/Seoul", "84": "Asia/Ho_Chi_Minh", "86": "Asia/Shanghai",
  "90": "Europe/Istanbul", "91": "Asia/Kolkata", "92": "Asia/Karachi", "93": "Asia/Kabul",
  "94": "Asia/Colombo", "95": "Asia/Yangon", "98": "Asia/Tehran",
  "212": "Africa/Casablanca", "213": "Africa/Algiers", "216": "Africa/Tunis", "218": "Africa/Tripoli",
  "220": "Africa/Banjul", "221": "Africa/Dakar", "233": "Africa/Accra", "234": "Africa/Lagos",
  "251": "Africa/Addis_Ababa", "254": "Africa/Nairobi", "255": "Africa/Dar_es_Salaam",
  "256": "Africa/Kampala", "260": "Africa/Lusaka", "263": "Africa/Harare", "264": "Africa/Windhoek",
  "267": "Africa/Gaborone",
  "350": "Europe/Gibraltar", "351": "Europe/Lisbon", "352": "Europe/Luxembourg", "353": "Europe/Dublin",
  "354": "Atlantic/Reykjavik", "355": "Europe/Tirane", "356": "Europe/Malta", "357": "Asia/Nicosia",
  "358": "Europe/Helsinki", "359": "Europe/Sofia", "370": "Europe/Vilnius", "371": "Europe/Riga",
  "372": "Europe/Tallinn", "373": "Europe/Chisinau", "374": "Asia/Yerevan", "375": "Europe/Minsk",
  "376": "Europe/Andorra", "377": "Europe/Monaco", "380": "Europe/Kyiv", "381": "Europe/Belgrade",
  "382": "Europe/Podgorica", "385": "Europe/Zagreb", "386": "Europe/Ljubljana", "387": "Europe/Sarajevo",
  "389": "Europe/Skopje", "420": "Europe/Prague", "421": "Europe/Bratislava", "423": "Europe/Vaduz",
  "501": "America/Belize", "502": "America/Guatemala", "503": "America/El_Salvador",
  "504": "America/Tegucigalpa", "505": "America/Managua", "506": "America/Costa_Rica",
  "507": "America/Panama", "509": "America/Port-au-Prince", "591": "America/La_Paz",
  "593": "America/Guayaquil", "595": "America/Asuncion", "597": "America/Paramaribo",
  "598": "America/Montevideo",
  "852": "Asia/Hong_Kong", "853": "Asia/Macau", "855": "Asia/Phnom_Penh", "856": "Asia/Vientiane",
  "880": "Asia/Dhaka", "886": "Asia/Taipei",
  "960": "Indian/Maldives", "961": "Asia/Beirut", "962": "Asia/Amman", "963": "Asia/Damascus",
  "964": "Asia/Baghdad", "965": "Asia/Kuwait", "966": "Asia/Riyadh", "967": "Asia/Aden",
  "968": "Asia/Muscat", "971": "Asia/Dubai", "972": "Asia/Jerusalem", "973": "Asia/Bahrain",
  "974": "Asia/Qatar", "975": "Asia/Thimphu", "976": "Asia/Ulaanbaatar", "977": "Asia/Kathmandu",
  "994": "Asia/Baku", "995": "Asia/Tbilisi", "998": "Asia/Tashkent",
};

const LONGEST_COUNTRY_PREFIX = Math.max(...Object.keys(COUNTRY_CODE_ZONES).map((code) => code.length));
/** E.164 allows at most 15 digits; fewer than 7 cannot be a subscriber number anywhere. */
const MIN_INTERNATIONAL_DIGITS = 7;
const MAX_INTERNATIONAL_DIGITS = 15;
const ZIP_PATTERN = /^(\d{3})\d{2}(?:-?\d{4})?$/;
const NUMBER_PUNCTUATION = /[\s\-().]/g;

/** The dominant zone of a US state/territory or Canadian province/territory code, else null. */
export function zoneForRegion(code: string | null | undefined): string | null {
  if (typeof code !== "string") return null;
  const key = code.trim().toUpperCase();
  return key.length === 2 ? REGION_ZONES[key] ?? null : null;
}

/** The zone of a US ZIP code ("12345" or ZIP+4), else null. */
export function zoneForZip(zip: string | null | undefined): string | null {
  if (typeof zip !== "string") return null;
  const match = ZIP_PATTERN.exec(zip.trim());
  if (match === null) return null;
  const prefix = Number(match[1]);
  const override = ZIP_PREFIX_OVERRIDES[prefix];
  if (override !== undefined) return override;
  for (const [lo, hi, region] of ZIP_PREFIX_RANGES) {
    if (prefix >= lo && prefix <= hi) return REGION_ZONES[region];
  }
  return null;
}

/**
 * The zone a phone number implies: by area code for NANP numbers (11 digits starting with 1, or 10
 * digits without an international prefix), by country calling code for numbers written with + or
 * 00. Null when the number says nothing reliable (toll-free, 555, a country with several zones).
 */
export function zoneForPhoneNumber(phoneNumber: string): { zone: string; source: "area_code" | "country" } | null {
  if (typeof phoneNumber !== "string") return null;
  let digits = phoneNumber.trim().replace(NUMBER_PUNCTUATION, "");
  let international = false;
  if (digits.startsWith("+")) {
    international = true;
    digits = digits.slice(1);
  } else if (digits.startsWith("00")) {
    international = true;
    digits = digits.slice(2);
  }
  if (!/^\d+$/.test(digits)) return null;

  const nanp = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : !international && digits.length === 10 ? digits : null;
  if (nanp !== null) {
    const zone = AREA_CODE_ZONES.get(nanp.slice(0, 3));
    return zone === undefined ? null : { zone, source: "area_code" };
  }
  if (!international || digits.startsWith("1")) return null;
  if (digits.length < MIN_INTERNATIONAL_DIGITS || digits.length > MAX_INTERNATIONAL_DIGITS) return null;
  for (let length = LONGEST_COUNTRY_PREFIX; length >= 1; length--) {
    const zone = COUNTRY_CODE_ZONES[digits.slice(0, length)];
    if (zone !== undefined) return { zone, source: "country" };
  }
  return null;
}

/**
 * The called party's zone and what it was told from: an explicit valid zone on the lead, else its
 * state/province, else its ZIP, else its phone number, else `fallbackZone` (the campaign's zone,
 * trusted as configured).
 */
export function zoneForLead(lead: LeadLocation, fallbackZone: string): { zone: string; source: ZoneSource } {
  const explicit = typeof lead.timezone === "string" ? lead.timezone.trim() : "";
  if (explicit !== "" && validZone(explicit)) return { zone: explicit, source: "lead" };
  const byState = zoneForRegion(lead.state);
  if (byState !== null) return { zone: byState, source: "state" };
  const byZip = zoneForZip(lead.zip);
  if (byZip !== null) return { zone: byZip, source: "zip" };
  const byNumber = zoneForPhoneNumber(lead.phoneNumber);
  if (byNumber !== null) return byNumber;
  return { zone: fallbackZone, source: "fallback" };
}

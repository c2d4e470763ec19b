/**
 * The clinicians and facilities the clinical record refers to. Practitioners are identified
 * only by a synthetic NPI (ten digits, Luhn check digit over the 80840 prefix, as the NPI
 * standard requires) drawn from a fixed pool per specialty; names and addresses belong to
 * the provider directory, which a plugin links by NPI. A member keeps one primary care
 * clinician (a pediatrician under 18) and one clinic.
 */

/** A specialty: NUCC taxonomy code and the SNOMED CT role a care team lists. */
export interface Specialty {
  readonly key: string;
  readonly taxonomy: string;
  readonly display: string;
  readonly roleSnomed: string;
  readonly roleDisplay: string;
  /** Practitioners in the pool. */
  readonly poolSize: number;
}

/** A clinician reference. */
export interface Clinician {
  readonly npi: string;
  readonly specialty: Specialty;
}

/** A place of care. */
export interface Facility {
  readonly id: string;
  readonly name: string;
  readonly kind: 'clinic' | 'hospital';
}

const specialty = (
  key: string,
  taxonomy: string,
  display: string,
  roleSnomed: string,
  roleDisplay: string,
  poolSize: number,
): Specialty => ({
  key,
  taxonomy,
  display,
  roleSnomed,
  roleDisplay,
  poolSize,
});

const FAMILY_MEDICINE = specialty(
  'FAM',
  '207Q00000X',
  'Family Medicine',
  '446050000',
  'Primary care physician',
  60,
);

/** Specialties by key (clinical-conditions.ts refers to them). */
export const SPECIALTIES: Readonly<Record<string, Specialty>> = Object.freeze({
  FAM: FAMILY_MEDICINE,
  PED: specialty('PED', '208000000X', 'Pediatrics', '82296001', 'Pediatrician', 30),
  CARD: specialty('CARD', '207RC0000X', 'Cardiovascular Disease', '17561000', 'Cardiologist', 10),
  ENDO: specialty(
    'ENDO',
    '207RE0101X',
    'Endocrinology, Diabetes & Metabolism',
    '61894003',
    'Endocrinologist',
    6,
  ),
  PULM: specialty('PULM', '207RP1001X', 'Pulmonary Disease', '41672002', 'Pulmonologist', 6),
  PSY: specialty('PSY', '2084P0800X', 'Psychiatry', '80584001', 'Psychiatrist', 8),
  NEPH: specialty('NEPH', '207RN0300X', 'Nephrology', '11911009', 'Nephrologist', 4),
  RHEU: specialty('RHEU', '207RR0500X', 'Rheumatology', '45440000', 'Rheumatologist', 4),
  ONC: specialty('ONC', '207RX0202X', 'Medical Oncology', '309295000', 'Clinical oncologist', 4),
  OBG: specialty('OBG', '207V00000X', 'Obstetrics & Gynecology', '11935004', 'Obstetrician', 8),
  ORTH: specialty('ORTH', '207X00000X', 'Orthopaedic Surgery', '22731001', 'Orthopedic surgeon', 6),
  GI: specialty('GI', '207RG0100X', 'Gastroenterology', '71838004', 'Gastroenterologist', 5),
  ID: specialty(
    'ID',
    '207RI0200X',
    'Infectious Disease',
    '76231001',
    'Infectious diseases physician',
    3,
  ),
  DERM: specialty('DERM', '207N00000X', 'Dermatology', '18803008', 'Dermatologist', 4),
  NEUR: specialty('NEUR', '2084N0400X', 'Neurology', '56397003', 'Neurologist', 4),
  OPH: specialty('OPH', '207W00000X', 'Ophthalmology', '422234006', 'Ophthalmologist', 4),
  URO: specialty('URO', '208800000X', 'Urology', '24590004', 'Urologist', 4),
  EM: specialty(
    'EM',
    '207P00000X',
    'Emergency Medicine',
    '309294001',
    'Emergency department physician',
    12,
  ),
  HOSP: specialty('HOSP', '208M00000X', 'Hospitalist', '309343006', 'Physician', 10),
  SURG: specialty('SURG', '208600000X', 'Surgery', '304292004', 'Surgeon', 6),
  RN: specialty('RN', '163W00000X', 'Registered Nurse', '224535009', 'Registered nurse', 20),
});

const KEYS = Object.keys(SPECIALTIES);
const CLINIC_COUNT = 24;
const HOSPITALS = [
  'Cascade Regional Medical Center',
  'Puget Sound General Hospital',
  'Willamette Valley Hospital',
  'Inland Northwest Medical Center',
  'Columbia Basin Hospital',
];

/** The clinician at `slot` of a specialty's pool (any slot wraps around the pool). */
export function clinician(specialtyKey: string, slot: number, seed: number): Clinician {
  const spec = SPECIALTIES[specialtyKey] ?? FAMILY_MEDICINE;
  const position = ((slot % spec.poolSize) + spec.poolSize) % spec.poolSize;
  return { npi: clinicianNpi(KEYS.indexOf(spec.key), position, seed), specialty: spec };
}

/** A valid-looking individual NPI, unique per (specialty, position) for a seed. */
export function clinicianNpi(specialtyIndex: number, position: number, seed: number): string {
  const serial = (specialtyIndex * 1000 + position) * 7_919 + (Math.abs(seed) % 9_973) * 104_729;
  const base = `1${String(serial % 100_000_000).padStart(8, '0')}`;
  return `${base}${npiCheckDigit(base)}`;
}

/** A clinic (outpatient) by slot. */
export function clinic(slot: number): Facility {
  const n = (((slot % CLINIC_COUNT) + CLINIC_COUNT) % CLINIC_COUNT) + 1;
  return {
    id: `FAC${String(n).padStart(4, '0')}`,
    name: `Cascade Community Clinic ${n}`,
    kind: 'clinic',
  };
}

/** A hospital (emergency and inpatient care) by slot. */
export function hospital(slot: number): Facility {
  const n = ((slot % HOSPITALS.length) + HOSPITALS.length) % HOSPITALS.length;
  return { id: `FAC${String(9001 + n)}`, name: HOSPITALS[n] as string, kind: 'hospital' };
}

/** Luhn check digit over `80840` + the first nine digits (NPI standard). */
export function npiCheckDigit(firstNine: string): number {
  const digits = `80840${firstNine}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) digit *= 2;
    sum += digit > 9 ? digit - 9 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * The clinicians and facilities the clinical record refers to, drawn from the synthetic
 * provider directory of the same seed (providers.ts), so every NPI in a chart resolves in the
 * directory backend: a clinician is a directory practitioner of the nearest directory
 * specialty, a facility a directory clinic or hospital organization. Names and addresses stay
 * in the directory; the clinical record keeps NPIs only. A member keeps one primary care
 * clinician (a pediatrician under 18) and one clinic.
 */
import { buildDirectory, type Directory } from './providers.js';
import { specialtyByKey, taxonomyDisplay } from './providers-taxonomy.js';
import type { Organization, OrgType } from './providers-types.js';

/** A clinical specialty: the directory specialty it draws from and the care team role. */
export interface Specialty {
  readonly key: string;
  /** Directory specialty key (providers-taxonomy.ts) the clinicians come from. */
  readonly directoryKey: string;
  /** NUCC taxonomy code of that directory specialty. */
  readonly taxonomy: string;
  readonly display: string;
  /** SNOMED CT role a care team lists. */
  readonly roleSnomed: string;
  readonly roleDisplay: string;
}

/** A clinician reference. */
export interface Clinician {
  readonly npi: string;
  readonly specialty: Specialty;
}

/** A place of care: a directory organization with a type 2 NPI. */
export interface Facility {
  readonly npi: string;
  readonly name: string;
  readonly kind: 'clinic' | 'hospital';
}

const specialty = (
  key: string,
  directoryKey: string,
  roleSnomed: string,
  roleDisplay: string,
): Specialty => {
  const taxonomy = specialtyByKey(directoryKey).taxonomy;
  const display = taxonomyDisplay(taxonomy);
  return Object.freeze({ key, directoryKey, taxonomy, display, roleSnomed, roleDisplay });
};

const FAMILY_MEDICINE = specialty('FAM', 'family', '446050000', 'Primary care physician');

/** Specialties by key (clinical-conditions.ts refers to them). */
export const SPECIALTIES: Readonly<Record<string, Specialty>> = Object.freeze({
  FAM: FAMILY_MEDICINE,
  PED: specialty('PED', 'pediatrics', '82296001', 'Pediatrician'),
  CARD: specialty('CARD', 'cardiology', '17561000', 'Cardiologist'),
  ENDO: specialty('ENDO', 'endocrinology', '61894003', 'Endocrinologist'),
  PULM: specialty('PULM', 'pulmonology', '41672002', 'Pulmonologist'),
  PSY: specialty('PSY', 'psychiatry', '80584001', 'Psychiatrist'),
  NEPH: specialty('NEPH', 'nephrology', '11911009', 'Nephrologist'),
  RHEU: specialty('RHEU', 'internal', '45440000', 'Rheumatologist'),
  ONC: specialty('ONC', 'internal', '309295000', 'Clinical oncologist'),
  OBG: specialty('OBG', 'obgyn', '11935004', 'Obstetrician'),
  ORTH: specialty('ORTH', 'orthopaedics', '22731001', 'Orthopedic surgeon'),
  GI: specialty('GI', 'gastroenterology', '71838004', 'Gastroenterologist'),
  ID: specialty('ID', 'internal', '76231001', 'Infectious diseases physician'),
  DERM: specialty('DERM', 'dermatology', '18803008', 'Dermatologist'),
  NEUR: specialty('NEUR', 'neurology', '56397003', 'Neurologist'),
  OPH: specialty('OPH', 'ophthalmology', '422234006', 'Ophthalmologist'),
  URO: specialty('URO', 'surgery', '24590004', 'Urologist'),
  EM: specialty('EM', 'emergency', '309294001', 'Emergency department physician'),
  HOSP: specialty('HOSP', 'internal', '309343006', 'Physician'),
  SURG: specialty('SURG', 'surgery', '304292004', 'Surgeon'),
  RAD: specialty('RAD', 'radiology', '66862007', 'Radiologist'),
  RN: specialty('RN', 'nurse-practitioner', '224571005', 'Nurse practitioner'),
});

interface StaffPools {
  readonly npisBySpecialty: ReadonlyMap<string, readonly string[]>;
  readonly orgsByType: ReadonlyMap<OrgType, readonly Organization[]>;
}

const pools = new WeakMap<Directory, StaffPools>();

/** The directory a clinical seed draws from (the demo directory's default size). */
function poolsOf(seed: number): StaffPools {
  const directory = buildDirectory({ seed });
  const cached = pools.get(directory);
  if (cached) return cached;
  const npisBySpecialty = new Map<string, string[]>();
  for (const [key, roles] of directory.rolesBySpecialty) {
    const npis = roles.map((role) => directory.practitionerById.get(role.practitionerId)?.npi);
    npisBySpecialty.set(key, [...new Set(npis.filter((npi) => npi !== undefined))]);
  }
  const built = { npisBySpecialty, orgsByType: directory.organizationsByType };
  pools.set(directory, built);
  return built;
}

/** Wraps any integer slot into `0..size-1`. */
function wrap(slot: number, size: number): number {
  return ((slot % size) + size) % size;
}

/** The clinician at `slot` of a specialty's directory practitioners (slots wrap around). */
export function clinician(specialtyKey: string, slot: number, seed: number): Clinician {
  const spec = SPECIALTIES[specialtyKey] ?? FAMILY_MEDICINE;
  const npis = poolsOf(seed).npisBySpecialty.get(spec.directoryKey) ?? [];
  const npi = npis[wrap(slot, npis.length)];
  if (npi === undefined) throw new Error(`The directory has no ${spec.directoryKey} practitioner`);
  return { npi, specialty: spec };
}

/** A directory clinic by slot. */
export function clinic(slot: number, seed: number): Facility {
  return facility('clinic', slot, seed);
}

/** A directory hospital (emergency and inpatient care) by slot. */
export function hospital(slot: number, seed: number): Facility {
  return facility('hospital', slot, seed);
}

function facility(kind: 'clinic' | 'hospital', slot: number, seed: number): Facility {
  const orgs = (poolsOf(seed).orgsByType.get(kind) ?? []).filter((org) => org.npi);
  const org = orgs[wrap(slot, orgs.length)];
  if (org?.npi === undefined) throw new Error(`The directory has no ${kind}`);
  return { npi: org.npi, name: org.name, kind };
}

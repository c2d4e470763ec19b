/**
 * Provider specialties and the NUCC Health Care Provider Taxonomy codes they carry
 * (https://taxonomy.nucc.org), a small subset written for this project. Plan-Net binds
 * practitioner and organization specialties to NUCC; claims need them to pick a rendering
 * provider that fits a service.
 */
import type { OrgType } from './providers-types.js';

/** The NUCC code system URL used by Plan-Net and CARIN BB. */
export const NUCC_TAXONOMY_SYSTEM = 'http://nucc.org/provider-taxonomy';

/** One NUCC taxonomy code with its display text. */
export interface TaxonomyCode {
  readonly code: string;
  readonly display: string;
  /** NUCC grouping (first level). */
  readonly grouping: string;
}

/** A specialty a practitioner can hold, and where such practitioners work. */
export interface Specialty {
  readonly key: string;
  readonly taxonomy: string;
  /** Credentials with relative weights (MD and DO for physicians...). */
  readonly credentials: readonly (readonly [string, number])[];
  /** Organization types a role of this specialty sits in, the first preferred. */
  readonly orgTypes: readonly OrgType[];
  /** Relative share of practitioners. */
  readonly weight: number;
  /** Members may choose them as primary care provider. */
  readonly pcp: boolean;
  /** Certifying board, for board-certified specialties. */
  readonly board?: string;
}

const ALLOPATHIC = 'Allopathic & Osteopathic Physicians';
const REHABILITATION =
  'Respiratory, Developmental, Rehabilitative and Restorative Service Providers';
const PHYSICIAN: readonly (readonly [string, number])[] = [
  ['MD', 85],
  ['DO', 15],
];
const ABIM = 'American Board of Internal Medicine';

/** Taxonomy codes used anywhere in the synthetic data. */
export const TAXONOMY_CODES: readonly TaxonomyCode[] = Object.freeze(
  `207Q00000X|Family Medicine|${ALLOPATHIC}
207R00000X|Internal Medicine|${ALLOPATHIC}
208000000X|Pediatrics|${ALLOPATHIC}
207V00000X|Obstetrics & Gynecology|${ALLOPATHIC}
207RC0000X|Internal Medicine, Cardiovascular Disease|${ALLOPATHIC}
207RE0101X|Internal Medicine, Endocrinology, Diabetes & Metabolism|${ALLOPATHIC}
207RG0100X|Internal Medicine, Gastroenterology|${ALLOPATHIC}
207RP1001X|Internal Medicine, Pulmonary Disease|${ALLOPATHIC}
207RN0300X|Internal Medicine, Nephrology|${ALLOPATHIC}
207X00000X|Orthopaedic Surgery|${ALLOPATHIC}
207N00000X|Dermatology|${ALLOPATHIC}
2084N0400X|Psychiatry & Neurology, Neurology|${ALLOPATHIC}
2084P0800X|Psychiatry & Neurology, Psychiatry|${ALLOPATHIC}
207W00000X|Ophthalmology|${ALLOPATHIC}
208600000X|Surgery|${ALLOPATHIC}
207P00000X|Emergency Medicine|${ALLOPATHIC}
2085R0202X|Radiology, Diagnostic Radiology|${ALLOPATHIC}
363LF0000X|Nurse Practitioner, Family|Physician Assistants & Advanced Practice Nursing Providers
363A00000X|Physician Assistant|Physician Assistants & Advanced Practice Nursing Providers
225100000X|Physical Therapist|${REHABILITATION}
1041C0700X|Social Worker, Clinical|Behavioral Health & Social Service Providers
103T00000X|Psychologist|Behavioral Health & Social Service Providers
152W00000X|Optometrist|Eye and Vision Services Providers
122300000X|Dentist|Dental Providers
1223G0001X|Dentist, General Practice|Dental Providers
1223P0221X|Dentist, Pediatric Dentistry|Dental Providers
183500000X|Pharmacist|Pharmacy Service Providers
282N00000X|General Acute Care Hospital|Hospitals
261QP2300X|Clinic/Center, Primary Care|Ambulatory Health Care Facilities
193200000X|Multi-Specialty Group|Group
3336C0003X|Pharmacy, Community/Retail Pharmacy|Suppliers
291U00000X|Clinical Medical Laboratory|Laboratories
261QR0200X|Clinic/Center, Radiology|Ambulatory Health Care Facilities
332B00000X|Durable Medical Equipment & Medical Supplies|Suppliers`
    .split('\n')
    .map((row) => {
      const [code = '', display = '', grouping = ''] = row.split('|');
      return Object.freeze({ code, display, grouping });
    }),
);

const taxonomyIndex = new Map(TAXONOMY_CODES.map((entry) => [entry.code, entry]));

/** Display text of a taxonomy code; throws for a code outside the list (a bug). */
export function taxonomyDisplay(code: string): string {
  const entry = taxonomyIndex.get(code);
  if (!entry) throw new Error(`Unknown taxonomy ${code}`);
  return entry.display;
}

const spec = (
  key: string,
  taxonomy: string,
  weight: number,
  orgTypes: readonly OrgType[],
  extra: Partial<Specialty> = {},
): Specialty =>
  Object.freeze({ key, taxonomy, weight, orgTypes, credentials: PHYSICIAN, pcp: false, ...extra });

/** Practitioner specialties with their relative shares. */
export const SPECIALTIES: readonly Specialty[] = Object.freeze([
  spec('family', '207Q00000X', 16, ['clinic'], {
    pcp: true,
    board: 'American Board of Family Medicine',
  }),
  spec('internal', '207R00000X', 12, ['clinic', 'hospital'], { pcp: true, board: ABIM }),
  spec('pediatrics', '208000000X', 7, ['clinic'], {
    pcp: true,
    board: 'American Board of Pediatrics',
  }),
  spec('nurse-practitioner', '363LF0000X', 8, ['clinic'], {
    pcp: true,
    credentials: [['NP', 1]],
    board: 'American Academy of Nurse Practitioners Certification Board',
  }),
  spec('physician-assistant', '363A00000X', 5, ['clinic', 'hospital'], {
    credentials: [['PA-C', 1]],
    board: 'National Commission on Certification of Physician Assistants',
  }),
  spec('obgyn', '207V00000X', 5, ['clinic', 'hospital'], {
    board: 'American Board of Obstetrics and Gynecology',
  }),
  spec('cardiology', '207RC0000X', 4, ['clinic', 'hospital'], { board: ABIM }),
  spec('endocrinology', '207RE0101X', 2, ['clinic'], { board: ABIM }),
  spec('gastroenterology', '207RG0100X', 2, ['clinic', 'hospital'], { board: ABIM }),
  spec('pulmonology', '207RP1001X', 2, ['clinic', 'hospital'], { board: ABIM }),
  spec('nephrology', '207RN0300X', 1, ['clinic'], { board: ABIM }),
  spec('orthopaedics', '207X00000X', 3, ['clinic', 'hospital'], {
    board: 'American Board of Orthopaedic Surgery',
  }),
  spec('dermatology', '207N00000X', 2, ['clinic'], { board: 'American Board of Dermatology' }),
  spec('neurology', '2084N0400X', 2, ['clinic'], {
    board: 'American Board of Psychiatry and Neurology',
  }),
  spec('psychiatry', '2084P0800X', 3, ['clinic'], {
    board: 'American Board of Psychiatry and Neurology',
  }),
  spec('ophthalmology', '207W00000X', 2, ['clinic'], { board: 'American Board of Ophthalmology' }),
  spec('surgery', '208600000X', 3, ['hospital'], { board: 'American Board of Surgery' }),
  spec('emergency', '207P00000X', 6, ['hospital'], {
    board: 'American Board of Emergency Medicine',
  }),
  spec('radiology', '2085R0202X', 4, ['imaging', 'hospital'], {
    board: 'American Board of Radiology',
  }),
  spec('physical-therapy', '225100000X', 4, ['clinic'], {
    credentials: [
      ['DPT', 3],
      ['PT', 1],
    ],
  }),
  spec('social-work', '1041C0700X', 3, ['clinic'], { credentials: [['LCSW', 1]] }),
  spec('psychology', '103T00000X', 2, ['clinic'], {
    credentials: [
      ['PhD', 1],
      ['PsyD', 1],
    ],
  }),
  spec('optometry', '152W00000X', 2, ['clinic'], { credentials: [['OD', 1]] }),
  spec('dentist', '1223G0001X', 7, ['dental'], {
    credentials: [
      ['DDS', 1],
      ['DMD', 1],
    ],
  }),
  spec('pediatric-dentist', '1223P0221X', 1, ['dental'], {
    credentials: [
      ['DDS', 1],
      ['DMD', 1],
    ],
  }),
  spec('pharmacist', '183500000X', 6, ['pharmacy'], { credentials: [['PharmD', 1]] }),
]);

const specialtyIndex = new Map(SPECIALTIES.map((entry) => [entry.key, entry]));

/** Looks a specialty up by key; throws for an unknown key (a bug). */
export function specialtyByKey(key: string): Specialty {
  const entry = specialtyIndex.get(key);
  if (!entry) throw new Error(`Unknown specialty ${key}`);
  return entry;
}

/** Default NUCC taxonomy of each organization type (the payer has none). */
export const ORG_TAXONOMIES: Readonly<Record<Exclude<OrgType, 'payer'>, readonly string[]>> = {
  hospital: ['282N00000X'],
  clinic: ['261QP2300X', '193200000X'],
  pharmacy: ['3336C0003X'],
  lab: ['291U00000X'],
  imaging: ['261QR0200X'],
  dental: ['122300000X'],
  dme: ['332B00000X'],
};

/** Degree names for credentials, for qualifications. */
export const DEGREES: Readonly<Record<string, string>> = {
  MD: 'Doctor of Medicine',
  DO: 'Doctor of Osteopathic Medicine',
  NP: 'Master of Science in Nursing',
  'PA-C': 'Master of Physician Assistant Studies',
  DPT: 'Doctor of Physical Therapy',
  PT: 'Master of Physical Therapy',
  LCSW: 'Master of Social Work',
  PhD: 'Doctor of Philosophy in Clinical Psychology',
  PsyD: 'Doctor of Psychology',
  OD: 'Doctor of Optometry',
  DDS: 'Doctor of Dental Surgery',
  DMD: 'Doctor of Dental Medicine',
  PharmD: 'Doctor of Pharmacy',
};

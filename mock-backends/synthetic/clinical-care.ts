/**
 * Code lists for the rest of the clinical record, written for this project: allergy
 * substances and reactions (RxNorm / SNOMED CT), procedures (CPT and SNOMED CT) with the
 * implants some of them leave, encounter types (CPT E/M and SNOMED CT), clinical note types
 * (LOINC, as US Core DocumentReference uses) and care-plan goals.
 */

/** An allergy or intolerance substance. */
export interface AllergySubstance {
  readonly system: 'rxnorm' | 'snomed';
  readonly code: string;
  readonly display: string;
  readonly category: 'medication' | 'food' | 'environment' | 'biologic';
  readonly type: 'allergy' | 'intolerance';
  readonly weight: number;
}

const allergy = (
  system: AllergySubstance['system'],
  code: string,
  display: string,
  category: AllergySubstance['category'],
  type: AllergySubstance['type'],
  weight: number,
): AllergySubstance => ({ system, code, display, category, type, weight });

/** Substances, weighted by how often they are recorded. */
export const ALLERGY_SUBSTANCES: readonly AllergySubstance[] = [
  allergy('rxnorm', '7980', 'penicillin G', 'medication', 'allergy', 10),
  allergy('rxnorm', '723', 'amoxicillin', 'medication', 'allergy', 4),
  allergy('rxnorm', '10180', 'sulfamethoxazole', 'medication', 'allergy', 5),
  allergy('rxnorm', '2670', 'codeine', 'medication', 'intolerance', 3),
  allergy('rxnorm', '1191', 'aspirin', 'medication', 'intolerance', 2),
  allergy('rxnorm', '5640', 'ibuprofen', 'medication', 'intolerance', 2),
  allergy('rxnorm', '29046', 'lisinopril', 'medication', 'intolerance', 1),
  allergy('rxnorm', '7052', 'morphine', 'medication', 'intolerance', 1),
  allergy('snomed', '762952008', 'Peanut (substance)', 'food', 'allergy', 4),
  allergy('snomed', '44027008', 'Seafood (substance)', 'food', 'allergy', 3),
  allergy('snomed', '102263004', 'Eggs (edible) (substance)', 'food', 'allergy', 2),
  allergy('snomed', '3718001', "Cow's milk (substance)", 'food', 'intolerance', 2),
  allergy('snomed', '111088007', 'Latex (substance)', 'environment', 'allergy', 2),
  allergy('snomed', '288328004', 'Bee venom (substance)', 'biologic', 'allergy', 2),
  allergy('snomed', '256259004', 'Pollen (substance)', 'environment', 'allergy', 5),
  allergy('snomed', '264287008', 'Animal dander (substance)', 'environment', 'allergy', 3),
  allergy('snomed', '260147004', 'House dust mite (organism)', 'environment', 'allergy', 2),
];

/** Reactions (SNOMED CT findings) with the severity they usually have. */
export const REACTIONS: readonly (readonly [
  string,
  string,
  'mild' | 'moderate' | 'severe',
  number,
])[] = [
  ['126485001', 'Urticaria', 'moderate', 6],
  ['271807003', 'Eruption of skin', 'mild', 5],
  ['418290006', 'Itching', 'mild', 4],
  ['39579001', 'Anaphylaxis', 'severe', 1],
  ['41291007', 'Angioedema', 'severe', 1],
  ['267036007', 'Dyspnea', 'moderate', 2],
  ['422587007', 'Nausea', 'mild', 3],
  ['76067001', 'Sneezing', 'mild', 3],
  ['9826008', 'Conjunctivitis', 'mild', 2],
];

/** A procedure with its codes and the implant it may leave. */
export interface ProcedureDef {
  readonly key: string;
  readonly cpt: string;
  readonly snomed: string;
  readonly display: string;
  /** Device key (implants below), or empty. */
  readonly device: string;
}

const PROCEDURE_ROWS = `
colonoscopy|45378|73761001|Colonoscopy|
mammogram|77067|24623002|Screening mammography|
pap|88142|171149006|Screening for malignant neoplasm of cervix|
ecg|93000|29303009|Electrocardiographic procedure|
spirometry|94010|127783003|Spirometry|
echo|93306|40701008|Echocardiography|
cxr|71046|399208008|Plain chest X-ray|
xray|73090|168537006|Plain radiography|
suture|12002|288086009|Suture of open wound|
appendectomy|44970|80146002|Excision of appendix|
cholecystectomy|47562|45595009|Laparoscopic cholecystectomy|
tka|27447|609588000|Total knee replacement|knee
stent|92928|36969009|Placement of stent in coronary artery|stent
pacemaker|33208|307280005|Implantation of cardiac pacemaker|pacemaker
cataract|66984|110473004|Cataract surgery|iol
iud|58300|65200003|Insertion of intrauterine contraceptive device|iud
delivery|59400|236973005|Delivery procedure|
cesarean|59510|11466000|Cesarean section|
depscreen|96127|171207006|Depression screening|
dexa|77080|312681000|Bone density scan|
`;

function parseProcedure(line: string): [string, ProcedureDef] {
  const [key = '', cpt = '', snomed = '', display = '', device = ''] = line.split('|');
  return [key, { key, cpt, snomed, display, device }];
}

/** Procedures by key. */
export const PROCEDURES: Readonly<Record<string, ProcedureDef>> = Object.freeze(
  Object.fromEntries(PROCEDURE_ROWS.trim().split('\n').map(parseProcedure)),
);

/** An implantable device type. */
export interface ImplantDef {
  readonly snomed: string;
  readonly display: string;
  readonly manufacturer: string;
  /** GS1 GTIN-14 device identifier (invented). */
  readonly deviceIdentifier: string;
  /** Years until expiry of the sterile package. */
  readonly shelfYears: number;
}

/** Implants by device key. */
export const IMPLANTS: Readonly<Record<string, ImplantDef>> = Object.freeze({
  knee: {
    snomed: '109228008',
    display: 'Knee joint prosthesis',
    manufacturer: 'Northwind Orthopedics',
    deviceIdentifier: '00812345000017',
    shelfYears: 5,
  },
  stent: {
    snomed: '705643001',
    display: 'Coronary artery stent',
    manufacturer: 'Cascade Vascular',
    deviceIdentifier: '00812345000024',
    shelfYears: 3,
  },
  pacemaker: {
    snomed: '14106009',
    display: 'Cardiac pacemaker',
    manufacturer: 'Sound Cardiac Systems',
    deviceIdentifier: '00812345000031',
    shelfYears: 2,
  },
  iol: {
    snomed: '397578001',
    display: 'Intraocular lens',
    manufacturer: 'Olympic Optics',
    deviceIdentifier: '00812345000048',
    shelfYears: 5,
  },
  iud: {
    snomed: '268460000',
    display: 'Intrauterine contraceptive device',
    manufacturer: 'Harbor Womens Health',
    deviceIdentifier: '00812345000055',
    shelfYears: 3,
  },
});

/** Encounter kinds: the legacy code, CPT E/M code, SNOMED CT type, patient class. */
export interface EncounterKind {
  readonly code: string;
  readonly cpt: string;
  readonly snomed: string;
  readonly display: string;
  /** HL7 v2 patient class: O outpatient, E emergency, I inpatient; V virtual (local). */
  readonly patientClass: 'O' | 'E' | 'I' | 'V';
}

const encounter = (
  code: string,
  cpt: string,
  snomed: string,
  display: string,
  patientClass: EncounterKind['patientClass'],
): EncounterKind => ({
  code,
  cpt,
  snomed,
  display,
  patientClass,
});

/** Encounter kinds by legacy code. */
export const ENCOUNTER_KINDS = Object.freeze({
  WELL_CHILD: encounter('WELL', '99392', '410620009', 'Well child visit', 'O'),
  WELL_ADULT: encounter('WELL', '99396', '185349003', 'Encounter for check up', 'O'),
  FOLLOW_UP: encounter('FU', '99214', '390906007', 'Follow-up encounter', 'O'),
  SICK: encounter('SICK', '99213', '185345009', 'Encounter for symptom', 'O'),
  TELE: encounter('TELE', '99213', '448337001', 'Telemedicine consultation with patient', 'V'),
  ED: encounter('ED', '99284', '50849002', 'Emergency room admission', 'E'),
  INPATIENT: encounter('INPT', '99222', '32485007', 'Hospital admission', 'I'),
  PRENATAL: encounter('PREN', '99213', '424441002', 'Prenatal initial visit', 'O'),
  DELIVERY: encounter('INPT', '99222', '32485007', 'Hospital admission', 'I'),
  PROCEDURE: encounter('PROC', '99213', '305408004', 'Admission to surgical department', 'O'),
});

/** Preventive-visit CPT code by age (new codes differ only for the first visit). */
export function wellVisitCpt(age: number): string {
  if (age < 1) return '99391';
  if (age < 5) return '99392';
  if (age < 12) return '99393';
  if (age < 18) return '99394';
  if (age < 40) return '99395';
  return age < 65 ? '99396' : '99397';
}

/** Clinical note types (LOINC, the US Core DocumentReference categories). */
export const NOTE_TYPES = Object.freeze({
  progress: { loinc: '11506-3', display: 'Progress note' },
  historyPhysical: { loinc: '34117-2', display: 'History and physical note' },
  consult: { loinc: '11488-4', display: 'Consult note' },
  discharge: { loinc: '18842-5', display: 'Discharge summary' },
  procedure: { loinc: '28570-0', display: 'Procedure note' },
  emergency: { loinc: '34111-5', display: 'Emergency department note' },
  imaging: { loinc: '18748-4', display: 'Diagnostic imaging study' },
  lab: { loinc: '11502-2', display: 'Laboratory report' },
  ekg: { loinc: '11524-6', display: 'EKG study' },
  pathology: { loinc: '11526-1', display: 'Pathology study' },
});

/** A care-plan goal with its measurable target. */
export interface GoalDef {
  readonly description: string;
  readonly loinc?: string;
  readonly measure?: string;
  readonly low?: number;
  readonly high?: number;
  readonly unit?: string;
}

/** Goals by key (clinical-conditions.ts refers to them). */
export const GOALS: Readonly<Record<string, GoalDef>> = Object.freeze({
  bp: {
    description: 'Blood pressure below 130/80',
    loinc: '8480-6',
    measure: 'Systolic blood pressure',
    high: 130,
    unit: 'mm[Hg]',
  },
  ldl: {
    description: 'LDL cholesterol below 100 mg/dL',
    loinc: '18262-6',
    measure: 'Cholesterol in LDL',
    high: 100,
    unit: 'mg/dL',
  },
  a1c: {
    description: 'Hemoglobin A1c below 7%',
    loinc: '4548-4',
    measure: 'Hemoglobin A1c',
    high: 7,
    unit: '%',
  },
  weight: {
    description: 'Lose 5% of body weight',
    loinc: '29463-7',
    measure: 'Body weight',
    unit: 'kg',
  },
  asthma: { description: 'No night-time asthma symptoms' },
  copd: { description: 'Walk 30 minutes a day without breathlessness' },
  phq: {
    description: 'PHQ-9 score below 5',
    loinc: '44261-6',
    measure: 'PHQ-9 total score',
    high: 5,
    unit: '{score}',
  },
  smoking: { description: 'Quit smoking' },
});

/**
 * Diagnosis codes for synthetic claims and prior authorizations: a small subset of
 * ICD-10-CM (https://www.cms.gov/medicare/coding-billing/icd-10-codes), each with the
 * ICD-9-CM code used for the same condition before the ICD-10 compliance date
 * (2015-10-01), because claims history reaches back before it. Displays are the ICD-10-CM
 * descriptions, written for this project.
 */

/** A condition with its ICD-10-CM and ICD-9-CM codes. */
export interface DiagnosisCode {
  readonly icd10: string;
  readonly icd9: string;
  readonly display: string;
}

/** First day on which HIPAA transactions use ICD-10. */
export const ICD10_START = '2015-10-01';

/** The ICD-10-CM code system URL (CARIN BB, US Core). */
export const ICD10_CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** The ICD-9-CM code system URL. */
export const ICD9_CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-9-cm';

const ROWS = `
htn|I10|401.9|Essential (primary) hypertension
hld|E78.5|272.4|Hyperlipidemia, unspecified
dm2|E11.9|250.00|Type 2 diabetes mellitus without complications
asthma|J45.909|493.90|Unspecified asthma, uncomplicated
depression|F32.9|311|Major depressive disorder, single episode, unspecified
anxiety|F41.1|300.02|Generalized anxiety disorder
hypothyroid|E03.9|244.9|Hypothyroidism, unspecified
oaKnee|M17.11|715.16|Unilateral primary osteoarthritis, right knee
copd|J44.9|496|Chronic obstructive pulmonary disease, unspecified
copdExacerbation|J44.1|491.21|Chronic obstructive pulmonary disease with (acute) exacerbation
chf|I50.9|428.0|Heart failure, unspecified
afib|I48.91|427.31|Unspecified atrial fibrillation
ckd|N18.9|585.9|Chronic kidney disease, unspecified
gerd|K21.9|530.81|Gastro-esophageal reflux disease without esophagitis
migraine|G43.909|346.90|Migraine, unspecified, not intractable, without status migrainosus
ra|M06.9|714.0|Rheumatoid arthritis, unspecified
osa|G47.33|327.23|Obstructive sleep apnea (adult) (pediatric)
osteoporosis|M81.0|733.00|Age-related osteoporosis without current pathological fracture
crohns|K50.90|555.9|Crohn's disease, unspecified, without complications
uri|J06.9|465.9|Acute upper respiratory infection, unspecified
pharyngitis|J02.9|462|Acute pharyngitis, unspecified
strep|J02.0|034.0|Streptococcal pharyngitis
otitis|H66.90|382.9|Otitis media, unspecified, unspecified ear
sinusitis|J01.90|461.9|Acute sinusitis, unspecified
bronchitis|J20.9|466.0|Acute bronchitis, unspecified
uti|N39.0|599.0|Urinary tract infection, site not specified
backPain|M54.9|724.5|Dorsalgia, unspecified
ankleSprain|S93.401A|845.00|Sprain of unspecified ligament of right ankle, initial encounter
gastroenteritis|A08.4|008.8|Viral intestinal infection, unspecified
dermatitis|L30.9|692.9|Dermatitis, unspecified
influenza|J11.1|487.1|Influenza due to unidentified influenza virus with other respiratory
  manifestations
conjunctivitis|H10.9|372.30|Unspecified conjunctivitis
chestPain|R07.9|786.50|Chest pain, unspecified
abdominalPain|R10.9|789.00|Unspecified abdominal pain
syncope|R55|780.2|Syncope and collapse
concussion|S06.0X0A|850.0|Concussion without loss of consciousness, initial encounter
wristFracture|S52.501A|813.42|Unspecified fracture of the lower end of right radius, initial
  encounter for closed fracture
pneumonia|J18.9|486|Pneumonia, unspecified organism
sepsis|A41.9|038.9|Sepsis, unspecified organism
cellulitis|L03.115|682.6|Cellulitis of right lower limb
aki|N17.9|584.9|Acute kidney failure, unspecified
stroke|I63.9|434.91|Cerebral infarction, unspecified
nstemi|I21.4|410.71|Non-ST elevation (NSTEMI) myocardial infarction
wellAdult|Z00.00|V70.0|Encounter for general adult medical examination without abnormal findings
wellChild|Z00.129|V20.2|Encounter for routine child health examination without abnormal findings
immunization|Z23|V04.81|Encounter for immunization
pregnancy|Z34.90|V22.1|Encounter for supervision of normal pregnancy, unspecified, unspecified
  trimester
delivery|O80|650|Encounter for full-term uncomplicated delivery
cesarean|O82|669.70|Encounter for cesarean delivery without indication
liveBirth|Z37.0|V27.0|Single live birth
newborn|Z38.00|V30.00|Single liveborn infant, delivered vaginally
colonScreening|Z12.11|V76.51|Encounter for screening for malignant neoplasm of colon
cataract|H25.11|366.16|Age-related nuclear cataract, right eye
meniscusTear|S83.241A|836.0|Other tear of medial meniscus, current injury, right knee, initial
  encounter
oaHip|M16.11|715.15|Unilateral primary osteoarthritis, right hip
spondylolisthesis|M43.16|738.4|Spondylolisthesis, lumbar region
radiculopathy|M54.16|724.4|Radiculopathy, lumbar region
discDisplacement|M51.26|722.10|Other intervertebral disc displacement, lumbar region
kneePain|M25.561|719.46|Pain in right knee
gallstones|K80.20|574.20|Calculus of gallbladder without cholecystitis without obstruction
menorrhagia|N92.0|626.2|Excessive and frequent menstruation with regular cycle
dermatochalasis|H02.831|374.87|Dermatochalasis of right upper eyelid
morbidObesity|E66.01|278.01|Morbid (severe) obesity due to excess calories
bmi40|Z68.41|V85.41|Body mass index [BMI] 40.0-44.9, adult
lungNodule|R91.1|793.11|Solitary pulmonary nodule
respiratoryFailure|J96.11|518.83|Chronic respiratory failure with hypoxia
`;

/** Diagnosis codes by key. */
export const DIAGNOSES: Readonly<Record<string, DiagnosisCode>> = Object.freeze(
  Object.fromEntries(
    ROWS.trim()
      .replace(/\n\s+/g, ' ')
      .split('\n')
      .map((row) => {
        const [key = '', icd10 = '', icd9 = '', display = ''] = row.split('|');
        return [key, Object.freeze({ icd10, icd9, display })];
      }),
  ),
);

/** The diagnosis `key`; throws for an unknown key (a bug in a code table). */
export function diagnosis(key: string): DiagnosisCode {
  const entry = DIAGNOSES[key];
  if (!entry) throw new Error(`Unknown diagnosis ${key}`);
  return entry;
}

/** The code and code system in use on a date of service. */
export function diagnosisOn(
  key: string,
  date: string,
): { code: string; system: 'icd10' | 'icd9'; display: string } {
  const entry = diagnosis(key);
  return date >= ICD10_START
    ? { code: entry.icd10, system: 'icd10', display: entry.display }
    : { code: entry.icd9, system: 'icd9', display: entry.display };
}

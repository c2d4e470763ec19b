/**
 * Problems the synthetic clinical record draws from, written for this project: SNOMED CT
 * and ICD-10-CM codes with rough US prevalence by age band and sex, the drugs (from the
 * drug catalog) that treat them, the lab panels that monitor them, the specialty that
 * co-manages them and the goal a care plan sets. Prevalences are approximations chosen for
 * realistic variety, not epidemiology.
 */

/** Sex restriction of a condition: any, female only, male only. */
export type SexRule = 'A' | 'F' | 'M';

/** A chronic condition that goes on the problem list. */
export interface ChronicCondition {
  readonly key: string;
  readonly snomed: string;
  readonly icd10: string;
  readonly display: string;
  readonly sex: SexRule;
  readonly minAge: number;
  /** Probability of having it at ages 0-17, 18-44, 45-64, 65+. */
  readonly prevalence: readonly [number, number, number, number];
  /** First-line drugs (RxNorm codes from the catalog), the first being most common. */
  readonly drugs: readonly string[];
  /** Lab panel keys (clinical-labs.ts) checked at follow-up visits. */
  readonly labs: readonly string[];
  /** Specialty key (clinical-staff.ts) of a co-managing specialist, or empty. */
  readonly specialty: string;
  readonly followUpsPerYear: number;
  /** Goal key (clinical-goals.ts), or empty. */
  readonly goal: string;
  /** Chance the condition is in remission / resolved today. */
  readonly resolves: number;
}

/** An acute problem diagnosed at a visit (an encounter diagnosis). */
export interface AcuteCondition {
  readonly key: string;
  readonly snomed: string;
  readonly icd10: string;
  readonly display: string;
  readonly sex: SexRule;
  readonly minAge: number;
  readonly maxAge: number;
  readonly weight: number;
  /** Where it is seen: O office, E emergency department, I inpatient stay. */
  readonly setting: 'O' | 'E' | 'I';
  /** Drugs for a short course (pediatric form first when there is one). */
  readonly drugs: readonly string[];
  readonly labs: readonly string[];
  /** Procedure key (clinical-procedures.ts) done for it, or empty. */
  readonly procedure: string;
  /** Earliest date it can occur (COVID-19). */
  readonly since?: string;
}

const CHRONIC_ROWS = `
htn|59621000|I10|Essential hypertension|A|18|0.005,0.1,0.33,0.6|314076,197361,310798,979480|CMP|CARD|2|bp|0
hld|55822004|E78.5|Hyperlipidemia|A|20|0.002,0.08,0.3,0.45|617310,312961,859747,310289|LIPID|CARD|1|ldl|0
t2dm|44054006|E11.9|Diabetes mellitus type 2|A|10|0.002,0.04,0.14,0.25|861007,1545658,665038,1991311,261551|A1C,CMP,UACR|ENDO|2|a1c|0
predm|714628002|R73.03|Prediabetes|A|18|0,0.08,0.18,0.2|861007|A1C||1|weight|0.2
asthma|195967001|J45.909|Asthma|A|2|0.08,0.08,0.08,0.07|745679,896186,200224|None|PULM|1|asthma|0.15
copd|13645005|J44.9|Chronic obstructive lung disease|A|40|0,0.005,0.06,0.11|485032,745679,896222|CBC|PULM|2|copd|0
hypothy|40930008|E03.9|Hypothyroidism|A|10|0.003,0.03,0.07,0.12|966222,966247|TSH|ENDO|1||0
depr|35489007|F32.9|Depressive disorder|A|12|0.03,0.09,0.08,0.06|312940,349332,310385,993541|None|PSY|2|phq|0.25
gad|21897009|F41.1|Generalized anxiety disorder|A|10|0.04,0.07,0.05,0.03|312940,866082,349332|None|PSY|1||0.2
obes|414916001|E66.9|Obesity|A|2|0.15,0.3,0.4,0.3|2553506|None||1|weight|0
oa|239873007|M17.9|Osteoarthritis of knee|A|35|0,0.01,0.1,0.3|311487,313782,198013|None|ORTH|1||0
ckd3|433144002|N18.30|Chronic kidney disease stage 3|A|30|0,0.004,0.04,0.15|979480|CMP,UACR|NEPH|2||0
cad|53741008|I25.10|Coronary arteriosclerosis|A|35|0,0.002,0.04,0.14|243670,309362,617311,866427|LIPID,CMP|CARD|2|ldl|0
hf|84114007|I50.9|Heart failure|A|40|0,0.001,0.01,0.06|200031,313988,1656349,313096|CMP|CARD|3|bp|0
afib|49436004|I48.91|Atrial fibrillation|A|40|0,0.001,0.01,0.08|1364445,1232086,855332|CBC,INR|CARD|2||0
gerd|235595009|K21.9|Gastroesophageal reflux disease|A|12|0.01,0.1,0.15,0.18|314200,402014,310273|None|GI|1||0.2
migr|37796009|G43.909|Migraine|A|8|0.03,0.1,0.08,0.03|313195,2102302|None|NEUR|1||0.2
adhd|406506008|F90.9|Attention deficit hyperactivity disorder|A|6|0.09,0.03,0.01,0|1091497,854834,541892|None|PSY|2||0.1
rhin|61582004|J30.9|Allergic rhinitis|A|2|0.1,0.15,0.12,0.08|1014676,311372,896188|None||0||0.1
atopic|24079001|L20.9|Atopic dermatitis|A|0|0.1,0.03,0.02,0.01|1085728,1876385|None|DERM|1||0.3
osteop|64859006|M81.0|Osteoporosis|F|50|0,0,0.08,0.2|904419,636676|None||1||0
bph|266569009|N40.0|Benign prostatic hyperplasia|M|45|0,0,0.15,0.35|863669,310346|PSA|URO|1||0
ra|69896004|M06.9|Rheumatoid arthritis|A|18|0,0.005,0.01,0.015|105586,979092,1606812,809160|CBC,CMP|RHEU|2||0
psor|9014002|L40.9|Psoriasis|A|10|0.005,0.02,0.03,0.03|1085728,847087|None|DERM|1||0.1
hiv|86406008|B20|Human immunodeficiency virus infection|A|18|0,0.003,0.003,0.001|1999681|CBC,CMP|ID|2||0
hcv|128302006|B18.2|Chronic hepatitis C|A|18|0,0.003,0.005,0.003|1801203|CMP|ID|2||0.6
oud|75544000|F11.20|Opioid dependence|A|18|0,0.01,0.008,0.002|1010600,1725059|CMP|PSY|4||0.2
lbp|279039007|M54.50|Low back pain|A|18|0.005,0.08,0.12,0.12|828348,197806|None|ORTH|1||0.4
apnea|73430006|G47.33|Sleep apnea|A|18|0.002,0.03,0.08,0.1||None|PULM|1|weight|0
ida|87522002|D50.9|Iron deficiency anemia|A|1|0.02,0.05,0.02,0.03|310325|CBC||1||0.5
brca|254837009|C50.919|Malignant neoplasm of breast|F|30|0,0.002,0.01,0.03|199224|CBC,CMP|ONC|3||0.3
prca|399068003|C61|Malignant tumor of prostate|M|45|0,0,0.01,0.05||PSA|URO|2||0.3
dementia|26929004|G30.9|Alzheimer's disease|A|60|0,0,0.001,0.06|997226,996740|None|NEUR|2||0
glauc|23986001|H40.9|Glaucoma|A|40|0,0.002,0.02,0.07|310261|None|OPH|1||0
`;

const ACUTE_ROWS = `
urti|54150009|J06.9|Upper respiratory infection|A|0|120|30|O||None|
pharyn|195662009|J02.9|Acute viral pharyngitis|A|3|120|12|O||STREP|
strep|43878008|J02.0|Streptococcal sore throat|A|3|60|8|O|308189,308191|STREP|
aom|65363002|H66.90|Otitis media|A|0|10|20|O|308189,308191|None|
bronch|10509002|J20.9|Acute bronchitis|A|5|120|10|O||None|
sinus|444814009|J01.90|Viral sinusitis|A|5|120|12|O||None|
bsinus|75498004|J01.00|Acute bacterial sinusitis|A|5|120|4|O|562508|None|
uti|68566005|N39.0|Urinary tract infectious disease|F|1|120|10|O|1648755,198335|UA|
utim|68566005|N39.0|Urinary tract infectious disease|M|50|120|3|O|309309|UA|
sprain|44465007|S93.409A|Sprain of ankle|A|6|90|6|O|197806|None|
lac|284549007|S61.419A|Laceration of hand|A|3|90|4|E|308191|None|suture
flu|6142004|J11.1|Influenza|A|0|120|5|O|310866|None|
covid|840539006|U07.1|Disease caused by SARS-CoV-2|A|0|120|6|O|2587899|COVID||2020-03-15
gastro|25374005|A08.4|Gastroenteritis|A|0|120|6|O|104894|None|
conj|9826008|H10.9|Conjunctivitis|A|0|90|5|O||None|
chestp|29857009|R07.9|Chest pain|A|25|120|3|E|243670|CBC,CMP|ecg
pneu|233604007|J18.9|Pneumonia|A|0|120|2|E|308460,141962|CBC|cxr
pneui|233604007|J18.9|Pneumonia|A|65|120|2|I|308460|CBC,CMP|cxr
append|74400008|K35.80|Appendicitis|A|5|60|1|I||CBC|appendectomy
chole|76581006|K81.9|Cholecystitis|A|25|90|1|I||CBC,CMP|cholecystectomy
fx|263204007|S52.501A|Fracture of radius|A|4|90|1|E|313782|None|xray
`;

const HEALTH_CONCERN_ROWS = `
food|733423003|Z59.41|Food insecurity
tobacco|110483000|Z72.0|Tobacco user
stress|73595000|Z73.3|Stress
`;

/** A health concern (US Core Condition Problems and Health Concerns, health-concern). */
export interface HealthConcern {
  readonly key: string;
  readonly snomed: string;
  readonly icd10: string;
  readonly display: string;
}

/** Pregnancy, an episode with its own visits (female members 15-45 only). */
export const PREGNANCY = Object.freeze({
  snomed: '72892002',
  icd10: 'Z34.90',
  display: 'Normal pregnancy',
});

const split = (field: string): string[] => (field ? field.split(/[;,]/) : []);
const labsOf = (field: string): string[] => (field === 'None' ? [] : split(field));

function parseChronic(line: string): ChronicCondition {
  const [
    key,
    snomed,
    icd10,
    display,
    sex,
    minAge,
    prevalence,
    drugs,
    labs,
    specialty,
    fu,
    goal,
    res,
  ] = line.split('|');
  const [p0, p1, p2, p3] = split(prevalence as string).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return {
    key: key as string,
    snomed: snomed as string,
    icd10: icd10 as string,
    display: display as string,
    sex: sex as SexRule,
    minAge: Number(minAge),
    prevalence: [p0, p1, p2, p3],
    drugs: split(drugs as string),
    labs: labsOf(labs as string),
    specialty: specialty as string,
    followUpsPerYear: Number(fu),
    goal: goal as string,
    resolves: Number(res),
  };
}

function parseAcute(line: string): AcuteCondition {
  const [key, snomed, icd10, display, sex, min, max, weight, setting, drugs, labs, proc, since] =
    line.split('|');
  return {
    key: key as string,
    snomed: snomed as string,
    icd10: icd10 as string,
    display: display as string,
    sex: sex as SexRule,
    minAge: Number(min),
    maxAge: Number(max),
    weight: Number(weight),
    setting: setting as AcuteCondition['setting'],
    drugs: split(drugs as string),
    labs: labsOf(labs as string),
    procedure: proc ?? '',
    since: since || undefined,
  };
}

const rows = (text: string): string[] => text.trim().split('\n');

/** Chronic conditions, in the order they are drawn. */
export const CHRONIC_CONDITIONS: readonly ChronicCondition[] = Object.freeze(
  rows(CHRONIC_ROWS).map(parseChronic),
);

/** Acute conditions seen at sick visits, emergency visits and short stays. */
export const ACUTE_CONDITIONS: readonly AcuteCondition[] = Object.freeze(
  rows(ACUTE_ROWS).map(parseAcute),
);

/** Health concerns raised by screening. */
export const HEALTH_CONCERNS: Readonly<Record<string, HealthConcern>> = Object.freeze(
  Object.fromEntries(
    rows(HEALTH_CONCERN_ROWS).map((line) => {
      const [key, snomed, icd10, display] = line.split('|') as [string, string, string, string];
      return [key, { key, snomed, icd10, display }];
    }),
  ),
);

/** The prevalence band of an age. */
export function ageBand(age: number): 0 | 1 | 2 | 3 {
  if (age < 18) return 0;
  if (age < 45) return 1;
  return age < 65 ? 2 : 3;
}

/** Whether a condition restricted to `rule` can apply to a member of `sex`. */
export function sexAllows(rule: SexRule, sex: string): boolean {
  return rule === 'A' || rule === sex;
}

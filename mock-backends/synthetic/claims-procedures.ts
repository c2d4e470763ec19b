/**
 * Procedure, revenue, place-of-service and DRG codes for synthetic claims: small subsets of
 * CPT, HCPCS Level II, CDT, UB-04 revenue codes, CMS place of service codes and MS-DRGs,
 * with descriptions paraphrased for this project and base allowances in the range of a
 * Medicare fee schedule (commercial plans pay more, Medicaid less: claims-benefits.ts).
 * Codes that were replaced during the claims history carry the code they replaced.
 */

/** A billable procedure or service. */
export interface ProcedureCode {
  readonly code: string;
  readonly system: 'CPT' | 'HCPCS' | 'CDT';
  readonly display: string;
  /** Professional (or supplier) base allowance in dollars. */
  readonly fee: number;
  /** Facility base allowance for the same service on an institutional claim. */
  readonly facilityFee?: number;
  /** Revenue code of the facility line. */
  readonly revenueCode?: string;
  /** First day the code is valid, when it replaced `replaces`. */
  readonly since?: string;
  readonly replaces?: string;
}

const ROWS = `
99212|CPT|Office/outpatient visit, established patient, straightforward decision making|57
99213|CPT|Office/outpatient visit, established patient, low complexity decision making|92
99214|CPT|Office/outpatient visit, established patient, moderate complexity decision making|131
99203|CPT|Office/outpatient visit, new patient, low complexity decision making|111
99204|CPT|Office/outpatient visit, new patient, moderate complexity decision making|167
99385|CPT|Initial preventive visit, 18-39 years|125
99395|CPT|Periodic preventive visit, established patient, 18-39 years|118
99396|CPT|Periodic preventive visit, established patient, 40-64 years|128
99397|CPT|Periodic preventive visit, established patient, 65 years and older|137
99391|CPT|Periodic preventive visit, established patient, infant under 1 year|104
99392|CPT|Periodic preventive visit, established patient, 1-4 years|111
99393|CPT|Periodic preventive visit, established patient, 5-11 years|110
99394|CPT|Periodic preventive visit, established patient, 12-17 years|118
G0438|HCPCS|Annual wellness visit, initial, with personalized prevention plan|171
G0439|HCPCS|Annual wellness visit, subsequent|116
99283|CPT|Emergency department visit, moderate severity|68|420|0450
99284|CPT|Emergency department visit, high severity|117|720|0450
99285|CPT|Emergency department visit, highest severity with threat to life|172|1150|0450
99223|CPT|Initial hospital inpatient care, high complexity|197
99232|CPT|Subsequent hospital inpatient care, moderate complexity|81
99238|CPT|Hospital discharge day management, 30 minutes or less|72
90791|CPT|Psychiatric diagnostic evaluation|170
90834|CPT|Psychotherapy, 45 minutes|100
90837|CPT|Psychotherapy, 60 minutes|147
97161|CPT|Physical therapy evaluation, low complexity|98|||2017-01-01|97001
97001|CPT|Physical therapy evaluation|82
97110|CPT|Therapeutic exercise, each 15 minutes|29
97140|CPT|Manual therapy techniques, each 15 minutes|27
97530|CPT|Therapeutic activities, each 15 minutes|35
36415|CPT|Collection of venous blood by venipuncture|3
80053|CPT|Comprehensive metabolic panel|11|22|0300
80061|CPT|Lipid panel|13|26|0300
83036|CPT|Hemoglobin A1c|10|20|0300
84443|CPT|Thyroid stimulating hormone (TSH)|17|34|0300
85025|CPT|Complete blood count with automated differential|8|16|0300
81003|CPT|Urinalysis, automated, without microscopy|3|6|0300
87880|CPT|Rapid streptococcus group A antigen detection|16|32|0300
93000|CPT|Electrocardiogram, routine, with interpretation and report|17|45|0730
71046|CPT|Chest X-ray, 2 views|31|95|0320|2018-01-01|71020
71020|CPT|Chest X-ray, 2 views, frontal and lateral|28|90|0320
73562|CPT|Knee X-ray, 3 views|36|98|0320
73610|CPT|Ankle X-ray, complete, 3 or more views|33|92|0320
73110|CPT|Wrist X-ray, complete, 3 or more views|34|94|0320
72100|CPT|Lumbosacral spine X-ray, 2 or 3 views|35|96|0320
70450|CPT|CT head or brain without contrast|110|380|0350
71250|CPT|CT chest without contrast|145|430|0350
74177|CPT|CT abdomen and pelvis with contrast|340|690|0350
70551|CPT|MRI brain without contrast|225|610|0610
72148|CPT|MRI lumbar spine without contrast|215|590|0610
73721|CPT|MRI lower extremity joint without contrast|220|600|0610
90686|CPT|Influenza vaccine, quadrivalent, preservative free, intramuscular|21
90471|CPT|Immunization administration, first vaccine|25
96372|CPT|Therapeutic injection, subcutaneous or intramuscular|14|40|0260
96413|CPT|Chemotherapy or biologic infusion, first hour|136|390|0260
20610|CPT|Arthrocentesis or injection, major joint|62
45378|CPT|Colonoscopy, diagnostic|365|820|0750
45380|CPT|Colonoscopy with biopsy|425|910|0750
43239|CPT|Upper GI endoscopy with biopsy|265|760|0750
29881|CPT|Knee arthroscopy with medial or lateral meniscectomy|530|2650|0360
66984|CPT|Cataract removal with intraocular lens insertion|545|1950|0360
47562|CPT|Laparoscopic cholecystectomy|640|3400|0360
64483|CPT|Transforaminal epidural steroid injection, lumbar or sacral, single level|190|720|0360
58558|CPT|Hysteroscopy with endometrial biopsy or polypectomy|270|2100|0360
15823|CPT|Blepharoplasty, upper eyelid, with excessive skin|520|1800|0360
27447|CPT|Total knee arthroplasty|1270
27130|CPT|Total hip arthroplasty|1290
22630|CPT|Lumbar interbody arthrodesis, posterior, single interspace|1650
43644|CPT|Laparoscopic gastric bypass with Roux-en-Y gastroenterostomy|1380
59400|CPT|Routine obstetric care, vaginal delivery, antepartum and postpartum care|2250
59510|CPT|Routine obstetric care, cesarean delivery, antepartum and postpartum care|2510
92014|CPT|Ophthalmological examination, established patient, comprehensive|121
11102|CPT|Tangential biopsy of skin, single lesion|95
J1100|HCPCS|Injection, dexamethasone sodium phosphate, 1 mg|0.12
J3301|HCPCS|Injection, triamcinolone acetonide, 10 mg|1.6
J2405|HCPCS|Injection, ondansetron hydrochloride, per 1 mg|0.1
J0135|HCPCS|Injection, adalimumab, 20 mg|1380
J1745|HCPCS|Injection, infliximab, excludes biosimilar, 10 mg|82
J0897|HCPCS|Injection, denosumab, 1 mg|19
J9312|HCPCS|Injection, rituximab, 10 mg|95
E0601|HCPCS|Continuous positive airway pressure (CPAP) device|88
E0470|HCPCS|Respiratory assist device, bi-level pressure, without backup rate|175
E1390|HCPCS|Oxygen concentrator, single delivery port|160
E0260|HCPCS|Hospital bed, semi-electric, with side rails and mattress|125
K0001|HCPCS|Standard wheelchair|60
A7030|HCPCS|Full face mask used with positive airway pressure device|150
D0120|CDT|Periodic oral evaluation, established patient|42
D0150|CDT|Comprehensive oral evaluation, new or established patient|72
D0274|CDT|Bitewings, four radiographic images|52
D0210|CDT|Intraoral, complete series of radiographic images|112
D1110|CDT|Prophylaxis, adult|78
D1120|CDT|Prophylaxis, child|55
D1208|CDT|Topical application of fluoride, excluding varnish|26
D1351|CDT|Sealant, per tooth|42
D2391|CDT|Resin-based composite, one surface, posterior|142
D2392|CDT|Resin-based composite, two surfaces, posterior|178
D2740|CDT|Crown, porcelain/ceramic|1020
D3330|CDT|Endodontic therapy, molar tooth|955
D4341|CDT|Periodontal scaling and root planing, four or more teeth per quadrant|210
D7140|CDT|Extraction, erupted tooth or exposed root|155
`;

/** Procedures by code. */
export const PROCEDURES: Readonly<Record<string, ProcedureCode>> = Object.freeze(
  Object.fromEntries(ROWS.trim().replace(/\n\s+/g, ' ').split('\n').map(parseProcedure)),
);

function parseProcedure(row: string): [string, ProcedureCode] {
  const [code = '', system = 'CPT', display = '', fee = '0', facility, revenue, since, old] =
    row.split('|');
  const entry: ProcedureCode = {
    code,
    system: system as ProcedureCode['system'],
    display,
    fee: Number(fee),
    ...(facility ? { facilityFee: Number(facility) } : {}),
    ...(revenue ? { revenueCode: revenue } : {}),
    ...(since ? { since, replaces: old } : {}),
  };
  return [code, Object.freeze(entry)];
}

/** The procedure `code` as billed on `date` (the code it replaced, before its start). */
export function procedureOn(code: string, date: string): ProcedureCode {
  const entry = PROCEDURES[code];
  if (!entry) throw new Error(`Unknown procedure ${code}`);
  if (entry.since && entry.replaces && date < entry.since) return procedureOn(entry.replaces, date);
  return entry;
}

/** UB-04 revenue codes used on institutional claims. */
export const REVENUE_CODES: Readonly<Record<string, string>> = Object.freeze({
  '0120': 'Room and board, semi-private (two beds)',
  '0171': 'Nursery, newborn level I',
  '0200': 'Intensive care, general',
  '0250': 'Pharmacy, general',
  '0260': 'IV therapy, general',
  '0270': 'Medical/surgical supplies, general',
  '0300': 'Laboratory, general',
  '0320': 'Radiology, diagnostic, general',
  '0350': 'CT scan, general',
  '0360': 'Operating room services, general',
  '0370': 'Anesthesia, general',
  '0420': 'Physical therapy, general',
  '0450': 'Emergency room, general',
  '0610': 'Magnetic resonance technology (MRI), general',
  '0636': 'Drugs requiring detailed coding',
  '0710': 'Recovery room, general',
  '0720': 'Labor room/delivery, general',
  '0730': 'EKG/ECG, general',
  '0750': 'Gastrointestinal services, general',
});

/** CMS place of service codes used on professional claims. */
export const PLACES_OF_SERVICE: Readonly<Record<string, string>> = Object.freeze({
  '02': 'Telehealth provided other than in patient home',
  '10': 'Telehealth provided in patient home',
  '11': 'Office',
  '12': 'Home',
  '20': 'Urgent care facility',
  '21': 'Inpatient hospital',
  '22': 'On campus-outpatient hospital',
  '23': 'Emergency room - hospital',
  '81': 'Independent laboratory',
});

/** An MS-DRG with a relative weight and a typical length of stay. */
export interface Drg {
  readonly code: string;
  readonly display: string;
  readonly weight: number;
  readonly los: number;
  /** Fiscal year start from which the DRG replaced `replaces`. */
  readonly since?: string;
  readonly replaces?: string;
}

const DRG_ROWS = `
470|Major hip and knee joint replacement or reattachment of lower extremity without MCC|1.91|2
871|Septicemia or severe sepsis without mechanical ventilation more than 96 hours with MCC|1.87|5
291|Heart failure and shock with MCC|1.34|4
194|Simple pneumonia and pleurisy with CC|0.96|3
190|Chronic obstructive pulmonary disease with MCC|1.17|4
065|Intracranial hemorrhage or cerebral infarction with CC or tPA in 24 hours|1.03|3
603|Cellulitis without MCC|0.86|3
683|Renal failure with CC|0.92|3
392|Esophagitis, gastroenteritis and miscellaneous digestive disorders without MCC|0.78|2
247|Percutaneous cardiovascular procedures with drug-eluting stent without MCC|2.02|2
460|Spinal fusion except cervical without MCC|3.79|3
621|O.R. procedures for obesity without CC/MCC|2.24|2
807|Vaginal delivery without sterilization or D&C without CC/MCC|0.65|2|2018-10-01|775
775|Vaginal delivery without complicating diagnoses|0.61|2
788|Cesarean section without sterilization without CC/MCC|0.96|3|2018-10-01|766
766|Cesarean section without CC/MCC|0.92|3
795|Normal newborn|0.19|2
`;

/** MS-DRGs by code. */
export const DRGS: Readonly<Record<string, Drg>> = Object.freeze(
  Object.fromEntries(
    DRG_ROWS.trim()
      .replace(/\n\s+/g, ' ')
      .split('\n')
      .map((row) => {
        const [code = '', display = '', weight = '1', los = '3', since, replaces] = row.split('|');
        const base = { code, display, weight: Number(weight), los: Number(los) };
        return [code, Object.freeze(since ? { ...base, since, replaces } : base)];
      }),
  ),
);

/** The DRG `code` as grouped on a discharge date (its predecessor, before its start). */
export function drgOn(code: string, date: string): Drg {
  const entry = DRGS[code];
  if (!entry) throw new Error(`Unknown DRG ${code}`);
  if (entry.since && entry.replaces && date < entry.since) return drgOn(entry.replaces, date);
  return entry;
}

/** An ICD procedure code in both code sets (ICD-10-PCS and ICD-9-CM volume 3). */
export interface IcdProcedure {
  readonly pcs: string;
  readonly icd9: string;
  readonly display: string;
}

const VAGINAL_DELIVERY: IcdProcedure = {
  pcs: '10E0XZZ',
  icd9: '73.59',
  display: 'Delivery of products of conception, external approach',
};
const CESAREAN: IcdProcedure = {
  pcs: '10D00Z1',
  icd9: '74.1',
  display: 'Extraction of products of conception, low, open approach',
};

/** Inpatient procedures by DRG. */
export const DRG_PROCEDURES: Readonly<Record<string, IcdProcedure>> = Object.freeze({
  '470': {
    pcs: '0SRC0J9',
    icd9: '81.54',
    display: 'Replacement of right knee joint with synthetic substitute, cemented, open approach',
  },
  '247': {
    pcs: '027034Z',
    icd9: '36.07',
    display:
      'Dilation of coronary artery, one artery, with drug-eluting intraluminal device, ' +
      'percutaneous approach',
  },
  '766': CESAREAN,
  '788': CESAREAN,
  '775': VAGINAL_DELIVERY,
  '807': VAGINAL_DELIVERY,
});

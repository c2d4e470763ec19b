/**
 * Claim header -> EOB supportingInfo, careTeam, diagnosis and procedure, per CARIN BB 2.1.0
 * profile: every EOB gets billingnetworkcontractingstatus and clmrecvddate; institutional
 * ones typeofbill (and for inpatient admissionperiod, pointoforigin, admtype,
 * discharge-status, drg); pharmacy ones dayssupply, dawcode, refillnum, refillsauthorized,
 * compoundcode, brandgenericindicator and rxorigincode.
 */
import type {
  ExplanationOfBenefitCareTeam,
  ExplanationOfBenefitDiagnosis,
  ExplanationOfBenefitProcedure,
  ExplanationOfBenefitSupportingInfo,
} from '@medplum/fhirtypes';
import { dateOf, type LegacyClaim } from './legacy-api.js';
import { concept, SYSTEMS } from './profiles.js';

type Info = Omit<ExplanationOfBenefitSupportingInfo, 'sequence'>;

function info(category: string, rest: Omit<Info, 'category'> = {}): Info {
  return { category: concept(SYSTEMS.supportingInfo, category), ...rest };
}

function coded(category: string, system: string, code: string | null): Info[] {
  return code === null ? [] : [info(category, { code: concept(system, code) })];
}

function counted(category: string, value: number | null | undefined): Info[] {
  return value === null || value === undefined
    ? []
    : [info(category, { valueQuantity: { value } })];
}

/** The supportingInfo entries of a claim, numbered from 1. */
export function supportingInfo(claim: LegacyClaim): ExplanationOfBenefitSupportingInfo[] {
  const network = claim.NTWK_IND === 'I' ? 'contracted' : 'noncontracted';
  const list: Info[] = [
    info('billingnetworkcontractingstatus', {
      code: concept(SYSTEMS.adjudicationStatus, network),
    }),
    info('clmrecvddate', { timingDate: dateOf(claim.RCVD_DT) }),
    ...institutionalInfo(claim),
    ...pharmacyInfo(claim),
  ];
  return list.map((entry, index) => ({ sequence: index + 1, ...entry }));
}

function institutionalInfo(claim: LegacyClaim): Info[] {
  const list = coded('typeofbill', SYSTEMS.typeOfBill, claim.TOB_CD);
  if (claim.CLM_TYP_CD !== 'INST_IP') return list;
  if (claim.ADMSN_DT !== null && claim.DSCHRG_DT !== null) {
    const period = { start: dateOf(claim.ADMSN_DT), end: dateOf(claim.DSCHRG_DT) };
    list.push(info('admissionperiod', { timingPeriod: period }));
  }
  list.push(
    ...coded('pointoforigin', SYSTEMS.pointOfOrigin, claim.ADMSN_SRC_CD),
    ...coded('admtype', SYSTEMS.admissionType, claim.ADMSN_TYP_CD),
    ...coded('discharge-status', SYSTEMS.dischargeStatus, claim.PTNT_STAT_CD),
  );
  if (claim.DRG_CD !== null) {
    const drg = concept(SYSTEMS.drg, claim.DRG_CD, claim.DRG_DESC ?? undefined);
    list.push(info('drg', { code: drg }));
  }
  return list;
}

function pharmacyInfo(claim: LegacyClaim): Info[] {
  const line = claim.LINES[0];
  if (claim.CLM_TYP_CD !== 'RX' || !line) return [];
  const brand = line.BRND_GNRC_CD === 'B' ? '1' : '2';
  return [
    ...counted('dayssupply', line.DAYS_SUPPLY_CNT),
    ...coded('dawcode', SYSTEMS.daw, line.DAW_CD),
    ...counted('refillnum', line.FILL_NBR),
    ...counted('refillsauthorized', line.REFILL_AUTH_CNT),
    ...coded('compoundcode', SYSTEMS.compound, compoundCode(line.CMPND_CD)),
    ...coded('brandgenericindicator', SYSTEMS.brandGeneric, line.BRND_GNRC_CD ? brand : null),
    ...coded('rxorigincode', SYSTEMS.rxOrigin, line.RX_ORIG_CD),
  ];
}

/** NCPDP compound code: 1 not a compound, 2 compound (0 not specified). */
function compoundCode(code: string | null): string | null {
  return code === '1' || code === '2' ? code : null;
}

const ROLES: ReadonlyArray<[keyof LegacyClaim, string]> = [
  ['RNDR_PRV_NPI', 'rendering'],
  ['ATTND_PRV_NPI', 'attending'],
  ['OPER_PRV_NPI', 'operating'],
  ['REFR_PRV_NPI', 'referring'],
  ['PRSCRB_PRV_NPI', 'prescribing'],
];

/** The care team: each practitioner NPI on the claim with its C4BB role. */
export function careTeam(claim: LegacyClaim): ExplanationOfBenefitCareTeam[] {
  const team: ExplanationOfBenefitCareTeam[] = [];
  for (const [column, role] of ROLES) {
    const npi = claim[column];
    if (typeof npi !== 'string') continue;
    team.push({
      sequence: team.length + 1,
      provider: { reference: `Practitioner/npi-${npi}` },
      role: concept(SYSTEMS.careTeamRole, role),
    });
  }
  return team;
}

/** An ICD code as FHIR writes it: with the dot after the category (X12 drops it). */
export function withDot(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** Diagnoses with their types; inpatient ones carry present-on-admission. */
export function diagnoses(claim: LegacyClaim): ExplanationOfBenefitDiagnosis[] {
  return claim.DIAGS.map((dx) => {
    const system = dx.DX_CD_QUAL === '0' ? SYSTEMS.icd10cm : SYSTEMS.icd9cm;
    const onAdmission =
      claim.CLM_TYP_CD === 'INST_IP' && dx.POA_IND !== null
        ? { onAdmission: concept(SYSTEMS.presentOnAdmission, dx.POA_IND) }
        : {};
    return {
      sequence: dx.DX_SEQ,
      diagnosisCodeableConcept: concept(system, withDot(dx.DX_CD), dx.DX_DESC),
      type: [diagnosisType(claim, dx.DX_TYP_CD)],
      ...onAdmission,
    };
  });
}

function diagnosisType(claim: LegacyClaim, kind: string) {
  if (kind === 'P') return concept(SYSTEMS.diagnosisType, 'principal');
  if (kind === 'A') return concept(SYSTEMS.diagnosisType, 'admitting');
  const professional = claim.CLM_TYP_CD === 'PROF' || claim.CLM_TYP_CD === 'DENT';
  return concept(SYSTEMS.c4bbDiagnosisType, professional ? 'secondary' : 'other');
}

/** ICD procedures (institutional claims), the first principal. */
export function procedures(claim: LegacyClaim): ExplanationOfBenefitProcedure[] {
  return claim.ICD_PROCS.map((procedure, index) => ({
    sequence: procedure.PROC_SEQ,
    type: [concept(SYSTEMS.procedureType, index === 0 ? 'principal' : 'other')],
    date: dateOf(procedure.PROC_DT),
    procedureCodeableConcept: concept(
      procedure.PROC_CD_QUAL === '0' ? SYSTEMS.icd10pcs : SYSTEMS.icd9proc,
      procedure.PROC_CD,
      procedure.PROC_DESC,
    ),
  }));
}

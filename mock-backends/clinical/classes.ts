/**
 * The clinical data repository's tables, one per USCDI data class, declared once: each
 * column's legacy name, the synthetic field it comes from and how it is stored (legacy date
 * `YYYYMMDD`, DB2 timestamp, `Y`/`N`, a comma list, a number, or a legacy code mapped from
 * the synthetic value). The loader, the queries, the routes and the OpenAPI document
 * (oas/clinical-backend.yaml, checked by a test) all follow this table.
 */
import type { ClinicalRecord } from '../synthetic/index.js';

/** How a column's value is stored. */
export type Conversion =
  | { readonly kind: 'text' | 'date' | 'ts' | 'yn' | 'list' | 'num' }
  | { readonly kind: 'code'; readonly codes: Readonly<Record<string, string>> };

/** One column of a table. */
export interface Column {
  readonly name: string;
  readonly field: string;
  readonly nullable: boolean;
  readonly conversion: Conversion;
}

/** A data class: its table, path, key columns and filters. */
export interface ClassDef {
  /** URL segment, e.g. `problems`. */
  readonly path: string;
  readonly table: string;
  /** Key of the row array in list responses. */
  readonly listKey: string;
  readonly columns: readonly Column[];
  readonly idColumn: string;
  /** The clinical date the `dateFrom` / `dateTo` filters apply to. */
  readonly dateColumn: string;
  /** Columns the `code` filter matches (any of them). */
  readonly codeColumns: readonly string[];
  readonly categoryColumn?: string;
  readonly statusColumn?: string;
  /** Other date columns a query may bound instead (`dateOf`), e.g. a problem's onset. */
  readonly altDates: readonly string[];
  /** Column the `groupId` filter matches (vital sign groups). */
  readonly groupColumn?: string;
  /** The synthetic records of the class. */
  readonly records: (record: ClinicalRecord) => readonly object[];
}

/** Parses `NAME=field[?][:kind]` or `NAME=field[?]:code(A=value,...)`. */
function column(spec: string): Column {
  const equals = spec.indexOf('=');
  const name = spec.slice(0, equals);
  const rest = spec.slice(equals + 1);
  const colon = rest.indexOf(':');
  const fieldPart = colon < 0 ? rest : rest.slice(0, colon);
  const kindPart = colon < 0 ? 'text' : rest.slice(colon + 1);
  const nullable = fieldPart.endsWith('?');
  const field = nullable ? fieldPart.slice(0, -1) : fieldPart;
  if (!kindPart.startsWith('code(')) {
    return { name, field, nullable, conversion: { kind: kindPart as 'text' } };
  }
  const pairs = kindPart
    .slice(5, -1)
    .split(',')
    .map((pair) => pair.split('=') as [string, string]);
  const codes = Object.fromEntries(pairs.map(([code, value]) => [value ?? code, code]));
  return { name, field, nullable, conversion: { kind: 'code', codes } };
}

interface Options {
  readonly path: string;
  readonly table: string;
  readonly listKey: string;
  readonly date: string;
  readonly codes: readonly string[];
  readonly category?: string;
  readonly status?: string;
  readonly altDates?: readonly string[];
  readonly group?: string;
  readonly records: ClassDef['records'];
}

function define(options: Options, specs: readonly string[]): ClassDef {
  const columns = specs.map(column);
  return {
    path: options.path,
    table: options.table,
    listKey: options.listKey,
    columns,
    idColumn: (columns[0] as Column).name,
    dateColumn: options.date,
    codeColumns: options.codes,
    categoryColumn: options.category,
    statusColumn: options.status,
    altDates: options.altDates ?? [],
    groupColumn: options.group,
    records: options.records,
  };
}

const MEMBER = 'MBR_ID=memberId';
const UPDATED = 'LAST_UPD_TS=updatedAt:ts';

/** Every class, in the order the API documents them. */
export const CLASSES: readonly ClassDef[] = [
  define(
    {
      path: 'problems',
      table: 'PROBLEM',
      listKey: 'PROBLEMS',
      date: 'RCRD_DT',
      codes: ['SNOMED_CD', 'ICD10_CD'],
      category: 'PRB_CAT_CD',
      status: 'CLIN_STAT_CD',
      altDates: ['ONSET_DT', 'ABATE_DT'],
      records: (r) => r.conditions,
    },
    [
      'PRB_ID=id',
      MEMBER,
      'ENC_ID=encounterId?',
      'PRB_CAT_CD=category:code(PL=problem-list-item,ED=encounter-diagnosis,HC=health-concern)',
      'SNOMED_CD=snomed',
      'ICD10_CD=icd10',
      'PRB_DESC=display',
      'CLIN_STAT_CD=clinicalStatus:code(A=active,R=resolved,M=remission)',
      'VER_STAT_CD=verificationStatus:code(C=confirmed,P=provisional)',
      'ONSET_DT=onsetDate:date',
      'ABATE_DT=abatementDate?:date',
      'RCRD_DT=recordedDate:date',
      'RCRD_NPI=recorderNpi',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'allergies',
      table: 'ALLERGY',
      listKey: 'ALLERGIES',
      date: 'RCRD_DT',
      codes: ['SUBST_CD'],
      category: 'ALG_CAT_CD',
      status: 'CLIN_STAT_CD',
      records: (r) => r.allergies,
    },
    [
      'ALG_ID=id',
      MEMBER,
      'SUBST_SYS_CD=substanceSystem:code(RXN=rxnorm,SCT=snomed)',
      'SUBST_CD=substanceCode',
      'SUBST_DESC=substanceDisplay',
      'ALG_TYP_CD=type:code(ALG=allergy,INT=intolerance)',
      'ALG_CAT_CD=category:code(MED=medication,FOOD=food,ENV=environment,BIO=biologic)',
      'CRIT_CD=criticality:code(L=low,H=high,U=unable-to-assess)',
      'CLIN_STAT_CD=clinicalStatus:code(A=active,I=inactive,R=resolved)',
      'VER_STAT_CD=verificationStatus:code(C=confirmed,U=unconfirmed)',
      'RXN_SNOMED_CD=reactionSnomed',
      'RXN_DESC=reactionDisplay',
      'SEV_CD=severity:code(MI=mild,MO=moderate,SV=severe)',
      'ONSET_DT=onsetDate:date',
      'RCRD_DT=recordedDate:date',
      'RCRD_NPI=recorderNpi',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'medications',
      table: 'MED_ORDER',
      listKey: 'MED_ORDERS',
      date: 'ORD_DT',
      codes: ['RXCUI'],
      status: 'ORD_STAT_CD',
      records: (r) => r.medications,
    },
    [
      'ORD_ID=id',
      MEMBER,
      'ENC_ID=encounterId?',
      'RXCUI=rxcui',
      'DRUG_NM=drugName',
      'SIG_TXT=sig',
      'DOSE_QTY=doseQuantity:num',
      'DOSE_UNIT=doseUnit',
      'FREQ_CD=frequency',
      'ROUTE_CD=routeCode',
      'DISP_QTY=dispenseQuantity:num',
      'DAYS_SUPPLY=daysSupply:num',
      'REFILL_CNT=refills:num',
      'ORD_STAT_CD=status:code(A=active,C=completed,D=stopped)',
      'ORD_DT=authoredOn:date',
      'START_DT=startDate:date',
      'END_DT=endDate?:date',
      'PRSCR_NPI=prescriberNpi',
      'RSN_PRB_ID=reasonConditionId?',
      'RSN_ICD10_CD=reasonIcd10?',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'dispenses',
      table: 'MED_DISP',
      listKey: 'MED_DISPENSES',
      date: 'FILL_DT',
      codes: ['RXCUI', 'NDC_11'],
      category: 'PHARM_TYP_CD',
      status: 'DISP_STAT_CD',
      records: (r) => r.dispenses,
    },
    [
      'DISP_ID=id',
      MEMBER,
      'ORD_ID=orderId',
      'RXCUI=rxcui',
      'NDC_11=ndc',
      'DRUG_NM=drugName',
      'DISP_QTY=quantity:num',
      'DAYS_SUPPLY=daysSupply:num',
      'FILL_DT=fillDate:date',
      'FILL_NBR=fillNumber:num',
      'PHARM_TYP_CD=pharmacyType:code(RTL=retail,MAIL=mail)',
      'PHARM_NCPDP_ID=pharmacyId',
      'DISP_STAT_CD=status:code(C=completed)',
      'SIG_TXT=sig',
      'PRSCR_NPI=prescriberNpi',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'immunizations',
      table: 'IMMUNIZATION',
      listKey: 'IMMUNIZATIONS',
      date: 'ADMIN_DT',
      codes: ['CVX_CD'],
      status: 'IMM_STAT_CD',
      records: (r) => r.immunizations,
    },
    [
      'IMM_ID=id',
      MEMBER,
      'ENC_ID=encounterId?',
      'CVX_CD=cvx',
      'VACC_DESC=display',
      'ADMIN_DT=date:date',
      'IMM_STAT_CD=status:code(CP=completed,NA=not-done)',
      'NOT_GIVEN_RSN_CD=statusReason?',
      'LOT_NBR=lotNumber?',
      'MVX_CD=manufacturerMvx?',
      'EXP_DT=expirationDate?:date',
      'SITE_CD=site?',
      'ROUTE_CD=route',
      'DOSE_NBR=doseNumber?:num',
      'PRIM_SRC_IND=primarySource:yn',
      'PERF_NPI=performerNpi?',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'results',
      table: 'LAB_RESULT',
      listKey: 'RESULTS',
      date: 'COLL_TS',
      codes: ['LOINC_CD', 'PANEL_LOINC_CD'],
      category: 'SPCM_CD',
      status: 'RSLT_STAT_CD',
      records: (r) => r.labs,
    },
    [
      'RSLT_ID=id',
      MEMBER,
      'ENC_ID=encounterId',
      'ACCSN_NBR=orderId',
      'PANEL_LOINC_CD=panelLoinc?',
      'PANEL_DESC=panelDisplay?',
      'LOINC_CD=loinc',
      'TEST_DESC=display',
      'RSLT_NUM=value?:num',
      'UNIT_CD=unit?',
      'RSLT_CD=valueCode?',
      'RSLT_CD_DESC=valueDisplay?',
      'REF_LOW=low?:num',
      'REF_HIGH=high?:num',
      'ABN_FLAG_CD=interpretation',
      'SPCM_CD=specimen',
      'COLL_TS=collectedAt:ts',
      'RSLT_TS=issuedAt:ts',
      'RSLT_STAT_CD=status:code(F=final,C=corrected)',
      'ORD_NPI=ordererNpi',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'vitals',
      table: 'VITAL_SIGN',
      listKey: 'VITALS',
      date: 'MEAS_TS',
      codes: ['LOINC_CD'],
      category: 'VTL_TYP_CD',
      group: 'VTL_GRP_ID',
      records: (r) => r.vitals,
    },
    [
      'VTL_ID=id',
      MEMBER,
      'ENC_ID=encounterId',
      'VTL_GRP_ID=groupId',
      'VTL_TYP_CD=kind',
      'LOINC_CD=loinc',
      'VTL_DESC=display',
      'VTL_VAL=value:num',
      'UNIT_CD=unit',
      'MEAS_TS=measuredAt:ts',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'social-history',
      table: 'SOCIAL_HX',
      listKey: 'SOCIAL_HX',
      date: 'OBS_TS',
      codes: ['LOINC_CD', 'ANS_CD'],
      category: 'OBS_TYP_CD',
      records: (r) => r.social,
    },
    [
      'SOC_ID=id',
      MEMBER,
      'ENC_ID=encounterId?',
      'OBS_TYP_CD=kind',
      'LOINC_CD=loinc',
      'OBS_DESC=display',
      'PANEL_LOINC_CD=panelLoinc?',
      'ANS_SYS_CD=answerSystem:code(SCT=snomed,LN=loinc,NF=v3-NullFlavor)',
      'ANS_CD=answerCode',
      'ANS_DESC=answerDisplay',
      'OBS_TS=observedAt:ts',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'procedures',
      table: 'PROCEDURE',
      listKey: 'PROCEDURES',
      date: 'PROC_DT',
      codes: ['CPT_CD', 'SNOMED_CD'],
      status: 'PROC_STAT_CD',
      records: (r) => r.procedures,
    },
    [
      'PROC_ID=id',
      MEMBER,
      'ENC_ID=encounterId',
      'CPT_CD=cpt',
      'SNOMED_CD=snomed',
      'PROC_DESC=display',
      'PROC_STAT_CD=status:code(C=completed)',
      'PROC_DT=date:date',
      'PERF_NPI=performerNpi',
      'RSN_PRB_ID=reasonConditionId?',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'encounters',
      table: 'ENCOUNTER',
      listKey: 'ENCOUNTERS',
      date: 'ADMIT_TS',
      codes: ['CPT_CD', 'SNOMED_TYP_CD'],
      category: 'PAT_CLS_CD',
      status: 'ENC_STAT_CD',
      records: (r) => r.encounters,
    },
    [
      'ENC_ID=id',
      MEMBER,
      'ENC_TYP_CD=kind',
      'CPT_CD=cpt',
      'SNOMED_TYP_CD=snomedType',
      'ENC_DESC=display',
      'PAT_CLS_CD=patientClass',
      'ENC_STAT_CD=status:code(F=finished)',
      'ADMIT_TS=start:ts',
      'DISCH_TS=end:ts',
      'RSN_PRB_ID=reasonConditionId?',
      'RSN_ICD10_CD=reasonIcd10?',
      'RSN_DESC=reasonDisplay?',
      'DISCH_DISP_CD=dischargeDisposition?',
      'FAC_NPI=facilityNpi',
      'FAC_NM=facilityName',
      'ATTND_NPI=attenderNpi',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'care-team',
      table: 'CARE_TEAM_MBR',
      listKey: 'CARE_TEAM',
      date: 'START_DT',
      codes: ['ROLE_SNOMED_CD', 'TAXONOMY_CD'],
      status: 'CT_STAT_CD',
      records: (r) => r.careTeam,
    },
    [
      'CTM_ID=id',
      MEMBER,
      'CT_ID=teamId',
      'CT_NM=teamName',
      'CT_STAT_CD=teamStatus:code(A=active,I=inactive)',
      'ROLE_SNOMED_CD=roleSnomed',
      'ROLE_DESC=roleDisplay',
      'PRACT_NPI=npi',
      'TAXONOMY_CD=taxonomy',
      'SPCLTY_DESC=specialtyDisplay',
      'START_DT=start:date',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'notes',
      table: 'CLIN_NOTE',
      listKey: 'NOTES',
      date: 'NOTE_TS',
      codes: ['NOTE_LOINC_CD'],
      status: 'NOTE_STAT_CD',
      records: (r) => r.notes,
    },
    [
      'NOTE_ID=id',
      MEMBER,
      'ENC_ID=encounterId',
      'NOTE_LOINC_CD=loinc',
      'NOTE_TYP_DESC=display',
      'NOTE_TS=date:ts',
      'AUTH_NPI=authorNpi',
      'NOTE_STAT_CD=status:code(CUR=current)',
      'MIME_TYP=contentType',
      'NOTE_TXT=text',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'goals',
      table: 'GOAL',
      listKey: 'GOALS',
      date: 'START_DT',
      codes: ['TGT_LOINC_CD'],
      status: 'LIFECYCLE_CD',
      altDates: ['TGT_DT'],
      records: (r) => r.goals,
    },
    [
      'GOAL_ID=id',
      MEMBER,
      'GOAL_DESC=description',
      'LIFECYCLE_CD=lifecycle:code(A=active,C=completed)',
      'ACHV_CD=achievement:code(IP=in-progress,IM=improving,AC=achieved,NA=not-achieving)',
      'START_DT=startDate:date',
      'TGT_DT=targetDate:date',
      'TGT_LOINC_CD=targetLoinc?',
      'TGT_DESC=targetDisplay?',
      'TGT_LOW=targetLow?:num',
      'TGT_HIGH=targetHigh?:num',
      'TGT_UNIT=targetUnit?',
      'ADDR_PRB_ID=conditionId?',
      'EXPR_NPI=expressedByNpi',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'devices',
      table: 'IMPLANT',
      listKey: 'DEVICES',
      date: 'IMPLANT_DT',
      codes: ['DEV_SNOMED_CD', 'UDI_DI'],
      status: 'DEV_STAT_CD',
      records: (r) => r.devices,
    },
    [
      'DEV_ID=id',
      MEMBER,
      'PROC_ID=procedureId',
      'DEV_SNOMED_CD=snomed',
      'DEV_DESC=display',
      'UDI_DI=deviceIdentifier',
      'UDI_CARRIER_TXT=udiCarrier',
      'LOT_NBR=lotNumber',
      'SER_NBR=serialNumber',
      'MFG_DT=manufactureDate:date',
      'EXP_DT=expirationDate:date',
      'MFR_NM=manufacturer',
      'IMPLANT_DT=implantDate:date',
      'DEV_STAT_CD=status:code(A=active,I=inactive)',
      UPDATED,
    ],
  ),
  define(
    {
      path: 'care-plans',
      table: 'CARE_PLAN',
      listKey: 'CARE_PLANS',
      date: 'START_DT',
      codes: [],
      status: 'CP_STAT_CD',
      records: (r) => r.carePlans,
    },
    [
      'CP_ID=id',
      MEMBER,
      'CP_STAT_CD=status:code(A=active,C=completed)',
      'START_DT=start:date',
      'END_DT=end?:date',
      'CP_TXT=text',
      'ADDR_PRB_IDS=conditionIds:list',
      'GOAL_IDS=goalIds:list',
      'AUTH_NPI=authorNpi',
      UPDATED,
    ],
  ),
];

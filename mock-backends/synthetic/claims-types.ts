/**
 * Synthetic adjudicated claims, in a neutral camelCase form; the claims backend turns them
 * into its legacy layout. Amounts are in US dollars with cents (two decimals). Dates are
 * `YYYY-MM-DD`, instants ISO `...Z`.
 */

/** The five claim types CARIN Blue Button distinguishes. */
export type ClaimType = 'professional' | 'inpatient' | 'outpatient' | 'pharmacy' | 'oral';

/** Adjudication outcome of a claim; `adjusted` claims were replaced by a later claim. */
export type ClaimStatus = 'paid' | 'denied' | 'partial' | 'adjusted';

/** Money on a line or a claim. Invariants: see claims-adjudicate.ts. */
export interface Amounts {
  /** Submitted charge. */
  readonly billed: number;
  /** Plan allowance (0 when denied). */
  readonly allowed: number;
  /** Paid by the plan. */
  readonly paid: number;
  readonly deductible: number;
  readonly copay: number;
  readonly coinsurance: number;
  /** Charges not covered (denied lines). */
  readonly noncovered: number;
  /** Contractual discount: billed minus allowed on covered lines. */
  readonly discount: number;
  /** What the member owes: deductible + copay + coinsurance. */
  readonly memberLiability: number;
}

/** One claim adjustment (an X12 835 CAS entry): group code, CARC and amount. */
export interface Adjustment {
  /** CO contractual, PR patient responsibility, OA other. */
  readonly group: 'CO' | 'PR' | 'OA';
  /** Claim Adjustment Reason Code. */
  readonly reason: string;
  readonly amount: number;
}

/** A diagnosis on a claim. */
export interface ClaimDiagnosis {
  readonly seq: number;
  readonly code: string;
  /** ICD-10-CM from 2015-10-01, ICD-9-CM before. */
  readonly system: 'icd10' | 'icd9';
  readonly display: string;
  readonly kind: 'principal' | 'admitting' | 'other';
  /** Present on admission, inpatient only: Y, N, U, W. */
  readonly presentOnAdmission?: 'Y' | 'N' | 'U' | 'W';
}

/** An ICD procedure on an inpatient claim. */
export interface ClaimProcedure {
  readonly seq: number;
  readonly code: string;
  /** ICD-10-PCS from 2015-10-01, ICD-9-CM volume 3 before. */
  readonly system: 'icd10pcs' | 'icd9';
  readonly display: string;
  readonly date: string;
}

/** The dispensed drug on a pharmacy claim line (NCPDP fields). */
export interface DispensedDrug {
  /** 11-digit NDC (5-4-2, no dashes). */
  readonly ndc: string;
  /** RxNorm code of the product, when the shared drug catalog has it. */
  readonly rxcui?: string;
  readonly name: string;
  readonly quantity: number;
  /** NCPDP unit of measure: EA, ML, GM. */
  readonly unit: 'EA' | 'ML' | 'GM';
  readonly daysSupply: number;
  /** Dispense-as-written (product selection) code 0-9. */
  readonly daw: string;
  /** 1 not a compound, 2 compound. */
  readonly compound: '1' | '2';
  readonly rxNumber: string;
  /** 0 for the original fill, then refill number. */
  readonly fillNumber: number;
  readonly refillsAuthorized: number;
  readonly brand: boolean;
  /** 1 written, 2 telephone, 3 electronic, 4 facsimile, 5 pharmacy. */
  readonly rxOrigin: string;
  readonly ingredientCost: number;
  readonly dispensingFee: number;
}

/** A claim line. */
export interface ClaimLine {
  readonly seq: number;
  readonly serviceStart: string;
  readonly serviceEnd: string;
  /** UB-04 revenue code (institutional). */
  readonly revenueCode?: string;
  readonly procedure?: {
    readonly code: string;
    readonly system: 'CPT' | 'HCPCS' | 'CDT';
    readonly display: string;
    readonly modifiers: readonly string[];
  };
  /** CMS place of service code (professional). */
  readonly placeOfService?: string;
  readonly quantity: number;
  /** UN units, DA days, MJ minutes. */
  readonly unit: 'UN' | 'DA' | 'MJ';
  /** 1-based pointers into the claim's diagnoses. */
  readonly diagnosisPointers: readonly number[];
  readonly drug?: DispensedDrug;
  /** Universal tooth number 1-32 (oral). */
  readonly tooth?: string;
  /** Tooth surfaces M, O, D, B, L, I, F (oral). */
  readonly surfaces?: readonly string[];
  /** ADA area of the oral cavity (10 upper right ... 40 lower right). */
  readonly oralArea?: string;
  readonly amounts: Amounts;
  readonly status: 'paid' | 'denied';
  readonly adjustments: readonly Adjustment[];
  /** Remittance advice remark codes (RARC). */
  readonly remarks: readonly string[];
}

/** Inpatient admission details (UB-04 form locators 12-17). */
export interface Admission {
  readonly admitDate: string;
  readonly dischargeDate: string;
  /** 1 emergency, 2 urgent, 3 elective, 4 newborn. */
  readonly typeCode: string;
  /** Point of origin: 1 non-health-care, 2 clinic, 4 transfer from hospital... */
  readonly sourceCode: string;
  /** Patient discharge status: 01 home, 03 SNF, 06 home health... */
  readonly dischargeStatus: string;
}

/** How the plan paid. */
export interface Payment {
  readonly date: string;
  readonly method: 'CHK' | 'EFT';
  readonly number: string;
  readonly payeeType: 'provider' | 'subscriber';
  /** NPI of the provider payee, or the subscriber id. */
  readonly payeeId: string;
  readonly amount: number;
}

/** An adjudicated claim. */
export interface ClaimRecord {
  /** Internal control number: service year (2) + day of year (3) + member (8) + seq (4). */
  readonly claimId: string;
  readonly memberId: string;
  readonly memberIndex: number;
  readonly subscriberId: string;
  readonly planId: string;
  readonly groupId: string;
  /** The member's coverage period (eligibility span) the claim fell in. */
  readonly coverageSeq: number;
  readonly type: ClaimType;
  readonly status: ClaimStatus;
  /** Claim frequency: 1 original, 7 replacement. */
  readonly frequency: '1' | '7';
  readonly originalClaimId?: string;
  readonly replacedByClaimId?: string;
  readonly billingNpi: string;
  readonly renderingNpi?: string;
  readonly attendingNpi?: string;
  readonly operatingNpi?: string;
  readonly referringNpi?: string;
  readonly prescriberNpi?: string;
  /** Service facility (institutional and some professional claims). */
  readonly facilityNpi?: string;
  readonly network: 'in' | 'out';
  readonly serviceStart: string;
  readonly serviceEnd: string;
  readonly receivedDate: string;
  readonly adjudicatedDate: string;
  /** Institutional type of bill, 4 characters with the leading 0. */
  readonly typeOfBill?: string;
  /** MS-DRG, inpatient only. */
  readonly drg?: { readonly code: string; readonly display: string };
  readonly admission?: Admission;
  /** Header place of service (professional, oral). */
  readonly placeOfService?: string;
  readonly priorAuthNumber?: string;
  readonly diagnoses: readonly ClaimDiagnosis[];
  readonly procedures: readonly ClaimProcedure[];
  readonly lines: readonly ClaimLine[];
  readonly totals: Amounts;
  readonly payment?: Payment;
  readonly updatedAt: string;
}

/**
 * Synthetic prior authorizations as the utilization-management system records them, in a
 * neutral camelCase form (the utilization backend turns them into its legacy layout).
 * Dates are `YYYY-MM-DD`, instants ISO `...Z`.
 */

/** Kind of service authorized; `drug` covers medical-benefit drugs (J-codes). */
export type AuthType = 'inpatient' | 'outpatient' | 'imaging' | 'dme' | 'therapy' | 'drug';

/** Status of a request; `expired` approvals ran out unused. */
export type AuthStatus = 'approved' | 'denied' | 'pended' | 'partial' | 'cancelled' | 'expired';

/** A specific reason for a denial (or a reduced quantity). */
export interface AuthDenial {
  /** UM reason code: MNC, DOC, ALT, NCB, OON, QTY. */
  readonly code: string;
  /** Specific text naming the unmet criterion, as the rule requires. */
  readonly text: string;
}

/** A service line of a request. */
export interface AuthItem {
  readonly seq: number;
  readonly code: string;
  /** REV: a UB-04 revenue code (inpatient days). */
  readonly system: 'CPT' | 'HCPCS' | 'REV';
  readonly display: string;
  readonly modifiers: readonly string[];
  readonly requestedQuantity: number;
  /** 0 when denied or not decided. */
  readonly approvedQuantity: number;
  readonly unit: 'units' | 'days' | 'visits' | 'months';
  readonly serviceStart: string;
  readonly serviceEnd: string;
  readonly status: 'approved' | 'denied' | 'pended' | 'partial' | 'cancelled';
  readonly denial?: AuthDenial;
}

/** A document the requester submitted in support of the request. */
export interface AuthDocument {
  readonly id: string;
  /** clinical-note, imaging-report, lab-result, medical-necessity-letter, therapy-plan... */
  readonly type: string;
  readonly title: string;
  /** Date the document was written. */
  readonly date: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly receivedAt: string;
}

/** An appeal of a denial. */
export interface AuthAppeal {
  readonly receivedDate: string;
  readonly decidedDate?: string;
  readonly outcome: 'overturned' | 'upheld' | 'pending';
}

/** A diagnosis on a request. */
export interface AuthDiagnosis {
  readonly seq: number;
  readonly code: string;
  readonly system: 'icd10' | 'icd9';
  readonly display: string;
}

/** A prior authorization request and its outcome. */
export interface PriorAuthRecord {
  /** `PA` + request year (4) + member (8) + sequence (3). */
  readonly authNumber: string;
  readonly memberId: string;
  readonly memberIndex: number;
  readonly subscriberId: string;
  readonly planId: string;
  readonly groupId: string;
  readonly coverageSeq: number;
  readonly type: AuthType;
  readonly urgency: 'expedited' | 'standard';
  readonly status: AuthStatus;
  readonly receivedAt: string;
  /** 72 hours (expedited) or 7 calendar days (standard; 14 before 2026) after receipt. */
  readonly decisionDueAt: string;
  readonly decidedAt?: string;
  /** The decision timeframe was extended (more information needed). */
  readonly extended: boolean;
  /** Authorized service window. */
  readonly effectiveDate?: string;
  readonly expirationDate?: string;
  readonly requestingNpi: string;
  readonly servicingNpi: string;
  readonly facilityNpi?: string;
  readonly network: 'in' | 'out';
  readonly diagnoses: readonly AuthDiagnosis[];
  readonly items: readonly AuthItem[];
  readonly denial?: AuthDenial;
  /** Why the request is pended or was cancelled. */
  readonly statusReason?: string;
  readonly documents: readonly AuthDocument[];
  readonly appeal?: AuthAppeal;
  readonly reviewer: 'auto' | 'nurse' | 'physician';
  readonly lastStatusChangeAt: string;
  readonly updatedAt: string;
}

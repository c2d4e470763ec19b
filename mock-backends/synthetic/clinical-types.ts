/**
 * The records of a member's synthetic clinical history, one interface per USCDI v3 data
 * class a payer holds. Dates are `YYYY-MM-DD`, instants ISO UTC (`...Z`); ids are stable
 * strings `<prefix><8-digit member number><4-digit sequence>`. Practitioners appear as NPIs
 * (clinical-staff.ts), drugs as RxNorm codes of the drug catalog.
 */

/** What every record carries. */
export interface ClinicalBase {
  readonly id: string;
  readonly memberId: string;
  /** Instant the clinical system last changed the record. */
  readonly updatedAt: string;
}

export interface ConditionRecord extends ClinicalBase {
  readonly encounterId?: string;
  readonly category: 'problem-list-item' | 'encounter-diagnosis' | 'health-concern';
  readonly snomed: string;
  readonly icd10: string;
  readonly display: string;
  readonly clinicalStatus: 'active' | 'resolved' | 'remission';
  readonly verificationStatus: 'confirmed' | 'provisional';
  readonly onsetDate: string;
  readonly abatementDate?: string;
  readonly recordedDate: string;
  readonly recorderNpi: string;
}

export interface AllergyRecord extends ClinicalBase {
  readonly substanceSystem: 'rxnorm' | 'snomed';
  readonly substanceCode: string;
  readonly substanceDisplay: string;
  readonly type: 'allergy' | 'intolerance';
  readonly category: 'medication' | 'food' | 'environment' | 'biologic';
  readonly criticality: 'low' | 'high' | 'unable-to-assess';
  readonly clinicalStatus: 'active' | 'inactive' | 'resolved';
  readonly verificationStatus: 'confirmed' | 'unconfirmed';
  readonly reactionSnomed: string;
  readonly reactionDisplay: string;
  readonly severity: 'mild' | 'moderate' | 'severe';
  readonly onsetDate: string;
  readonly recordedDate: string;
  readonly recorderNpi: string;
}

export interface MedicationOrderRecord extends ClinicalBase {
  readonly encounterId?: string;
  readonly rxcui: string;
  readonly drugName: string;
  readonly sig: string;
  readonly doseQuantity: number;
  readonly doseUnit: string;
  /** Legacy frequency code: QD, BID, TID, QID, QHS, QW, Q2W, PRN. */
  readonly frequency: string;
  readonly routeCode: string;
  readonly dispenseQuantity: number;
  readonly daysSupply: number;
  readonly refills: number;
  readonly status: 'active' | 'completed' | 'stopped';
  readonly authoredOn: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly prescriberNpi: string;
  readonly reasonConditionId?: string;
  readonly reasonIcd10?: string;
}

export interface DispenseRecord extends ClinicalBase {
  readonly orderId: string;
  readonly rxcui: string;
  readonly ndc: string;
  readonly drugName: string;
  readonly quantity: number;
  readonly daysSupply: number;
  readonly fillDate: string;
  readonly fillNumber: number;
  readonly pharmacyType: 'retail' | 'mail';
  /** NCPDP provider id of the pharmacy (synthetic, 7 digits). */
  readonly pharmacyId: string;
  readonly status: 'completed';
  readonly sig: string;
  readonly prescriberNpi: string;
}

export interface ImmunizationRecord extends ClinicalBase {
  readonly encounterId?: string;
  readonly cvx: string;
  readonly display: string;
  readonly date: string;
  readonly status: 'completed' | 'not-done';
  readonly statusReason?: string;
  readonly lotNumber?: string;
  readonly manufacturerMvx?: string;
  readonly expirationDate?: string;
  readonly site?: string;
  readonly route: string;
  readonly doseNumber?: number;
  /** False for doses reported from elsewhere (an immunization registry, a prior chart). */
  readonly primarySource: boolean;
  readonly performerNpi?: string;
}

export interface LabResultRecord extends ClinicalBase {
  readonly encounterId: string;
  /** Accession: results ordered together share it. */
  readonly orderId: string;
  readonly panelLoinc?: string;
  readonly panelDisplay?: string;
  readonly loinc: string;
  readonly display: string;
  readonly value?: number;
  readonly unit?: string;
  readonly valueCode?: string;
  readonly valueDisplay?: string;
  readonly low?: number;
  readonly high?: number;
  /** HL7 v2 table 0078: N, H, L, A (abnormal coded result). */
  readonly interpretation: 'N' | 'H' | 'L' | 'A';
  readonly specimen: string;
  readonly collectedAt: string;
  readonly issuedAt: string;
  readonly status: 'final' | 'corrected';
  readonly ordererNpi: string;
}

export interface VitalSignRecord extends ClinicalBase {
  readonly encounterId: string;
  /** Measurements taken together share it (both blood pressure components, for one). */
  readonly groupId: string;
  /** Legacy kind code (clinical-vitals.ts VITAL_KINDS). */
  readonly kind: string;
  readonly loinc: string;
  readonly display: string;
  readonly value: number;
  readonly unit: string;
  readonly measuredAt: string;
}

export interface SocialHistoryRecord extends ClinicalBase {
  readonly encounterId?: string;
  readonly kind: 'SMOKING' | 'SEX_ORIENT' | 'SDOH';
  readonly loinc: string;
  readonly display: string;
  readonly panelLoinc?: string;
  readonly answerSystem: 'snomed' | 'loinc' | 'v3-NullFlavor';
  readonly answerCode: string;
  readonly answerDisplay: string;
  readonly observedAt: string;
}

export interface ProcedureRecord extends ClinicalBase {
  readonly encounterId: string;
  readonly cpt: string;
  readonly snomed: string;
  readonly display: string;
  readonly status: 'completed';
  readonly date: string;
  readonly performerNpi: string;
  readonly reasonConditionId?: string;
}

export interface EncounterRecord extends ClinicalBase {
  readonly kind: string;
  readonly cpt: string;
  readonly snomedType: string;
  readonly display: string;
  readonly patientClass: 'O' | 'E' | 'I' | 'V';
  readonly status: 'finished';
  readonly start: string;
  readonly end: string;
  readonly reasonConditionId?: string;
  readonly reasonIcd10?: string;
  readonly reasonDisplay?: string;
  /** UB-04 discharge status for inpatient stays (01 home). */
  readonly dischargeDisposition?: string;
  readonly facilityNpi: string;
  readonly facilityName: string;
  readonly attenderNpi: string;
}

export interface CareTeamMemberRecord extends ClinicalBase {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamStatus: 'active' | 'inactive';
  readonly roleSnomed: string;
  readonly roleDisplay: string;
  readonly npi: string;
  readonly taxonomy: string;
  readonly specialtyDisplay: string;
  readonly start: string;
}

export interface ClinicalNoteRecord extends ClinicalBase {
  readonly encounterId: string;
  readonly loinc: string;
  readonly display: string;
  readonly date: string;
  readonly authorNpi: string;
  readonly status: 'current';
  readonly contentType: 'text/plain';
  readonly text: string;
}

export interface GoalRecord extends ClinicalBase {
  readonly description: string;
  readonly lifecycle: 'active' | 'completed';
  readonly achievement: 'in-progress' | 'improving' | 'achieved' | 'not-achieving';
  readonly startDate: string;
  readonly targetDate: string;
  readonly targetLoinc?: string;
  readonly targetDisplay?: string;
  readonly targetLow?: number;
  readonly targetHigh?: number;
  readonly targetUnit?: string;
  readonly conditionId?: string;
  readonly expressedByNpi: string;
}

export interface DeviceRecord extends ClinicalBase {
  readonly procedureId: string;
  readonly snomed: string;
  readonly display: string;
  readonly deviceIdentifier: string;
  /** GS1 human-readable UDI carrier: (01) DI (11) manufactured (17) expiry (10) lot (21) serial. */
  readonly udiCarrier: string;
  readonly lotNumber: string;
  readonly serialNumber: string;
  readonly manufactureDate: string;
  readonly expirationDate: string;
  readonly manufacturer: string;
  readonly implantDate: string;
  readonly status: 'active' | 'inactive';
}

export interface CarePlanRecord extends ClinicalBase {
  readonly status: 'active' | 'completed';
  readonly start: string;
  readonly end?: string;
  readonly text: string;
  readonly conditionIds: readonly string[];
  readonly goalIds: readonly string[];
  readonly authorNpi: string;
}

/** A member's whole clinical history, each list in date order. */
export interface ClinicalRecord {
  readonly memberId: string;
  readonly index: number;
  readonly conditions: ConditionRecord[];
  readonly allergies: AllergyRecord[];
  readonly medications: MedicationOrderRecord[];
  readonly dispenses: DispenseRecord[];
  readonly immunizations: ImmunizationRecord[];
  readonly labs: LabResultRecord[];
  readonly vitals: VitalSignRecord[];
  readonly social: SocialHistoryRecord[];
  readonly procedures: ProcedureRecord[];
  readonly encounters: EncounterRecord[];
  readonly careTeam: CareTeamMemberRecord[];
  readonly notes: ClinicalNoteRecord[];
  readonly goals: GoalRecord[];
  readonly devices: DeviceRecord[];
  readonly carePlans: CarePlanRecord[];
}

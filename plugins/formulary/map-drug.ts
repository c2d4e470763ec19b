/**
 * A catalog drug as a US Drug Formulary 2.0.1 FormularyDrug (MedicationKnowledge,
 * USDF IG §usdf-FormularyDrug): RxNorm code, status, dose form; id `rx-<rxcui>`.
 */
import type { MedicationKnowledge } from '@medplum/fhirtypes';
import type { LegacyDrug } from './backend.js';

/** USDF FormularyDrug profile. */
export const USDF_FORMULARY_DRUG =
  'http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/usdf-FormularyDrug';
/** RxNorm. */
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** Legacy timestamp `YYYY-MM-DD-HH.MM.SS` (UTC) to a FHIR instant. */
export function instantOf(timestamp: string): string {
  return `${timestamp.slice(0, 10)}T${timestamp.slice(11).replaceAll('.', ':')}Z`;
}

/** The drug as a FormularyDrug. */
export function toFormularyDrug(drug: LegacyDrug): MedicationKnowledge {
  return {
    resourceType: 'MedicationKnowledge',
    id: `rx-${drug.RXCUI}`,
    meta: { profile: [USDF_FORMULARY_DRUG], lastUpdated: instantOf(drug.LAST_UPD_TS) },
    code: { coding: [{ system: RXNORM, code: drug.RXCUI, display: drug.DRUG_NM }] },
    status: 'active',
    doseForm: { text: drug.DOSE_FORM_TXT },
    synonym: drug.BRAND_NM ? [drug.GNRC_NM, drug.BRAND_NM] : [drug.GNRC_NM],
  };
}

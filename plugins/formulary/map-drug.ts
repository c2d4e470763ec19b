/**
 * A catalog drug as a US Drug Formulary 2.0.1 FormularyDrug (MedicationKnowledge, USDF IG
 * §usdf-FormularyDrug): `meta.lastUpdated`, the RxNorm semantic drug coding (SCD/SBD),
 * status and dose form; id `rx-<rxcui>`.
 */
import type { MedicationKnowledge } from '@medplum/fhirtypes';
import type { LegacyDrug } from './backend.js';
import { instantOf, PROFILES, SYSTEMS } from './usdf.js';

/** USDF FormularyDrug profile. */
export const USDF_FORMULARY_DRUG = PROFILES.formularyDrug;
/** RxNorm. */
export const RXNORM = SYSTEMS.rxnorm;
export { instantOf };

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

/**
 * Which PDex source format (`ProvenancePayerDataSource`) each legacy system's records come
 * from, by plugin name: claims arrive as X12 837 (pharmacy as NCPDP, see build.ts), prior
 * authorizations as X12 278, enrollment as X12 834 (`x12other`), directory and formulary data
 * as the payer's own feeds. The clinical repository gathers records from providers' EHRs,
 * labs, pharmacies and registries and keeps no record's original format, so its records are
 * `other` (PDex: any format not specifically defined) rather than a guessed C-CDA or v2 code.
 * Operators override or extend the table by option.
 */
import type { TargetSource } from './build.js';

/** Plugin name -> source format code. */
export type SourceFormats = Readonly<Record<string, string>>;

/** The formats of the plugins this repository ships. */
export const DEFAULT_SOURCE_FORMATS: SourceFormats = {
  claims: 'x12837',
  'prior-auth': 'x12278',
  membership: 'x12other',
  clinical: 'other',
  directory: 'customtx',
  formulary: 'customtx',
  'gateway-store': 'hl7fhirr4',
};

/** The source of a target served by `system`. */
export function sourceOf(system: string, formats: SourceFormats): TargetSource {
  const format = formats[system];
  return format ? { system, format } : { system };
}

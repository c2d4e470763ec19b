/**
 * Patient `$everything` (R4 OperationDefinition Patient-everything,
 * https://hl7.org/fhir/R4/patient-operation-everything.html) as FHIR route table entries and
 * the operation declaration for the CapabilityStatement. The routes go before the generic
 * operation routes (`fhirRoutes` of the app), so they pass the same authentication and
 * AccessPolicy checks as every other route; the handler reads the gateway's own registry,
 * access policy, paging limits and audit trail from the services it is given.
 */
import type { OperationCapability } from '../../plugins/sdk/contract.js';
import type { FhirRoute } from '../fhir/routes.js';
import { everythingTypes, patientEverything } from './handler.js';

/** The operation for the CapabilityStatement (`Patient` type and instance level). */
export const EVERYTHING_OPERATION: OperationCapability = {
  name: 'everything',
  definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
  resourceType: 'Patient',
  level: ['type', 'instance'],
  affectsState: false,
};

const ID = '(?<id>[A-Za-z0-9\\-.]{1,64})';
const OPERATION = '\\$(?<operation>everything)';
const PATHS = [
  new RegExp(`^/(?<type>Patient)/${ID}/${OPERATION}$`),
  new RegExp(`^/(?<type>Patient)/${OPERATION}$`),
];

/**
 * `GET` and `POST` (Parameters body) on `Patient/[id]/$everything` and, for a token with a
 * patient context, `Patient/$everything`. Access: reading the Patient is required (`r` on
 * Patient); each compartment type is kept only where the token grants `r` on it.
 */
export function everythingRoutes(): FhirRoute[] {
  return PATHS.flatMap((path) =>
    (['get', 'post'] as const).map((method): FhirRoute => ({
      method,
      path,
      access: { action: 'r', types: everythingTypes },
      handler: patientEverything,
    })),
  );
}

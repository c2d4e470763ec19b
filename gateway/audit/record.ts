/**
 * Records every disclosure of patient data in the store's audit trail: who (client, user),
 * whose (patient), what (interaction, types, count) and when. Feeds security review and the
 * CMS Patient Access metrics. Failures to audit are logged and re-thrown: data is not served
 * without its audit record.
 */
import type { Resource } from '@medplum/fhirtypes';
import { compartmentPatients, isPatientData } from '../auth/compartment.js';
import type { AuditRepository } from '../store/types.js';
import type { FhirRequest } from '../fhir/types.js';

/** Writes one audit event for the resources disclosed (or written) by a request. */
export async function recordAccess(
  audit: AuditRepository | undefined,
  req: FhirRequest,
  interaction: string,
  resources: readonly Resource[],
): Promise<void> {
  const patientData = resources.filter((resource) => isPatientData(resource.resourceType));
  if (!audit || !req.principal || patientData.length === 0) return;
  const principal = req.principal;
  await audit.record({
    time: new Date().toISOString(),
    requestId: req.requestId,
    clientId: principal.clientId,
    user: principal.fhirUser,
    patientId: principal.patient ?? singlePatient(patientData),
    interaction,
    resourceTypes: [...new Set(patientData.map((resource) => resource.resourceType))].sort(),
    count: patientData.length,
    purpose: principal.purpose,
    outcome: 'success',
  });
}

function singlePatient(resources: readonly Resource[]): string | undefined {
  const ids = new Set(resources.flatMap((resource) => compartmentPatients(resource)));
  return ids.size === 1 ? [...ids][0] : undefined;
}

/**
 * Patient `$everything` (R4 OperationDefinition Patient-everything): the Patient, every
 * resource of its compartment the caller may see (from every plugin serving a compartment
 * type, federated types included) and the non-compartment resources they refer to, as a
 * searchset Bundle paged with an opaque cursor. Authorization is the route table's, like
 * every FHIR route: reading the Patient is required; compartment types the token's scopes
 * do not allow are left out (and named in an informational issue on the first page).
 */
import type { OperationOutcomeIssue, Patient, Resource } from '@medplum/fhirtypes';
import type { AccessConstraints } from '../../plugins/sdk/contract.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../plugins/sdk/errors.js';
import { recordAccess } from '../audit/record.js';
import { PATIENT_COMPARTMENT } from '../auth/compartment.js';
import { searchset } from '../fhir/bundle.js';
import type { RequestedTypes } from '../fhir/routes.js';
import { pluginContext, type FhirServices } from '../fhir/services.js';
import type { FhirRequest, FhirResponse } from '../fhir/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { everythingParams, type EverythingParams } from './params.js';
import { referencedResources } from './references.js';
import { canWalk } from './sources.js';
import { sinceAdmits, walkPage, type Walk, type WalkPage } from './walk.js';

/**
 * The types a request touches, for the route table: the Patient must be readable; the
 * compartment types are kept where the token allows them. Parameters are validated here,
 * so a bad one is a 400 before anything is read.
 */
export function everythingTypes(services: FhirServices, req: FhirRequest): RequestedTypes {
  const params = everythingParams(req, services.registry, services.limits);
  return { named: ['Patient'], implied: compartmentTypes(services, params) };
}

/** GET or POST [base]/Patient/[id]/$everything and [base]/Patient/$everything. */
export async function patientEverything(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const started = Date.now();
  const params = everythingParams(req, services.registry, services.limits);
  const patientId = targetPatient(req);
  const patient = await readPatient(services, req, patientId);
  const walk = buildWalk(services, req, patientId, params);
  const page = await firstOrNextPage(walk, params, patient);
  const included = await referencedResources({ services, req, types: params.types }, page.matches);
  await recordAccess(services.audit, req, 'operation:$everything', [...page.matches, ...included]);
  req.logger.info('patient everything page', {
    matches: page.matches.length,
    included: included.length,
    dropped: page.dropped,
    types: walk.types.length,
    more: page.next !== undefined,
    ms: Date.now() - started,
  });
  return { status: 200, resource: bundle(req, params, walk, page, included) };
}

/**
 * Compartment types served, walkable, asked for by `_type`, in name order. Public types are
 * left out (public access discloses no patient data) unless they also hold patient records
 * for a token that grants them (`tokenContextFirst`, the derived Provenance).
 */
function compartmentTypes(services: FhirServices, params: EverythingParams): string[] {
  return services.registry.types().filter((type) => {
    const route = services.registry.forType(type);
    if (!route || type === 'Patient' || !(type in PATIENT_COMPARTMENT)) return false;
    const { capability } = route;
    if (capability.public === true && capability.tokenContextFirst !== true) return false;
    return canWalk(route) && (!params.types || params.types.has(type));
  });
}

/** The instance's id, or at type level the patient of the token's context. */
function targetPatient(req: FhirRequest): string {
  if (req.id !== undefined) return req.id;
  const patient = req.principal?.patient;
  if (patient) return patient;
  throw new BadRequestError(
    'Patient/$everything needs a patient: call Patient/[id]/$everything, or use a token with ' +
      'a patient context (for many patients use bulk $export)',
  );
}

/** The Patient, read like a direct read: outside the token's compartment is 403, absent 404. */
async function readPatient(services: FhirServices, req: FhirRequest, id: string): Promise<Patient> {
  const constraints = req.typeConstraints?.get('Patient') ?? {};
  if (constraints.patientIds && !constraints.patientIds.includes(id)) throw outsideCompartment();
  const route = services.registry.forType('Patient');
  const resource = await route?.plugin.read?.(
    { resourceType: 'Patient', id },
    pluginContext(req, constraints),
  );
  if (!resource || resource.resourceType !== 'Patient' || resource.id !== id) {
    throw new NotFoundError(`Patient/${id} was not found`);
  }
  if (!services.access.admits(constraints, resource)) throw outsideCompartment();
  return resource;
}

function buildWalk(
  services: FhirServices,
  req: FhirRequest,
  patientId: string,
  params: EverythingParams,
): Walk {
  const constraints = new Map<string, AccessConstraints>();
  for (const type of compartmentTypes(services, params)) {
    const granted = req.typeConstraints?.get(type);
    const narrowed = granted && toPatient(granted, patientId);
    if (narrowed) constraints.set(type, narrowed);
  }
  const types = [...constraints.keys()];
  const { since, care, count: pageSize } = params;
  return { services, req, patientId, since, care, pageSize, types, constraints };
}

/** The type's constraints confined to this patient's compartment (none if it is excluded). */
function toPatient(granted: AccessConstraints, patientId: string): AccessConstraints | undefined {
  if (granted.withoutPatientData) return undefined;
  if (granted.patientIds && !granted.patientIds.includes(patientId)) return undefined;
  return { ...granted, patientIds: [patientId] };
}

/** Page one starts with the Patient (when `_type` and `_since` keep it); others at the cursor. */
async function firstOrNextPage(
  walk: Walk,
  params: EverythingParams,
  patient: Patient,
): Promise<WalkPage> {
  const first = walk.types[0];
  if (params.cursor !== undefined) {
    const start = decodeCursor(params.cursor, walk.patientId, walk.types);
    return walkPage(walk, start, params.count);
  }
  const keep = (!params.types || params.types.has('Patient')) && sinceAdmits(walk.since, patient);
  const head: Resource[] = keep ? [patient] : [];
  if (first === undefined) return { matches: head, dropped: 0 };
  const page = await walkPage(walk, { type: first }, params.count - head.length);
  return { ...page, matches: [...head, ...page.matches] };
}

function bundle(
  req: FhirRequest,
  params: EverythingParams,
  walk: Walk,
  page: WalkPage,
  included: Resource[],
) {
  const path = req.id === undefined ? 'Patient/$everything' : `Patient/${req.id}/$everything`;
  const issues = params.cursor === undefined ? firstPageIssues(params, walk) : [];
  return searchset({
    baseUrl: req.baseUrl,
    path,
    matches: page.matches,
    included,
    query: params.query,
    nextCursor: page.next && encodeCursor(walk.patientId, page.next),
    ...(issues.length > 0 ? { outcome: { resourceType: 'OperationOutcome', issue: issues } } : {}),
  });
}

/** Compartment types left out for lack of scope. */
function firstPageIssues(params: EverythingParams, walk: Walk): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  const refused = compartmentTypes(walk.services, params).filter(
    (type) => !walk.types.includes(type),
  );
  if (refused.length > 0) {
    issues.push({
      severity: 'information',
      code: 'suppressed',
      diagnostics: `Not included, as the token does not grant access to: ${refused.join(', ')}`,
    });
  }
  return issues;
}

function outsideCompartment(): ForbiddenError {
  return new ForbiddenError(
    "The resource is outside the token's patient compartment (SMART patient/ scopes grant only " +
      "the launch patient's own data)",
  );
}

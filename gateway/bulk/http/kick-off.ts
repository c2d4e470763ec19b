/**
 * Bulk Data Kick-off Request (Bulk Data 2.0 §"Bulk Data Kick-off Request"): `[base]/$export`,
 * `[base]/Patient/$export`, `[base]/Group/[id]/$export`, by GET or POST with Parameters.
 * The route table has already authenticated the caller and authorized each requested type;
 * this checks the headers, validates the parameters into a job, enforces the per-client job
 * limit (429) and answers 202 with the absolute polling location in `Content-Location`.
 */
import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  ForbiddenError,
  TooManyRequestsError,
} from '../../../plugins/sdk/errors.js';
import { patientIdOf } from '../../auth/compartment.js';
import type { Principal } from '../../auth/principal.js';
import { outcome } from '../../fhir/outcome.js';
import type { FhirRequest, FhirResponse } from '../../fhir/types.js';
import type { ExportLevel, ExportSpec } from '../jobs/types.js';
import { buildSpec } from '../params/export-spec.js';
import { kickoffParams, type RawParams } from '../params/kickoff-params.js';
import { KickoffNotes } from '../params/notes.js';
import { findGroup, ownerOf, statusUrl, type BulkContext } from './context.js';

/** Largest `patient` list whose members are each checked to exist. */
const CHECKED_PATIENTS = 100;

/** Starts an export job. */
export async function kickOff(
  ctx: BulkContext,
  req: FhirRequest,
  level: ExportLevel,
): Promise<FhirResponse> {
  checkHeaders(req);
  const principal = req.principal as Principal;
  const params = kickoffParams(req);
  const notes = new KickoffNotes(req.lenientHandling === true);
  for (const skipped of req.skippedTypes ?? []) notes.skipped(skipped.reason, '_type');
  if ((req.typeConstraints?.size ?? 0) === 0 && (req.skippedTypes?.length ?? 0) === 0) {
    throw new ForbiddenError(
      "The token's scopes allow reading none of the resource types this server exports",
    );
  }

  const patients = await exportPatients(ctx, req, level, params, notes);
  const method = req.method === 'POST' ? 'POST' : 'GET';
  const typeAccess = req.typeConstraints ?? new Map();
  const built = buildSpec({
    level,
    groupId: req.id,
    method,
    params,
    notes,
    typeAccess,
    registry: ctx.registry,
    patients,
  });
  const spec: ExportSpec = {
    ...built,
    requester: { purpose: principal.purpose, fhirUser: principal.fhirUser },
  };
  const id = randomUUID();
  const job = {
    id,
    owner: ownerOf(principal),
    requestUrl: requestUrl(req, level),
    spec,
    transactionTime: new Date().toISOString(),
    issues: notes.issues,
  };
  if (!(await ctx.repo.create(job, ctx.settings.perClientJobs))) throw tooMany(ctx);

  ctx.logger.info('bulk export accepted', {
    jobId: id,
    level,
    types: spec.types,
    clientId: principal.clientId,
  });
  ctx.engine.wake();
  const message = `Export job accepted; poll ${statusUrl(req.baseUrl, id)}`;
  return {
    status: 202,
    headers: { 'Content-Location': statusUrl(req.baseUrl, id) },
    resource: outcome('information', 'informational', message, req.requestId),
  };
}

/** `Prefer: respond-async` is required; `Accept`, when sent, must allow application/fhir+json. */
function checkHeaders(req: FhirRequest): void {
  if (!/(^|[\s,;])respond-async($|[\s,;])/.test(req.prefer ?? '')) {
    throw new BadRequestError(
      'Bulk export is asynchronous: send the header "Prefer: respond-async"',
      {
        expression: ['Prefer'],
      },
    );
  }
  const accept = req.accept;
  if (accept === undefined || accept.trim() === '') return;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  if (
    !types.some(
      (type) => type === 'application/fhir+json' || type === '*/*' || type === 'application/*',
    )
  ) {
    throw new BadRequestError(
      `Bulk export answers in application/fhir+json; Accept "${accept}" cannot be satisfied`,
      {
        expression: ['Accept'],
      },
    );
  }
}

/**
 * The patients a Patient- or Group-level export is limited to: the group's members, narrowed
 * by the POST `patient` parameter; a named patient outside the group, or unknown to the
 * server, is refused (or skipped under lenient handling).
 */
async function exportPatients(
  ctx: BulkContext,
  req: FhirRequest,
  level: ExportLevel,
  params: RawParams,
  notes: KickoffNotes,
): Promise<readonly string[] | undefined> {
  const members = level === 'group' ? findGroup(ctx.settings.groups, req.id).patients : undefined;
  const named = req.method === 'POST' && level !== 'system' ? params.get('patient') : undefined;
  if (!named) return members;
  const ids: string[] = [];
  for (const reference of named) {
    const id = patientIdOf(reference);
    if (!id) notes.invalid(`patient "${reference}" is not a Patient reference`, 'patient');
    else if (members && !members.includes(id)) {
      notes.invalid(`Patient/${id} is not a member of Group/${req.id ?? ''}`, 'patient');
    } else ids.push(id);
  }
  return checkExist(ctx, req, ids, notes);
}

/** Reads each named patient (through the caller's access) when the list is small. */
async function checkExist(
  ctx: BulkContext,
  req: FhirRequest,
  ids: string[],
  notes: KickoffNotes,
): Promise<string[]> {
  const route = ctx.registry.forType('Patient');
  const constraints = req.typeConstraints?.get('Patient');
  if (!route?.plugin.read || !constraints || ids.length > CHECKED_PATIENTS) return ids;
  const found: string[] = [];
  for (const id of ids) {
    const rc = { requestId: req.requestId, logger: req.logger, constraints, signal: req.signal };
    const patient = await route.plugin.read({ resourceType: 'Patient', id }, rc);
    if (patient && ctx.access.admits(constraints, patient)) found.push(id);
    else notes.invalid(`Patient/${id} is not known to this server`, 'patient');
  }
  return found;
}

/** The kick-off URL for the manifest; without parameters for POST, as the spec says. */
function requestUrl(req: FhirRequest, level: ExportLevel): string {
  const path =
    level === 'system'
      ? '/$export'
      : level === 'patient'
        ? '/Patient/$export'
        : `/Group/${req.id ?? ''}/$export`;
  const query = new URLSearchParams(
    req.query.map(([name, value]): [string, string] => [name, value]),
  ).toString();
  return `${req.baseUrl}${path}${req.method === 'GET' && query ? `?${query}` : ''}`;
}

function tooMany(ctx: BulkContext): TooManyRequestsError {
  return new TooManyRequestsError(
    `This client already has ${ctx.settings.perClientJobs} export jobs queued or running; ` +
      'wait for one to finish or cancel one (DELETE its status URL)',
    { headers: { 'Retry-After': String(ctx.settings.retryAfterSeconds) } },
  );
}

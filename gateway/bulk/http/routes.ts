/**
 * The bulk export endpoints as FHIR route table entries (`gateway/fhir/routes.ts`), so they
 * pass the same authentication and AccessPolicy checks as every other route: kick-off
 * authorizes each requested type (refusals are 403, or skipped with lenient handling); status,
 * cancel and download re-check a read scope on every type of the job (Bulk Data 2.0: they
 * "SHALL be protected the same way the Bulk Data Kick-off Request"), then the ownership rule.
 */
import type { FhirRoute, RequestedTypes } from '../../fhir/routes.js';
import type { FhirRequest } from '../../fhir/types.js';
import { requestedTypes } from '../params/export-types.js';
import { kickoffParams } from '../params/kickoff-params.js';
import type { ExportLevel } from '../jobs/types.js';
import { findOwnedJob, type BulkContext } from './context.js';
import { downloadFile } from './download.js';
import { kickOff } from './kick-off.js';
import { cancelJob, jobStatus } from './status.js';

const ID = '(?<id>[A-Za-z0-9\\-.]{1,64})';
const FILE = '(?<file>[A-Z][A-Za-z]+-[0-9]{1,6}\\.ndjson)';

const KICK_OFF: ReadonlyArray<readonly [ExportLevel, RegExp]> = [
  ['system', /^\/\$export$/],
  ['patient', /^\/(?<type>Patient)\/\$export$/],
  ['group', new RegExp(`^/(?<type>Group)/${ID}/\\$export$`)],
];
const STATUS = new RegExp(`^/bulk/status/${ID}$`);
const DOWNLOAD = new RegExp(`^/bulk/files/${ID}/${FILE}$`);

/** The bulk export routes over `ctx`. */
export function bulkRoutes(ctx: BulkContext): FhirRoute[] {
  const kickOffRoutes = KICK_OFF.flatMap(([level, path]) =>
    (['get', 'post'] as const).map((method): FhirRoute => ({
      method,
      path,
      access: { action: 'r', types: (_services, req) => kickOffTypes(ctx, level, req) },
      handler: (_services, req) => kickOff(ctx, req, level),
    })),
  );
  const jobTypes = {
    action: 'r' as const,
    types: (_s: unknown, req: FhirRequest) => typesOfJob(ctx, req),
  };
  return [
    ...kickOffRoutes,
    {
      method: 'get',
      path: STATUS,
      access: jobTypes,
      handler: (_services, req) => jobStatus(ctx, req),
    },
    {
      method: 'delete',
      path: STATUS,
      access: jobTypes,
      handler: (_services, req) => cancelJob(ctx, req),
    },
    {
      method: 'get',
      path: DOWNLOAD,
      access: { action: 'r', types: (_services, req) => typeOfFile(ctx, req) },
      handler: (_services, req) => downloadFile(ctx, req),
      negotiate: false,
    },
  ];
}

function kickOffTypes(ctx: BulkContext, level: ExportLevel, req: FhirRequest): RequestedTypes {
  return { ...requestedTypes(level, kickoffParams(req), ctx.registry), lenient: true };
}

/** Every type of the caller's own job must still be readable with this token. */
async function typesOfJob(ctx: BulkContext, req: FhirRequest): Promise<RequestedTypes> {
  const job = await findOwnedJob(ctx, req);
  return { named: job?.spec.types ?? [] };
}

async function typeOfFile(ctx: BulkContext, req: FhirRequest): Promise<RequestedTypes> {
  const job = await findOwnedJob(ctx, req);
  const type = /^([A-Za-z]+)-/.exec(req.pathParams?.file ?? '')?.[1];
  return { named: job && type && type !== 'OperationOutcome' ? [type] : [] };
}

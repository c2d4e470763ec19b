/**
 * The membership plugin: serves the legacy membership & eligibility system
 * (oas/membership-backend.yaml) as US Core 6.1.0 and CARIN BB 2.1.0 Patient, CARIN BB 2.1.0
 * Coverage and the payer as CARIN BB Organization. The module's default export is the
 * {@link PluginFactory}.
 *
 * Options: `baseUrl` (required, the backend), `name` (default `membership`),
 * `identifierSystemBase` (identifier systems `<base>/member-id` and `<base>/payer-id`) and
 * `streamPageSize` (backend rows per page when streaming, default 200).
 */
import type { Coverage, Organization, Patient } from '@medplum/fhirtypes';
import type {
  HealthStatus,
  Plugin,
  PluginFactory,
  ReadRequest,
  RequestContext,
  SearchRequest,
  SearchResult,
} from '../sdk/contract.js';
import { GatewayError, NotImplementedError } from '../sdk/errors.js';
import { MembershipClient } from './backend.js';
import { CAPABILITIES } from './capabilities.js';
import { readCoverage, searchCoverages } from './coverages.js';
import type { MembershipEnv } from './env.js';
import { parseOptions } from './options.js';
import { readOrganization, searchOrganizations } from './organizations.js';
import { readPatient, searchPatients } from './patients.js';
import { streamResources } from './stream.js';

export { CAPABILITIES } from './capabilities.js';
export { C4BB_COVERAGE, C4BB_ORGANIZATION, C4BB_PATIENT, US_CORE_PATIENT } from './profiles.js';

type Reader = (
  env: MembershipEnv,
  id: string,
  ctx: RequestContext,
) => Promise<Patient | Coverage | Organization | undefined>;
type Searcher = (
  env: MembershipEnv,
  req: SearchRequest,
  ctx: RequestContext,
) => Promise<SearchResult>;

const READERS: Readonly<Record<string, Reader>> = {
  Patient: readPatient,
  Coverage: readCoverage,
  Organization: readOrganization,
};
const SEARCHERS: Readonly<Record<string, Searcher>> = {
  Patient: searchPatients,
  Coverage: searchCoverages,
  Organization: searchOrganizations,
};

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createMembershipPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const env: MembershipEnv = {
    client: new MembershipClient(pluginCtx.http, options.baseUrl),
    options,
  };
  pluginCtx.logger.info('membership plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: (req: ReadRequest, ctx) => handlerFor(READERS, req.resourceType)(env, req.id, ctx),
    search: (req, ctx) => handlerFor(SEARCHERS, req.resourceType)(env, req, ctx),
    stream: (req, ctx) => streamResources(env, req, ctx),
    health: (ctx) => health(env, ctx),
  };
  return plugin;
};

export default createMembershipPlugin;

function handlerFor<T>(handlers: Readonly<Record<string, T>>, resourceType: string): T {
  const handler = handlers[resourceType];
  if (!handler) {
    throw new NotImplementedError(`The membership plugin does not serve ${resourceType}`);
  }
  return handler;
}

/** Backend liveness: pass when it answers UP, fail (with the reason, no PHI) otherwise. */
async function health(env: MembershipEnv, ctx: RequestContext): Promise<HealthStatus> {
  try {
    const answer = await env.client.health(ctx.signal);
    if (answer.STATUS === 'UP') return { status: 'pass' };
    return { status: 'warn', detail: `membership system reports ${answer.STATUS}` };
  } catch (err) {
    const detail = err instanceof GatewayError ? (err.detail ?? err.message) : String(err);
    return { status: 'fail', detail };
  }
}

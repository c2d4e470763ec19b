/**
 * The claims plugin: serves the legacy claims system (oas/claims-backend.yaml) as CARIN
 * Blue Button 2.1.0 ExplanationOfBenefit in its five profiles (Inpatient and Outpatient
 * Institutional, Professional-NonClinician, Pharmacy, Oral), dates of service from
 * 2016-01-01 on. References use the membership plugin's ids (Patient `MBR########`,
 * Coverage `<member id>-<span>`, payer Organization) and the directory's NPI-based ids
 * (`Organization/npi-<NPI>`, `Practitioner/npi-<NPI>`). The default export is the
 * {@link PluginFactory}.
 *
 * Options: `baseUrl` (required), `name` (default `claims`), `payerId` (default `CMHP1`),
 * `identifierSystemBase`, `streamPageSize` (default 100).
 */
import type { HealthStatus, Plugin, PluginFactory, RequestContext } from '../sdk/contract.js';
import { GatewayError, NotImplementedError } from '../sdk/errors.js';
import { ClaimsClient } from './backend.js';
import { CAPABILITIES } from './capabilities.js';
import type { ClaimsEnv } from './env.js';
import { readEob, searchEobs } from './eobs.js';
import { parseOptions } from './options.js';
import { streamEobs } from './stream.js';

export { CAPABILITIES } from './capabilities.js';
export { EOB_PROFILES } from './profiles.js';

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createClaimsPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const env: ClaimsEnv = { client: new ClaimsClient(pluginCtx.http, options.baseUrl), options };
  pluginCtx.logger.info('claims plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: async (req, ctx) => {
      check(req.resourceType);
      return readEob(env, req.id, ctx);
    },
    search: async (req, ctx) => {
      check(req.resourceType);
      return searchEobs(env, req, ctx);
    },
    stream: (req, ctx) => streamEobs(env, req, ctx),
    health: (ctx) => health(env, ctx),
  };
  return plugin;
};

export default createClaimsPlugin;

function check(resourceType: string): void {
  if (resourceType !== 'ExplanationOfBenefit') {
    throw new NotImplementedError(`The claims plugin does not serve ${resourceType}`);
  }
}

/** Backend liveness: pass when it answers UP, fail (with the reason, no PHI) otherwise. */
async function health(env: ClaimsEnv, ctx: RequestContext): Promise<HealthStatus> {
  try {
    const answer = await env.client.health(ctx.signal);
    if (answer.STATUS === 'UP') return { status: 'pass' };
    return { status: 'warn', detail: `claims system reports ${answer.STATUS}` };
  } catch (err) {
    const detail = err instanceof GatewayError ? (err.detail ?? err.message) : String(err);
    return { status: 'fail', detail };
  }
}

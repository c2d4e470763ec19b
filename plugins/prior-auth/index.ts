/**
 * The prior-authorization plugin: serves the legacy utilization-management system
 * (oas/utilization-backend.yaml) as PDex 2.1.0 Prior Authorization ExplanationOfBenefit
 * (use `preauthorization`, ids `pa-<auth number>`), limited to the CMS-0057-F scope: non-drug
 * requests, visible while active and for one year after their last status change.
 * The module's default export is the {@link PluginFactory}.
 *
 * Options: `baseUrl` (required), `name` (default `prior-auth`), `identifierSystemBase`,
 * `payerId` (the membership plugin's payer Organization id, default `CMHP1`), `asOf` (fixed
 * today, YYYY-MM-DD) and `streamPageSize` (default 200).
 */
import type { HealthStatus, Plugin, PluginFactory, RequestContext } from '../sdk/contract.js';
import { GatewayError, NotImplementedError } from '../sdk/errors.js';
import { readPriorAuth, searchPriorAuths } from './auths.js';
import { UtilizationClient } from './backend.js';
import { CAPABILITIES } from './capabilities.js';
import type { PriorAuthEnv } from './env.js';
import { parseOptions } from './options.js';
import { streamPriorAuths } from './stream.js';

export { CAPABILITIES } from './capabilities.js';
export { PDEX_PRIOR_AUTH } from './profiles.js';

const TYPE = 'ExplanationOfBenefit';

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createPriorAuthPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const env: PriorAuthEnv = {
    client: new UtilizationClient(pluginCtx.http, options.baseUrl),
    options,
  };
  pluginCtx.logger.info('prior-auth plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: (req, ctx) => {
      checkType(req.resourceType);
      return readPriorAuth(env, req.id, ctx);
    },
    search: (req, ctx) => {
      checkType(req.resourceType);
      return searchPriorAuths(env, req, ctx);
    },
    stream: (req, ctx) => streamPriorAuths(env, req, ctx),
    health: (ctx) => health(env, ctx),
  };
  return plugin;
};

export default createPriorAuthPlugin;

function checkType(resourceType: string): void {
  if (resourceType === TYPE) return;
  throw new NotImplementedError(`The prior-auth plugin does not serve ${resourceType}`);
}

/** Backend liveness: pass when it answers UP, fail (with the reason, no PHI) otherwise. */
async function health(env: PriorAuthEnv, ctx: RequestContext): Promise<HealthStatus> {
  try {
    const answer = await env.client.health(ctx.signal);
    if (answer.STATUS === 'UP') return { status: 'pass' };
    return { status: 'warn', detail: `utilization system reports ${answer.STATUS}` };
  } catch (err) {
    const detail = err instanceof GatewayError ? (err.detail ?? err.message) : String(err);
    return { status: 'fail', detail };
  }
}

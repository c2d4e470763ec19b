/**
 * The provider directory plugin: serves the legacy provider directory
 * (oas/directory-backend.yaml) as Da Vinci PDex Plan-Net 1.1.0 resources, public read and
 * search (CMS-0057-F Provider Directory API); practitioners and organizations are also
 * CARIN BB 2.1.0 C4BB-Practitioner and C4BB-Organization. The default export is the
 * {@link PluginFactory}.
 *
 * Options: `baseUrl` (required, the backend), `name` (default `directory`) and
 * `streamPageSize` (backend rows per page when streaming, default 200).
 * Ids: `npi-<NPI>` for practitioners and provider organizations, `org-`, `net-`, `loc-`,
 * `role-`, `plan-`, `svc-`, `ep-`, `aff-` prefixes on legacy keys otherwise.
 */
import type { HealthStatus, Plugin, PluginFactory, RequestContext } from '../sdk/contract.js';
import { GatewayError } from '../sdk/errors.js';
import { DirectoryClient } from './backend.js';
import { CAPABILITIES } from './capabilities.js';
import type { DirectoryEnv } from './env.js';
import { parseOptions } from './options.js';
import { readResource, searchResources } from './search.js';
import { streamResources } from './stream.js';

export { CAPABILITIES } from './capabilities.js';
export * from './profiles.js';

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createDirectoryPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const env: DirectoryEnv = {
    client: new DirectoryClient(pluginCtx.http, options.baseUrl),
    options,
  };
  pluginCtx.logger.info('directory plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: (req, ctx) => readResource(env, req.resourceType, req.id, ctx),
    search: (req, ctx) => searchResources(env, req, ctx),
    stream: (req, ctx) => streamResources(env, req, ctx),
    health: (ctx) => health(env, ctx),
  };
  return plugin;
};

export default createDirectoryPlugin;

/** Backend liveness: pass when it answers UP, fail (with the reason) otherwise. */
async function health(env: DirectoryEnv, ctx: RequestContext): Promise<HealthStatus> {
  try {
    const status = await env.client.health(ctx.signal);
    if (status === 'UP') return { status: 'pass' };
    return { status: 'warn', detail: `provider directory reports ${status}` };
  } catch (err) {
    const detail = err instanceof GatewayError ? (err.detail ?? err.message) : String(err);
    return { status: 'fail', detail };
  }
}

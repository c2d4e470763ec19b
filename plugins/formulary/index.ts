/**
 * The formulary plugin: serves the legacy formulary system (oas/formulary-backend.yaml) as
 * US Drug Formulary 2.0.1 resources, public read and search (CMS-0057-F: the formulary is
 * public): PayerInsurancePlan (InsurancePlan `pip-<plan>-<year>`, with drug cost sharing per
 * tier and pharmacy benefit type), its coverage areas (InsurancePlanLocation, Location
 * `area-<state>`), Formulary (InsurancePlan `frm-<id>`), FormularyItem (Basic
 * `fi-<formulary>-<rxcui>`) and FormularyDrug (MedicationKnowledge `rx-<rxcui>`).
 *
 * Options: `baseUrl` (required), `name` (default `formulary`), `streamPageSize` (default 200).
 */
import type { HealthStatus, Plugin, PluginFactory, RequestContext } from '../sdk/contract.js';
import { GatewayError, NotImplementedError } from '../sdk/errors.js';
import { FormularyClient } from './backend.js';
import { CAPABILITIES } from './capabilities.js';
import { readDrug, searchDrugs } from './drugs.js';
import { readPlan, searchPlans } from './insurance-plans.js';
import { readItem, searchItems } from './items.js';
import { readArea, searchAreas } from './locations.js';
import { parseOptions } from './options.js';
import { streamAll } from './stream.js';

export { CAPABILITIES };

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createFormularyPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const client = new FormularyClient(pluginCtx.http, options.baseUrl);
  pluginCtx.logger.info('formulary plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: (req, ctx) => {
      if (req.resourceType === 'InsurancePlan') return readPlan(client, req.id, ctx);
      if (req.resourceType === 'Location') return readArea(client, req.id, ctx);
      if (req.resourceType === 'Basic') return readItem(client, req.id, ctx);
      served(req.resourceType);
      return readDrug(client, req.id, ctx);
    },
    search: (req, ctx) => {
      if (req.resourceType === 'InsurancePlan') return searchPlans(client, req, ctx);
      if (req.resourceType === 'Location') return searchAreas(client, req, ctx);
      if (req.resourceType === 'Basic') return searchItems(client, req, ctx);
      served(req.resourceType);
      return searchDrugs(client, req, ctx);
    },
    stream: (req, ctx) => streamAll(client, options.streamPageSize, req, ctx),
    health: (ctx) => health(client, ctx),
  };
  return plugin;
};

export default createFormularyPlugin;

function served(type: string): void {
  if (type === 'MedicationKnowledge') return;
  throw new NotImplementedError(`The formulary plugin does not serve ${type}`);
}

async function health(client: FormularyClient, ctx: RequestContext): Promise<HealthStatus> {
  try {
    const status = await client.health(ctx.signal);
    return status === 'UP' ? { status: 'pass' } : { status: 'warn', detail: `formulary ${status}` };
  } catch (err) {
    const detail = err instanceof GatewayError ? (err.detail ?? err.message) : String(err);
    return { status: 'fail', detail };
  }
}

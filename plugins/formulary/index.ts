/**
 * The formulary plugin: serves the legacy formulary system's drug catalog
 * (oas/formulary-backend.yaml) as US Drug Formulary 2.0.1 Formulary (InsurancePlan, `frm-<id>`)
 * and FormularyDrug (MedicationKnowledge, `rx-<rxcui>`), public read and search (CMS-0057-F: the formulary is public).
 *
 * Options: `baseUrl` (required), `name` (default `formulary`), `streamPageSize` (default 200).
 */
import type {
  HealthStatus,
  Plugin,
  PluginCapabilities,
  PluginFactory,
  RequestContext,
} from '../sdk/contract.js';
import { GatewayError, NotImplementedError } from '../sdk/errors.js';
import { FormularyClient } from './backend.js';
import { readDrug, searchDrugs } from './drugs.js';
import { readFormulary, searchFormularies, USDF_FORMULARY } from './formularies.js';
import { readItem, searchItems, USDF_FORMULARY_ITEM } from './items.js';
import { streamAll } from './stream.js';
import { RXNORM, USDF_FORMULARY_DRUG } from './map-drug.js';
import { parseOptions } from './options.js';

const USDF_SP = 'http://hl7.org/fhir/us/davinci-drug-formulary/SearchParameter';

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    {
      type: 'Basic',
      profiles: [USDF_FORMULARY_ITEM],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: [
        { name: '_id', type: 'token', expression: 'Basic.id' },
        {
          name: 'subject',
          type: 'reference',
          definition: `${USDF_SP}/Basic-subject`,
          expression: 'Basic.subject',
          targets: ['MedicationKnowledge'],
        },
        {
          name: 'formulary',
          type: 'reference',
          definition: `${USDF_SP}/Basic-formulary`,
          expression: 'Basic.extension.valueReference',
          targets: ['InsurancePlan'],
        },
        {
          name: 'status',
          type: 'token',
          definition: `${USDF_SP}/Basic-status`,
          expression: 'Basic.extension.valueCode',
        },
        {
          name: 'drug-tier',
          type: 'token',
          definition: `${USDF_SP}/Basic-drug-tier`,
          expression: 'Basic.extension.valueCodeableConcept',
        },
      ],
      searchIncludes: ['Basic:subject', 'Basic:formulary'],
    },
    {
      type: 'InsurancePlan',
      profiles: [USDF_FORMULARY],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: [
        { name: '_id', type: 'token', expression: 'InsurancePlan.id' },
        {
          name: 'identifier',
          type: 'token',
          definition: `${USDF_SP}/InsurancePlan-identifier`,
          expression: 'InsurancePlan.identifier',
        },
        {
          name: 'status',
          type: 'token',
          definition: `${USDF_SP}/InsurancePlan-status`,
          expression: 'InsurancePlan.status',
        },
        {
          name: 'type',
          type: 'token',
          definition: `${USDF_SP}/InsurancePlan-type`,
          expression: 'InsurancePlan.type',
        },
        {
          name: 'name',
          type: 'string',
          definition: `${USDF_SP}/InsurancePlan-name`,
          expression: 'InsurancePlan.name',
          modifiers: ['exact', 'contains'],
        },
      ],
    },
    {
      type: 'MedicationKnowledge',
      profiles: [USDF_FORMULARY_DRUG],
      interactions: ['read', 'search-type'],
      public: true,
      searchParams: [
        { name: '_id', type: 'token', expression: 'MedicationKnowledge.id' },
        {
          name: 'code',
          type: 'token',
          definition: `${USDF_SP}/MedicationKnowledge-code`,
          expression: 'MedicationKnowledge.code',
          documentation: `RxNorm code (${RXNORM}), OR of up to 100.`,
        },
        {
          name: 'drug-name',
          type: 'string',
          definition: `${USDF_SP}/MedicationKnowledge-drug-name`,
          expression: 'MedicationKnowledge.code.coding.display',
          modifiers: ['exact', 'contains'],
        },
      ],
    },
  ],
};

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createFormularyPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const client = new FormularyClient(pluginCtx.http, options.baseUrl);
  pluginCtx.logger.info('formulary plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: (req, ctx) => {
      if (req.resourceType === 'InsurancePlan') return readFormulary(client, req.id, ctx);
      if (req.resourceType === 'Basic') return readItem(client, req.id, ctx);
      served(req.resourceType);
      return readDrug(client, req.id, ctx);
    },
    search: (req, ctx) => {
      if (req.resourceType === 'InsurancePlan') return searchFormularies(client, req, ctx);
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

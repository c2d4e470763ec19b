/**
 * The clinical plugin: serves the legacy clinical data repository (oas/clinical-backend.yaml)
 * as US Core 6.1.0 (USCDI v3) for Patient Access and payer-to-payer exchange: Condition,
 * AllergyIntolerance, MedicationRequest, Immunization, Observation (laboratory, vital signs,
 * smoking status, sexual orientation, SDOH screening), DiagnosticReport (laboratory reports;
 * imaging, ECG and pathology reports from the report-type clinical notes), Procedure,
 * Encounter, CareTeam, DocumentReference (clinical notes), Goal and CarePlan. References use the membership
 * plugin's Patient ids (`MBR########`) and the directory's NPI-based ids
 * (`Practitioner/npi-<NPI>`, `Organization/npi-<NPI>`). The default export is the
 * {@link PluginFactory}.
 *
 * Options: `baseUrl` (required), `name` (default `clinical`), `identifierSystemBase`,
 * `streamPageSize` (default 200).
 */
import type { HealthStatus, Plugin, PluginFactory, RequestContext } from '../sdk/contract.js';
import { GatewayError } from '../sdk/errors.js';
import { ClinicalClient } from './backend.js';
import { CAPABILITIES } from './capabilities.js';
import type { ClinicalEnv } from './env.js';
import { parseOptions } from './options.js';
import { readClinical, searchClinical } from './search.js';
import { streamClinical } from './stream.js';

export { CAPABILITIES } from './capabilities.js';
export { PROFILES } from './profiles.js';

/** Creates the plugin; throws PluginOptionsError naming a bad option. */
const createClinicalPlugin: PluginFactory = async (rawOptions, pluginCtx) => {
  const options = parseOptions(rawOptions);
  const env: ClinicalEnv = { client: new ClinicalClient(pluginCtx.http, options.baseUrl), options };
  pluginCtx.logger.info('clinical plugin ready', { backend: options.baseUrl });
  const plugin: Plugin = {
    name: options.name,
    capabilities: CAPABILITIES,
    read: (req, ctx) => readClinical(env, req.resourceType, req.id, ctx),
    search: (req, ctx) => searchClinical(env, req, ctx),
    stream: (req, ctx) => streamClinical(env, req, ctx),
    health: (ctx) => health(env, ctx),
  };
  return plugin;
};

export default createClinicalPlugin;

/** Backend liveness: pass when it answers UP, fail (with the reason, no PHI) otherwise. */
async function health(env: ClinicalEnv, ctx: RequestContext): Promise<HealthStatus> {
  try {
    const answer = await env.client.health(ctx.signal);
    if (answer.STATUS === 'UP') return { status: 'pass' };
    return { status: 'warn', detail: `clinical system reports ${answer.STATUS}` };
  } catch (err) {
    const detail = err instanceof GatewayError ? (err.detail ?? err.message) : String(err);
    return { status: 'fail', detail };
  }
}

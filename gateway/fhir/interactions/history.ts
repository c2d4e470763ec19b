/**
 * history-instance (R4 §3.1.0.9): every version of one resource, newest first, for plugins
 * that keep versions (the gateway's own store does).
 */
import { recordAccess } from '../../audit/record.js';
import { NotFoundError } from '../../../plugins/sdk/errors.js';
import { historyBundle } from '../bundle.js';
import { pluginContext, routeFor, type FhirServices } from '../services.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** GET [base]/[type]/[id]/_history */
export async function historyInstance(
  services: FhirServices,
  req: FhirRequest,
): Promise<FhirResponse> {
  const { plugin, capability } = routeFor(services, req, 'history-instance');
  const constraints = req.constraints;
  const versions = await plugin.history!(
    { resourceType: capability.type, id: req.id as string, count: services.limits.maxCount },
    pluginContext(req, constraints),
  );
  if (versions.length === 0) throw new NotFoundError(`${capability.type}/${req.id} was not found`);
  const { admitted } = services.access.admitAll(constraints, versions);
  if (admitted.length === 0) throw new NotFoundError(`${capability.type}/${req.id} was not found`);

  await recordAccess(services.audit, req, 'history-instance', admitted);
  return { status: 200, resource: historyBundle(req.baseUrl, admitted) };
}

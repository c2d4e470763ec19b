/**
 * search-type (R4 §3.1.1), by GET or POST `_search`. Chained parameters are resolved first
 * into plain criteria (`search/chain.ts`). The owning plugin returns a page of
 * matches; the gateway re-checks each against the caller's constraints, adds `_include` and
 * `_revinclude` resources through the same checks, and assembles the searchset Bundle.
 */
import type { Resource } from '@medplum/fhirtypes';
import { recordAccess } from '../../audit/record.js';
import { searchset } from '../bundle.js';
import { combineCriteria, ignoredOutcome, planChains, runChains } from '../search/chain.js';
import { resolveIncludes } from '../search/includes.js';
import { parseSearch } from '../search/parse.js';
import { pluginContext, routeFor, type FhirServices } from '../services.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** GET [base]/[type]?params and POST [base]/[type]/_search */
export async function searchType(services: FhirServices, req: FhirRequest): Promise<FhirResponse> {
  const { plugin, capability } = routeFor(services, req, 'search-type');
  const resourceType = capability.type;
  const constraints = req.constraints;
  const chains = planChains(services, capability, req.query, req.strictHandling);
  const parsed = parseSearch(chains.rest, capability, services.limits, req.strictHandling);
  const query = [...parsed.understood, ...chains.understood];
  const outcome = ignoredOutcome(chains.ignored, req.requestId);
  const chained = await runChains(services, req, chains);
  const criteria = chained && combineCriteria(parsed.criteria, chained);
  if (!criteria) {
    const total = parsed.total === 'none' ? undefined : 0;
    const empty = { matches: [], included: [], total, query, outcome };
    return {
      status: 200,
      resource: searchset({ baseUrl: req.baseUrl, path: resourceType, ...empty }),
    };
  }

  const page = await plugin.search!(
    {
      resourceType,
      criteria,
      count: parsed.summaryCount ? 0 : parsed.count,
      cursor: parsed.cursor,
      wantTotal: parsed.total !== 'none' || parsed.summaryCount,
    },
    pluginContext(req, constraints),
  );
  const { admitted, dropped } = services.access.admitAll(
    constraints,
    page.resources.filter(ofType(resourceType)),
  );
  if (dropped > 0) {
    req.logger.warn('search results outside access constraints dropped', { dropped });
  }

  const included = await resolveIncludes(services, req, parsed, admitted);
  await recordAccess(services.audit, req, 'search-type', [...admitted, ...included]);
  const bundle = searchset({
    baseUrl: req.baseUrl,
    path: resourceType,
    matches: parsed.summaryCount ? [] : admitted,
    included,
    total: dropped === 0 && parsed.total !== 'none' ? page.total : undefined,
    query,
    nextCursor: page.nextCursor,
    outcome,
  });
  return { status: 200, resource: bundle };
}

function ofType(resourceType: string) {
  return (resource: Resource) => resource.resourceType === resourceType;
}

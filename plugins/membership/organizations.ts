/**
 * Organization read and search: the membership system knows one organization, the payer
 * (CARIN BB Organization). Search runs in memory over that single resource.
 */
import type { Identifier, Organization } from '@medplum/fhirtypes';
import type {
  RequestContext,
  SearchCriterion,
  SearchRequest,
  SearchResult,
} from '../sdk/contract.js';
import { UnknownSearchParamError } from '../sdk/errors.js';
import { checkModifier, parseToken } from './criteria.js';
import type { MembershipEnv } from './env.js';
import { toOrganization } from './map-organization.js';
import { decodeCursor, emptyResult } from '../sdk/paging.js';

/** The payer as an Organization. */
export async function payerOrganization(
  env: MembershipEnv,
  signal: AbortSignal,
): Promise<Organization> {
  return toOrganization(await env.client.payer(signal), env.options.payerIdSystem);
}

/** Reads Organization/{payer id}; undefined for any other id. */
export async function readOrganization(
  env: MembershipEnv,
  id: string,
  ctx: RequestContext,
): Promise<Organization | undefined> {
  const organization = await payerOrganization(env, ctx.signal);
  return organization.id === id ? organization : undefined;
}

/** Matches the payer against the criteria; the result is one page of zero or one. */
export async function searchOrganizations(
  env: MembershipEnv,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  if (req.cursor !== undefined && decodeCursor(req.cursor)) return emptyResult(req.wantTotal);
  const organization = await payerOrganization(env, ctx.signal);
  if (!req.criteria.every((criterion) => matches(organization, criterion))) {
    return emptyResult(req.wantTotal);
  }
  const resources = req.count > 0 ? [organization] : [];
  return req.wantTotal ? { resources, total: 1 } : { resources };
}

function matches(organization: Organization, criterion: SearchCriterion): boolean {
  switch (criterion.name) {
    case '_id':
      checkModifier(criterion, []);
      return criterion.values.includes(organization.id ?? '');
    case 'identifier':
      checkModifier(criterion, []);
      return criterion.values.some((value) =>
        (organization.identifier ?? []).some(tokenMatch(value)),
      );
    case 'name':
      checkModifier(criterion, ['exact', 'contains']);
      return criterion.values.some((value) =>
        nameMatches(organization.name ?? '', value, criterion.modifier),
      );
    default:
      throw new UnknownSearchParamError(
        `Organization search parameter ${criterion.name} is not supported`,
        {
          expression: [criterion.name],
        },
      );
  }
}

function tokenMatch(value: string): (identifier: Identifier) => boolean {
  const token = parseToken(value);
  return (identifier) =>
    (token.system === undefined || token.system === (identifier.system ?? '')) &&
    (token.code === undefined || token.code === identifier.value);
}

/** R4 string search: case-insensitive starts-with by default; `:exact` and `:contains`. */
function nameMatches(name: string, value: string, modifier: string | undefined): boolean {
  if (modifier === 'exact') return name === value;
  const [haystack, needle] = [name.toLowerCase(), value.toLowerCase()];
  return modifier === 'contains' ? haystack.includes(needle) : haystack.startsWith(needle);
}

/**
 * Builds searchset and history Bundles (R4 §3.1.1.2 "Search results", Bundle.link paging).
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import type { QueryPairs } from './types.js';

export interface SearchsetInput {
  readonly baseUrl: string;
  readonly path: string;
  readonly matches: readonly Resource[];
  readonly included: readonly Resource[];
  readonly total?: number;
  readonly query: QueryPairs;
  readonly nextCursor?: string;
  readonly outcome?: Resource;
}

/** A searchset Bundle with `self` and, where there is more, `next` links. */
export function searchset(input: SearchsetInput): Bundle {
  const link: BundleLink[] = [{ relation: 'self', url: pageUrl(input, undefined, true) }];
  if (input.nextCursor !== undefined) {
    link.push({ relation: 'next', url: pageUrl(input, input.nextCursor, false) });
  }
  const entry: BundleEntry[] = [
    ...input.matches.map((resource) => entryOf(input.baseUrl, resource, 'match')),
    ...input.included.map((resource) => entryOf(input.baseUrl, resource, 'include')),
  ];
  if (input.outcome) entry.push({ resource: input.outcome, search: { mode: 'outcome' } });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    ...(input.total === undefined ? {} : { total: input.total }),
    link,
    entry,
  };
}

/** A history Bundle of one resource's versions, newest first. */
export function historyBundle(baseUrl: string, versions: readonly Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    timestamp: new Date().toISOString(),
    total: versions.length,
    entry: versions.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      request: {
        method: resource.meta?.versionId === '1' ? 'POST' : 'PUT',
        url: `${resource.resourceType}/${resource.id}`,
      },
      response: { status: '200', lastModified: resource.meta?.lastUpdated },
    })),
  };
}

function entryOf(baseUrl: string, resource: Resource, mode: 'match' | 'include'): BundleEntry {
  return {
    fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode },
  };
}

function pageUrl(input: SearchsetInput, cursor: string | undefined, keepCursor: boolean): string {
  const params = new URLSearchParams();
  for (const [key, value] of input.query) {
    if (key === '_cursor' && !keepCursor) continue;
    params.append(key, value);
  }
  if (cursor !== undefined) params.set('_cursor', cursor);
  const qs = params.toString();
  return `${input.baseUrl}/${input.path}${qs ? `?${qs}` : ''}`;
}

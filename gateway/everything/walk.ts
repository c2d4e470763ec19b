/**
 * One page of the patient's compartment: the compartment types in a fixed order, each read
 * from its source (`sources.ts`) from the cursor's position on. Every item passes the same
 * screen as a read (`AccessPolicy.admits` with the type's constraints narrowed to this
 * patient), `_since`, and `start`/`end` (care-dates.ts). After the page is full the walk looks
 * ahead to the next admitted item, so that a `next` link is given only when more remains, and
 * resumes just before it.
 * Memory is bounded by the page size; time by the page size plus {@link MAX_SKIPPED}.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { AccessConstraints } from '../../plugins/sdk/contract.js';
import { careDateAdmits, type CareRange } from './care-dates.js';
import type { SourcePosition, WalkPosition } from './cursor.js';
import { typeSource, type SourceItem, type SourceRequest } from './sources.js';

/** Items screened out in one page before the page ends early with a `next` link. */
export const MAX_SKIPPED = 5000;

/** The walk of one request: its types in order and each type's constraints. */
export interface Walk extends SourceRequest {
  readonly types: readonly string[];
  /** `start`/`end`: the care-date range the resources must overlap. */
  readonly care?: CareRange;
  readonly constraints: ReadonlyMap<string, AccessConstraints>;
}

/** A page's matches, where the next page starts (none at the end) and what was dropped. */
export interface WalkPage {
  readonly matches: Resource[];
  readonly next?: WalkPosition;
  readonly dropped: number;
}

/** Collects up to `room` admitted resources from `start` on. */
export async function walkPage(walk: Walk, start: WalkPosition, room: number): Promise<WalkPage> {
  const page = { matches: [] as Resource[], dropped: 0 };
  for (const type of walk.types.slice(walk.types.indexOf(start.type))) {
    const at = type === start.type ? start.at : undefined;
    const next = await walkType(walk, type, at, room, page);
    if (next) return { ...page, next };
  }
  return page;
}

/** Adds the type's admitted items to `page`; where to resume if the page ends in this type. */
async function walkType(
  walk: Walk,
  type: string,
  at: SourcePosition | undefined,
  room: number,
  page: { matches: Resource[]; dropped: number },
): Promise<WalkPosition | undefined> {
  const constraints = walk.constraints.get(type) ?? {};
  const iterator = typeSource(walk, type, constraints, at)[Symbol.asyncIterator]();
  try {
    let before = at;
    for (let item = await iterator.next(); item.done !== true; item = await iterator.next()) {
      const admitted = admits(walk, type, constraints, item.value);
      if (admitted && page.matches.length >= room) return { type, at: before };
      if (admitted) page.matches.push(item.value.resource);
      else page.dropped++;
      before = item.value.after;
      if (page.dropped >= MAX_SKIPPED) return { type, at: before };
    }
    return undefined;
  } finally {
    await iterator.return?.();
  }
}

/**
 * The read screen, plus the type (a stream yields only what it was asked), `_since` and the
 * care dates.
 */
function admits(
  walk: Walk,
  type: string,
  constraints: AccessConstraints,
  item: SourceItem,
): boolean {
  const resource = item.resource;
  if (resource.resourceType !== type || !resource.id) return false;
  if (!sinceAdmits(walk.since, resource) || !careDateAdmits(walk.care, resource)) return false;
  return walk.services.access.admits(constraints, resource);
}

/** `_since`: resources without `meta.lastUpdated` cannot be shown older, so they stay. */
export function sinceAdmits(since: number | undefined, resource: Resource): boolean {
  if (since === undefined) return true;
  const updated = resource.meta?.lastUpdated;
  return updated === undefined || Date.parse(updated) >= since;
}

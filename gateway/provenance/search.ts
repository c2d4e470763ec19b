/**
 * Provenance search. `_id` and `target` name their targets, which are read one by one (a page
 * is a slice of that list, cursor `o:<offset>`); otherwise the targets come from the owning
 * plugins' streams in type order (resumable cursor `<Type>~<owner index>:<owner cursor>`),
 * narrowed to the `patient` values for a patient search. `patient` follows the target's
 * Patient compartment, and every result is checked against it.
 */
import type { Provenance } from '@medplum/fhirtypes';
import type {
  AccessConstraints,
  RequestContext,
  ResourceCapability,
  SearchCriterion,
  SearchRequest,
  SearchResult,
} from '../../plugins/sdk/contract.js';
import { BadRequestError } from '../../plugins/sdk/errors.js';
import { compartmentPatients, isPatientData, patientIdOf } from '../auth/compartment.js';
import { toProvenance, type BuildOptions } from './build.js';
import { parseReference, targetOf } from './ids.js';
import { sourceOf, type SourceFormats } from './sources.js';
import {
  readTargets,
  streamableTypes,
  streamTargets,
  targetConstraints,
  type ProvenanceBinding,
  type Target,
  type TargetWalk,
} from './targets.js';

/** Everything a search needs besides the request. */
export interface SearchDeps {
  readonly binding: ProvenanceBinding;
  readonly options: BuildOptions;
  readonly formats: SourceFormats;
}

/** Runs a Provenance search. */
export async function searchProvenance(
  deps: SearchDeps,
  req: SearchRequest,
  ctx: RequestContext,
): Promise<SearchResult> {
  const patients = patientCriteria(req.criteria);
  const named = namedTargets(req.criteria);
  const keep = (provenance: Provenance) => inPatients(provenance, patients);
  if (named) return listPage(deps, req, ctx, named, keep);
  return streamPage(deps, req, ctx, patients, keep);
}

/** The targets `_id` and `target` name (AND across criteria), or undefined without them. */
function namedTargets(criteria: readonly SearchCriterion[]): string[] | undefined {
  let keys: string[] | undefined;
  for (const criterion of criteria) {
    const parse =
      criterion.name === '_id'
        ? targetOf
        : criterion.name === 'target'
          ? parseReference
          : undefined;
    if (!parse) continue;
    const values = criterion.values.flatMap((value) => {
      const target = parse(value);
      return target ? [`${target.type}/${target.id}`] : [];
    });
    keys = keys ? keys.filter((key) => values.includes(key)) : [...new Set(values)];
  }
  return keys;
}

/** The patient ids of each `patient` criterion (each an OR list; criteria AND). */
function patientCriteria(criteria: readonly SearchCriterion[]): string[][] {
  return criteria
    .filter((criterion) => criterion.name === 'patient')
    .map((criterion) =>
      criterion.values.flatMap((value) => {
        const id = patientIdOf(value) ?? (/^[A-Za-z0-9\-.]{1,64}$/.test(value) ? value : undefined);
        return id ? [id] : [];
      }),
    );
}

function inPatients(provenance: Provenance, patients: readonly string[][]): boolean {
  const own = compartmentPatients(provenance);
  return patients.every((anyOf) => anyOf.some((id) => own.includes(id)));
}

async function listPage(
  deps: SearchDeps,
  req: SearchRequest,
  ctx: RequestContext,
  keys: readonly string[],
  keep: (provenance: Provenance) => boolean,
): Promise<SearchResult> {
  const offset = listOffset(req.cursor);
  const slice = keys.slice(offset, offset + req.count);
  const found = await readTargets(deps.binding, ctx, slice);
  const resources = slice.flatMap((key) => {
    const target = found.get(key);
    const provenance = target && build(deps, target);
    return provenance && keep(provenance) ? [provenance] : [];
  });
  const next = offset + req.count;
  const whole = offset === 0 && next >= keys.length;
  return {
    resources,
    ...(whole ? { total: resources.length } : {}),
    ...(next < keys.length ? { nextCursor: `o:${next}` } : {}),
  };
}

function listOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(cursor);
  if (!match) throw new BadRequestError('Malformed paging cursor');
  return Number(match[1]);
}

async function streamPage(
  deps: SearchDeps,
  req: SearchRequest,
  ctx: RequestContext,
  patients: readonly string[][],
  keep: (provenance: Provenance) => boolean,
): Promise<SearchResult> {
  if (req.count === 0) return { resources: [] };
  const walk = walkFor(deps, ctx, patients[0], req.cursor);
  const resources: Provenance[] = [];
  let last: string | undefined;
  for await (const target of streamTargets(deps.binding, ctx, walk)) {
    const provenance = build(deps, target);
    if (!keep(provenance)) continue;
    if (resources.length === req.count) {
      return { resources, ...(last ? { nextCursor: last } : {}) };
    }
    resources.push(provenance);
    last = target.cursor;
  }
  return { resources, ...(req.cursor === undefined ? { total: resources.length } : {}) };
}

/** Every streamable type (a patient search: the non-public patient data types), narrowed. */
function walkFor(
  deps: SearchDeps,
  ctx: RequestContext,
  narrowTo: readonly string[] | undefined,
  cursor: string | undefined,
): TargetWalk {
  const isPublic = (type: string) => deps.binding.registry.forType(type)?.capability.public;
  const types = streamableTypes(deps.binding).filter(
    (type) => !narrowTo || (isPatientData(type) && !isPublic(type)),
  );
  return {
    types,
    constraintsFor: (capability: ResourceCapability) =>
      narrowed(targetConstraints(capability, ctx.constraints), narrowTo),
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/** A patient search narrows each stream to the asked patients the caller may see. */
function narrowed(
  constraints: AccessConstraints | undefined,
  patients: readonly string[] | undefined,
): AccessConstraints | undefined {
  if (!constraints || !patients) return constraints;
  const allowed = constraints.patientIds;
  const ids = allowed ? patients.filter((id) => allowed.includes(id)) : [...patients];
  return ids.length > 0 ? { ...constraints, patientIds: ids } : undefined;
}

/** The Provenance of a target the caller may see. */
export function build(deps: Pick<SearchDeps, 'options' | 'formats'>, target: Target): Provenance {
  return toProvenance(target.resource, sourceOf(target.system, deps.formats), deps.options);
}

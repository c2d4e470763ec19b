/**
 * `_elements` for bulk export (Bulk Data 2.0 kick-off parameters): only root elements, given
 * as `Type.element` or `element`. The subset keeps `resourceType`, `id`, `meta` and the
 * type's mandatory elements, and tags the resource SUBSETTED so nobody mistakes it for a
 * complete one (R4 §3.1.1.5.9 "_summary" / `_elements`).
 */
import type { Coding, Resource } from '@medplum/fhirtypes';
import type { ElementsSpec } from '../jobs/types.js';
import { MANDATORY_ELEMENTS } from './mandatory-elements.js';

/** The R4 v3 ObservationValue code for resources with elements left out. */
export const SUBSETTED: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'subsetted',
};

const ELEMENT = /^(?:([A-Z][A-Za-z]+)\.)?([a-z][A-Za-z0-9]*)$/;
const ALWAYS = new Set(['resourceType', 'id', 'meta']);

/** Parses `_elements` values; returns the spec and the values that are not root elements. */
export function parseElements(values: readonly string[]): {
  spec: ElementsSpec;
  invalid: string[];
} {
  const all: string[] = [];
  const byType: Record<string, string[]> = {};
  const invalid: string[] = [];
  for (const value of values) {
    const match = ELEMENT.exec(value);
    if (!match) {
      invalid.push(value);
      continue;
    }
    const [, type, element = ''] = match;
    if (type) (byType[type] ??= []).push(element);
    else all.push(element);
  }
  return { spec: { all, byType }, invalid };
}

/** True when `_elements` names nothing for this type (the resource is then left whole). */
export function leavesWhole(spec: ElementsSpec, resourceType: string): boolean {
  return spec.all.length === 0 && (spec.byType[resourceType]?.length ?? 0) === 0;
}

/** The resource with only the requested, mandatory and always-kept root elements. */
export function subset(resource: Resource, spec: ElementsSpec): Resource {
  if (leavesWhole(spec, resource.resourceType)) return resource;
  const wanted = new Set([
    ...spec.all,
    ...(spec.byType[resource.resourceType] ?? []),
    ...(MANDATORY_ELEMENTS[resource.resourceType] ?? []),
  ]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS.has(key) || isWanted(key, wanted)) out[key] = value;
  }
  return tagSubsetted(out as unknown as Resource);
}

/** `valueQuantity` belongs to `value` (a choice element); `_birthDate` to `birthDate`. */
function isWanted(key: string, wanted: ReadonlySet<string>): boolean {
  const name = key.startsWith('_') ? key.slice(1) : key;
  if (wanted.has(name)) return true;
  return [...wanted].some(
    (element) => name.startsWith(element) && CHOICE_TYPES.has(name.slice(element.length)),
  );
}

const CHOICE_TYPES = new Set([
  'Boolean',
  'Integer',
  'Decimal',
  'String',
  'Uri',
  'Url',
  'Canonical',
  'Code',
  'Date',
  'DateTime',
  'Instant',
  'Time',
  'Id',
  'Oid',
  'Uuid',
  'PositiveInt',
  'UnsignedInt',
  'Base64Binary',
  'Markdown',
  'Quantity',
  'CodeableConcept',
  'Coding',
  'Period',
  'Range',
  'Ratio',
  'Reference',
  'Attachment',
  'Identifier',
  'Age',
  'Duration',
  'Money',
  'SampledData',
  'Timing',
  'Annotation',
  'HumanName',
  'Address',
  'ContactPoint',
  'Signature',
  'Expression',
  'Dosage',
  'Meta',
  'Count',
  'Distance',
]);

function tagSubsetted(resource: Resource): Resource {
  const tags = resource.meta?.tag ?? [];
  if (tags.some((tag) => tag.code === SUBSETTED.code && tag.system === SUBSETTED.system)) {
    return resource;
  }
  return { ...resource, meta: { ...resource.meta, tag: [...tags, SUBSETTED] } };
}

/**
 * Validates a kick-off request into the {@link ExportSpec} stored with the job (Bulk Data 2.0
 * "Bulk Data Kick-off Request", query parameters table). Unsupported parameters and values go
 * through {@link KickoffNotes}: 400 unless `Prefer: handling=lenient`. Malformed values of
 * supported parameters (an `_since` that is not an instant) are always 400.
 */
import type { AccessConstraints } from '../../../plugins/sdk/contract.js';
import { BadRequestError } from '../../../plugins/sdk/errors.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ElementsSpec, ExportLevel, ExportSpec } from '../jobs/types.js';
import { parseElements } from './elements.js';
import { exportableTypes, RELEVANT_PROVENANCE, requestedTypes } from './export-types.js';
import { listValues, singleValue, type RawParams } from './kickoff-params.js';
import type { KickoffNotes } from './notes.js';
import { parseTypeFilters } from './type-filter.js';

/** Every kick-off parameter this server understands. */
const KNOWN = new Set([
  '_outputFormat',
  '_since',
  '_type',
  '_elements',
  '_typeFilter',
  'patient',
  'includeAssociatedData',
]);
const NDJSON = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export interface SpecInput {
  readonly level: ExportLevel;
  readonly groupId?: string;
  readonly method: 'GET' | 'POST';
  readonly params: RawParams;
  readonly notes: KickoffNotes;
  /** Constraints per type the route's authorization allowed. */
  readonly typeAccess: ReadonlyMap<string, AccessConstraints>;
  readonly registry: PluginRegistry;
  /** Patients the export is limited to (group members and/or the `patient` parameter). */
  readonly patients?: readonly string[];
}

/** The validated spec. */
export function buildSpec(input: SpecInput): ExportSpec {
  checkParameterNames(input);
  checkOutputFormat(input);
  const types = exportTypes(input);
  return {
    level: input.level,
    groupId: input.groupId,
    since: parseSince(singleValue(input.params, '_since')),
    types,
    constraints: Object.fromEntries(types.map((type) => [type, narrowed(input, type)])),
    typeFilters: parseTypeFilters(
      input.params.get('_typeFilter') ?? [],
      types,
      input.registry,
      input.notes,
    ),
    elements: elementsOf(input),
    provenance: wantsProvenance(input),
  };
}

function checkParameterNames({ params, notes, method, level }: SpecInput): void {
  for (const name of params.keys()) {
    if (!KNOWN.has(name)) notes.unsupported(`Kick-off parameter ${name} is not supported`, name);
  }
  if (!params.has('patient')) return;
  if (method !== 'POST') {
    notes.unsupported(
      'The patient parameter is only accepted in a POST Parameters body',
      'patient',
    );
  } else if (level === 'system') {
    notes.unsupported('The patient parameter does not apply to system-level export', 'patient');
  }
}

function checkOutputFormat({ params, notes }: SpecInput): void {
  const format = singleValue(params, '_outputFormat');
  if (format !== undefined && !NDJSON.has(format)) {
    notes.unsupported(
      `_outputFormat ${format} is not supported; this server writes application/fhir+ndjson`,
      '_outputFormat',
    );
  }
}

/** `_since` must be a FHIR instant (with time zone). */
export function parseSince(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new BadRequestError(
      `_since must be a FHIR instant such as 2026-01-01T00:00:00Z, got "${value}"`,
      {
        expression: ['_since'],
      },
    );
  }
  return new Date(value).toISOString();
}

/** Requested types that are exportable and authorized, in registry order. */
function exportTypes(input: SpecInput): string[] {
  const { named, implied } = requestedTypes(input.level, input.params, input.registry);
  const exportable = exportableTypes(input.registry);
  for (const type of named) {
    if (!exportable.includes(type)) {
      input.notes.unsupported(`Resource type ${type} cannot be exported by this server`, '_type');
    }
  }
  const wanted = new Set([...named, ...implied]);
  return exportable.filter((type) => wanted.has(type) && input.typeAccess.has(type));
}

/** The type's access constraints, limited to the export's patients when it has a list. */
function narrowed(input: SpecInput, type: string): AccessConstraints {
  const base = input.typeAccess.get(type) ?? {};
  if (!input.patients) return base;
  const allowed = base.patientIds;
  const patientIds = allowed
    ? input.patients.filter((id) => allowed.includes(id))
    : [...input.patients];
  return { ...base, patientIds };
}

function elementsOf({ params, notes }: SpecInput): ElementsSpec | undefined {
  const values = listValues(params, '_elements');
  if (values.length === 0) return undefined;
  const { spec, invalid } = parseElements(values);
  for (const value of invalid) {
    notes.unsupported(`_elements value "${value}" is not a root element`, '_elements');
  }
  return spec.all.length + Object.keys(spec.byType).length > 0 ? spec : undefined;
}

function wantsProvenance({ params, notes, registry }: SpecInput): boolean {
  let provenance = false;
  for (const value of listValues(params, 'includeAssociatedData')) {
    if (value === RELEVANT_PROVENANCE && exportableTypes(registry).includes('Provenance')) {
      provenance = true;
    } else if (value === RELEVANT_PROVENANCE) {
      notes.unsupported(
        'No plugin serves Provenance, so it cannot be included',
        'includeAssociatedData',
      );
    } else {
      notes.unsupported(
        `includeAssociatedData value ${value} is not supported`,
        'includeAssociatedData',
      );
    }
  }
  return provenance;
}

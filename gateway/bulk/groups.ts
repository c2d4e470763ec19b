/**
 * Groups for `Group/[id]/$export`, defined in config (`bulk.groups`) until attribution and
 * payer-to-payer groups arrive through the same path. A small built-in plugin also serves
 * them as FHIR Group resources (read, search by `_id`, stream), so clients can discover them
 * (Bulk Data 2.0: a server with Group export "SHOULD support reading and searching for Group").
 */
import type { Group } from '@medplum/fhirtypes';
import type { Plugin, RequestContext, StreamItem } from '../../plugins/sdk/contract.js';

/** One configured group of patients. */
export interface BulkGroup {
  readonly id: string;
  readonly name: string;
  /** Patient ids (not references). */
  readonly patients: readonly string[];
}

/** The Group resource for a configured group; `lastUpdated` is when the config was loaded. */
export function toGroup(group: BulkGroup, lastUpdated: string): Group {
  return {
    resourceType: 'Group',
    id: group.id,
    meta: { lastUpdated },
    name: group.name,
    type: 'person',
    actual: true,
    quantity: group.patients.length,
    member: group.patients.map((id) => ({ entity: { reference: `Patient/${id}` } })),
  };
}

/** A plugin serving the configured groups as Group resources. */
export function createGroupPlugin(groups: readonly BulkGroup[]): Plugin {
  const loaded = new Date().toISOString();
  const resources = groups.map((group) => toGroup(group, loaded));
  return {
    name: 'bulk-groups',
    capabilities: {
      resources: [
        {
          type: 'Group',
          profiles: [],
          interactions: ['read', 'search-type'],
          searchParams: [{ name: '_id', type: 'token', expression: 'Group.id' }],
        },
      ],
    },
    read: async (req, ctx) =>
      cohortVisible(ctx) ? resources.find((group) => group.id === req.id) : undefined,
    search: async (req, ctx) => {
      const ids = req.criteria.find((criterion) => criterion.name === '_id')?.values;
      const matches = resources.filter((group) => !ids || ids.includes(group.id ?? ''));
      const visible = cohortVisible(ctx) ? matches : [];
      return { resources: visible.slice(0, req.count), total: visible.length };
    },
    stream: (req, ctx) => streamGroups(cohortVisible(ctx) ? resources : [], req.cursor),
    health: async () => ({ status: 'pass' }),
  };
}

/**
 * A cohort names many members, so a caller limited to some patients' compartments (a member's
 * app, a practitioner's launch) must not see it even when it lists their patient: it would
 * disclose the other members. Only population-level (system) callers see groups.
 */
function cohortVisible(ctx: RequestContext): boolean {
  return ctx.constraints.patientIds === undefined;
}

async function* streamGroups(
  resources: readonly Group[],
  cursor: string | undefined,
): AsyncIterable<StreamItem> {
  const start = cursor === undefined ? 0 : Number(cursor);
  for (let index = start; index < resources.length; index++) {
    yield { resource: resources[index] as Group, cursor: String(index + 1) };
  }
}

/**
 * The payer's provider networks, its insurance products (one per membership catalog plan),
 * which organizations participate in which network, the services organizations offer and
 * the affiliations between organizations (Plan-Net Network, InsurancePlan,
 * HealthcareService, OrganizationAffiliation).
 */
import { PLANS } from './catalog.js';
import { createRng, type Rng } from './prng.js';
import { directoryId } from './providers-ids.js';
import { DIRECTORY_STREAM, recentInstant } from './providers-orgs.js';
import { SERVICE_STATES } from './providers-places.js';
import type {
  AffiliationRecord,
  HealthcareServiceRecord,
  InsurancePlanRecord,
  Location,
  Network,
  Organization,
  OrgType,
} from './providers-types.js';

/** The three networks; every catalog plan uses exactly one. */
export const NETWORKS: readonly Network[] = Object.freeze([
  {
    id: 'NW-SELECT',
    name: 'Cascade Select Network',
    kind: 'HMO',
    planIds: ['CMHP-HMO-100', 'CMHP-MA-300', 'CMHP-QHP-500'],
    states: SERVICE_STATES,
    start: '2009-01-01',
    updatedAt: '2025-10-01T09:00:00Z',
  },
  {
    id: 'NW-CHOICE',
    name: 'Cascade Choice Network',
    kind: 'PPO',
    planIds: ['CMHP-PPO-200', 'CMHP-MA-310'],
    states: SERVICE_STATES,
    start: '2009-01-01',
    updatedAt: '2025-10-01T09:00:00Z',
  },
  {
    id: 'NW-COMMUNITY',
    name: 'Cascade Community Network',
    kind: 'MCD',
    planIds: ['CMHP-MCD-400'],
    states: ['WA', 'OR', 'ID'],
    start: '2011-07-01',
    updatedAt: '2025-11-15T09:00:00Z',
  },
]);

/** Network of a catalog plan; throws for a plan outside the catalog (a bug). */
export function networkOfPlan(planId: string): Network {
  const network = NETWORKS.find((candidate) => candidate.planIds.includes(planId));
  if (!network) throw new Error(`No network for plan ${planId}`);
  return network;
}

/** One insurance product per catalog plan, sold where its network is. */
export const INSURANCE_PLANS: readonly InsurancePlanRecord[] = Object.freeze(
  PLANS.map((plan) => {
    const network = networkOfPlan(plan.id);
    return Object.freeze({
      planId: plan.id,
      networkIds: [network.id],
      states: network.states,
      metalLevel: plan.line === 'qhp' ? ('silver' as const) : undefined,
      start: plan.line === 'qhp' ? '2014-01-01' : '2010-01-01',
      updatedAt: '2025-10-15T09:00:00Z',
    });
  }),
);

/** Chance that an organization of a type joins each network (narrow HMO, broad PPO). */
const PARTICIPATION: Readonly<Record<string, number>> = {
  'NW-SELECT': 0.65,
  'NW-CHOICE': 0.92,
  'NW-COMMUNITY': 0.6,
};

/** The networks an organization participates in (hospitals and pharmacies in most). */
export function organizationNetworks(organization: Organization, seed: number): string[] {
  const rng = createRng(seed, DIRECTORY_STREAM.network, organization.index);
  const broad = organization.type === 'hospital' || organization.type === 'pharmacy';
  const joined = NETWORKS.filter((network) =>
    rng.chance(broad ? 0.95 : (PARTICIPATION[network.id] ?? 0.5)),
  ).map((network) => network.id);
  return joined.length > 0 ? joined : ['NW-CHOICE'];
}

const CATEGORY_SERVICES: Readonly<Record<Exclude<OrgType, 'payer'>, readonly string[][]>> = {
  hospital: [
    ['emerg', 'Emergency department', '207P00000X'],
    ['hosp', 'Inpatient care', '207R00000X', '208600000X'],
    ['outpat', 'Outpatient surgery and imaging', '208600000X', '2085R0202X'],
  ],
  clinic: [['prov', 'Outpatient visits']],
  pharmacy: [['pharm', 'Retail pharmacy', '183500000X']],
  lab: [['lab', 'Laboratory testing', '291U00000X']],
  imaging: [['outpat', 'Diagnostic imaging', '2085R0202X']],
  dental: [['dent', 'General and preventive dentistry', '1223G0001X']],
  dme: [['dme', 'Durable medical equipment', '332B00000X']],
};

/** Services of one organization; clinic services list the specialties of its roles. */
export function organizationServices(
  organization: Organization,
  context: ServiceContext,
  firstIndex: number,
): HealthcareServiceRecord[] {
  if (organization.type === 'payer') return [];
  const rng = createRng(context.seed, DIRECTORY_STREAM.network, 50_000 + organization.index);
  const rows = [...CATEGORY_SERVICES[organization.type]];
  const roleSpecialties = context.specialtiesByOrg.get(organization.id) ?? [];
  if (organization.type === 'clinic' && rng.chance(0.2)) rows.push(['urg', 'Urgent care']);
  if (roleSpecialties.some((code) => BEHAVIORAL.includes(code))) {
    rows.push(['behav', 'Behavioral health']);
  }
  return rows.map(([category = '', name = '', ...fixed], i) =>
    service(rng, organization, context, {
      index: firstIndex + i,
      category,
      name,
      specialties: fixed.length > 0 ? fixed : roleSpecialties,
    }),
  );
}

const BEHAVIORAL = ['2084P0800X', '1041C0700X', '103T00000X'];

/** What services need beyond the organization itself. */
export interface ServiceContext {
  readonly seed: number;
  readonly locationsByOrg: ReadonlyMap<string, readonly Location[]>;
  readonly networksByOrg: ReadonlyMap<string, readonly string[]>;
  readonly specialtiesByOrg: ReadonlyMap<string, readonly string[]>;
}

interface ServiceDraft {
  readonly index: number;
  readonly category: string;
  readonly name: string;
  readonly specialties: readonly string[];
}

function service(
  rng: Rng,
  organization: Organization,
  context: ServiceContext,
  draft: ServiceDraft,
): HealthcareServiceRecord {
  const sites = context.locationsByOrg.get(organization.id) ?? [];
  const walkIn = draft.category === 'emerg' || draft.category === 'urg';
  return {
    index: draft.index,
    id: directoryId('S', draft.index, 6),
    organizationId: organization.id,
    locationIds: sites.map((site) => site.id),
    name: `${draft.name} - ${organization.name}`,
    category: draft.category,
    specialties: [...new Set(draft.specialties)],
    networkIds: context.networksByOrg.get(organization.id) ?? [],
    acceptingPatients: rng.chance(0.85) ? 'yes' : 'existing',
    appointmentRequired: !walkIn && draft.category !== 'pharm',
    phone: sites[0]?.phone ?? organization.phone,
    comment: walkIn ? 'Walk-in; no appointment needed' : undefined,
    active: true,
    updatedAt: recentInstant(rng),
  };
}

/** The organizations' affiliations: network participation, hospital systems, labs. */
export function organizationAffiliations(
  organizations: readonly Organization[],
  context: AffiliationContext,
): AffiliationRecord[] {
  const affiliations: AffiliationRecord[] = [];
  const add = (draft: AffiliationDraft): void => {
    affiliations.push(affiliation(affiliations.length, draft, context));
  };
  const labs = organizations.filter((organization) => organization.type === 'lab');
  for (const organization of organizations) {
    if (organization.type === 'payer') continue;
    add({ owner: 'O00000', participant: organization, role: 'network' });
    if (organization.parentId) {
      add({ owner: organization.parentId, participant: organization, role: 'hospital' });
    }
    const lab = referenceLab(organization, labs, context.seed);
    if (lab) add({ owner: organization.id, participant: lab, role: 'reference-lab' });
  }
  return affiliations;
}

/** Some clinics send their specimens to one reference laboratory. */
function referenceLab(
  organization: Organization,
  labs: readonly Organization[],
  seed: number,
): Organization | undefined {
  if (organization.type !== 'clinic' || labs.length === 0) return undefined;
  const rng = createRng(seed, DIRECTORY_STREAM.network, 90_000 + organization.index);
  return rng.chance(0.3) ? rng.pick(labs) : undefined;
}

/** What affiliations need beyond the organizations. */
export interface AffiliationContext {
  readonly seed: number;
  readonly locationsByOrg: ReadonlyMap<string, readonly Location[]>;
  readonly networksByOrg: ReadonlyMap<string, readonly string[]>;
  readonly servicesByOrg: ReadonlyMap<string, readonly HealthcareServiceRecord[]>;
}

interface AffiliationDraft {
  readonly owner: string;
  readonly participant: Organization;
  readonly role: AffiliationRecord['role'];
}

function affiliation(
  index: number,
  draft: AffiliationDraft,
  context: AffiliationContext,
): AffiliationRecord {
  const { participant } = draft;
  const services = context.servicesByOrg.get(participant.id) ?? [];
  return {
    index,
    id: directoryId('A', index, 6),
    organizationId: draft.owner,
    participatingOrganizationId: participant.id,
    role: draft.role,
    networkIds: draft.role === 'network' ? (context.networksByOrg.get(participant.id) ?? []) : [],
    locationIds: (context.locationsByOrg.get(participant.id) ?? []).map((site) => site.id),
    serviceIds: services.map((entry) => entry.id),
    specialties: participant.taxonomy ? [participant.taxonomy] : [],
    start: draft.role === 'network' ? '2012-01-01' : '2015-07-01',
    active: true,
    updatedAt: participant.updatedAt,
  };
}

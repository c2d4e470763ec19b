/**
 * Organizations as Plan-Net 1.1.0 resources (Plan-Net IG §plannet-Organization,
 * §plannet-Network, §plannet-InsurancePlan, §plannet-OrganizationAffiliation). References to
 * other organizations go through the organization index (legacy id -> `npi-`/`org-` id).
 * An organization (not a network) is also a CARIN BB 2.1.0 C4BB-Organization, since the
 * ExplanationOfBenefit provider and payee reference it: meta.lastUpdated, active, name, and
 * its NPI and tax id typed per the profile's NPI and `tax` slices.
 */
import type {
  Identifier,
  InsurancePlan,
  Organization,
  OrganizationAffiliation,
  Reference,
} from '@medplum/fhirtypes';
import type { OrganizationIndex, Row } from './backend.js';
import { list, organizationFhirId, PREFIX, str } from './ids.js';
import {
  addressOf,
  compact,
  metaOf,
  NPI_SYSTEM,
  NPI_TYPE,
  periodOf,
  planNetConcept,
  TAX_TYPE,
  taxonomyConcept,
  telecomOf,
} from './legacy-values.js';
import {
  C4BB_ORGANIZATION,
  PLANNET_INSURANCE_PLAN,
  PLANNET_NETWORK,
  PLANNET_ORGANIZATION,
  PLANNET_ORGANIZATION_AFFILIATION,
} from './profiles.js';

/** Legacy organization type -> Plan-Net OrgTypeCS code. */
export const ORG_TYPES: Readonly<Record<string, string>> = {
  HOSP: 'fac',
  CLIN: 'prvgrp',
  PHARM: 'fac',
  LAB: 'fac',
  IMG: 'fac',
  DENT: 'prvgrp',
  DME: 'atyprv',
  PAYER: 'payer',
};
const TIN_SYSTEM = 'urn:oid:2.16.840.1.113883.4.4';
/** Legacy line of business and product type -> Plan-Net InsuranceProductTypeCS code. */
const PRODUCT_TYPES: Readonly<Record<string, string>> = {
  'COM:HMO': 'commhmo',
  'COM:PPO': 'commppo',
  'COM:EPO': 'commppo',
  'COM:POS': 'commpos',
  MA: 'mediadv',
  MCD: 'medicaid',
  QHP: 'qhp',
};
const AFFILIATION_ROLES: Readonly<Record<string, string>> = {
  NTWK: 'provider',
  HOSP: 'provider',
  REFLAB: 'diagnostics',
};

/** Reference to an organization by legacy id. */
export function organizationRef(
  orgs: OrganizationIndex,
  legacyId: string,
): Reference<Organization> {
  const id = orgs.fhirIdOf.get(legacyId) ?? `${PREFIX.organization}${legacyId}`;
  return { reference: `Organization/${id}` };
}

/** An organization row as a Plan-Net and C4BB Organization. */
export function toOrganization(row: Row, orgs: OrganizationIndex): Organization {
  const identifier: Identifier[] = [];
  const npi = str(row.NPI);
  if (npi) identifier.push({ use: 'official', type: NPI_TYPE, system: NPI_SYSTEM, value: npi });
  identifier.push({ type: TAX_TYPE, system: TIN_SYSTEM, value: str(row.TIN) });
  const parent = str(row.PARENT_ORG_ID);
  return compact<Organization>({
    resourceType: 'Organization',
    id: organizationFhirId(row),
    meta: metaOf([PLANNET_ORGANIZATION, C4BB_ORGANIZATION], row),
    identifier,
    active: row.ACTIVE_IND === 'Y',
    type: [planNetConcept('OrgTypeCS', ORG_TYPES[str(row.ORG_TYP_CD)] ?? 'bus')],
    name: str(row.ORG_NM),
    telecom: telecomOf(row),
    address: [addressOf(row)],
    partOf: parent ? organizationRef(orgs, parent) : undefined,
    endpoint: list(row.ENDPT_IDS).map((id) => ({ reference: `Endpoint/${PREFIX.endpoint}${id}` })),
  });
}

/** A network row as a Plan-Net Network (`net-<id>`), part of its owning organization. */
export function toNetwork(row: Row, orgs: OrganizationIndex): Organization {
  return {
    resourceType: 'Organization',
    id: `${PREFIX.network}${str(row.NTWK_ID)}`,
    meta: metaOf(PLANNET_NETWORK, row),
    identifier: [{ system: 'urn:cascade:network-id', value: str(row.NTWK_ID) }],
    active: row.ACTIVE_IND === 'Y',
    type: [planNetConcept('OrgTypeCS', 'ntwk', 'Network')],
    name: str(row.NTWK_NM),
    partOf: organizationRef(orgs, str(row.OWNER_ORG_ID)),
  };
}

/** An insurance product row as a Plan-Net InsurancePlan (`plan-<id>`). */
export function toInsurancePlan(row: Row, orgs: OrganizationIndex): InsurancePlan {
  const owner = organizationRef(orgs, str(row.OWNER_ORG_ID));
  const lob = str(row.LOB_CD);
  const product =
    PRODUCT_TYPES[`${lob}:${str(row.PROD_TYP_CD)}`] ?? PRODUCT_TYPES[lob] ?? 'commppo';
  const metal = str(row.METAL_LVL_CD).toLowerCase();
  const identifier: Identifier[] = [{ system: 'urn:cascade:plan-id', value: str(row.PLAN_ID) }];
  if (str(row.CMS_CNTRCT_ID)) {
    identifier.push({ system: 'urn:cms:contract-id', value: str(row.CMS_CNTRCT_ID) });
  }
  return compact<InsurancePlan>({
    resourceType: 'InsurancePlan',
    id: `${PREFIX.plan}${str(row.PLAN_ID)}`,
    meta: metaOf(PLANNET_INSURANCE_PLAN, row),
    identifier,
    status: row.ACTIVE_IND === 'Y' ? 'active' : 'retired',
    type: [planNetConcept('InsuranceProductTypeCS', product)],
    name: str(row.PLAN_NM),
    period: periodOf(row.EFF_DT, undefined),
    ownedBy: owner,
    administeredBy: owner,
    network: list(row.NTWK_IDS).map((id) => ({ reference: `Organization/${PREFIX.network}${id}` })),
    plan: metal ? [{ type: planNetConcept('InsurancePlanTypeCS', metal) }] : undefined,
  });
}

/** An affiliation row as a Plan-Net OrganizationAffiliation (`aff-<id>`). */
export function toAffiliation(row: Row, orgs: OrganizationIndex): OrganizationAffiliation {
  const role = AFFILIATION_ROLES[str(row.AFFIL_ROLE_CD)] ?? 'provider';
  return compact<OrganizationAffiliation>({
    resourceType: 'OrganizationAffiliation',
    id: `${PREFIX.affiliation}${str(row.AFFIL_ID)}`,
    meta: metaOf(PLANNET_ORGANIZATION_AFFILIATION, row),
    active: row.ACTIVE_IND === 'Y',
    period: periodOf(row.EFF_DT, row.TERM_DT),
    organization: organizationRef(orgs, str(row.ORG_ID)),
    participatingOrganization: organizationRef(orgs, str(row.PARTIC_ORG_ID)),
    network: list(row.NTWK_IDS).map((id) => ({ reference: `Organization/${PREFIX.network}${id}` })),
    code: [planNetConcept('OrganizationAffiliationRoleCS', role)],
    specialty: list(row.SPCLTY_TAXONOMY_CDS).map((code) => taxonomyConcept(code)),
    location: list(row.LOC_IDS).map((id) => ({ reference: `Location/${PREFIX.location}${id}` })),
    healthcareService: list(row.SVC_IDS).map((id) => ({
      reference: `HealthcareService/${PREFIX.service}${id}`,
    })),
  });
}

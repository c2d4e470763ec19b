/**
 * What the directory plugin serves: the Plan-Net 1.1.0 resource types (Practitioner and
 * Organization also as CARIN BB 2.1.0 C4BB-Practitioner and C4BB-Organization), public read
 * and search (CMS-0057-F Provider Directory API), with the search parameters, `_include`s
 * and `_revinclude`s of the Plan-Net CapabilityStatement the backend can answer (Plan-Net IG
 * §CapabilityStatement plan-net; chained parameters are not supported).
 */
import type {
  PluginCapabilities,
  ResourceCapability,
  SearchParamDefinition,
  SearchParamType,
} from '../sdk/contract.js';
import { PLAN_NET } from './legacy-values.js';
import * as P from './profiles.js';

const PN_SP = `${PLAN_NET}/SearchParameter`;
const R4_SP = 'http://hl7.org/fhir/SearchParameter';

function param(
  name: string,
  type: SearchParamType,
  definition: string,
  expression: string,
  extra: Partial<SearchParamDefinition> = {},
): SearchParamDefinition {
  return { name, type, definition, expression, ...extra };
}

function id(type: string): SearchParamDefinition {
  return param('_id', 'token', `${R4_SP}/Resource-id`, `${type}.id`);
}

function str(name: string, definition: string, expression: string): SearchParamDefinition {
  return param(name, 'string', definition, expression, { modifiers: ['exact', 'contains'] });
}

function ref(name: string, definition: string, expression: string, targets: string[]) {
  return param(name, 'reference', definition, expression, { targets });
}

function address(type: string): SearchParamDefinition[] {
  const exact = { modifiers: ['exact'] };
  return [
    param('address-city', 'string', `${R4_SP}/${type}-address-city`, `${type}.address.city`, exact),
    param(
      'address-state',
      'string',
      `${R4_SP}/${type}-address-state`,
      `${type}.address.state`,
      exact,
    ),
    param(
      'address-postalcode',
      'string',
      `${R4_SP}/${type}-address-postalcode`,
      `${type}.address.postalCode`,
      exact,
    ),
  ];
}

function resource(
  type: string,
  profiles: string[],
  searchParams: SearchParamDefinition[],
  includes: string[] = [],
  revIncludes: string[] = [],
): ResourceCapability {
  return {
    type,
    profiles,
    interactions: ['read', 'search-type'],
    searchParams,
    searchIncludes: includes,
    searchRevIncludes: revIncludes,
    public: true,
  };
}

const ROLE_REV = ['PractitionerRole:practitioner', 'PractitionerRole:organization'];

/** The plugin's declaration. */
export const CAPABILITIES: PluginCapabilities = {
  resources: [
    resource(
      'Practitioner',
      [P.PLANNET_PRACTITIONER, P.C4BB_PRACTITIONER],
      [
        id('Practitioner'),
        str('name', `${PN_SP}/practitioner-name`, 'Practitioner.name'),
        str('family', `${R4_SP}/individual-family`, 'Practitioner.name.family'),
        str('given', `${R4_SP}/individual-given`, 'Practitioner.name.given'),
        param('identifier', 'token', `${PN_SP}/practitioner-identifier`, 'Practitioner.identifier'),
      ],
      [],
      ['PractitionerRole:practitioner'],
    ),
    resource(
      'PractitionerRole',
      [P.PLANNET_PRACTITIONER_ROLE],
      [
        id('PractitionerRole'),
        ref(
          'practitioner',
          `${PN_SP}/practitionerrole-practitioner`,
          'PractitionerRole.practitioner',
          ['Practitioner'],
        ),
        ref(
          'organization',
          `${PN_SP}/practitionerrole-organization`,
          'PractitionerRole.organization',
          ['Organization'],
        ),
        ref('location', `${PN_SP}/practitionerrole-location`, 'PractitionerRole.location', [
          'Location',
        ]),
        ref(
          'network',
          `${PN_SP}/practitionerrole-network`,
          'PractitionerRole.extension.valueReference',
          ['Organization'],
        ),
        param(
          'specialty',
          'token',
          `${PN_SP}/practitionerrole-specialty`,
          'PractitionerRole.specialty',
        ),
        param('role', 'token', `${PN_SP}/practitionerrole-role`, 'PractitionerRole.code'),
        param(
          'new-patient',
          'token',
          `${PN_SP}/practitionerrole-new-patient`,
          'PractitionerRole.extension.extension.valueCodeableConcept',
        ),
      ],
      [
        'PractitionerRole:practitioner',
        'PractitionerRole:organization',
        'PractitionerRole:location',
        'PractitionerRole:network',
      ],
    ),
    resource(
      'Organization',
      [P.PLANNET_ORGANIZATION, P.PLANNET_NETWORK, P.C4BB_ORGANIZATION],
      [
        id('Organization'),
        str('name', `${PN_SP}/organization-name`, 'Organization.name'),
        ...address('Organization'),
        ref('partof', `${PN_SP}/organization-partof`, 'Organization.partOf', ['Organization']),
        param('type', 'token', `${PN_SP}/organization-type`, 'Organization.type'),
        param('identifier', 'token', `${PN_SP}/organization-identifier`, 'Organization.identifier'),
      ],
      ['Organization:partof'],
      [
        ...ROLE_REV.slice(1),
        'PractitionerRole:network',
        'OrganizationAffiliation:primary-organization',
        'OrganizationAffiliation:participating-organization',
        'Location:organization',
        'HealthcareService:organization',
        'Endpoint:organization',
        'Organization:partof',
      ],
    ),
    resource(
      'Location',
      [P.PLANNET_LOCATION],
      [
        id('Location'),
        str('name', `${R4_SP}/Location-name`, 'Location.name'),
        ...address('Location'),
        ref('organization', `${PN_SP}/location-organization`, 'Location.managingOrganization', [
          'Organization',
        ]),
        param('type', 'token', `${PN_SP}/location-type`, 'Location.type'),
        param('near', 'special', `${R4_SP}/Location-near`, 'Location.position', {
          documentation: 'latitude|longitude|distance|units (km or mi; default 25 km).',
        }),
      ],
      ['Location:organization'],
      ['PractitionerRole:location', 'HealthcareService:location'],
    ),
    resource(
      'HealthcareService',
      [P.PLANNET_HEALTHCARE_SERVICE],
      [
        id('HealthcareService'),
        str('name', `${PN_SP}/healthcareservice-name`, 'HealthcareService.name'),
        ref(
          'organization',
          `${PN_SP}/healthcareservice-organization`,
          'HealthcareService.providedBy',
          ['Organization'],
        ),
        ref('location', `${PN_SP}/healthcareservice-location`, 'HealthcareService.location', [
          'Location',
        ]),
        param(
          'specialty',
          'token',
          `${PN_SP}/healthcareservice-specialty`,
          'HealthcareService.specialty',
        ),
        param(
          'service-category',
          'token',
          `${PN_SP}/healthcareservice-service-category`,
          'HealthcareService.category',
        ),
      ],
      ['HealthcareService:organization', 'HealthcareService:location'],
    ),
    resource(
      'InsurancePlan',
      [P.PLANNET_INSURANCE_PLAN],
      [
        id('InsurancePlan'),
        str('name', `${PN_SP}/insuranceplan-name`, 'InsurancePlan.name'),
        param('type', 'token', `${PN_SP}/insuranceplan-type`, 'InsurancePlan.type'),
      ],
    ),
    resource(
      'Endpoint',
      [P.PLANNET_ENDPOINT],
      [
        id('Endpoint'),
        ref('organization', `${PN_SP}/endpoint-organization`, 'Endpoint.managingOrganization', [
          'Organization',
        ]),
        param(
          'connection-type',
          'token',
          `${PN_SP}/endpoint-connection-type`,
          'Endpoint.connectionType',
        ),
      ],
      ['Endpoint:organization'],
    ),
    resource(
      'OrganizationAffiliation',
      [P.PLANNET_ORGANIZATION_AFFILIATION],
      [
        id('OrganizationAffiliation'),
        ref(
          'primary-organization',
          `${PN_SP}/organizationaffiliation-primary-organization`,
          'OrganizationAffiliation.organization',
          ['Organization'],
        ),
        ref(
          'participating-organization',
          `${PN_SP}/organizationaffiliation-participating-organization`,
          'OrganizationAffiliation.participatingOrganization',
          ['Organization'],
        ),
        ref(
          'network',
          `${PN_SP}/organizationaffiliation-network`,
          'OrganizationAffiliation.network',
          ['Organization'],
        ),
        param(
          'role',
          'token',
          `${PN_SP}/organizationaffiliation-role`,
          'OrganizationAffiliation.code',
        ),
      ],
      [
        'OrganizationAffiliation:primary-organization',
        'OrganizationAffiliation:participating-organization',
        'OrganizationAffiliation:network',
      ],
    ),
  ],
};

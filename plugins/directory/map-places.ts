/**
 * Locations, healthcare services and endpoints as Plan-Net 1.1.0 resources (Plan-Net IG
 * §plannet-Location, §plannet-HealthcareService, §plannet-Endpoint).
 */
import type { Endpoint, HealthcareService, Location } from '@medplum/fhirtypes';
import type { OrganizationIndex, Row } from './backend.js';
import { list, PREFIX, str } from './ids.js';
import {
  addressOf,
  compact,
  metaOf,
  newPatients,
  planNetConcept,
  planNetSd,
  taxonomyConcept,
  telecomOf,
} from './legacy-values.js';
import { organizationRef } from './map-orgs.js';
import { PLANNET_ENDPOINT, PLANNET_HEALTHCARE_SERVICE, PLANNET_LOCATION } from './profiles.js';

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
/** Legacy location type -> v3 RoleCode (ServiceDeliveryLocationRoleType). */
export const LOCATION_TYPES: Readonly<Record<string, string>> = {
  HOSP: 'HOSP',
  CLIN: 'OF',
  PHARM: 'PHARM',
  LAB: 'MBL',
  IMG: 'RADDX',
  DENT: 'DENT',
  DME: 'OF',
  PAYER: 'OF',
};
const ACCESSIBILITY: Readonly<Record<string, string>> = {
  WHLCHR: 'handicap',
  TRANSIT: 'pubtrans',
  INTERP: 'cultcomp',
  TTY: 'adacomp',
};
const DAYS: Readonly<Record<string, 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>> = {
  MON: 'mon',
  TUE: 'tue',
  WED: 'wed',
  THU: 'thu',
  FRI: 'fri',
  SAT: 'sat',
  SUN: 'sun',
};
type Day = (typeof DAYS)[string];

/** A location row as a Plan-Net Location (`loc-<id>`). */
export function toLocation(row: Row, orgs: OrganizationIndex): Location {
  return compact<Location>({
    resourceType: 'Location',
    id: `${PREFIX.location}${str(row.LOC_ID)}`,
    meta: metaOf(PLANNET_LOCATION, row),
    extension: list(row.ACCESS_CDS).flatMap((code) => {
      const mapped = ACCESSIBILITY[code];
      if (!mapped) return [];
      const valueCodeableConcept = planNetConcept('AccessibilityCS', mapped);
      return [{ url: planNetSd('accessibility'), valueCodeableConcept }];
    }),
    status: row.ACTIVE_IND === 'Y' ? 'active' : 'inactive',
    name: str(row.LOC_NM),
    type: [{ coding: [{ system: ROLE_CODE, code: LOCATION_TYPES[str(row.LOC_TYP_CD)] ?? 'OF' }] }],
    telecom: telecomOf(row),
    address: addressOf(row),
    position: { latitude: Number(row.LAT_NBR), longitude: Number(row.LON_NBR) },
    managingOrganization: organizationRef(orgs, str(row.ORG_ID)),
    hoursOfOperation: hoursOf(row),
    endpoint: list(row.ENDPT_IDS).map((id) => ({ reference: `Endpoint/${PREFIX.endpoint}${id}` })),
  });
}

function hoursOf(row: Row): Location['hoursOfOperation'] {
  if (row.OPEN_24_IND === 'Y') {
    return [{ daysOfWeek: Object.values<Day>(DAYS), allDay: true }];
  }
  const hours = Array.isArray(row.HOURS) ? (row.HOURS as Row[]) : [];
  return hours.flatMap((entry) => {
    const day = DAYS[str(entry.DAY_CD)];
    if (!day) return [];
    const time = (hhmm: string) => `${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}:00`;
    const opens = time(str(entry.OPEN_TM));
    return [{ daysOfWeek: [day], openingTime: opens, closingTime: time(str(entry.CLOSE_TM)) }];
  });
}

/** A service row as a Plan-Net HealthcareService (`svc-<id>`). */
export function toHealthcareService(row: Row, orgs: OrganizationIndex): HealthcareService {
  const comment = str(row.CMNT_TXT);
  return compact<HealthcareService>({
    resourceType: 'HealthcareService',
    id: `${PREFIX.service}${str(row.SVC_ID)}`,
    meta: metaOf(PLANNET_HEALTHCARE_SERVICE, row),
    extension: [
      newPatients(str(row.ACCEPT_NEW_CD)),
      {
        url: planNetSd('delivery-method'),
        extension: [
          {
            url: 'type',
            valueCodeableConcept: planNetConcept('DeliveryMethodCS', 'physical'),
          },
        ],
      },
    ],
    active: row.ACTIVE_IND === 'Y',
    providedBy: organizationRef(orgs, str(row.ORG_ID)),
    category: [planNetConcept('HealthcareServiceCategoryCS', str(row.SVC_CTGY_CD).toLowerCase())],
    specialty: list(row.SPCLTY_TAXONOMY_CDS).map((code) => taxonomyConcept(code)),
    location: list(row.LOC_IDS).map((id) => ({ reference: `Location/${PREFIX.location}${id}` })),
    name: str(row.SVC_NM),
    comment: comment || undefined,
    telecom: telecomOf(row),
    appointmentRequired: row.APPT_REQ_IND === 'Y',
  });
}

/** Legacy endpoint type -> R4 endpoint connection type. */
export const CONNECTION_TYPES: Readonly<Record<string, string>> = {
  FHIR_R4: 'hl7-fhir-rest',
  DIRECT: 'direct-project',
};

/** An endpoint row as a Plan-Net Endpoint (`ep-<id>`). */
export function toEndpoint(row: Row, orgs: OrganizationIndex): Endpoint {
  const connection = CONNECTION_TYPES[str(row.ENDPT_TYP_CD)] ?? 'hl7-fhir-rest';
  return {
    resourceType: 'Endpoint',
    id: `${PREFIX.endpoint}${str(row.ENDPT_ID)}`,
    meta: metaOf(PLANNET_ENDPOINT, row),
    status: row.STAT_CD === 'A' ? 'active' : 'off',
    connectionType: {
      system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      code: connection,
    },
    name: str(row.ENDPT_NM),
    managingOrganization: organizationRef(orgs, str(row.ORG_ID)),
    payloadType: [planNetConcept('EndpointPayloadTypeCS', 'NA')],
    payloadMimeType: [str(row.PAYLOAD_MIME_TYP)],
    address: str(row.ENDPT_ADDR),
  };
}

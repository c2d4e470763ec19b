/**
 * Legacy payer record -> CARIN BB 2.1.0 Organization (on US Core Organization): identifiers
 * in the NAIC-code and payer-id slices, active, type `pay`, name, address and telecom.
 */
import type { Organization } from '@medplum/fhirtypes';
import { instantOf, phoneOf, type LegacyPayer } from './legacy-api.js';
import { C4BB_ORGANIZATION, SYSTEMS } from './profiles.js';

/** Maps the payer; its logical id is the payer id. */
export function toOrganization(payer: LegacyPayer, payerIdSystem: string): Organization {
  return {
    resourceType: 'Organization',
    id: payer.PAYER_ID,
    meta: { lastUpdated: instantOf(payer.LAST_UPD_TS), profile: [C4BB_ORGANIZATION] },
    identifier: [
      {
        type: {
          coding: [{ system: SYSTEMS.c4bbIdentifierType, code: 'naiccode', display: 'NAIC Code' }],
        },
        system: SYSTEMS.naic,
        value: payer.NAIC_CD,
      },
      {
        type: {
          coding: [{ system: SYSTEMS.c4bbIdentifierType, code: 'payerid', display: 'Payer ID' }],
        },
        system: payerIdSystem,
        value: payer.PAYER_ID,
      },
    ],
    active: true,
    type: [{ coding: [{ system: SYSTEMS.organizationType, code: 'pay', display: 'Payer' }] }],
    name: payer.PAYER_NM,
    telecom: [
      { system: 'phone', value: phoneOf(payer.PHN_NBR), use: 'work' },
      { system: 'url', value: payer.WEB_URL, use: 'work' },
    ],
    address: [
      {
        use: 'work',
        type: 'both',
        line: [payer.ADDR_LN_1],
        city: payer.CITY_NM,
        state: payer.ST_CD,
        postalCode: payer.ZIP_CD,
        country: 'US',
      },
    ],
  };
}

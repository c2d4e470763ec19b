/**
 * Source formats: every plugin this repository ships has one under its default name, so the
 * source entity of every derived Provenance carries PDex `ProvenanceSourceFrom`.
 */
import type { Encounter } from '@medplum/fhirtypes';
import { expect } from 'chai';
import createClaimsPlugin from '../../plugins/claims/index.js';
import createClinicalPlugin from '../../plugins/clinical/index.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';
import createFormularyPlugin from '../../plugins/formulary/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import createPriorAuthPlugin from '../../plugins/prior-auth/index.js';
import type { PluginFactory } from '../../plugins/sdk/contract.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { SOURCE_FORMAT_DISPLAY, toProvenance } from './build.js';
import { DEFAULT_SOURCE_FORMATS, sourceOf } from './sources.js';

const SHIPPED: readonly PluginFactory[] = [
  createClaimsPlugin,
  createClinicalPlugin,
  createDirectoryPlugin,
  createFormularyPlugin,
  createMembershipPlugin,
  createPriorAuthPlugin,
];

describe('Provenance source formats', () => {
  it('every shipped plugin has a PDex source format under its default name', async () => {
    for (const factory of SHIPPED) {
      const plugin = await factory({ baseUrl: 'http://127.0.0.1:9' }, testPluginContext());
      const format = DEFAULT_SOURCE_FORMATS[plugin.name];
      expect(format, plugin.name).to.be.a('string');
      expect(SOURCE_FORMAT_DISPLAY, plugin.name).to.have.property(format ?? '');
    }
  });

  it('clinical records are `other`: the repository keeps no original format', () => {
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: 'enc-1',
      meta: { lastUpdated: '2026-01-01T00:00:00Z' },
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    };
    const source = sourceOf('clinical', DEFAULT_SOURCE_FORMATS);
    const built = toProvenance(encounter, source, { payerOrganization: 'CMHP1' });
    const coding = built.entity?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0];
    expect(coding).to.deep.equal({
      system: 'http://hl7.org/fhir/us/davinci-pdex/CodeSystem/ProvenancePayerDataSource',
      code: 'other',
      display: 'Other',
    });
  });
});

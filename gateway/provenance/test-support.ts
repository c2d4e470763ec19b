/**
 * Shared assertions of the Provenance tests: what US Core 6.1.0 us-core-provenance requires
 * (the US Core Provenance StructureDefinition does not ship with the validator's definitions,
 * so its required elements are asserted here, and the resource is validated as R4).
 */
import type { Provenance } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { expectValid } from '../../test/support/fhir-validator.js';
import { US_CORE_PROVENANCE } from './build.js';

/** Target, recorded, agents with type and who, the author agent, the payer transmitter. */
export function expectUsCoreProvenance(provenance: Provenance): void {
  expect(provenance.meta?.profile).to.include(US_CORE_PROVENANCE);
  expect(provenance.target.length).to.be.greaterThan(0);
  expect(provenance.recorded).to.match(/^\d{4}-\d{2}-\d{2}T/);
  expect(provenance.agent.length).to.be.greaterThan(0);
  for (const agent of provenance.agent) {
    expect(agent.type?.coding?.[0]?.code).to.be.a('string');
    expect(agent.who.reference).to.match(/^(Organization|Practitioner)\//);
  }
  const author = provenance.agent.find((a) => a.type?.coding?.[0]?.code === 'author');
  expect(author?.type?.coding?.[0]?.system).to.equal(
    'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  );
  const transmitter = provenance.agent.find((a) => a.type?.coding?.[0]?.code === 'transmitter');
  expect(transmitter?.who.reference).to.equal('Organization/CMHP1');
  expectValid(provenance);
}

/**
 * The Provenance built from a resource: ids that round-trip, US Core / PDex content, author
 * derivation, the patient link, and R4 validity (US Core Provenance profile included).
 */
import type { Coverage, ExplanationOfBenefit, Practitioner } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { compartmentPatients } from '../auth/compartment.js';
import { authorOf, subjectPatient, toProvenance } from './build.js';
import { parseReference, provenanceId, targetOf } from './ids.js';
import { expectUsCoreProvenance } from './test-support.js';

const OPTIONS = { payerOrganization: 'CMHP1' };

function eob(overrides: Partial<ExplanationOfBenefit> = {}): ExplanationOfBenefit {
  return {
    resourceType: 'ExplanationOfBenefit',
    id: 'clm-1',
    meta: { lastUpdated: '2024-03-01T10:00:00.000Z', versionId: '3' },
    status: 'active',
    type: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' },
      ],
    },
    use: 'claim',
    patient: { reference: 'Patient/MBR1' },
    created: '2024-03-01',
    insurer: { reference: 'Organization/CMHP1' },
    provider: { reference: 'Organization/npi-1234567893' },
    outcome: 'complete',
    insurance: [{ focal: true, coverage: { reference: 'Coverage/MBR1-1' } }],
    ...overrides,
  };
}

describe('Provenance ids and references', () => {
  it('round-trips prv-<Type>-<id>', () => {
    expect(provenanceId('ExplanationOfBenefit', 'clm-1')).to.equal(
      'prv-ExplanationOfBenefit-clm-1',
    );
    expect(targetOf('prv-ExplanationOfBenefit-clm-1')).to.deep.equal({
      type: 'ExplanationOfBenefit',
      id: 'clm-1',
    });
    expect(targetOf('prv-Coverage-MBR1-2')).to.deep.equal({ type: 'Coverage', id: 'MBR1-2' });
  });

  it('hashes a target id too long for 64 characters; such an id is not readable back', () => {
    const id = provenanceId('ExplanationOfBenefit', 'x'.repeat(60));
    expect(id).to.match(/^prv-h-[0-9a-f]{58}$/);
    expect(targetOf(id)).to.equal(undefined);
    expect(targetOf('something-else')).to.equal(undefined);
  });

  it('parses relative, absolute and versioned references', () => {
    expect(parseReference('Coverage/c1')).to.deep.equal({ type: 'Coverage', id: 'c1' });
    expect(parseReference('http://x/fhir/Coverage/c1/_history/2')).to.deep.equal({
      type: 'Coverage',
      id: 'c1',
    });
    expect(parseReference('#contained')).to.equal(undefined);
  });
});

describe('Provenance content (US Core 6.1.0, PDex 2.1.0)', () => {
  it('targets the versioned EOB, recorded at its lastUpdated, provider author, payer transmitter', () => {
    const provenance = toProvenance(eob(), { system: 'claims', format: 'x12837' }, OPTIONS);
    expect(provenance.id).to.equal('prv-ExplanationOfBenefit-clm-1');
    expect(provenance.target).to.deep.equal([
      { reference: 'ExplanationOfBenefit/clm-1/_history/3' },
    ]);
    expect(provenance.recorded).to.equal('2024-03-01T10:00:00.000Z');
    expect(provenance.agent[0]?.who.reference).to.equal('Organization/npi-1234567893');
    expect(provenance.entity?.[0]?.role).to.equal('source');
    expect(provenance.entity?.[0]?.what.display).to.equal('claims legacy system');
    expect(
      provenance.entity?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code,
    ).to.equal('x12837');
    expectUsCoreProvenance(provenance);
  });

  it("lies in the target's patient compartment (R5 Provenance.patient extension)", () => {
    const provenance = toProvenance(eob(), { system: 'claims' }, OPTIONS);
    expect(compartmentPatients(provenance)).to.deep.equal(['MBR1']);
  });

  it("a dependent's Coverage is about its beneficiary, not the subscriber", () => {
    const coverage: Coverage = {
      resourceType: 'Coverage',
      id: 'MBR2-1',
      status: 'active',
      subscriber: { reference: 'Patient/MBR1' },
      beneficiary: { reference: 'Patient/MBR2' },
      payor: [{ reference: 'Organization/CMHP1' }],
    };
    expect(subjectPatient(coverage)).to.equal('MBR2');
    expect(
      compartmentPatients(toProvenance(coverage, { system: 'membership' }, OPTIONS)),
    ).to.deep.equal(['MBR2']);
  });

  it('pharmacy claims come from NCPDP; PA decisions are authored by the payer', () => {
    const pharmacy = eob({
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'pharmacy' }],
      },
    });
    const built = toProvenance(pharmacy, { system: 'claims', format: 'x12837' }, OPTIONS);
    expect(built.entity?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).to.equal(
      'ncpdp',
    );
    expect(authorOf(eob({ use: 'preauthorization' }), 'CMHP1')).to.equal('Organization/CMHP1');
  });

  it('a public record without an organization: the payer authors it, no patient link', () => {
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      id: 'prac-1',
      meta: { lastUpdated: '2024-01-01T00:00:00Z' },
      name: [{ family: 'Synthetic' }],
    };
    const provenance = toProvenance(practitioner, { system: 'directory' }, OPTIONS);
    expect(provenance.agent[0]?.who.reference).to.equal('Organization/CMHP1');
    expect(provenance.target).to.deep.equal([{ reference: 'Practitioner/prac-1' }]);
    expect(provenance.extension).to.equal(undefined);
    expect(provenance.entity?.[0]?.extension).to.equal(undefined);
    expectUsCoreProvenance(provenance);
  });
});

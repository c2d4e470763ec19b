import type { Patient } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { expectValid, FhirValidationError, validateR4 } from './fhir-validator.js';

const US_CORE_PATIENT = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient';

const valid: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'urn:test', value: '1' }],
  name: [{ family: 'Example', given: ['Pat'] }],
  gender: 'female',
  birthDate: '1980-02-29',
};

describe('test support: FHIR R4 validator', () => {
  it('accepts a valid resource, against R4 and the US Core Patient profile', () => {
    validateR4(valid);
    expectValid(valid, { profile: US_CORE_PATIENT });
  });

  it('rejects unknown elements and bad primitive formats, naming each path', () => {
    const invalid = { ...valid, birthDate: '29/02/1980', nickname: 'x' } as unknown as Patient;
    expect(() => validateR4(invalid))
      .to.throw(FhirValidationError)
      .with.property('message')
      .that.matches(/Patient\.birthDate: Invalid date format/)
      .and.matches(/Patient\.nickname: Invalid additional property/);
  });

  it('rejects wrong types and cardinality', () => {
    const invalid = { ...valid, name: { family: 'Solo' }, active: 'yes' } as unknown as Patient;
    expect(() => validateR4(invalid)).to.throw(FhirValidationError, /Patient\.active/);
  });

  it('applies profile constraints: US Core requires identifier and name', () => {
    const bare: Patient = { resourceType: 'Patient', id: 'p2', gender: 'male' };
    validateR4(bare);
    expect(() => validateR4(bare, { profile: US_CORE_PATIENT }))
      .to.throw(FhirValidationError)
      .with.property('message')
      .that.matches(/Patient\.identifier/)
      .and.matches(/Patient\.name/);
  });

  it('turns a failure into a chai assertion error with the issue list', () => {
    const invalid = { ...valid, gender: 42 } as unknown as Patient;
    expect(() => expectValid(invalid)).to.throw(/Patient\/p1 is not valid:\n {2}Patient\.gender/);
  });
});

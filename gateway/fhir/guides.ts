/**
 * The implementation guides' server CapabilityStatements this gateway can claim to
 * `instantiate` (R4 CapabilityStatement.instantiates), decided from what the loaded plugins
 * actually serve. A guide is claimed only when every resource type its server statement
 * requires is served with the guide's profiles, so a deployment without (say) the clinical
 * plugin does not claim US Core.
 */
import type { OperationCapability, ResourceCapability } from '../../plugins/sdk/contract.js';

/** What a guide's server CapabilityStatement requires, reduced to what can be checked. */
export interface GuideRequirement {
  /** Canonical of the guide's server CapabilityStatement, with its version. */
  readonly capabilityStatement: string;
  /** Canonical of the ImplementationGuide resource, with its version. */
  readonly implementationGuide: string;
  /** Type -> profiles that must all be among the type's supported profiles ([] = any). */
  readonly types: Readonly<Record<string, readonly string[]>>;
  /** Operation names that must be served (e.g. `export`). */
  readonly operations?: readonly string[];
}

const CARIN = 'http://hl7.org/fhir/us/carin-bb';
const US_CORE = 'http://hl7.org/fhir/us/core';
const PDEX = 'http://hl7.org/fhir/us/davinci-pdex';
const PLAN_NET = 'http://hl7.org/fhir/us/davinci-pdex-plan-net';
const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary';

const c4bb = (name: string) => `${CARIN}/StructureDefinition/C4BB-${name}`;
const usCore = (name: string) => `${US_CORE}/StructureDefinition/us-core-${name}`;
const planNet = (name: string) => `${PLAN_NET}/StructureDefinition/plannet-${name}`;
const usdf = (name: string) => `${USDF}/StructureDefinition/usdf-${name}`;

/** US Core 6.1.0 server: the profiles a payer's clinical data needs (USCDI v3 classes). */
const US_CORE_TYPES: Record<string, readonly string[]> = {
  Patient: [usCore('patient')],
  AllergyIntolerance: [usCore('allergyintolerance')],
  CarePlan: [usCore('careplan')],
  CareTeam: [usCore('careteam')],
  Condition: [
    usCore('condition-problems-health-concerns'),
    usCore('condition-encounter-diagnosis'),
  ],
  DiagnosticReport: [usCore('diagnosticreport-lab'), usCore('diagnosticreport-note')],
  DocumentReference: [usCore('documentreference')],
  Encounter: [usCore('encounter')],
  Goal: [usCore('goal')],
  Immunization: [usCore('immunization')],
  MedicationRequest: [usCore('medicationrequest')],
  Observation: [usCore('observation-lab'), usCore('vital-signs')],
  Procedure: [usCore('procedure')],
  Provenance: [usCore('provenance')],
  Organization: [],
  Practitioner: [],
};

/** The guides of PRODUCT.md, in the versions it names. */
export const GUIDES: readonly GuideRequirement[] = [
  {
    capabilityStatement: `${CARIN}/CapabilityStatement/c4bb|2.1.0`,
    implementationGuide: `${CARIN}/ImplementationGuide/hl7.fhir.us.carin-bb|2.1.0`,
    types: {
      ExplanationOfBenefit: [
        c4bb('ExplanationOfBenefit-Inpatient-Institutional'),
        c4bb('ExplanationOfBenefit-Outpatient-Institutional'),
        c4bb('ExplanationOfBenefit-Professional-NonClinician'),
        c4bb('ExplanationOfBenefit-Pharmacy'),
        c4bb('ExplanationOfBenefit-Oral'),
      ],
      Coverage: [c4bb('Coverage')],
      Patient: [c4bb('Patient')],
      Organization: [c4bb('Organization')],
      Practitioner: [c4bb('Practitioner')],
    },
  },
  {
    capabilityStatement: `${US_CORE}/CapabilityStatement/us-core-server|6.1.0`,
    implementationGuide: `${US_CORE}/ImplementationGuide/hl7.fhir.us.core|6.1.0`,
    types: US_CORE_TYPES,
  },
  {
    capabilityStatement: `${PDEX}/CapabilityStatement/pdex-server|2.1.0`,
    implementationGuide: `${PDEX}/ImplementationGuide/hl7.fhir.us.davinci-pdex|2.1.0`,
    types: {
      ...US_CORE_TYPES,
      ExplanationOfBenefit: [`${PDEX}/StructureDefinition/pdex-priorauthorization`],
    },
  },
  {
    capabilityStatement: `${PLAN_NET}/CapabilityStatement/plan-net|1.1.0`,
    implementationGuide: `${PLAN_NET}/ImplementationGuide/hl7.fhir.us.davinci-pdex-plan-net|1.1.0`,
    types: {
      Endpoint: [planNet('Endpoint')],
      HealthcareService: [planNet('HealthcareService')],
      InsurancePlan: [planNet('InsurancePlan')],
      Location: [planNet('Location')],
      Organization: [planNet('Organization'), planNet('Network')],
      OrganizationAffiliation: [planNet('OrganizationAffiliation')],
      Practitioner: [planNet('Practitioner')],
      PractitionerRole: [planNet('PractitionerRole')],
    },
  },
  {
    capabilityStatement: `${USDF}/CapabilityStatement/usdf-server|2.0.1`,
    implementationGuide: `${USDF}/ImplementationGuide/hl7.fhir.us.davinci-drug-formulary|2.0.1`,
    types: {
      MedicationKnowledge: [usdf('FormularyDrug')],
      InsurancePlan: [usdf('Formulary'), usdf('PayerInsurancePlan')],
      Basic: [usdf('FormularyItem')],
    },
  },
  {
    capabilityStatement: 'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data|2.0.0',
    implementationGuide:
      'http://hl7.org/fhir/uv/bulkdata/ImplementationGuide/hl7.fhir.uv.bulkdata|2.0.0',
    types: {},
    operations: ['export'],
  },
];

/** What the gateway serves, as the guides are checked against it. */
export interface Served {
  capability(type: string): ResourceCapability | undefined;
  readonly operations: readonly OperationCapability[];
}

/** The guides whose every requirement `served` meets, in {@link GUIDES} order. */
export function metGuides(
  served: Served,
  guides: readonly GuideRequirement[] = GUIDES,
): GuideRequirement[] {
  return guides.filter((guide) => unmet(served, guide).length === 0);
}

/** Why a guide is not met: `Type` (not served) or `Type profile` (profile missing). */
export function unmet(served: Served, guide: GuideRequirement): string[] {
  const missing: string[] = [];
  for (const [type, profiles] of Object.entries(guide.types)) {
    const capability = served.capability(type);
    if (!capability) {
      missing.push(type);
      continue;
    }
    for (const profile of profiles) {
      if (!capability.profiles.includes(profile)) missing.push(`${type} ${profile}`);
    }
  }
  const names = new Set(served.operations.map((operation) => operation.name));
  for (const name of guide.operations ?? []) {
    if (!names.has(name)) missing.push(`$${name}`);
  }
  return missing;
}

/**
 * Profiles the directory plugin's resources claim: Plan-Net 1.1.0 (Plan-Net IG §Profiles),
 * and for Practitioner and (provider) Organization also CARIN BB 2.1.0, whose
 * ExplanationOfBenefit care team, provider and payee reference resources served here.
 */
import { planNetSd } from './legacy-values.js';

export const PLANNET_PRACTITIONER = planNetSd('plannet-Practitioner');
export const PLANNET_PRACTITIONER_ROLE = planNetSd('plannet-PractitionerRole');
export const PLANNET_ORGANIZATION = planNetSd('plannet-Organization');
export const PLANNET_NETWORK = planNetSd('plannet-Network');
export const PLANNET_LOCATION = planNetSd('plannet-Location');
export const PLANNET_HEALTHCARE_SERVICE = planNetSd('plannet-HealthcareService');
export const PLANNET_INSURANCE_PLAN = planNetSd('plannet-InsurancePlan');
export const PLANNET_ORGANIZATION_AFFILIATION = planNetSd('plannet-OrganizationAffiliation');
export const PLANNET_ENDPOINT = planNetSd('plannet-Endpoint');

/** CARIN Blue Button 2.1.0 Practitioner (on US Core Practitioner). */
export const C4BB_PRACTITIONER =
  'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Practitioner';
/** CARIN Blue Button 2.1.0 Organization (on US Core Organization). */
export const C4BB_ORGANIZATION =
  'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization';

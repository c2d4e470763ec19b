/** Plan-Net 1.1.0 profiles the directory plugin's resources claim (Plan-Net IG §Profiles). */
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

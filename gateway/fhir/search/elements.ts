/**
 * Reading element values by the simple paths plugins declare for search parameters
 * (`Coverage.beneficiary | Coverage.subscriber`): dotted names, through arrays.
 */
import type { SearchParamDefinition } from '../../../plugins/sdk/contract.js';

/** Every value found at a dotted element path (without the type name), flattened. */
export function valuesAt(root: object, path: string): unknown[] {
  let nodes: unknown[] = [root];
  for (const key of path.split('.')) {
    nodes = nodes.flatMap((node) => {
      const value = (node as Record<string, unknown> | null)?.[key];
      if (Array.isArray(value)) return value as unknown[];
      return value === undefined ? [] : [value];
    });
  }
  return nodes;
}

/** Element paths of a parameter's expression, without the leading type name. */
export function pathsOf(param: SearchParamDefinition): string[] {
  return (param.expression ?? '')
    .split('|')
    .map((part) => part.trim().split('.').slice(1).join('.'))
    .filter((path) => path !== '');
}

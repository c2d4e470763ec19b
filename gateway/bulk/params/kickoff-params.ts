/**
 * Gathers the kick-off parameters of `$export` from the query (GET) or a Parameters body
 * (POST), as lists of strings per name. Comma-delimited and repeated values are the same
 * thing (Bulk Data 2.0: "the server SHALL treat the values provided as if they were comma
 * delimited values within a single instance of the parameter"); splitting is left to each
 * parameter, since `_typeFilter` queries may themselves contain commas.
 */
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { BadRequestError } from '../../../plugins/sdk/errors.js';
import type { FhirRequest } from '../../fhir/types.js';

/** Raw values per parameter name, in order. */
export type RawParams = ReadonlyMap<string, readonly string[]>;

/** Parameters that apply to every FHIR interaction and never reach the export. */
const GENERAL = new Set(['_format', '_pretty']);

/** The kick-off parameters of a GET or POST request. */
export function kickoffParams(req: Pick<FhirRequest, 'method' | 'query' | 'body'>): RawParams {
  const params = new Map<string, string[]>();
  const add = (name: string, value: string) =>
    params.set(name, [...(params.get(name) ?? []), value]);
  for (const [name, value] of req.query) if (!GENERAL.has(name)) add(name, value);
  if (req.method === 'POST') {
    for (const parameter of bodyParameters(req.body)) add(parameter.name ?? '', valueOf(parameter));
  }
  return params;
}

/** Values of one parameter split on commas (for parameters whose values never hold commas). */
export function listValues(params: RawParams, name: string): string[] {
  return (params.get(name) ?? [])
    .flatMap((value) => value.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The single value of a 0..1 parameter; 400 when repeated. */
export function singleValue(params: RawParams, name: string): string | undefined {
  const values = params.get(name) ?? [];
  if (values.length > 1) {
    throw new BadRequestError(`Kick-off parameter ${name} may be given only once`, {
      expression: [name],
    });
  }
  return values[0];
}

function bodyParameters(body: unknown): ParametersParameter[] {
  const parameters = body as Partial<Parameters> | undefined;
  if (!parameters || parameters.resourceType !== 'Parameters') {
    throw new BadRequestError('A POST $export body must be a Parameters resource', {
      expression: ['Parameters'],
    });
  }
  return parameters.parameter ?? [];
}

/** The string form of a parameter value: a reference's `reference`, else the primitive. */
function valueOf(parameter: ParametersParameter): string {
  if (parameter.valueReference) return parameter.valueReference.reference ?? '';
  const entry = Object.entries(parameter).find(([key]) => key.startsWith('value'));
  const value: unknown = entry?.[1];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new BadRequestError(
    `Parameter ${parameter.name ?? '(unnamed)'} needs a primitive or Reference value`,
    {
      expression: [`Parameters.parameter.where(name='${parameter.name ?? ''}')`],
    },
  );
}

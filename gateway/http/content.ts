/**
 * Content negotiation for the FHIR endpoint (R4 §3.1.0.1.10 "Content Types and encodings").
 * JSON is the only format served: `application/fhir+json` (the default), `application/json`
 * or `_format=json`. XML and anything else gets 406; a body in another type gets 415.
 */
import type { NextFunction, Request, Response } from 'express';
import { NotAcceptableError, UnsupportedMediaTypeError } from '../../plugins/sdk/errors.js';

export const FHIR_JSON = 'application/fhir+json';

const JSON_FORMATS = new Set(['json', FHIR_JSON, 'application/json', 'application/json+fhir']);
const ACCEPTABLE = new Set([
  FHIR_JSON,
  'application/json',
  'application/json+fhir',
  '*/*',
  'application/*',
]);
const BODY_TYPES = new Set([FHIR_JSON, 'application/json', 'application/json+fhir']);

/** Rejects requests asking for a format other than FHIR JSON. */
export function negotiate(req: Request, _res: Response, next: NextFunction): void {
  const format = req.query._format;
  if (
    typeof format === 'string' &&
    format !== '' &&
    !JSON_FORMATS.has(format.split(';')[0]!.trim())
  ) {
    throw new NotAcceptableError(
      `_format "${format}" is not supported; this server speaks ${FHIR_JSON}`,
    );
  }
  const accept = req.get('accept');
  if (typeof format !== 'string' && accept && !acceptsJson(accept)) {
    throw new NotAcceptableError(
      `Accept "${accept}" cannot be satisfied; this server speaks ${FHIR_JSON}`,
    );
  }
  next();
}

/** Rejects bodies that are not FHIR JSON (form posts to `_search` are allowed). */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const formSearch = type === 'application/x-www-form-urlencoded' && req.path.endsWith('/_search');
  if (!BODY_TYPES.has(type) && !formSearch) {
    throw new UnsupportedMediaTypeError(
      `Content-Type "${type || '(none)'}" is not supported; send ${FHIR_JSON}`,
    );
  }
  next();
}

function acceptsJson(accept: string): boolean {
  return accept
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .some((type) => ACCEPTABLE.has(type));
}

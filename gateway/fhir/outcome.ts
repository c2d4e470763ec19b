/**
 * Maps every error to an OperationOutcome (FHIR R4 §3.1.0.6 / RESTful API "Handling Errors").
 * The outcome's `id` is the request id, so a client can quote it to an operator; `diagnostics`
 * carries only the public message, never the private detail.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { GatewayError, type IssueCode } from '../../plugins/sdk/errors.js';

/** An OperationOutcome with one issue. */
export function outcome(
  severity: OperationOutcomeIssue['severity'],
  code: IssueCode,
  message: string,
  requestId?: string,
  expression?: readonly string[],
): OperationOutcome {
  const issue: OperationOutcomeIssue = { severity, code, diagnostics: message };
  if (expression && expression.length > 0) issue.expression = [...expression];
  return {
    resourceType: 'OperationOutcome',
    ...(requestId ? { id: requestId } : {}),
    issue: [issue],
  };
}

/** Turns any thrown value into a GatewayError; unknown errors become a generic 500. */
export function normalizeError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  return new GatewayError('An internal error occurred; quote the request id to the operator', {
    detail: err instanceof Error ? (err.stack ?? err.message) : String(err),
    cause: err,
  });
}

/** The OperationOutcome for an error, with its request id. */
export function errorOutcome(err: GatewayError, requestId: string): OperationOutcome {
  return outcome('error', err.issueCode, err.message, requestId, err.expression);
}

/** An informational outcome, e.g. for a successful delete or warnings in a Bundle. */
export function informational(message: string, requestId?: string): OperationOutcome {
  return outcome('information', 'informational', message, requestId);
}

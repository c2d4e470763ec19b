/**
 * `Prefer: handling=lenient` for kick-off (Bulk Data 2.0 "Query Parameters"): a server that
 * does not support a parameter or value answers 400 with an OperationOutcome, unless the
 * client asked for lenient handling; then it skips the thing and says so in the manifest's
 * `error` file ("the server SHOULD include an OperationOutcome resource for each of these
 * parameters"). This collector does one or the other.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { BadRequestError, type IssueCode } from '../../../plugins/sdk/errors.js';
import { outcome } from '../../fhir/outcome.js';

/** A kick-off parameter or value this server does not support (400, `not-supported`). */
export class UnsupportedExportError extends BadRequestError {
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_BULK_UNSUPPORTED';
}

/** Collects what lenient handling skipped, or throws when handling is strict. */
export class KickoffNotes {
  readonly #issues: OperationOutcome[] = [];

  constructor(readonly lenient: boolean) {}

  /** Rejects (strict) or records a warning and lets the caller skip the thing (lenient). */
  unsupported(message: string, expression: string): void {
    if (!this.lenient) throw new UnsupportedExportError(message, { expression: [expression] });
    this.#issues.push(
      outcome('warning', 'not-supported', `${message}; ignored (lenient handling)`, undefined, [
        expression,
      ]),
    );
  }

  /** Rejects (strict, 400 `invalid`) or records a warning and lets the caller skip the value. */
  invalid(message: string, expression: string): void {
    if (!this.lenient) throw new BadRequestError(message, { expression: [expression] });
    this.#issues.push(
      outcome('warning', 'invalid', `${message}; ignored (lenient handling)`, undefined, [
        expression,
      ]),
    );
  }

  /** Records a refusal the route's authorization already let through under lenient handling. */
  skipped(message: string, expression: string): void {
    this.#issues.push(
      outcome('warning', 'forbidden', `${message}; skipped (lenient handling)`, undefined, [
        expression,
      ]),
    );
  }

  get issues(): readonly OperationOutcome[] {
    return this.#issues;
  }
}

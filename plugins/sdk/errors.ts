/**
 * One hierarchy of errors for the gateway and plugins. Each class knows its HTTP status and
 * FHIR issue code (R4 `IssueType`); `gateway/fhir/outcome.ts` maps any of them to an
 * OperationOutcome. `message` is what the client is told; `detail` is only logged.
 */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'processing'
  | 'not-supported'
  | 'not-found'
  | 'deleted'
  | 'conflict'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'suppressed'
  | 'too-costly'
  | 'throttled'
  | 'timeout'
  | 'transient'
  | 'exception'
  | 'business-rule'
  | 'duplicate'
  | 'informational';

export interface GatewayErrorOptions {
  /** Private detail for the log; never sent to the client. */
  readonly detail?: string;
  /** FHIRPath-ish location(s) of the problem, sent as `issue.expression`. */
  readonly expression?: readonly string[];
  readonly cause?: unknown;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Base class: a client-facing problem with a stable code, status and FHIR issue code. */
export class GatewayError extends Error {
  readonly status: number = 500;
  readonly issueCode: IssueCode = 'exception';
  /** Stable machine-readable code, e.g. `GW_NOT_FOUND`, also logged. */
  readonly code: string = 'GW_INTERNAL';
  readonly detail?: string;
  readonly expression?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
    this.expression = options.expression;
    this.headers = options.headers;
  }
}

export class BadRequestError extends GatewayError {
  override readonly status = 400;
  override readonly issueCode: IssueCode = 'invalid';
  override readonly code: string = 'GW_BAD_REQUEST';
}

export class InvalidResourceError extends BadRequestError {
  override readonly issueCode: IssueCode = 'structure';
  override readonly code = 'GW_INVALID_RESOURCE';
}

export class UnknownSearchParamError extends BadRequestError {
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_UNKNOWN_SEARCH_PARAM';
}

export class UnauthorizedError extends GatewayError {
  override readonly status = 401;
  override readonly issueCode: IssueCode = 'login';
  override readonly code = 'GW_UNAUTHORIZED';
}

export class ForbiddenError extends GatewayError {
  override readonly status = 403;
  override readonly issueCode: IssueCode = 'forbidden';
  override readonly code = 'GW_FORBIDDEN';
}

export class NotFoundError extends GatewayError {
  override readonly status = 404;
  override readonly issueCode: IssueCode = 'not-found';
  override readonly code = 'GW_NOT_FOUND';
}

export class MethodNotAllowedError extends GatewayError {
  override readonly status = 405;
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_METHOD_NOT_ALLOWED';
}

export class NotAcceptableError extends GatewayError {
  override readonly status = 406;
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_NOT_ACCEPTABLE';
}

export class ConflictError extends GatewayError {
  override readonly status = 409;
  override readonly issueCode: IssueCode = 'conflict';
  override readonly code = 'GW_CONFLICT';
}

export class GoneError extends GatewayError {
  override readonly status = 410;
  override readonly issueCode: IssueCode = 'deleted';
  override readonly code = 'GW_GONE';
}

export class PreconditionFailedError extends GatewayError {
  override readonly status = 412;
  override readonly issueCode: IssueCode = 'conflict';
  override readonly code = 'GW_PRECONDITION_FAILED';
}

export class PayloadTooLargeError extends GatewayError {
  override readonly status = 413;
  override readonly issueCode: IssueCode = 'too-costly';
  override readonly code = 'GW_PAYLOAD_TOO_LARGE';
}

export class UnsupportedMediaTypeError extends GatewayError {
  override readonly status = 415;
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_UNSUPPORTED_MEDIA_TYPE';
}

export class UnprocessableEntityError extends GatewayError {
  override readonly status = 422;
  override readonly issueCode: IssueCode = 'processing';
  override readonly code = 'GW_UNPROCESSABLE';
}

export class TooManyRequestsError extends GatewayError {
  override readonly status = 429;
  override readonly issueCode: IssueCode = 'throttled';
  override readonly code = 'GW_TOO_MANY_REQUESTS';
}

export class NotImplementedError extends GatewayError {
  override readonly status = 501;
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_NOT_IMPLEMENTED';
}

/** The legacy backend answered, but wrongly (5xx, unparseable body). */
export class BadGatewayError extends GatewayError {
  override readonly status = 502;
  override readonly issueCode: IssueCode = 'transient';
  override readonly code = 'GW_BAD_GATEWAY';
}

/** The legacy backend could not be reached or said it is unavailable. */
export class ServiceUnavailableError extends GatewayError {
  override readonly status = 503;
  override readonly issueCode: IssueCode = 'transient';
  override readonly code = 'GW_SERVICE_UNAVAILABLE';
}

/** The legacy backend did not answer within the configured timeout. */
export class GatewayTimeoutError extends GatewayError {
  override readonly status = 504;
  override readonly issueCode: IssueCode = 'timeout';
  override readonly code = 'GW_GATEWAY_TIMEOUT';
}

/** The resource type exists in FHIR R4 but no plugin serves it here, or it is not a type. */
export class UnsupportedResourceTypeError extends GatewayError {
  override readonly status = 404;
  override readonly issueCode: IssueCode = 'not-supported';
  override readonly code = 'GW_UNSUPPORTED_TYPE';
}

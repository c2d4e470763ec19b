/**
 * The legacy system's error shape, `{ERR_CD, ERR_MSG, ERR_DTL}`, and the Express error
 * handler that produces it for every failure, including request validation (400).
 */
import type { NextFunction, Request, Response } from 'express';

/** The backend's own error body. */
export interface LegacyError {
  readonly ERR_CD: string;
  readonly ERR_MSG: string;
  readonly ERR_DTL?: readonly string[];
}

interface ValidationIssue {
  readonly path?: string;
  readonly message?: string;
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Invalid request',
  404: 'Not found',
  405: 'Method not allowed',
  500: 'Internal error',
};

/** Builds an error body for a status. */
export function errorBody(
  status: number,
  message?: string,
  details?: readonly string[],
): LegacyError {
  const body = { ERR_CD: `E${status}`, ERR_MSG: message ?? MESSAGES[status] ?? 'Error' };
  return details && details.length > 0 ? { ...body, ERR_DTL: details } : body;
}

/** Express error handler: validator errors keep their status and list their issues. */
export function handleError(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const failure = err as { status?: number; errors?: readonly ValidationIssue[]; message?: string };
  const status = typeof failure.status === 'number' && failure.status >= 400 ? failure.status : 500;
  const details = (failure.errors ?? []).map((issue) =>
    `${issue.path ?? ''} ${issue.message ?? ''}`.trim(),
  );
  res
    .status(status)
    .json(errorBody(status, status === 500 ? undefined : MESSAGES[status], details));
}

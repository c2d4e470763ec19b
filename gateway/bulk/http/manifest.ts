/**
 * The completion manifest (Bulk Data 2.0 "Response - Complete Status"): `transactionTime`,
 * `request`, `requiresAccessToken: true` (files are served by the gateway behind the same
 * bearer-token checks), `output` with one item per file and its `count`, and `error` with the
 * NDJSON OperationOutcome file when the job has any.
 */
import type { ExportFile, ExportJob } from '../jobs/types.js';
import { fileUrl } from './context.js';

export interface ManifestItem {
  readonly type: string;
  readonly url: string;
  readonly count: number;
}

export interface Manifest {
  readonly transactionTime: string;
  readonly request: string;
  readonly requiresAccessToken: true;
  readonly output: readonly ManifestItem[];
  readonly deleted: readonly ManifestItem[];
  readonly error: readonly ManifestItem[];
}

/** The manifest of a completed job. */
export function manifestOf(
  job: ExportJob,
  files: readonly ExportFile[],
  baseUrl: string,
): Manifest {
  const published = files.filter((file) => file.status === 'closed' && file.count > 0);
  const item = (file: ExportFile): ManifestItem => ({
    type: file.resourceType,
    url: fileUrl(baseUrl, job.id, file.name),
    count: file.count,
  });
  return {
    transactionTime: job.transactionTime,
    request: job.requestUrl,
    requiresAccessToken: true,
    output: published.filter((file) => file.resourceType !== 'OperationOutcome').map(item),
    deleted: [],
    error: published.filter((file) => file.resourceType === 'OperationOutcome').map(item),
  };
}

/**
 * The manifest's `error` file: the job's OperationOutcomes (lenient-handling notes, resources
 * a plugin sent malformed) as NDJSON, written once when every type is done. A crash while
 * writing it simply writes it again from the start.
 */
import type { FileStore } from '../files/types.js';
import type { JobRepository } from '../jobs/repository.js';
import type { ExportJob } from '../jobs/types.js';

export const ERROR_FILE = 'OperationOutcome-1.ndjson';
const PAGE = 500;

/** Writes and publishes the error file if the job has issues and it is not there yet. */
export async function writeErrorFile(
  deps: { repo: JobRepository; files: FileStore },
  job: ExportJob,
): Promise<void> {
  const existing = (await deps.repo.files(job.id)).find((file) => file.name === ERROR_FILE);
  if (existing?.status === 'closed' || (await deps.repo.countIssues(job.id)) === 0) return;

  const key = `${job.id}/${ERROR_FILE}`;
  const writer = await deps.files.open(key);
  let count = 0;
  for (let after = 0; ;) {
    const page = await deps.repo.issues(job.id, after, PAGE);
    if (page.length === 0) break;
    for (const { outcome } of page) await writer.write(Buffer.from(`${JSON.stringify(outcome)}\n`));
    if (writer.wantsCommit) await writer.commit();
    count += page.length;
    after = page.at(-1)?.seq ?? after;
  }
  const state = await writer.seal();
  await deps.files.finalize(key, state);
  await deps.repo.saveFile(job.id, {
    name: ERROR_FILE,
    resourceType: 'OperationOutcome',
    part: 1,
    status: 'closed',
    count,
    bytes: state.bytes,
    state,
  });
}

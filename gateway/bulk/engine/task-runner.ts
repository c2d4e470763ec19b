/**
 * Streams one resource type of a job from its plugin into NDJSON files, in constant memory:
 * the plugin's async iterator is pulled one resource at a time and only after the previous
 * one was accepted by the file writer (backpressure); a file is closed and the next started
 * before it would pass `maxFileBytes`.
 *
 * Resume protocol: a checkpoint first makes the open file durable (`FileWriter.commit`), then
 * records in one transaction the plugin cursor of the last resource written, the resource
 * count and the file's committed state. After a crash the task restarts from that cursor and
 * reopens the file from that state, which cuts off whatever was written after it: every
 * resource is written exactly once. A rollover seals the full file and opens the next in the
 * same checkpoint; a sealed file is published (`finalize`) afterwards, idempotently.
 */
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Logger } from 'winston';
import type { Plugin, StreamItem } from '../../../plugins/sdk/contract.js';
import type { FileStore, FileWriter, WriterState } from '../files/types.js';
import type { JobRepository } from '../jobs/repository.js';
import type { ExportFile, ExportJob, ExportTask, FileStatus } from '../jobs/types.js';
import type { BulkSettings } from '../settings.js';
import { resourceScreen, type DropReason, type ScreenDeps } from './screen.js';

export interface TaskDeps extends ScreenDeps {
  readonly repo: JobRepository;
  readonly files: FileStore;
  readonly settings: BulkSettings;
  readonly logger: Logger;
  readonly worker: string;
  readonly signal: AbortSignal;
  /** Resources written by the whole job so far, committed or not (progress only). */
  readonly progress: { done: number };
}

interface OpenFile {
  readonly name: string;
  readonly part: number;
  readonly writer: FileWriter;
  count: number;
}

/** One run of one task, from its last checkpoint to the end of its stream. */
export class TaskRun {
  readonly #screen: (resource: Resource) => ReturnType<ReturnType<typeof resourceScreen>>;
  #cursor: string | undefined;
  #count: number;
  #part: number;
  #current: OpenFile | undefined;
  #issues: OperationOutcome[] = [];
  #dropped: Partial<Record<DropReason, number>> = {};
  #sinceCheckpoint = 0;
  #lastCheckpoint = Date.now();
  #lastLog = Date.now();

  constructor(
    private readonly deps: TaskDeps,
    private readonly job: ExportJob,
    private readonly task: ExportTask,
    private readonly plugin: Plugin,
    private readonly files: readonly ExportFile[],
  ) {
    this.#screen = resourceScreen(deps, job, task.resourceType);
    this.#cursor = task.cursor;
    this.#count = task.count;
    this.#part = Math.max(0, ...files.map((file) => file.part));
  }

  /** Streams to the end; throws on abort, lease loss or backend failure (state stays resumable). */
  async run(): Promise<void> {
    await this.#reopen();
    const iterator = this.#stream()[Symbol.asyncIterator]();
    for (;;) {
      const next = await nextOrAbort(iterator, this.deps.signal);
      if (next.done) break;
      await this.#accept(next.value);
      if (this.#due()) await this.#checkpoint();
    }
    await this.#finish();
  }

  /** Drops the open file's handles without committing (crash, cancel, lost lease). */
  async abort(): Promise<void> {
    await this.#current?.writer.abort();
    this.#current = undefined;
  }

  async #reopen(): Promise<void> {
    const open = this.files.find((file) => file.status === 'open');
    if (!open) return;
    const writer = await this.deps.files.open(this.#key(open.name), open.state);
    this.#current = { name: open.name, part: open.part, writer, count: open.count };
  }

  #stream(): AsyncIterable<StreamItem> {
    const { spec } = this.job;
    const request = {
      types: [this.task.resourceType],
      ...(spec.since ? { since: new Date(spec.since) } : {}),
      ...(this.#cursor === undefined ? {} : { cursor: this.#cursor }),
    };
    const ctx = {
      requestId: this.job.id,
      logger: this.deps.logger,
      constraints: spec.constraints[this.task.resourceType] ?? {},
      signal: this.deps.signal,
    };
    return this.plugin.stream!(request, ctx);
  }

  async #accept(item: StreamItem): Promise<void> {
    const verdict = this.#screen(item.resource);
    if ('keep' in verdict) await this.#write(verdict.keep);
    else if ('issue' in verdict) this.#issues.push(verdict.issue);
    else this.#dropped[verdict.drop] = (this.#dropped[verdict.drop] ?? 0) + 1;
    this.#cursor = item.cursor;
    this.#sinceCheckpoint++;
  }

  async #write(resource: Resource): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(resource)}\n`);
    const current = this.#current;
    if (
      current &&
      current.writer.bytes > 0 &&
      current.writer.bytes + line.length > this.deps.settings.maxFileBytes
    ) {
      await this.#rollover(current);
    }
    const target = this.#current ?? (await this.#openNext([]));
    await target.writer.write(line);
    target.count++;
    this.#count++;
    this.deps.progress.done++;
  }

  /** Seals the full file and opens the next in one checkpoint, then publishes the full one. */
  async #rollover(full: OpenFile): Promise<void> {
    const sealed = await full.writer.seal();
    this.#current = undefined;
    await this.#openNext([this.#row(full, sealed, 'sealed')]);
    await this.#publish(full.name, sealed);
  }

  /** Opens the next part and records it (S3 needs its upload id on record before writing). */
  async #openNext(others: ReadonlyArray<Omit<ExportFile, 'jobId'>>): Promise<OpenFile> {
    const part = ++this.#part;
    const name = `${this.task.resourceType}-${part}.ndjson`;
    const writer = await this.deps.files.open(this.#key(name));
    const file: OpenFile = { name, part, writer, count: 0 };
    await this.#commit('running', [...others, this.#row(file, writer.committed, 'open')]);
    this.#current = file;
    return file;
  }

  #due(): boolean {
    const { checkpointEvery, checkpointIntervalMs } = this.deps.settings;
    if (this.#current?.writer.wantsCommit) return true;
    return (
      this.#sinceCheckpoint >= checkpointEvery ||
      Date.now() - this.#lastCheckpoint >= checkpointIntervalMs
    );
  }

  async #checkpoint(): Promise<void> {
    const current = this.#current;
    const state = current ? await current.writer.commit() : undefined;
    if (current && !state) {
      await this.#renew();
      return;
    }
    await this.#commit('running', current && state ? [this.#row(current, state, 'open')] : []);
  }

  async #finish(): Promise<void> {
    const current = this.#current;
    const sealed = current ? await current.writer.seal() : undefined;
    this.#current = undefined;
    await this.#commit('done', current && sealed ? [this.#row(current, sealed, 'sealed')] : []);
    if (current && sealed) await this.#publish(current.name, sealed);
    this.deps.logger.info('bulk export type done', {
      jobId: this.job.id,
      resourceType: this.task.resourceType,
      count: this.#count,
      dropped: this.#dropped,
    });
  }

  async #commit(
    status: ExportTask['status'],
    files: ReadonlyArray<Omit<ExportFile, 'jobId'>>,
  ): Promise<void> {
    await this.deps.repo.checkpoint({
      jobId: this.job.id,
      worker: this.deps.worker,
      leaseUntil: this.#leaseUntil(),
      done: this.deps.progress.done,
      task: {
        resourceType: this.task.resourceType,
        cursor: this.#cursor,
        count: this.#count,
        status,
      },
      files,
      issues: this.#issues,
    });
    this.#issues = [];
    this.#markCheckpoint();
  }

  /** S3 cannot commit less than a part: keep the lease and progress fresh meanwhile. */
  async #renew(): Promise<void> {
    await this.deps.repo.renew(
      this.job.id,
      this.deps.worker,
      this.#leaseUntil(),
      this.deps.progress.done,
    );
    this.#markCheckpoint();
  }

  #markCheckpoint(): void {
    this.#sinceCheckpoint = 0;
    this.#lastCheckpoint = Date.now();
    if (Date.now() - this.#lastLog < 5000) return;
    this.#lastLog = Date.now();
    this.deps.logger.info('bulk export progress', {
      jobId: this.job.id,
      resourceType: this.task.resourceType,
      typeDone: this.#count,
      jobDone: this.deps.progress.done,
      estimate: this.job.estimate,
    });
  }

  async #publish(name: string, state: WriterState): Promise<void> {
    await this.deps.files.finalize(this.#key(name), state);
    await this.deps.repo.markClosed(this.job.id, name);
  }

  #row(file: OpenFile, state: WriterState, status: FileStatus): Omit<ExportFile, 'jobId'> {
    return {
      name: file.name,
      resourceType: this.task.resourceType,
      part: file.part,
      status,
      count: file.count,
      bytes: state.bytes,
      state,
    };
  }

  #key(name: string): string {
    return `${this.job.id}/${name}`;
  }

  #leaseUntil(): string {
    return new Date(Date.now() + this.deps.settings.leaseMs).toISOString();
  }
}

/**
 * The iterator's next item, or a rejection as soon as the signal aborts, so a worker waiting
 * on a stuck plugin stops at once. The listener is removed after each item: racing every item
 * against one long-lived promise would keep a reaction per item alive (memory growing with
 * the export).
 */
function nextOrAbort<T>(
  iterator: AsyncIterator<T>,
  signal: AbortSignal,
): Promise<IteratorResult<T>> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

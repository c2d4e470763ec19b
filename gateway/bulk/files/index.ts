/**
 * Picks the export file store from config: a local directory by default, or an
 * S3-compatible bucket (`bulk.storage: "s3"` with `bulk.s3`).
 */
import { LocalFileStore } from './local.js';
import { S3FileStore, type S3StoreOptions } from './s3.js';
import type { FileStore } from './types.js';

export type { FileStore, FileWriter, WriterState } from './types.js';
export { LocalFileStore } from './local.js';
export { S3FileStore } from './s3.js';

export interface FileStoreConfig {
  readonly storage: 'local' | 's3';
  readonly directory: string;
  readonly s3?: S3StoreOptions;
}

/** The configured file store. */
export function createFileStore(config: FileStoreConfig): FileStore {
  if (config.storage === 'local') return new LocalFileStore(config.directory);
  if (!config.s3) throw new Error('bulk.s3 is required when bulk.storage is "s3"');
  return new S3FileStore(config.s3);
}

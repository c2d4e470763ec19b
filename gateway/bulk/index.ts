/**
 * Bulk Data 2.0 export (https://hl7.org/fhir/uv/bulkdata/STU2/export.html): the endpoints
 * (kick-off at system, Patient and Group level; status; cancel; file download), the durable
 * job engine and the file store, assembled from the gateway's store, plugins and policy.
 */
import type { Logger } from 'winston';
import type { OperationCapability } from '../../plugins/sdk/contract.js';
import type { AccessPolicy } from '../auth/access.js';
import type { FhirRoute } from '../fhir/routes.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { AuditRepository, Database } from '../store/types.js';
import { ExportEngine } from './engine/engine.js';
import type { FileStore } from './files/types.js';
import { bulkRoutes } from './http/routes.js';
import { JobRepository } from './jobs/repository.js';
import { DEFAULT_BULK_SETTINGS, type BulkSettings } from './settings.js';

export { createGroupPlugin, type BulkGroup } from './groups.js';
export { createFileStore, type FileStoreConfig } from './files/index.js';
export { DEFAULT_BULK_SETTINGS, settingsFromConfig, type BulkSettings } from './settings.js';

/** The `$export` operations, for the CapabilityStatement (Bulk Data 2.0 §"Export"). */
export const BULK_OPERATIONS: readonly OperationCapability[] = [
  {
    name: 'export',
    definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
    level: ['system'],
    affectsState: false,
  },
  {
    name: 'export',
    definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
    resourceType: 'Patient',
    level: ['type'],
    affectsState: false,
  },
  {
    name: 'export',
    definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export',
    resourceType: 'Group',
    level: ['instance'],
    affectsState: false,
  },
];

export interface BulkExportOptions {
  /** The gateway store's database (jobs live there, on SQLite or PostgreSQL). */
  readonly db: Database;
  readonly files: FileStore;
  readonly registry: PluginRegistry;
  readonly access: AccessPolicy;
  readonly audit?: AuditRepository;
  readonly logger: Logger;
  readonly settings?: Partial<BulkSettings>;
}

/** The assembled bulk export service. */
export interface BulkExport {
  /** Route table entries to hand to the FHIR router. */
  readonly routes: readonly FhirRoute[];
  readonly engine: ExportEngine;
  readonly repo: JobRepository;
  readonly files: FileStore;
  readonly settings: BulkSettings;
  /** Starts the workers and the expiry sweeper. */
  start(): void;
  /** Stops the workers (jobs go back to the queue) and releases the file store. */
  close(): Promise<void>;
}

/** Builds the bulk export service; call `start()` to begin running jobs. */
export function createBulkExport(options: BulkExportOptions): BulkExport {
  const settings = { ...DEFAULT_BULK_SETTINGS, ...options.settings };
  const logger = options.logger.child({ component: 'bulk' });
  const repo = new JobRepository(options.db);
  const deps = {
    repo,
    files: options.files,
    registry: options.registry,
    access: options.access,
    audit: options.audit,
    settings,
    logger,
  };
  const engine = new ExportEngine(deps);
  return {
    routes: bulkRoutes({ ...deps, engine }),
    engine,
    repo,
    files: options.files,
    settings,
    start: () => engine.start(),
    close: async () => {
      await engine.stop();
      await options.files.close?.();
    },
  };
}

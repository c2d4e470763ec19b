/**
 * Versioned FHIR resources (https://hl7.org/fhir/R4/http.html#versioning), written once in
 * portable SQL over {@link Database}. Each write is one transaction that locks the current
 * row, so versions are 1, 2, 3, ... per resource with no gaps or duplicates, and the
 * history primary key rejects any duplicate that slipped through.
 */
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { PreconditionFailedError } from '../../plugins/sdk/errors.js';
import { searchResources } from './resource-search.js';
import { isUniqueViolation } from './sql-helpers.js';
import type {
  Database,
  Queryable,
  ResourcePage,
  ResourceQuery,
  ResourceRepository,
  StoredResource,
} from './types.js';

/** Attempts for a write that lost a race to create the same id (update-as-create). */
const WRITE_ATTEMPTS = 3;

type VersionRow = {
  version_id: number;
  last_updated: string;
  deleted: number;
  content: string;
};

type Updated = StoredResource & { created: boolean };

/** {@link ResourceRepository} on either SQL dialect. */
export class SqlResourceRepository implements ResourceRepository {
  constructor(private readonly db: Database) {}

  /** FHIR create (https://hl7.org/fhir/R4/http.html#create): a new UUID, version 1. */
  create(resource: Resource, patientIds: readonly string[]): Promise<StoredResource> {
    const stored = stamp(resource, randomUUID(), 1);
    return this.db.transaction(async (tx) => {
      await insertCurrent(tx, stored);
      await writeVersion(tx, stored, patientIds);
      return stored;
    });
  }

  /**
   * FHIR update (https://hl7.org/fhir/R4/http.html#update), with update-as-create and
   * If-Match version checking (https://hl7.org/fhir/R4/http.html#concurrency).
   */
  async update(
    resource: Resource & { id: string },
    patientIds: readonly string[],
    ifMatch?: string,
  ): Promise<Updated> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.#updateIn(tx, resource, patientIds, ifMatch));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  async read(resourceType: string, id: string): Promise<StoredResource | undefined> {
    const rows = await this.db.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM resources WHERE resource_type = ? AND id = ?`,
      [resourceType, id],
    );
    return rows[0] && toStored(rows[0]);
  }

  async vread(
    resourceType: string,
    id: string,
    versionId: string,
  ): Promise<StoredResource | undefined> {
    if (!/^[1-9][0-9]{0,14}$/.test(versionId)) return undefined;
    const rows = await this.db.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM resource_history
       WHERE resource_type = ? AND id = ? AND version_id = ?`,
      [resourceType, id, Number(versionId)],
    );
    return rows[0] && toStored(rows[0]);
  }

  /** Versions newest first (https://hl7.org/fhir/R4/http.html#history). */
  async history(
    resourceType: string,
    id: string,
    limit: number,
  ): Promise<readonly StoredResource[]> {
    const rows = await this.db.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM resource_history
       WHERE resource_type = ? AND id = ? ORDER BY version_id DESC LIMIT ?`,
      [resourceType, id, Math.max(0, Math.floor(limit))],
    );
    return rows.map(toStored);
  }

  search(query: ResourceQuery): Promise<ResourcePage> {
    return searchResources(this.db, query);
  }

  async #updateIn(
    tx: Queryable,
    resource: Resource & { id: string },
    patientIds: readonly string[],
    ifMatch: string | undefined,
  ): Promise<Updated> {
    const current = await this.#lockCurrentVersion(tx, resource.resourceType, resource.id);
    if (ifMatch !== undefined && String(current) !== stripETag(ifMatch)) {
      throw new PreconditionFailedError('Resource version does not match If-Match', {
        detail: `expected ${ifMatch}, current ${current ?? 'none'}`,
      });
    }

    const stored = stamp(resource, resource.id, (current ?? 0) + 1);
    if (current === undefined) await insertCurrent(tx, stored);
    else await replaceCurrent(tx, stored);
    await writeVersion(tx, stored, patientIds);
    return { ...stored, created: current === undefined };
  }

  /** The current version number, row-locked on PostgreSQL (SQLite writes are serialized). */
  async #lockCurrentVersion(
    tx: Queryable,
    resourceType: string,
    id: string,
  ): Promise<number | undefined> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const rows = await tx.query<{ version_id: number }>(
      `SELECT version_id FROM resources WHERE resource_type = ? AND id = ?${lock}`,
      [resourceType, id],
    );
    return rows[0] && Number(rows[0].version_id);
  }
}

const VERSION_COLUMNS = 'version_id, last_updated, deleted, content';

/** Sets `id`, `meta.versionId` and `meta.lastUpdated`, keeping the rest of `meta`. */
function stamp(resource: Resource, id: string, version: number): StoredResource {
  const lastUpdated = new Date().toISOString();
  const versionId = String(version);
  const meta = { ...resource.meta, versionId, lastUpdated };
  return { resource: { ...resource, id, meta }, versionId, lastUpdated, deleted: false };
}

/** Accepts a bare version or an ETag (`W/"3"`), as clients send either in If-Match. */
function stripETag(ifMatch: string): string {
  return ifMatch
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

function toStored(row: VersionRow): StoredResource {
  return {
    resource: JSON.parse(row.content) as Resource,
    versionId: String(row.version_id),
    lastUpdated: row.last_updated,
    deleted: Number(row.deleted) === 1,
  };
}

function insertCurrent(tx: Queryable, stored: StoredResource): Promise<number> {
  const { resource } = stored;
  return tx.execute(
    `INSERT INTO resources (resource_type, id, version_id, last_updated, deleted, content)
     VALUES (?, ?, ?, ?, 0, ?)`,
    [
      resource.resourceType,
      resource.id ?? '',
      Number(stored.versionId),
      stored.lastUpdated,
      JSON.stringify(resource),
    ],
  );
}

function replaceCurrent(tx: Queryable, stored: StoredResource): Promise<number> {
  const { resource } = stored;
  return tx.execute(
    `UPDATE resources SET version_id = ?, last_updated = ?, deleted = 0, content = ?
     WHERE resource_type = ? AND id = ?`,
    [
      Number(stored.versionId),
      stored.lastUpdated,
      JSON.stringify(resource),
      resource.resourceType,
      resource.id ?? '',
    ],
  );
}

/** Appends the version to history and replaces the resource's compartment memberships. */
async function writeVersion(
  tx: Queryable,
  stored: StoredResource,
  patientIds: readonly string[],
): Promise<void> {
  const { resourceType, id = '' } = stored.resource;
  await tx.execute(
    `INSERT INTO resource_history (resource_type, id, version_id, last_updated, deleted, content)
     VALUES (?, ?, ?, ?, 0, ?)`,
    [
      resourceType,
      id,
      Number(stored.versionId),
      stored.lastUpdated,
      JSON.stringify(stored.resource),
    ],
  );
  await tx.execute('DELETE FROM resource_patients WHERE resource_type = ? AND id = ?', [
    resourceType,
    id,
  ]);
  for (const patientId of new Set(patientIds)) {
    await tx.execute(
      'INSERT INTO resource_patients (resource_type, id, patient_id) VALUES (?, ?, ?)',
      [resourceType, id, patientId],
    );
  }
}

/**
 * Test-only writes to the directory store: providers join and leave while a client pages
 * (see ../legacy-kit/writes.ts). Not exposed over HTTP: the directory API is read-only.
 */
import type Database from 'better-sqlite3';
import { copyRows, deleteRows, editDoc } from '../legacy-kit/writes.js';
import { ENTITY_KINDS } from './entities.js';

/** Adds and removes directory records underneath the API. */
export interface DirectoryWrites {
  /** Copies a record of `kind` (e.g. `PRAC`) and its attributes under a new id. */
  copyEntity(kind: string, id: string, newId: string): void;
  deleteEntity(kind: string, id: string): void;
}

/** Writes over an open (in-memory) directory database. */
export function directoryWrites(db: Database.Database): DirectoryWrites {
  const ordOf = (kind: string, id: string): number => {
    const row = db.prepare('SELECT ORD FROM DIR_ENTITY WHERE KIND = ? AND ID = ?').get(kind, id);
    if (!row) throw new Error('no such record');
    return (row as { ORD: number }).ORD;
  };
  return {
    copyEntity: (kind, id, newId) => {
      const from = ordOf(kind, id);
      const max = db.prepare('SELECT MAX(ORD) AS M FROM DIR_ENTITY WHERE KIND = ?').get(kind);
      const to = (max as { M: number }).M + 1;
      const idColumn = ENTITY_KINDS.find((k) => k.kind === kind)?.idColumn ?? 'ID';
      copyRows(db, 'DIR_ENTITY', { KIND: kind, ORD: from }, (row) => ({
        ...row,
        ORD: to,
        ID: newId,
        DOC: editDoc(row.DOC, { [idColumn]: newId }),
      }));
      copyRows(db, 'DIR_ATTR', { KIND: kind, ORD: from }, (row) => ({ ...row, ORD: to }));
    },
    deleteEntity: (kind, id) => {
      const ord = ordOf(kind, id);
      deleteRows(db, 'DIR_ATTR', { KIND: kind, ORD: ord });
      deleteRows(db, 'DIR_ENTITY', { KIND: kind, ORD: ord });
    },
  };
}

/**
 * Test-only writes to the utilization-management store: requests arrive and are withdrawn
 * while a client pages (see ../legacy-kit/writes.ts). Not exposed over HTTP.
 */
import type Database from 'better-sqlite3';
import { copyRows, deleteRows, editDoc } from '../legacy-kit/writes.js';

/** Adds and removes prior-authorization requests underneath the API. */
export interface AuthWrites {
  /** Copies a request under a new request number. */
  copyAuth(authNumber: string, newAuthNumber: string): void;
  deleteAuth(authNumber: string): void;
}

/** Writes over an open (in-memory) utilization database. */
export function authWrites(db: Database.Database): AuthWrites {
  return {
    copyAuth: (authNumber, newAuthNumber) => {
      copyRows(db, 'AUTH', { AUTH_NBR: authNumber }, (row) => ({
        ...row,
        AUTH_ROW: null,
        AUTH_NBR: newAuthNumber,
        DOC: editDoc(row.DOC, { AUTH_NBR: newAuthNumber }),
      }));
    },
    deleteAuth: (authNumber) => {
      deleteRows(db, 'AUTH', { AUTH_NBR: authNumber });
    },
  };
}

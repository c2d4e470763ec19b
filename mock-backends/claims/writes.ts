/**
 * Test-only writes to the claims store: claims arrive and are voided while a client pages
 * (see ../legacy-kit/writes.ts). Not exposed over HTTP: the claims system's API is read-only.
 */
import type Database from 'better-sqlite3';
import { copyRows, deleteRows } from '../legacy-kit/writes.js';

/** Adds and removes claims underneath the API. */
export interface ClaimWrites {
  /** Copies a claim (header, diagnoses, procedures, lines) under a new claim id. */
  copyClaim(claimId: string, newClaimId: string): void;
  /** Deletes a claim and its children. */
  deleteClaim(claimId: string): void;
}

const CHILDREN = ['CLM_DX', 'CLM_PROC', 'CLM_LN'];

/** Writes over an open (in-memory) claims database. */
export function claimWrites(db: Database.Database): ClaimWrites {
  const rowOf = (claimId: string): number => {
    const row = db.prepare('SELECT CLM_ROW FROM CLM WHERE CLM_ID = ?').get(claimId);
    if (!row) throw new Error('no such claim');
    return (row as { CLM_ROW: number }).CLM_ROW;
  };
  return {
    copyClaim: (claimId, newClaimId) => {
      const from = rowOf(claimId);
      const edit = (row: Record<string, unknown>) => ({
        ...row,
        CLM_ROW: null,
        CLM_ID: newClaimId,
      });
      const to = copyRows(db, 'CLM', { CLM_ROW: from }, edit);
      for (const table of CHILDREN) {
        copyRows(db, table, { CLM_ROW: from }, (row) => ({ ...row, CLM_ROW: to }));
      }
    },
    deleteClaim: (claimId) => {
      const row = rowOf(claimId);
      for (const table of [...CHILDREN, 'CLM']) deleteRows(db, table, { CLM_ROW: row });
    },
  };
}

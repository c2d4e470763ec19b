/**
 * Test-only writes to the membership store: members enrol and leave while a client pages
 * (see ../legacy-kit/writes.ts). Not exposed over HTTP: the membership API is read-only.
 */
import type Database from 'better-sqlite3';
import { copyRows, deleteRows } from '../legacy-kit/writes.js';

/** Adds and removes members (with their eligibility spans) underneath the API. */
export interface MemberWrites {
  /** Copies a member and its spans under a new member id. */
  copyMember(memberId: string, newMemberId: string): void;
  /** Deletes a member and its spans. */
  deleteMember(memberId: string): void;
}

/** Writes over an open (in-memory) membership database. */
export function memberWrites(db: Database.Database): MemberWrites {
  const seqOf = (memberId: string): number => {
    const row = db.prepare('SELECT MBR_SEQ FROM MBR WHERE MBR_ID = ?').get(memberId);
    if (!row) throw new Error('no such member');
    return (row as { MBR_SEQ: number }).MBR_SEQ;
  };
  return {
    copyMember: (memberId, newMemberId) => {
      const from = seqOf(memberId);
      const edit = (row: Record<string, unknown>) => ({
        ...row,
        MBR_SEQ: null,
        MBR_ID: newMemberId,
      });
      const to = copyRows(db, 'MBR', { MBR_SEQ: from }, edit);
      copyRows(db, 'ELIG_SPAN', { MBR_SEQ: from }, (row) => ({
        ...row,
        SPAN_ROW: null,
        MBR_SEQ: to,
      }));
    },
    deleteMember: (memberId) => {
      const seq = seqOf(memberId);
      deleteRows(db, 'ELIG_SPAN', { MBR_SEQ: seq });
      deleteRows(db, 'MBR', { MBR_SEQ: seq });
    },
  };
}

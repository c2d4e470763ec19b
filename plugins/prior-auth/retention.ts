/**
 * The rule's visibility window (CMS-0057-F, 45 CFR 422.119(b)(1)(iii) and PDex 2.1.0 Prior
 * Authorization): a prior authorization is available while it is active and for at least one
 * year after its last status change; prescription drugs are outside the API. The backend
 * applies the window (`retainedOn`); this re-check guards reads and every returned row.
 */
import { NON_DRUG_TYPES, type LegacyAuth } from './legacy-api.js';

const ACTIVE_APPROVALS = new Set(['APPR', 'PART']);

/** True when the request is visible on `today` (`YYYYMMDD`). */
export function isVisible(auth: LegacyAuth, today: string): boolean {
  if (!(NON_DRUG_TYPES as readonly string[]).includes(auth.AUTH_TYP_CD)) return false;
  if (auth.AUTH_STAT_CD === 'PEND') return true;
  const expiry = auth.AUTH_EXP_DT;
  if (ACTIVE_APPROVALS.has(auth.AUTH_STAT_CD) && expiry !== null && expiry >= today) return true;
  return auth.LAST_STAT_CHG_TS >= yearBefore(today);
}

/** Legacy timestamp of midnight one year before `today`. */
export function yearBefore(today: string): string {
  const year = String(Number(today.slice(0, 4)) - 1).padStart(4, '0');
  return `${year}-${today.slice(4, 6)}-${today.slice(6, 8)}-00.00.00`;
}

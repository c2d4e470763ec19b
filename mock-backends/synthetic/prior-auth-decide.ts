/**
 * How a prior authorization request was decided: when (within 72 hours for expedited and 7
 * calendar days for standard requests from 2026, 14 days before, sometimes extended), by
 * whom (automated, nurse, or a physician for every denial), with what outcome per item, and
 * what happened next (expiry of unused approvals, appeals and their outcome). Requests still
 * open on the as-of date stay pended.
 */
import { AS_OF_DATE } from './catalog.js';
import { fromDays, toDays } from './dates.js';
import type { Rng } from './prng.js';
import {
  CANCEL_REASONS,
  PEND_REASONS,
  reducedQuantity,
  type AuthService,
} from './prior-auth-codes.js';
import type {
  AuthAppeal,
  AuthDenial,
  AuthItem,
  AuthStatus,
  PriorAuthRecord,
} from './prior-auth-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AS_OF_MS = Date.parse(`${AS_OF_DATE}T00:00:00Z`);
/** The CMS-0057-F decision timeframes apply from 1 January 2026. */
const RULE_START_MS = Date.parse('2026-01-01T00:00:00Z');

/** A request before its decision. */
export interface Request {
  readonly service: AuthService;
  readonly urgency: 'expedited' | 'standard';
  readonly receivedMs: number;
  readonly effectiveDay: number;
  readonly expirationDay: number;
  /** Last covered day (Infinity while coverage is open): no window runs past it. */
  readonly coverageEndDay: number;
  readonly items: readonly AuthItem[];
}

/** The decision fields of a prior authorization record. */
export type Decision = Pick<
  PriorAuthRecord,
  | 'status'
  | 'decisionDueAt'
  | 'decidedAt'
  | 'extended'
  | 'effectiveDate'
  | 'expirationDate'
  | 'items'
  | 'denial'
  | 'statusReason'
  | 'appeal'
  | 'reviewer'
  | 'lastStatusChangeAt'
  | 'updatedAt'
>;

/** Decides a request. */
export function decide(rng: Rng, request: Request): Decision {
  const extended = request.urgency === 'standard' && rng.chance(0.05);
  const dueMs = request.receivedMs + dueAfter(request) + (extended ? 14 * DAY : 0);
  const reviewedMs = request.receivedMs + decisionDelay(rng, request, extended, false);
  const base = { decisionDueAt: iso(dueMs), extended };
  const openLate = request.receivedMs > AS_OF_MS - 30 * DAY && rng.chance(0.4);
  if (reviewedMs > AS_OF_MS || openLate) return pended(rng, request, base);
  if (rng.chance(0.04)) return cancelled(rng, request, base, reviewedMs);
  if (rng.chance(request.service.denialRate)) return denied(rng, request, base, reviewedMs);
  // Standard requests that meet the criteria outright are often approved automatically.
  const auto = request.urgency === 'standard' && !extended && rng.chance(0.4);
  const decidedMs = auto
    ? request.receivedMs + decisionDelay(rng, request, false, true)
    : reviewedMs;
  return approved(rng, request, { ...base, decidedMs, auto });
}

function dueAfter(request: Request): number {
  if (request.urgency === 'expedited') return 72 * HOUR;
  return (request.receivedMs >= RULE_START_MS ? 7 : 14) * DAY;
}

function decisionDelay(rng: Rng, request: Request, extended: boolean, auto: boolean): number {
  if (auto) return rng.int(1, 30) * 60_000;
  if (extended) return rng.int(8, 20) * DAY + rng.int(0, 8) * HOUR;
  if (request.urgency === 'expedited') return rng.int(1, 60) * HOUR;
  return rng.int(4, 120) * HOUR;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

type Base = Pick<Decision, 'decisionDueAt' | 'extended'>;

function withItems(request: Request, status: AuthItem['status'], denial?: AuthDenial): AuthItem[] {
  return request.items.map((item) => ({ ...item, status, approvedQuantity: 0, denial }));
}

function pended(rng: Rng, request: Request, base: Base): Decision {
  const received = iso(request.receivedMs);
  return {
    ...base,
    status: 'pended',
    items: withItems(request, 'pended'),
    statusReason: rng.pick(PEND_REASONS),
    reviewer: 'nurse',
    lastStatusChangeAt: received,
    updatedAt: received,
  };
}

function cancelled(rng: Rng, request: Request, base: Base, decidedMs: number): Decision {
  const at = iso(Math.min(decidedMs, AS_OF_MS - HOUR));
  return {
    ...base,
    status: 'cancelled',
    decidedAt: at,
    items: withItems(request, 'cancelled'),
    statusReason: rng.pick(CANCEL_REASONS),
    reviewer: 'nurse',
    lastStatusChangeAt: at,
    updatedAt: at,
  };
}

function denied(rng: Rng, request: Request, base: Base, decidedMs: number): Decision {
  const denial = rng.pick(request.service.denials);
  const decidedAt = iso(decidedMs);
  const decision: Decision = {
    ...base,
    status: 'denied',
    decidedAt,
    items: withItems(request, 'denied', denial),
    denial,
    reviewer: 'physician',
    lastStatusChangeAt: decidedAt,
    updatedAt: decidedAt,
  };
  return rng.chance(0.3) ? appealed(rng, request, decision, decidedMs) : decision;
}

function appealed(rng: Rng, request: Request, decision: Decision, decidedMs: number): Decision {
  const receivedMs = decidedMs + rng.int(5, 45) * DAY;
  if (receivedMs > AS_OF_MS) return decision;
  const decidedAppealMs = receivedMs + rng.int(5, 30) * DAY;
  const receivedDate = iso(receivedMs).slice(0, 10);
  if (decidedAppealMs > AS_OF_MS) {
    const appeal: AuthAppeal = { receivedDate, outcome: 'pending' };
    return { ...decision, appeal, updatedAt: iso(receivedMs) };
  }
  const decidedDate = iso(decidedAppealMs).slice(0, 10);
  const at = iso(decidedAppealMs);
  if (rng.chance(0.55)) {
    return { ...decision, appeal: { receivedDate, decidedDate, outcome: 'upheld' }, updatedAt: at };
  }
  const window = shiftWindow(request, decidedAppealMs);
  return {
    ...decision,
    ...approvedItems(request, window),
    status: 'approved',
    appeal: { receivedDate, decidedDate, outcome: 'overturned' },
    lastStatusChangeAt: at,
    updatedAt: at,
  };
}

/** After an overturned appeal the service window starts again from the appeal decision. */
function shiftWindow(request: Request, fromMs: number): { start: number; end: number } {
  const length = request.expirationDay - request.effectiveDay;
  const start = Math.floor(fromMs / DAY) + 3;
  const end = Math.min(start + length, request.coverageEndDay);
  return { start: Math.min(start, end), end };
}

function approvedItems(request: Request, window: { start: number; end: number }) {
  return {
    effectiveDate: fromDays(window.start),
    expirationDate: fromDays(window.end),
    items: request.items.map((item) => ({
      ...item,
      serviceStart: fromDays(window.start),
      serviceEnd: fromDays(window.end),
      status: 'approved' as const,
      approvedQuantity: item.requestedQuantity,
      denial: undefined,
    })),
  };
}

interface Approval extends Base {
  readonly decidedMs: number;
  readonly auto: boolean;
}

function approved(rng: Rng, request: Request, approval: Approval): Decision {
  const decidedAt = iso(approval.decidedMs);
  const window = { start: request.effectiveDay, end: request.expirationDay };
  const full = approvedItems(request, window);
  const items = rng.chance(0.25) ? reduced(full.items, request.service) : full.items;
  const partial = items.some((item) => item.status === 'partial' || item.status === 'denied');
  const status: AuthStatus = partial ? 'partial' : 'approved';
  const expired = request.expirationDay < toDays(AS_OF_DATE) && rng.chance(0.08);
  const changedAt = expired ? `${fromDays(request.expirationDay)}T23:59:59Z` : decidedAt;
  return {
    decisionDueAt: approval.decisionDueAt,
    extended: approval.extended,
    status: expired ? 'expired' : status,
    decidedAt,
    ...full,
    items,
    reviewer: approval.auto ? 'auto' : 'nurse',
    lastStatusChangeAt: changedAt,
    updatedAt: changedAt,
  };
}

/** A partial approval: fewer units of a quantity service, or a secondary item denied. */
function reduced(items: readonly AuthItem[], service: AuthService): AuthItem[] {
  const reducible = service.type === 'therapy' || service.type === 'dme' || service.type === 'drug';
  if (!reducible) return [...items];
  return items.map((item, i) => {
    if (i > 0) return { ...item, status: 'denied', approvedQuantity: 0, denial: secondary(item) };
    if (item.requestedQuantity < 2) return item;
    const approvedQuantity = Math.ceil(item.requestedQuantity / 2);
    const denial = reducedQuantity(item.requestedQuantity, approvedQuantity, item.unit);
    return { ...item, status: 'partial', approvedQuantity, denial };
  });
}

function secondary(item: AuthItem): AuthDenial {
  return {
    code: 'QTY',
    text:
      `${item.display}: included in the device rental for the first 3 months, so not ` +
      'authorized separately (DME supply policy DME-SUP-01).',
  };
}

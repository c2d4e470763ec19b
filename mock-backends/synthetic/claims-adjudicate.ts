/**
 * Adjudication of a claim draft under the member's plan: network pricing, denials, and
 * member cost sharing against the year's deductible and out-of-pocket maximum. Amounts are
 * computed in whole cents, so on every line and on the totals:
 *
 *   billed  = allowed + discount (CO-45) + noncovered
 *   allowed = paid + deductible + copay + coinsurance
 *   memberLiability = deductible + copay + coinsurance
 *
 * and the line's adjustments (835 CAS entries) add up to billed - paid.
 */
import {
  costRule,
  outOfNetworkRule,
  type BenefitDesign,
  type CostRule,
} from './claims-benefits.js';
import type { ClaimDraft, LineDraft } from './claims-draft.js';
import {
  CLAIM_DENIALS,
  LINE_DENIALS,
  NO_AUTHORIZATION_DENIAL,
  OUT_OF_NETWORK_DENIAL,
  PHARMACY_DENIALS,
  type Denial,
} from './claims-remit.js';
import type { Adjustment, Amounts, ClaimLine, ClaimStatus } from './claims-types.js';
import type { Rng } from './prng.js';

/** What a member has paid toward this year's deductible and out-of-pocket maximum, in cents. */
export interface Accumulator {
  deductible: number;
  outOfPocket: number;
}

/** The money and status of one line. */
export type LineResult = Pick<ClaimLine, 'amounts' | 'status' | 'adjustments' | 'remarks'>;

/** Lines with money and status, the totals and the claim status. */
export interface Adjudication {
  readonly lines: readonly LineResult[];
  readonly totals: Amounts;
  readonly status: Exclude<ClaimStatus, 'adjusted'>;
  /** The denial of the whole claim, if any. */
  readonly denial?: Denial;
}

/** Share of claims denied as a whole, and of multi-line claims with one line denied. */
const CLAIM_DENIAL_RATE = 0.02;
const PHARMACY_DENIAL_RATE = 0.015;
const LINE_DENIAL_RATE = 0.05;
/** Out-of-network allowance: a maximum allowable at 110% of the base fee schedule. */
const OUT_OF_NETWORK_FACTOR = 1.1;

/** Adjudicates a draft; updates the accumulator with the member's cost sharing. */
export function adjudicate(
  draft: ClaimDraft,
  benefits: BenefitDesign,
  accumulator: Accumulator,
  rng: Rng,
): Adjudication {
  const rule = ruleFor(draft, benefits);
  const denial = claimDenial(draft, rule, rng);
  const deniedIndex = denial ? -1 : lineDenialIndex(draft, rng);
  const state = { copayLeft: toCents(rule?.copay ?? 0), accumulator, benefits };
  const lines = draft.lines.map((line, i) => {
    const lineDenial = denial ?? (i === deniedIndex ? rng.weighted(LINE_DENIALS) : line.denial);
    if (lineDenial || !rule) return deniedLine(line, lineDenial ?? OUT_OF_NETWORK_DENIAL);
    return coveredLine(line, rule, priceFactor(draft, benefits), state);
  });
  const totals = sumAmounts(lines.map((line) => line.amounts));
  return { lines, totals, status: statusOf(lines), denial };
}

function ruleFor(draft: ClaimDraft, benefits: BenefitDesign): CostRule | undefined {
  if (draft.network === 'in' || draft.emergency) return costRule(benefits, draft.costClass);
  return outOfNetworkRule(benefits, draft.costClass);
}

function claimDenial(draft: ClaimDraft, rule: CostRule | undefined, rng: Rng): Denial | undefined {
  if (draft.denial) return draft.denial;
  if (!rule) return OUT_OF_NETWORK_DENIAL;
  if (draft.requiresAuthorization && !draft.priorAuthNumber) return NO_AUTHORIZATION_DENIAL;
  if (draft.type === 'pharmacy') {
    return rng.chance(PHARMACY_DENIAL_RATE) ? rng.weighted(PHARMACY_DENIALS) : undefined;
  }
  return rng.chance(CLAIM_DENIAL_RATE) ? rng.weighted(CLAIM_DENIALS) : undefined;
}

function lineDenialIndex(draft: ClaimDraft, rng: Rng): number {
  if (draft.lines.length < 2 || draft.type === 'inpatient') return -1;
  return rng.chance(LINE_DENIAL_RATE) ? rng.int(1, draft.lines.length - 1) : -1;
}

function priceFactor(draft: ClaimDraft, benefits: BenefitDesign): number {
  if (draft.type === 'pharmacy') return benefits.feeFactor < 1 ? 0.95 : 1;
  if (draft.network === 'in' || draft.emergency) return benefits.feeFactor;
  return OUT_OF_NETWORK_FACTOR;
}

function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

function deniedLine(line: LineDraft, denial: Denial): LineResult {
  const billed = toCents(line.billed);
  return {
    amounts: amountsOf({ billed, allowed: 0, deductible: 0, copay: 0, coinsurance: 0 }),
    status: 'denied',
    adjustments: [{ group: 'CO', reason: denial.reason, amount: billed / 100 }],
    remarks: denial.remark ? [denial.remark] : [],
  };
}

interface ShareState {
  copayLeft: number;
  readonly accumulator: Accumulator;
  readonly benefits: BenefitDesign;
}

function coveredLine(
  line: LineDraft,
  rule: CostRule,
  factor: number,
  state: ShareState,
): LineResult {
  const billed = toCents(line.billed);
  const allowed = Math.min(billed, toCents(line.baseAllowance * factor));
  const share = memberShare(allowed, rule, state);
  const amounts = amountsOf({ billed, allowed, ...share });
  return {
    amounts,
    status: 'paid',
    adjustments: adjustmentsOf(amounts),
    remarks: [],
  };
}

/** Copay first (once per claim), then deductible, then coinsurance; capped by the OOP max. */
function memberShare(allowed: number, rule: CostRule, state: ShareState) {
  const { accumulator, benefits } = state;
  const copay = Math.min(state.copayLeft, allowed);
  state.copayLeft -= copay;
  const deductibleLeft = Math.max(0, toCents(benefits.deductible) - accumulator.deductible);
  const deductible = rule.deductible ? Math.min(deductibleLeft, allowed - copay) : 0;
  const coinsurance = Math.round((allowed - copay - deductible) * rule.coinsurance);
  const capped = capByOutOfPocket({ copay, deductible, coinsurance }, state);
  accumulator.deductible += capped.deductible;
  accumulator.outOfPocket += capped.copay + capped.deductible + capped.coinsurance;
  return capped;
}

interface Share {
  copay: number;
  deductible: number;
  coinsurance: number;
}

function capByOutOfPocket(share: Share, state: ShareState): Share {
  const room = Math.max(0, toCents(state.benefits.outOfPocketMax) - state.accumulator.outOfPocket);
  let excess = share.copay + share.deductible + share.coinsurance - room;
  if (excess <= 0) return share;
  const capped = { ...share };
  for (const part of ['coinsurance', 'deductible', 'copay'] as const) {
    const cut = Math.min(excess, capped[part]);
    capped[part] -= cut;
    excess -= cut;
  }
  return capped;
}

interface CentAmounts extends Share {
  billed: number;
  allowed: number;
}

/** Amounts in dollars from cents, with the derived fields. */
function amountsOf(values: CentAmounts): Amounts {
  const liability = values.deductible + values.copay + values.coinsurance;
  const noncovered = values.allowed === 0 ? values.billed : 0;
  return {
    billed: values.billed / 100,
    allowed: values.allowed / 100,
    paid: (values.allowed - liability) / 100,
    deductible: values.deductible / 100,
    copay: values.copay / 100,
    coinsurance: values.coinsurance / 100,
    noncovered: noncovered / 100,
    discount: (values.billed - values.allowed - noncovered) / 100,
    memberLiability: liability / 100,
  };
}

function adjustmentsOf(amounts: Amounts): Adjustment[] {
  const entries: Adjustment[] = [
    { group: 'CO', reason: '45', amount: amounts.discount },
    { group: 'PR', reason: '1', amount: amounts.deductible },
    { group: 'PR', reason: '2', amount: amounts.coinsurance },
    { group: 'PR', reason: '3', amount: amounts.copay },
  ];
  return entries.filter((entry) => entry.amount > 0);
}

/** Sums amounts exactly (through cents). */
export function sumAmounts(items: readonly Amounts[]): Amounts {
  const total = { ...ZERO };
  for (const item of items) {
    for (const key of AMOUNT_KEYS) total[key] += toCents(item[key]);
  }
  for (const key of AMOUNT_KEYS) total[key] /= 100;
  return total;
}

const ZERO: Amounts = {
  billed: 0,
  allowed: 0,
  paid: 0,
  deductible: 0,
  copay: 0,
  coinsurance: 0,
  noncovered: 0,
  discount: 0,
  memberLiability: 0,
};
const AMOUNT_KEYS = Object.keys(ZERO) as (keyof Amounts)[];

function statusOf(lines: readonly { status: 'paid' | 'denied' }[]): Adjudication['status'] {
  const denied = lines.filter((line) => line.status === 'denied').length;
  if (denied === 0) return 'paid';
  return denied === lines.length ? 'denied' : 'partial';
}

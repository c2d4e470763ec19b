/**
 * What the claims system adds to an adjudicated draft: receipt, adjudication and payment
 * dates, the internal control number, resolved codes (ICD-10-CM or ICD-9-CM by date of
 * service, CPT/HCPCS/CDT displays, MS-DRG), payment details, and the occasional corrected
 * claim (frequency 7) that replaces an earlier one, which becomes `adjusted`.
 */
import { AS_OF_DATE } from './catalog.js';
import {
  adjudicate,
  sumAmounts,
  type Accumulator,
  type Adjudication,
} from './claims-adjudicate.js';
import { benefitsOf } from './claims-benefits.js';
import { diagnosisOn, ICD10_START } from './claims-diagnoses.js';
import type { ClaimDraft } from './claims-draft.js';
import { DRG_PROCEDURES, drgOn, procedureOn } from './claims-procedures.js';
import type { Amounts, ClaimLine, ClaimRecord, Payment } from './claims-types.js';
import { fromDays, instantAt, toDays } from './dates.js';
import type { CoveragePeriod, MemberRecord } from './members.js';
import type { Rng } from './prng.js';

/** A draft with the coverage period it falls in. */
export interface DatedDraft {
  readonly draft: ClaimDraft;
  readonly period: CoveragePeriod;
}

interface ClaimDates {
  readonly receivedDay: number;
  readonly adjudicatedDay: number;
  /** Payment (or zero-pay remittance) day: the claim is final from then on. */
  readonly settledDay: number;
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const ADJUSTMENT_RATE = 0.02;

/** Adjudicates, dates and numbers a member's drafts; drops claims not settled by the as-of date. */
export function finalizeClaims(
  rng: Rng,
  member: MemberRecord,
  dated: readonly DatedDraft[],
): ClaimRecord[] {
  const ordered = [...dated].sort((a, b) => a.draft.startDay - b.draft.startDay);
  const accumulators = new Map<string, Accumulator>();
  const claims: ClaimRecord[] = [];
  for (const { draft, period } of ordered) {
    const accumulator = accumulatorFor(accumulators, period.planId, draft.startDay);
    const result = adjudicate(draft, benefitsOf(period.planId), accumulator, rng);
    const dates = claimDates(rng, draft, result);
    if (dates.settledDay >= AS_OF_DAY) continue;
    const seq = claims.length + 1;
    claims.push(claimRecord(rng, { member, period, draft, result, dates, seq }));
  }
  return withCorrections(rng, claims).sort(
    (a, b) => a.serviceStart.localeCompare(b.serviceStart) || a.claimId.localeCompare(b.claimId),
  );
}

/** Deductibles and out-of-pocket maximums reset every calendar year and plan. */
function accumulatorFor(map: Map<string, Accumulator>, planId: string, day: number) {
  const key = `${planId}|${fromDays(day).slice(0, 4)}`;
  const existing = map.get(key);
  if (existing) return existing;
  const created = { deductible: 0, outOfPocket: 0 };
  map.set(key, created);
  return created;
}

function claimDates(rng: Rng, draft: ClaimDraft, result: Adjudication): ClaimDates {
  const late = result.denial?.reason === '29' ? rng.int(200, 400) : 0;
  const receivedDay = draft.endDay + receiptLag(rng, draft) + late;
  const adjudicatedDay = receivedDay + adjudicationLag(rng, draft);
  const settledDay = adjudicatedDay + (draft.type === 'pharmacy' ? rng.int(3, 9) : rng.int(1, 7));
  return { receivedDay, adjudicatedDay, settledDay };
}

function receiptLag(rng: Rng, draft: ClaimDraft): number {
  if (draft.type === 'pharmacy') return 0;
  if (draft.type === 'inpatient' || draft.type === 'outpatient') return rng.int(5, 40);
  return rng.int(2, 25);
}

function adjudicationLag(rng: Rng, draft: ClaimDraft): number {
  if (draft.type === 'pharmacy') return 0;
  return draft.type === 'inpatient' ? rng.int(3, 30) : rng.int(1, 14);
}

interface Parts {
  readonly member: MemberRecord;
  readonly period: CoveragePeriod;
  readonly draft: ClaimDraft;
  readonly result: Adjudication;
  readonly dates: ClaimDates;
  readonly seq: number;
}

/** Internal control number: received year (2) + day of year (3) + member (8) + seq (4). */
function claimIdOf(receivedDay: number, memberIndex: number, seq: number): string {
  const received = fromDays(receivedDay);
  const dayOfYear = receivedDay - toDays(`${received.slice(0, 4)}-01-01`) + 1;
  const julian = String(dayOfYear).padStart(3, '0');
  const member = String(memberIndex + 1).padStart(8, '0');
  return `${received.slice(2, 4)}${julian}${member}${String(seq).padStart(4, '0')}`;
}

function claimRecord(rng: Rng, parts: Parts): ClaimRecord {
  const { member, period, draft, result, dates } = parts;
  const endDate = fromDays(draft.endDay);
  const drg = draft.drg ? drgOn(draft.drg, endDate) : undefined;
  return {
    claimId: claimIdOf(dates.receivedDay, member.index, parts.seq),
    memberId: member.memberId,
    memberIndex: member.index,
    subscriberId: member.subscriberId,
    planId: period.planId,
    groupId: period.groupId,
    coverageSeq: period.seq,
    type: draft.type,
    status: result.status,
    frequency: '1',
    billingNpi: draft.billingNpi,
    renderingNpi: draft.renderingNpi,
    attendingNpi: draft.attendingNpi,
    operatingNpi: draft.operatingNpi,
    referringNpi: draft.referringNpi,
    prescriberNpi: draft.prescriberNpi,
    facilityNpi: draft.facilityNpi,
    network: draft.network,
    serviceStart: fromDays(draft.startDay),
    serviceEnd: endDate,
    receivedDate: fromDays(dates.receivedDay),
    adjudicatedDate: fromDays(dates.adjudicatedDay),
    typeOfBill: draft.billType ? `${draft.billType}1` : undefined,
    drg: drg ? { code: drg.code, display: drg.display } : undefined,
    admission: draft.admission,
    placeOfService: draft.placeOfService,
    priorAuthNumber: draft.priorAuthNumber,
    diagnoses: draft.diagnoses.map((entry, i) => ({
      seq: i + 1,
      ...diagnosisOn(entry.key, endDate),
      kind: entry.kind,
      presentOnAdmission: entry.presentOnAdmission,
    })),
    procedures: icdProcedures(draft, endDate),
    lines: claimLines(draft, result),
    totals: result.totals,
    payment: paymentOf(rng, parts),
    updatedAt: instantAt(dates.adjudicatedDay, rng.int(2 * 3600, 22 * 3600)),
  };
}

function icdProcedures(draft: ClaimDraft, endDate: string): ClaimRecord['procedures'] {
  const procedure = draft.drg ? DRG_PROCEDURES[drgOn(draft.drg, endDate).code] : undefined;
  if (!procedure) return [];
  const icd10 = endDate >= ICD10_START;
  return [
    {
      seq: 1,
      code: icd10 ? procedure.pcs : procedure.icd9,
      system: icd10 ? 'icd10pcs' : 'icd9',
      display: procedure.display,
      date: fromDays(draft.startDay),
    },
  ];
}

function claimLines(draft: ClaimDraft, result: Adjudication): ClaimLine[] {
  return draft.lines.map((line, i) => {
    const outcome = result.lines[i] as Adjudication['lines'][number];
    const start = fromDays(line.startDay);
    const entry = line.procedure ? procedureOn(line.procedure.code, start) : undefined;
    return {
      seq: i + 1,
      serviceStart: start,
      serviceEnd: fromDays(line.endDay),
      revenueCode: line.revenueCode,
      procedure: entry
        ? {
            code: entry.code,
            system: entry.system,
            display: entry.display,
            modifiers: line.procedure?.modifiers ?? [],
          }
        : undefined,
      placeOfService: line.placeOfService,
      quantity: line.quantity,
      unit: line.unit,
      diagnosisPointers: line.diagnosisPointers,
      drug: line.drug,
      tooth: line.tooth,
      surfaces: line.surfaces,
      oralArea: line.oralArea,
      ...outcome,
    };
  });
}

function paymentOf(rng: Rng, parts: Parts): Payment | undefined {
  const { draft, result, dates, member } = parts;
  if (result.totals.paid <= 0) return undefined;
  const toSubscriber = draft.network === 'out' && draft.type === 'professional' && rng.chance(0.3);
  const eft = !toSubscriber && rng.chance(0.8);
  const date = fromDays(dates.settledDay);
  return {
    date,
    method: eft ? 'EFT' : 'CHK',
    number: eft
      ? `EFT${date.replaceAll('-', '')}${rng.int(100000, 999999)}`
      : String(rng.int(100_000_000, 999_999_999)),
    payeeType: toSubscriber ? 'subscriber' : 'provider',
    payeeId: toSubscriber ? member.subscriberId : draft.billingNpi,
    amount: result.totals.paid,
  };
}

/** A few paid claims are corrected later: the replacement adds a unit to the first paid line. */
function withCorrections(rng: Rng, claims: ClaimRecord[]): ClaimRecord[] {
  const all = [...claims];
  for (const [i, claim] of claims.entries()) {
    const eligible = claim.type !== 'pharmacy' && claim.status !== 'denied';
    if (!eligible || !rng.chance(ADJUSTMENT_RATE)) continue;
    const replacement = replacementOf(rng, claim, all.length + 1);
    if (!replacement) continue;
    all[i] = {
      ...claim,
      status: 'adjusted',
      replacedByClaimId: replacement.claimId,
      updatedAt: replacement.updatedAt,
    };
    all.push(replacement);
  }
  return all;
}

function replacementOf(rng: Rng, original: ClaimRecord, seq: number): ClaimRecord | undefined {
  const receivedDay = toDays(original.adjudicatedDate) + rng.int(10, 60);
  const adjudicatedDay = receivedDay + rng.int(3, 20);
  const settledDay = adjudicatedDay + rng.int(1, 7);
  if (settledDay >= AS_OF_DAY) return undefined;
  const lines = addedUnit(original.lines);
  const totals = sumAmounts(lines.map((line) => line.amounts));
  const claimId = claimIdOf(receivedDay, original.memberIndex, seq);
  return {
    ...original,
    claimId,
    frequency: '7',
    originalClaimId: original.claimId,
    typeOfBill: original.typeOfBill ? `${original.typeOfBill.slice(0, 3)}7` : undefined,
    receivedDate: fromDays(receivedDay),
    adjudicatedDate: fromDays(adjudicatedDay),
    lines,
    totals,
    payment: totals.paid > 0 ? repayment(rng, original, settledDay, totals.paid) : undefined,
    updatedAt: instantAt(adjudicatedDay, rng.int(2 * 3600, 22 * 3600)),
  };
}

function repayment(rng: Rng, original: ClaimRecord, day: number, amount: number): Payment {
  const date = fromDays(day);
  const number = `EFT${date.replaceAll('-', '')}${rng.int(100000, 999999)}`;
  const base: Payment = original.payment ?? {
    date,
    method: 'EFT',
    number,
    payeeType: 'provider',
    payeeId: original.billingNpi,
    amount,
  };
  return { ...base, date, number: base.method === 'EFT' ? number : base.number, amount };
}

function addedUnit(lines: readonly ClaimLine[]): ClaimLine[] {
  const target = lines.findIndex((line) => line.status === 'paid');
  return lines.map((line, i) => (i === target ? withExtraUnit(line) : line));
}

function withExtraUnit(line: ClaimLine): ClaimLine {
  const perUnit = (value: number): number => Math.round((value * 100) / line.quantity);
  const billed = perUnit(line.amounts.billed);
  const allowed = Math.min(perUnit(line.amounts.allowed), billed);
  const add = (value: number, cents: number): number => Math.round(value * 100 + cents) / 100;
  const amounts: Amounts = {
    ...line.amounts,
    billed: add(line.amounts.billed, billed),
    allowed: add(line.amounts.allowed, allowed),
    paid: add(line.amounts.paid, allowed),
    discount: add(line.amounts.discount, billed - allowed),
  };
  const others = line.adjustments.filter((entry) => entry.reason !== '45');
  const discount = { group: 'CO' as const, reason: '45', amount: amounts.discount };
  const adjustments = amounts.discount > 0 ? [discount, ...others] : others;
  return { ...line, quantity: line.quantity + 1, amounts, adjustments };
}

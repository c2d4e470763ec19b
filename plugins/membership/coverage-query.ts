/**
 * Coverage search criteria -> a legacy eligibility search. Supported (as declared in
 * capabilities.ts): _id, patient / beneficiary, subscriber, identifier (member id), status
 * (active, cancelled) and payor (the payer Organization). A patient constraint is the R4
 * Patient compartment of Coverage, wider than the beneficiary: it also takes the Coverages
 * the patient holds as subscriber (a parent's view of the children's coverage).
 */
import type { AccessConstraints, SearchCriterion } from '../sdk/contract.js';
import { UnknownSearchParamError } from '../sdk/errors.js';
import { checkModifier, narrow, referencedId, singleValue } from './criteria.js';
import { MEMBER_ID, type EligibilitySearch } from './legacy-api.js';
import { parseCoverageId } from './map-coverage.js';
import { memberIdsOfTokens } from './patient-query.js';

/** A backend eligibility search, the member ids it is limited to (sorted), and more. */
export interface SpanFilter {
  readonly search: EligibilitySearch;
  readonly memberIds?: readonly string[];
  /** The constraint's patients (sorted): each span's beneficiary or subscriber is one. */
  readonly compartmentIds?: readonly string[];
  /** Coverage ids asked for by `_id`: the backend cannot filter on them, the plugin does. */
  readonly coverageIds?: readonly string[];
  /** Organization ids the payor must be one of. */
  readonly payorIds?: readonly string[];
}

interface Draft {
  search: EligibilitySearch;
  memberIds?: string[];
  compartmentIds?: readonly string[];
  coverageIds?: string[];
  payorIds?: string[];
  statuses?: string[];
  impossible: boolean;
}

const STATUS_CODES: Readonly<Record<string, string>> = { active: 'A', cancelled: 'T' };

/** Translates criteria and constraints; undefined when nothing can match. */
export function coverageFilter(
  criteria: readonly SearchCriterion[],
  constraints: AccessConstraints,
  memberIdSystem: string,
): SpanFilter | undefined {
  const draft: Draft = { search: {}, impossible: false };
  for (const criterion of criteria) {
    checkModifier(criterion, []);
    apply(draft, criterion, memberIdSystem);
  }
  if (constraints.patientIds) draft.compartmentIds = constraints.patientIds;
  return finish(draft);
}

function apply(draft: Draft, criterion: SearchCriterion, memberIdSystem: string): void {
  switch (criterion.name) {
    case '_id':
      return applyIds(draft, criterion.values);
    case 'patient':
    case 'beneficiary':
      draft.memberIds = narrow(draft.memberIds, patientIds(criterion.values));
      return;
    case 'subscriber':
      return applySubscriber(draft, criterion);
    case 'identifier': {
      const ids = memberIdsOfTokens(criterion.values, memberIdSystem);
      if (ids) draft.memberIds = narrow(draft.memberIds, ids);
      return;
    }
    case 'status':
      draft.statuses = narrow(
        draft.statuses,
        criterion.values.map((value) => STATUS_CODES[value] ?? '-'),
      );
      return;
    case 'payor':
      draft.payorIds = narrow(draft.payorIds, referencedIds(criterion.values, 'Organization'));
      return;
    default:
      throw new UnknownSearchParamError(
        `Coverage search parameter ${criterion.name} is not supported`,
        {
          expression: [criterion.name],
        },
      );
  }
}

function applyIds(draft: Draft, values: readonly string[]): void {
  const keys = values.map(parseCoverageId).filter((key) => key !== undefined);
  draft.coverageIds = narrow(draft.coverageIds, values);
  draft.memberIds = narrow(
    draft.memberIds,
    keys.map((key) => key.memberId),
  );
}

function applySubscriber(draft: Draft, criterion: SearchCriterion): void {
  const id = referencedId(singleValue(criterion), 'Patient');
  const previous = draft.search.subscriberMemberId;
  if (id === undefined || !MEMBER_ID.test(id) || (previous !== undefined && previous !== id)) {
    draft.impossible = true;
    return;
  }
  draft.search.subscriberMemberId = id;
}

function patientIds(values: readonly string[]): string[] {
  return referencedIds(values, 'Patient');
}

function referencedIds(values: readonly string[], type: string): string[] {
  return values.map((value) => referencedId(value, type)).filter((id) => id !== undefined);
}

function finish(draft: Draft): SpanFilter | undefined {
  const memberIds = draft.memberIds?.filter((id) => MEMBER_ID.test(id)).sort();
  const compartmentIds = draft.compartmentIds?.filter((id) => MEMBER_ID.test(id)).sort();
  const statuses = draft.statuses?.filter((code) => code !== '-');
  if (draft.impossible || memberIds?.length === 0 || statuses?.length === 0) return undefined;
  if (compartmentIds?.length === 0) return undefined;
  if (draft.coverageIds?.length === 0 || draft.payorIds?.length === 0) return undefined;

  const search: EligibilitySearch = { ...draft.search };
  if (statuses?.length === 1) search.status = statuses[0];
  return {
    search,
    ...(memberIds ? { memberIds } : {}),
    ...(compartmentIds ? { compartmentIds } : {}),
    ...(draft.coverageIds ? { coverageIds: draft.coverageIds } : {}),
    ...(draft.payorIds ? { payorIds: draft.payorIds } : {}),
  };
}

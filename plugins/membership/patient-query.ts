/**
 * Patient search criteria -> a legacy member search. Supported (as declared in
 * capabilities.ts): _id, identifier (system|value of the member id), name / family / given
 * (starts-with, :exact, :contains), birthdate (eq, ge, gt, le, lt), gender.
 */
import type { AccessConstraints, SearchCriterion } from '../sdk/contract.js';
import { BadRequestError, UnknownSearchParamError } from '../sdk/errors.js';
import {
  checkModifier,
  dateCriterionRange,
  intersectRanges,
  namePattern,
  narrow,
  parseToken,
  type DateRange,
} from './criteria.js';
import { MEMBER_ID, type MemberSearch } from './legacy-api.js';

/** A backend member search plus the member ids it is limited to (sorted), if any. */
export interface MemberFilter {
  readonly search: MemberSearch;
  readonly memberIds?: readonly string[];
}

interface Draft {
  search: MemberSearch;
  memberIds?: string[];
  birth: DateRange;
  sex?: string[];
  impossible: boolean;
}

const SEX_CODES: Readonly<Record<string, string>> = { male: 'M', female: 'F', unknown: 'U' };
const NAME_FIELDS = { name: 'name', family: 'lastName', given: 'firstName' } as const;

/** Translates criteria and constraints; undefined when nothing can match. */
export function patientFilter(
  criteria: readonly SearchCriterion[],
  constraints: AccessConstraints,
  memberIdSystem: string,
): MemberFilter | undefined {
  const draft: Draft = { search: {}, birth: {}, impossible: false };
  for (const criterion of criteria) apply(draft, criterion, memberIdSystem);
  if (constraints.patientIds) draft.memberIds = narrow(draft.memberIds, constraints.patientIds);
  return finish(draft);
}

/** Member ids a member-id token search names; undefined when it does not narrow. */
export function memberIdsOfTokens(
  values: readonly string[],
  memberIdSystem: string,
): string[] | undefined {
  const ids: string[] = [];
  for (const token of values.map(parseToken)) {
    if (token.system !== undefined && token.system !== memberIdSystem) continue;
    if (token.code === undefined) return undefined;
    ids.push(token.code);
  }
  return ids;
}

function apply(draft: Draft, criterion: SearchCriterion, memberIdSystem: string): void {
  switch (criterion.name) {
    case '_id':
      checkModifier(criterion, []);
      draft.memberIds = narrow(draft.memberIds, criterion.values);
      return;
    case 'identifier': {
      checkModifier(criterion, []);
      const ids = memberIdsOfTokens(criterion.values, memberIdSystem);
      if (ids) draft.memberIds = narrow(draft.memberIds, ids);
      return;
    }
    case 'name':
    case 'family':
    case 'given':
      return applyName(draft, criterion);
    case 'birthdate':
      checkModifier(criterion, []);
      draft.birth = intersectRanges(draft.birth, dateCriterionRange(criterion));
      return;
    case 'gender':
      checkModifier(criterion, []);
      draft.sex = narrow(
        draft.sex,
        criterion.values.map((value) => SEX_CODES[value] ?? '-'),
      );
      return;
    default:
      throw new UnknownSearchParamError(
        `Patient search parameter ${criterion.name} is not supported`,
        {
          expression: [criterion.name],
        },
      );
  }
}

function applyName(draft: Draft, criterion: SearchCriterion): void {
  checkModifier(criterion, ['exact', 'contains']);
  const field = NAME_FIELDS[criterion.name as keyof typeof NAME_FIELDS];
  const pattern = namePattern(criterion);
  if (pattern === undefined) {
    draft.impossible = true;
    return;
  }
  if (draft.search[field] !== undefined) {
    throw new BadRequestError(`Search parameter ${criterion.name} may be given only once`, {
      expression: [criterion.name],
    });
  }
  draft.search[field] = pattern;
}

function finish(draft: Draft): MemberFilter | undefined {
  const { from, to } = draft.birth;
  const memberIds = draft.memberIds?.filter((id) => MEMBER_ID.test(id)).sort();
  const sex = draft.sex?.filter((code) => code !== '-');
  if (draft.impossible || memberIds?.length === 0 || sex?.length === 0) return undefined;
  if (from !== undefined && to !== undefined && from > to) return undefined;

  const search: MemberSearch = { ...draft.search, ...birthSearch(draft.birth) };
  if (sex) search.sex = sex.join(',');
  return memberIds ? { search, memberIds } : { search };
}

function birthSearch({ from, to }: DateRange): MemberSearch {
  if (from !== undefined && from === to) return { birthDate: from };
  return { birthDateFrom: from, birthDateTo: to };
}

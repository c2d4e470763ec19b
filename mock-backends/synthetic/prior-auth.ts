/**
 * Synthetic prior authorization history of members: requests for advanced imaging,
 * outpatient and inpatient procedures, DME, therapy and medical-benefit drugs, from the
 * member's coverage periods since the utilization-management system went live
 * (2016-01-01), each decided as prior-auth-decide.ts describes. A pure function of
 * (member, seed, directory): the claims generator reads the same authorizations to bill the
 * approved services with the authorization number, from the providers the request named.
 */
import { AS_OF_DATE } from './catalog.js';
import { diagnosisOn } from './claims-diagnoses.js';
import { ageOn, monthsOf, poisson } from './claims-episodes.js';
import { procedureOn, REVENUE_CODES } from './claims-procedures.js';
import { activeOn, CLAIMS_STREAM, healthProfile, type HealthProfile } from './claims-profile.js';
import {
  homeFor,
  type ChosenOrganization,
  type ChosenRole,
  type HomeProviders,
} from './claims-providers.js';
import { fromDays, lastOfMonth, toDays } from './dates.js';
import { generateMembers, type CoveragePeriod, type MemberRecord } from './members.js';
import { createRng, type Rng } from './prng.js';
import type { AuthService } from './prior-auth-codes.js';
import { AUTH_SERVICES } from './prior-auth-services.js';
import { decide, type Request } from './prior-auth-decide.js';
import type { AuthDocument, AuthItem, PriorAuthRecord } from './prior-auth-types.js';
import { buildDirectory, type Directory, type DirectoryOptions } from './providers.js';

/** First day the utilization-management system holds requests for. */
export const UM_START_DATE = '2016-01-01';

/** A request with the providers it named, for the claims that bill the approved care. */
export interface AuthorizedCare {
  readonly record: PriorAuthRecord;
  readonly service: AuthService;
  readonly requester: ChosenRole;
  readonly role?: ChosenRole;
  readonly facility?: ChosenOrganization;
}

/** Options for {@link priorAuthsOf} and {@link generatePriorAuths}. */
export interface PriorAuthOptions {
  readonly seed: number;
  /** The directory the providers come from (default: 200 practitioners of the same seed). */
  readonly directory?: Directory;
}

const AS_OF_DAY = toDays(AS_OF_DATE);
const DAY_MS = 86_400_000;
const UM_START_DAY = toDays(UM_START_DATE);

/** The prior authorizations of a member, oldest first. */
export function priorAuthsOf(member: MemberRecord, options: PriorAuthOptions): PriorAuthRecord[] {
  return authorizationsOf(member, options).map((care) => care.record);
}

/** Streams the prior authorizations of members `from`..`from + count - 1`. */
export function* generatePriorAuths(
  options: PriorAuthOptions & { readonly count: number; readonly from?: number },
): Generator<PriorAuthRecord> {
  for (const member of generateMembers({ ...options, from: options.from ?? 0 })) {
    yield* priorAuthsOf(member, options);
  }
}

/** The directory for options: the given one or the default of the seed. */
export function directoryFor(options: {
  readonly seed: number;
  readonly directory?: Directory;
  readonly practitioners?: DirectoryOptions['practitioners'];
}): Directory {
  return (
    options.directory ??
    buildDirectory({ seed: options.seed, practitioners: options.practitioners })
  );
}

/** The requests of a member with the providers they named, oldest first. */
export function authorizationsOf(
  member: MemberRecord,
  options: PriorAuthOptions,
): AuthorizedCare[] {
  const directory = directoryFor(options);
  const rng = createRng(options.seed, CLAIMS_STREAM.authorizations, member.index);
  const profile = healthProfile(member, options.seed);
  const birthDay = toDays(member.birthDate);
  const all: AuthorizedCare[] = [];
  for (const period of member.coverage) {
    const home = homeFor(member, period, directory, options.seed);
    const fromDay = Math.max(toDays(period.start), UM_START_DAY, birthDay);
    const toDay = Math.min(period.end ? toDays(period.end) : AS_OF_DAY, AS_OF_DAY - 1);
    for (const month of monthsOf(fromDay, toDay)) {
      const day = Math.min(Math.max(month, fromDay), toDay);
      const coverageEnd = period.end ? toDays(period.end) : Infinity;
      const context = { member, period, home, profile, birthDay, lastDay: toDay, coverageEnd, day };
      const count = poisson(rng, requestRate(context));
      for (let i = 0; i < count; i++) {
        const care = request(rng, context, all.length + 1, lastOfMonth(month));
        if (care) all.push(care);
      }
    }
  }
  return all;
}

interface RequestContext {
  readonly member: MemberRecord;
  readonly period: CoveragePeriod;
  readonly home: HomeProviders;
  readonly profile: HealthProfile;
  readonly birthDay: number;
  /** Last day a request can be received (the period's end, or the day before the as-of date). */
  readonly lastDay: number;
  /** Last covered day (Infinity while the coverage is open). */
  readonly coverageEnd: number;
  /** A day in the month being generated. */
  readonly day: number;
}

function requestRate(context: RequestContext): number {
  const age = ageOn({ birthDay: context.birthDay }, context.day);
  const base = age < 18 ? 0.002 : age < 45 ? 0.006 : age < 65 ? 0.012 : 0.022;
  return base * context.profile.utilization;
}

function eligibleServices(context: RequestContext): [AuthService, number][] {
  const age = ageOn({ birthDay: context.birthDay }, context.day);
  const active = new Set(activeOn(context.profile, context.day).map((item) => item.key));
  return AUTH_SERVICES.filter(
    (service) =>
      age >= service.minAge &&
      age <= service.maxAge &&
      (service.sex === undefined || service.sex === context.member.sex),
  ).map((service) => [
    service,
    service.weight * (service.condition && active.has(service.condition) ? 4 : 1),
  ]);
}

function request(
  rng: Rng,
  context: RequestContext,
  seq: number,
  monthEnd: number,
): AuthorizedCare | undefined {
  const services = eligibleServices(context);
  if (services.length === 0) return undefined;
  const service = rng.weighted(services);
  const receivedDay = Math.min(rng.int(context.day, monthEnd), context.lastDay);
  const effectiveDay = receivedDay + rng.int(3, 21);
  if (effectiveDay > context.coverageEnd) return undefined;

  const expirationDay = Math.min(effectiveDay + service.validDays, context.coverageEnd);
  const providers = chooseProviders(rng, context.home, service);
  const pending: Request = {
    service,
    urgency: rng.chance(service.type === 'inpatient' ? 0.25 : 0.12) ? 'expedited' : 'standard',
    receivedMs: receivedDay * DAY_MS + rng.int(7 * 3600, 18 * 3600) * 1000,
    effectiveDay,
    expirationDay,
    coverageEndDay: context.coverageEnd,
    items: requestItems(service, effectiveDay, expirationDay),
  };
  const authNumber = authNumberOf(receivedDay, context.member.index, seq);
  const record = recordOf(rng, { context, pending, providers, authNumber });
  return { record, service, ...providers };
}

interface RecordParts {
  readonly context: RequestContext;
  readonly pending: Request;
  readonly providers: ReturnType<typeof chooseProviders>;
  readonly authNumber: string;
}

function recordOf(rng: Rng, parts: RecordParts): PriorAuthRecord {
  const { context, pending, providers, authNumber } = parts;
  const { member, period } = context;
  const decision = decide(rng, pending);
  const missing = decision.denial?.code === 'DOC';
  const received = isoInstant(pending.receivedMs);
  return {
    authNumber,
    memberId: member.memberId,
    memberIndex: member.index,
    subscriberId: member.subscriberId,
    planId: period.planId,
    groupId: period.groupId,
    coverageSeq: period.seq,
    type: pending.service.type,
    urgency: pending.urgency,
    receivedAt: received,
    requestingNpi: providers.requester.practitioner.npi,
    servicingNpi: providers.role?.practitioner.npi ?? providers.facility?.organization.npi ?? '',
    facilityNpi: providers.facility?.organization.npi,
    network: providers.role?.network ?? providers.facility?.network ?? 'in',
    diagnoses: pending.service.dx.map((key, i) => ({
      seq: i + 1,
      ...diagnosisOn(key, received.slice(0, 10)),
    })),
    documents: documents(rng, pending, authNumber, missing),
    ...decision,
  };
}

function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** `PA` + request year + member number (8 digits) + sequence (3 digits). */
function authNumberOf(receivedDay: number, memberIndex: number, seq: number): string {
  const member = String(memberIndex + 1).padStart(8, '0');
  return `PA${fromDays(receivedDay).slice(0, 4)}${member}${String(seq).padStart(3, '0')}`;
}

function chooseProviders(rng: Rng, home: HomeProviders, service: AuthService) {
  const requester = service.requester ? home.picker.role(rng, [service.requester]) : home.pcp;
  const role = service.servicing ? home.picker.role(rng, service.servicing) : undefined;
  const facility = facilityFor(rng, home, service, role);
  return { requester, role, facility };
}

function facilityFor(
  rng: Rng,
  home: HomeProviders,
  service: AuthService,
  role: ChosenRole | undefined,
): ChosenOrganization | undefined {
  if (!service.facility) return undefined;
  if (service.facility === 'hospital' && role?.organization.type === 'hospital') {
    return { organization: role.organization, network: home.picker.orgNetwork(role.organization) };
  }
  return service.facility === 'hospital'
    ? home.hospital
    : home.picker.organization(rng, service.facility);
}

function requestItems(service: AuthService, startDay: number, endDay: number): AuthItem[] {
  const start = fromDays(startDay);
  return service.lines.map((line, i) => ({
    seq: i + 1,
    code: line.code,
    system: line.revenue
      ? 'REV'
      : procedureOn(line.code, start).system === 'HCPCS'
        ? 'HCPCS'
        : 'CPT',
    display: line.revenue
      ? (REVENUE_CODES[line.code] ?? line.code)
      : procedureOn(line.code, start).display,
    modifiers: line.modifiers ?? [],
    requestedQuantity: line.quantity,
    approvedQuantity: 0,
    unit: line.unit,
    serviceStart: start,
    serviceEnd: fromDays(endDay),
    status: 'pended',
  }));
}

const CONTENT_TYPES: readonly (readonly [string, number])[] = [
  ['application/pdf', 65],
  ['image/tiff', 20],
  ['text/plain', 10],
  ['application/xml', 5],
];

/** Documents the requester sent; when records were missing, only the first arrived. */
function documents(
  rng: Rng,
  pending: Request,
  authNumber: string,
  missing: boolean,
): AuthDocument[] {
  const { service, receivedMs } = pending;
  const sent = missing ? service.documents.slice(0, 1) : service.documents;
  return sent.map(([type, title], i) => ({
    id: `${authNumber}-D${i + 1}`,
    type,
    title,
    date: fromDays(Math.floor(receivedMs / DAY_MS) - rng.int(1, 40)),
    contentType: rng.weighted(CONTENT_TYPES),
    sizeBytes: rng.int(20_000, 2_000_000),
    receivedAt: isoInstant(receivedMs + rng.int(0, 120) * 60_000),
  }));
}

/**
 * The care a member received under approved prior authorizations, as episodes: the scan,
 * the procedure, the elective stay, monthly DME rentals, therapy visits, drug infusions.
 * Each episode carries the authorization number and the providers the request named, so
 * the resulting claims reference the authorization (CARIN BB `preAuthRef`).
 */
import type { AuthorizedCare } from './prior-auth.js';
import type { Authorized, Episode } from './claims-episodes.js';
import { toDays } from './dates.js';
import type { Rng } from './prng.js';

const USED_STATUSES = new Set(['approved', 'partial']);

/** Episodes of the approved care of one authorization (none if it was not approved). */
export function authorizedEpisodes(rng: Rng, care: AuthorizedCare): Episode[] {
  const { record } = care;
  if (!USED_STATUSES.has(record.status) || !record.effectiveDate || !record.expirationDate) {
    return [];
  }
  const start = toDays(record.effectiveDate);
  const end = toDays(record.expirationDate);
  const authorized: Authorized = {
    authNumber: record.authNumber,
    role: care.role,
    facility: care.facility,
    requesterNpi: record.requestingNpi,
  };
  const dx = care.service.dx;
  const first = record.items[0];
  const approved = first?.approvedQuantity ?? 0;
  const day = Math.min(end, start + rng.int(0, 20));
  switch (record.type) {
    case 'imaging':
      return [{ kind: 'imaging', day, code: first?.code ?? '', dx, authorized }];
    case 'outpatient':
      return [surgery(care, day, authorized)];
    case 'inpatient':
      return [admission(care, day, authorized)];
    case 'dme':
      return rentals(care, start, end, authorized);
    case 'therapy':
      return visits(care, { start: day, end, count: approved }, authorized);
    default:
      return infusions(care, { start: day, end, units: approved }, authorized);
  }
}

function surgery(care: AuthorizedCare, day: number, authorized: Authorized): Episode {
  const code = care.record.items[0]?.code ?? '';
  const specialty = care.role?.role.specialtyKey ?? 'surgery';
  return { kind: 'surgery', day, code, dx: care.service.dx, specialty, authorized };
}

function admission(care: AuthorizedCare, day: number, authorized: Authorized): Episode {
  const [procedure, stay] = care.record.items;
  return {
    kind: 'admission',
    day,
    drg: care.service.drg ?? '470',
    dx: care.service.dx,
    via: 'elective',
    los: Math.max(1, stay?.approvedQuantity ?? 2),
    surgery: {
      code: procedure?.code ?? '',
      specialty: care.role?.role.specialtyKey ?? 'surgery',
    },
    authorized,
  };
}

function rentals(care: AuthorizedCare, start: number, end: number, authorized: Authorized) {
  const episodes: Episode[] = [];
  for (const item of care.record.items) {
    const months =
      item.unit === 'months' ? item.approvedQuantity : Math.min(1, item.approvedQuantity);
    const modifier = item.modifiers[0] === 'NU' ? 'NU' : 'RR';
    for (let month = 0; month < months && start + month * 30 <= end; month++) {
      episodes.push({
        kind: 'dme',
        day: start + month * 30,
        code: item.code,
        modifier,
        dx: care.service.dx,
        authorized,
      });
    }
  }
  return episodes;
}

function visits(
  care: AuthorizedCare,
  plan: { start: number; end: number; count: number },
  authorized: Authorized,
): Episode[] {
  const episodes: Episode[] = [];
  for (let visit = 0; visit < plan.count && plan.start + visit * 7 <= plan.end; visit++) {
    const codes = visit === 0 ? ['97161', '97110'] : ['97110', '97140'];
    const dx = care.service.dx[0] ?? 'backPain';
    episodes.push({ kind: 'therapy', day: plan.start + visit * 7, dx, codes, authorized });
  }
  return episodes;
}

/** Doses every eight weeks (infliximab maintenance) or six months (denosumab). */
function infusions(
  care: AuthorizedCare,
  plan: { start: number; end: number; units: number },
  authorized: Authorized,
): Episode[] {
  const code = care.record.items[0]?.code ?? '';
  const every = code === 'J0897' ? 182 : 56;
  const doseUnits = code === 'J0897' ? 60 : 35;
  const episodes: Episode[] = [];
  for (let given = 0; given + doseUnits <= plan.units; given += doseUnits) {
    const day = plan.start + (given / doseUnits) * every;
    if (day > plan.end) break;
    episodes.push({
      kind: 'infusion',
      day,
      code,
      units: doseUnits,
      dx: care.service.dx,
      authorized,
    });
  }
  return episodes;
}

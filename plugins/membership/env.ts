/**
 * What every handler of the membership plugin shares: the backend client and the options.
 */
import type { RequestContext } from '../sdk/contract.js';
import type { MembershipClient } from './backend.js';
import type { MembershipOptions } from './options.js';

/** The plugin instance's environment. */
export interface MembershipEnv {
  readonly client: MembershipClient;
  readonly options: MembershipOptions;
}

/** False when the request is limited to patients and this member is not one of them. */
export function patientAllowed(ctx: RequestContext, memberId: string): boolean {
  const patientIds = ctx.constraints.patientIds;
  return patientIds === undefined || patientIds.includes(memberId);
}

/**
 * Helpers the claims plugin's tests share: raw claims straight from the backend (to compare
 * the plugin's answers with) and a plugin wired to a running backend.
 */
import type { LegacyClaim } from './legacy-api.js';

/** Every claim of the backend (any date), in backend order, straight from its API. */
export async function allClaims(baseUrl: string): Promise<LegacyClaim[]> {
  const claims: LegacyClaim[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await fetch(`${baseUrl}/claims?offset=${offset}&limit=200`);
    const body = (await res.json()) as { CLAIMS: LegacyClaim[] };
    claims.push(...body.CLAIMS);
    if (body.CLAIMS.length < 200) return claims;
  }
}

/** The id of the first claim with a day of service from 2016 on. */
export async function firstClaimFrom2016(baseUrl: string): Promise<string> {
  const claim = (await allClaims(baseUrl)).find((c) => c.SVC_THRU_DT >= '20160101');
  if (!claim) throw new Error('no claim from 2016 on');
  return claim.CLM_ID;
}

/**
 * Who is calling: the result of authenticating a bearer token. Authorization decisions read
 * only this, never the raw token.
 */

/** Why the caller accesses data; drives the disclosure rules of CMS-0057-F. */
export type Purpose = 'patient' | 'provider' | 'payer' | 'system' | 'staff';

export interface Principal {
  /** OAuth client id (`client_id` or `azp`). */
  readonly clientId: string;
  /** Token subject. */
  readonly subject: string;
  /** `fhirUser` claim, e.g. `Patient/123` or `Practitioner/9`. */
  readonly fhirUser?: string;
  /** Patient launch context, for `patient/` scopes. */
  readonly patient?: string;
  readonly encounter?: string;
  /** Granted scopes, as strings (parsed by `scopes.ts`). */
  readonly scopes: readonly string[];
  readonly purpose: Purpose;
  /** Token id (`jti`), for audit and revocation checks; never the token itself. */
  readonly tokenId?: string;
  /** Expiry of the token (seconds since epoch). */
  readonly expiresAt?: number;
}

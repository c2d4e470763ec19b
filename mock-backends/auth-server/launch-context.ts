/**
 * SMART launch context: EHR launch ids and the context bound to each grant.
 *
 * SMART App Launch 2.2, "EHR Launch": the EHR hands the app an opaque `launch` value that the
 * authorization server resolves to patient and encounter context. Here launch ids are minted
 * by `createLaunch` (or POST /launch), kept in memory until they expire, and consumed when the
 * user consents. The context chosen then is stored against the oidc-provider grant id, so every
 * access token of the grant, including those from refresh tokens, carries the same context.
 */
import { randomBytes } from 'node:crypto';
import type { MemoryStore } from './memory-store.js';

/** One `fhirContext` item (SMART App Launch 2.2 "fhirContext"). */
export interface FhirContextItem {
  readonly reference?: string;
  readonly canonical?: string;
  readonly identifier?: Readonly<Record<string, unknown>>;
  readonly type?: string;
  readonly role?: string;
}

/** What a launch resolves to, and what a token's context holds. Ids are logical FHIR ids. */
export interface LaunchContext {
  readonly patient?: string;
  readonly encounter?: string;
  readonly fhirContext?: readonly FhirContextItem[];
}

const LAUNCH = 'SmartLaunch';
const GRANT_CONTEXT = 'SmartGrantContext';

/** Launch ids and per-grant context, kept in the server's MemoryStore. */
export class LaunchContextStore {
  constructor(
    private readonly store: MemoryStore,
    private readonly launchTtlSeconds: number,
  ) {}

  /** Mints an opaque, unguessable launch id for the given context. */
  createLaunch(context: LaunchContext): string {
    const id = randomBytes(18).toString('base64url');
    this.store.set(`${LAUNCH}:${id}`, { extra: { ...context } }, this.launchTtlSeconds);
    return id;
  }

  /** The context of a live launch id, or undefined when unknown or expired. */
  resolveLaunch(id: string): LaunchContext | undefined {
    return this.store.get(`${LAUNCH}:${id}`)?.extra;
  }

  /** Removes a launch id once a grant carries its context (a launch is used once). */
  consumeLaunch(id: string): void {
    this.store.delete(`${LAUNCH}:${id}`);
  }

  /** Binds context to a grant for the grant's lifetime; revoking the grant removes it. */
  bindToGrant(grantId: string, context: LaunchContext, ttlSeconds: number): void {
    this.store.set(`${GRANT_CONTEXT}:${grantId}`, { grantId, extra: { ...context } }, ttlSeconds);
  }

  /** The context bound to a grant (empty when none). */
  forGrant(grantId: string | undefined): LaunchContext {
    if (!grantId) return {};
    return (this.store.get(`${GRANT_CONTEXT}:${grantId}`)?.extra as LaunchContext) ?? {};
  }

  /** Seconds a new launch id stays valid. */
  get launchTtl(): number {
    return this.launchTtlSeconds;
  }
}

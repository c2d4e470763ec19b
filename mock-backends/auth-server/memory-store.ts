/**
 * In-memory storage for one authorization server instance, with an oidc-provider adapter on
 * top. oidc-provider's bundled MemoryAdapter keeps a single LRU of 1,000 entries shared by every
 * Provider in the process: entries (including client-assertion `jti`s kept for replay
 * detection) could be evicted under load, and parallel test servers would share state. Here
 * each server owns its store, nothing is evicted before it expires, and `close()` drops it all.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; entries without a lifetime never expire. */
  readonly expiresAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/** Key-value storage with expiry and a grant index (RFC 7009 grant-wide revocation). */
export class MemoryStore {
  readonly #entries = new Map<string, Entry>();
  readonly #byGrant = new Map<string, Set<string>>();
  readonly #sweeper: NodeJS.Timeout;

  constructor() {
    this.#sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
  }

  /** Stores a payload for `expiresIn` seconds, indexed by its `grantId` when it has one. */
  set(key: string, payload: AdapterPayload, expiresIn?: number): void {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
    this.#entries.set(key, { payload, expiresAt });
    if (typeof payload.grantId !== 'string') return;
    const keys = this.#byGrant.get(payload.grantId) ?? new Set<string>();
    keys.add(key);
    this.#byGrant.set(payload.grantId, keys);
  }

  /** The payload, or undefined when absent or expired. */
  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.payload;
    this.#entries.delete(key);
    return undefined;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Deletes everything issued under one grant. */
  deleteGrant(grantId: string): void {
    for (const key of this.#byGrant.get(grantId) ?? []) this.#entries.delete(key);
    this.#byGrant.delete(grantId);
  }

  /** An oidc-provider adapter for one model, stored under `model:` keys. */
  adapterFor(model: string): Adapter {
    return new ModelAdapter(this, model);
  }

  /** Stops the expiry sweep and forgets everything. */
  close(): void {
    clearInterval(this.#sweeper);
    this.#entries.clear();
    this.#byGrant.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
    for (const [grantId, keys] of this.#byGrant) {
      for (const key of keys) if (!this.#entries.has(key)) keys.delete(key);
      if (keys.size === 0) this.#byGrant.delete(grantId);
    }
  }
}

/** oidc-provider's Adapter contract over a MemoryStore. */
class ModelAdapter implements Adapter {
  constructor(
    private readonly store: MemoryStore,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    this.store.set(this.key(id), payload, expiresIn);
    if (this.model === 'Session' && payload.uid) {
      this.store.set(`SessionUid:${payload.uid}`, { jti: id }, expiresIn);
    }
    if (payload.userCode) this.store.set(`UserCode:${payload.userCode}`, { jti: id }, expiresIn);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.get(this.key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findByIndex(`SessionUid:${uid}`);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findByIndex(`UserCode:${userCode}`);
  }

  consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    this.store.deleteGrant(grantId);
    return Promise.resolve();
  }

  private findByIndex(indexKey: string): Promise<AdapterPayload | undefined> {
    const jti = this.store.get(indexKey)?.jti;
    return this.find(jti ?? '');
  }
}

/**
 * The published DEMO ONLY key pairs of the `demo-backend` client (see demo-keys/README.md).
 * The public halves are registered on the client; the private halves sign client assertions
 * in the tests and in `npm run token -- --system`.
 */
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';

/** The two algorithms SMART Backend Services requires servers to support. */
export type DemoKeyAlg = 'RS384' | 'ES384';

const FILES: Readonly<Record<DemoKeyAlg, string>> = {
  RS384: 'demo-only-rs384.private.jwk.json',
  ES384: 'demo-only-es384.private.jwk.json',
};

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

/** The DEMO ONLY private JWK of `demo-backend` for one algorithm (with `kid` and `alg`). */
export function demoBackendPrivateJwk(alg: DemoKeyAlg): JWK {
  const url = new URL(`./demo-keys/${FILES[alg]}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as JWK;
}

/** The public JWKS registered inline on `demo-backend`: both keys, private members removed. */
export function demoBackendPublicJwks(): { keys: Array<JWK & { kty: string }> } {
  const keys = (Object.keys(FILES) as DemoKeyAlg[]).map((alg) => {
    const jwk: Record<string, unknown> = { ...demoBackendPrivateJwk(alg) };
    for (const member of PRIVATE_MEMBERS) delete jwk[member];
    return jwk as JWK & { kty: string };
  });
  return { keys };
}

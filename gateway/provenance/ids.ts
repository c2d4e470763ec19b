/**
 * Provenance ids derived from their target: `prv-<Type>-<id>` round-trips (a type name has no
 * hyphen), so a read needs no lookup table. FHIR ids have at most 64 characters (R4 §2.24.0.1);
 * a target whose id is too long for the scheme gets `prv-h-<hash>`, which cannot be read back
 * (its Provenance is still found by `target` and `patient` searches).
 */
import { createHash } from 'node:crypto';

const PREFIX = 'prv-';
const MAX_ID = 64;

/** The Provenance id for the target `type/id`. */
export function provenanceId(type: string, id: string): string {
  const plain = `${PREFIX}${type}-${id}`;
  if (plain.length <= MAX_ID) return plain;
  const hash = createHash('sha256').update(`${type}/${id}`).digest('hex');
  return `${PREFIX}h-${hash.slice(0, MAX_ID - PREFIX.length - 2)}`;
}

/** The target a Provenance id names, or undefined for hashed or foreign ids. */
export function targetOf(provenanceId: string): { type: string; id: string } | undefined {
  const match = /^prv-([A-Z][A-Za-z]+)-([A-Za-z0-9\-.]{1,64})$/.exec(provenanceId);
  if (!match) return undefined;
  return { type: match[1] as string, id: match[2] as string };
}

/** `Type/id` from a relative, absolute or versioned reference; undefined for anything else. */
export function parseReference(reference: string): { type: string; id: string } | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(
    reference,
  );
  if (!match) return undefined;
  return { type: match[1] as string, id: match[2] as string };
}

/**
 * Identifiers of the synthetic directory. NPIs follow the NPI standard (45 CFR 162.406 and
 * CMS's "Requirements for NPI Check Digit"): ten digits, the last a Luhn check digit computed
 * over the ISO prefix 80840 followed by the first nine digits. Type 1 (individual) NPIs here
 * start with 1, type 2 (organization) NPIs with 2. Numbers come from an affine permutation
 * of the index, so they never repeat within a type and need no lookup table.
 */

const PERMUTATION_MODULUS = 100_000_000;
/** Odd and not a multiple of 5, hence coprime with 10^8: the map below is a bijection. */
const MULTIPLIER = 48_271;
/** The Luhn sum of the prefix 80840 (8+0+8+0+0 after doubling 0,4,0: 8+0+8+8+0 = 24). */
const PREFIX_SUM = 24;

/** Luhn check digit for the first nine digits of an NPI (with the 80840 prefix). */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError(`NPI base must be 9 digits`);
  let sum = PREFIX_SUM;
  for (let i = 0; i < 9; i++) {
    const digit = Number(firstNine[8 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for ten digits starting with 1 or 2 whose last digit is the check digit. */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  return npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** A unique eight-digit number for an index, scrambled by the seed. */
function scrambled(index: number, seed: number, salt: number): string {
  const offset =
    (((seed * 7_919 + salt) % PERMUTATION_MODULUS) + PERMUTATION_MODULUS) % PERMUTATION_MODULUS;
  const value = (index * MULTIPLIER + offset) % PERMUTATION_MODULUS;
  return String(value).padStart(8, '0');
}

/** The NPI of directory entry `index` of the given entity type (1 individual, 2 org). */
export function npiFor(entityType: 1 | 2, index: number, seed: number): string {
  const base = `${entityType}${scrambled(index, seed, entityType * 1_000_003)}`;
  return `${base}${npiCheckDigit(base)}`;
}

/** A nine-digit employer identification number; the prefix is one the IRS assigns. */
export function tinFor(index: number, seed: number): string {
  return `91${scrambled(index, seed, 4_242_421).slice(1)}`;
}

/** `prefix` + index + 1, zero-padded to `width` digits. */
export function directoryId(prefix: string, index: number, width: number): string {
  return `${prefix}${String(index + 1).padStart(width, '0')}`;
}

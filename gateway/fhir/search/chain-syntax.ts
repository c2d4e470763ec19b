/**
 * The syntax of chained parameters (R4 §3.1.1.4.5, `practitioner.name`,
 * `subject:Patient.name`, `organization.partof.name`) and reverse chains (R4 §3.1.1.4.6,
 * `_has:PractitionerRole:practitioner:specialty`), parsed into a tree before anything is
 * checked against what the plugins declared.
 */
import { BadRequestError } from '../../../plugins/sdk/errors.js';

/** The most references one parameter may traverse (`a.b.c` traverses two). */
export const MAX_CHAIN_HOPS = 3;

/** A parsed parameter key: a plain criterion, or one hop to another type and the rest. */
export type ChainKey =
  | { readonly kind: 'leaf'; readonly key: string }
  | {
      readonly kind: 'forward';
      /** Reference parameter of the current type. */
      readonly param: string;
      /** Target type from a `:Type` modifier, when given. */
      readonly type?: string;
      readonly next: ChainKey;
    }
  | {
      readonly kind: 'reverse';
      /** Type whose resources point at the current type. */
      readonly type: string;
      /** Reference parameter of that type that points back. */
      readonly param: string;
      readonly next: ChainKey;
    };

/** A key that cannot be read as a chain; the gateway treats it as an unknown parameter. */
export class MalformedChainError extends Error {}

/** True for keys the chain resolver handles instead of the plain parser. */
export function isChainKey(key: string): boolean {
  return key.startsWith('_has:') || key.includes('.');
}

/**
 * Parses a chained key. Throws {@link MalformedChainError} when it is not well formed and a
 * 400 when it traverses more than {@link MAX_CHAIN_HOPS} references.
 */
export function parseChainKey(key: string): ChainKey {
  const parsed = parseKey(key);
  if (hops(parsed) > MAX_CHAIN_HOPS) {
    throw new BadRequestError(
      `Chained parameter "${key}" traverses more than ${MAX_CHAIN_HOPS} references`,
      { expression: [key] },
    );
  }
  return parsed;
}

/** Number of references a parsed key traverses. */
export function hops(key: ChainKey): number {
  return key.kind === 'leaf' ? 0 : 1 + hops(key.next);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TYPE = /^[A-Z][A-Za-z]+$/;

function parseKey(key: string): ChainKey {
  if (key.startsWith('_has:')) return parseReverse(key);
  const dot = key.indexOf('.');
  if (dot < 0) return parseLeaf(key);
  const [param = '', type, extra] = key.slice(0, dot).split(':');
  if (!NAME.test(param) || extra !== undefined || (type !== undefined && !TYPE.test(type))) {
    throw new MalformedChainError(`"${key.slice(0, dot)}" is not a reference parameter`);
  }
  const next = parseKey(key.slice(dot + 1));
  return type === undefined
    ? { kind: 'forward', param, next }
    : { kind: 'forward', param, type, next };
}

function parseReverse(key: string): ChainKey {
  const [, type = '', param = '', ...rest] = key.split(':');
  if (!TYPE.test(type) || !NAME.test(param) || rest.length === 0) {
    throw new MalformedChainError('_has must read _has:Type:reference:parameter');
  }
  return { kind: 'reverse', type, param, next: parseKey(rest.join(':')) };
}

function parseLeaf(key: string): ChainKey {
  const [name = '', modifier, extra] = key.split(':');
  if (!NAME.test(name) || extra !== undefined || modifier === '') {
    throw new MalformedChainError(`"${key}" is not a search parameter`);
  }
  return { kind: 'leaf', key };
}

/**
 * Conformance with the official PDex 2.1.0 example ExplanationOfBenefit-PDexPriorAuth1 (read
 * in place from the shared fixtures): the example is valid R4 here, and the element set of the
 * plugin's EOBs covers the example's, apart from a short, explained list the legacy system has
 * no data for. Extension URLs the example uses are the ones the plugin emits.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { fixture, fixturesAvailable } from '../../test/conformance/fixtures.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import { searchAll, startFixture, type PriorAuthFixture } from './testing.js';

const available = fixturesAvailable();

/**
 * Elements of the example the legacy system has no data for: no amounts, no claim links, no
 * funds reservation; organization and provider names live in the membership and directory
 * systems (the references resolve there, and `_include` brings them).
 */
const NOT_IN_LEGACY = new Set([
  'insurer.display',
  'provider.display',
  'language',
  'text',
  'text.status',
  'text.div',
  'fundsReserveRequested',
  'fundsReserve',
  'related',
  'related.relationship',
  'related.reference',
  'item.adjudication.id',
  'item.adjudication.amount',
  'total',
  'total.extension',
  'total.category',
  'total.amount',
]);

/** The example's extension on `total` (utilization against amounts), which needs amounts. */
const AMOUNT_EXTENSIONS = new Set([
  'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/PriorAuthorizationUtilization',
]);

(available ? describe : describe.skip)('Conformance: PDex Prior Authorization example', () => {
  let example: ExplanationOfBenefit;
  let fx: PriorAuthFixture;
  let eobs: ExplanationOfBenefit[];

  before(async () => {
    example = fixture<ExplanationOfBenefit>('pdex/ExplanationOfBenefit-PDexPriorAuth1.json');
    fx = await startFixture(200);
    eobs = await searchAll(fx.plugin);
  });
  after(() => fx?.close());

  it('the official example is valid R4 and claims the profile the plugin claims', () => {
    expectValid(example);
    expect(example.meta?.profile).to.deep.equal(eobs[0]?.meta?.profile);
    expect(example.use).to.equal('preauthorization');
  });

  it("the plugin's element set covers the example's, but for data the system lacks", () => {
    const ours = new Set(eobs.flatMap((eob) => [...elementPaths(eob)]));
    const missing = [...elementPaths(example)].filter(
      (path) => !ours.has(path) && !ancestors(path).some((up) => NOT_IN_LEGACY.has(up)),
    );
    expect(missing).to.deep.equal([]);
  });

  it('uses every extension the example uses (but the amount-based one)', () => {
    const ours = new Set(eobs.flatMap((eob) => [...extensionUrls(eob)]));
    const theirs = [...extensionUrls(example)].filter((url) => !AMOUNT_EXTENSIONS.has(url));
    expect([...ours]).to.include.members(theirs);
  });
});

/** Dotted element paths (array indexes dropped, extension contents summarised by url). */
function elementPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const entry of value) elementPaths(entry, prefix, out);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value)) {
    if (prefix === '' && (key === 'resourceType' || key === 'id')) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.add(path);
    if (key !== 'extension') elementPaths(child, path, out);
  }
  return out;
}

/** The path and each of its ancestors, e.g. `a.b.c`, `a.b`, `a`. */
function ancestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

function extensionUrls(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const entry of value) extensionUrls(entry, out);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.url === 'string' && record.url.startsWith('http')) out.add(record.url);
    for (const child of Object.values(record)) extensionUrls(child, out);
  }
  return out;
}

/**
 * US Drug Formulary 2.0.1 examples against the formulary plugin: for each official example
 * (../shared/fixtures/formulary, read in place) of a profile we serve (FormularyDrug,
 * FormularyItem, Formulary, PayerInsurancePlan), our resources of that profile, taken
 * together, use the same profile URL, every top-level element the example has, every
 * extension URL the example uses at the same place with the same value type (nested
 * extensions too), and every code system at the same place (codes too where the profile
 * fixes them). Then every search the example implies (its own parameter values, as the IG
 * CapabilityStatement and GraphDefinitions use them) is run anonymously through the gateway
 * and must find exactly our resources carrying that value.
 *
 * Documented exceptions (EXCEPTIONS): the InsurancePlanLocation example's GeoJSON boundary
 * extension (the legacy system holds the states of the service area, not their outlines; the
 * profile makes the region optional when an address is given); the FormularyItem quantity limit detail's `DaysSupply` (therapy days over a
 * period: the legacy system holds quantity per days, given as `Rolling` and `MaximumDaily`,
 * not therapy-day limits) with its UCUM `boundsDuration`. Values the examples use that our data does not (tier `brand`, out-of-network
 * pharmacy benefit types, the examples' own ids, Connecticut) must then find nothing.
 * Examples of other types (GraphDefinition, Coverage, Organization, Patient) are not served
 * here.
 */
import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  startFormularyFixture,
  streamOf,
  type FormularyFixture,
} from '../support/formulary-fixture.js';
import { PROFILES, SYSTEMS } from '../../plugins/formulary/usdf.js';
import { expectValid } from '../support/fhir-validator.js';
import { fixtures, fixturesAvailable } from './fixtures.js';

const available = fixturesAvailable();

/** Per profile: element names, or parts of extension / code signatures, we need not have. */
const EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  [PROFILES.insurancePlanLocation]: [
    'extension',
    '|http://hl7.org/fhir/StructureDefinition/location-boundary-geojson|',
  ],
  [PROFILES.formularyItem]: ['|DaysSupply|', '.boundsDuration|'],
};
const SKIP_KEYS = new Set(['resourceType', 'id', 'meta', 'text', 'language']);
/** Code systems whose codes the profiles fix: the codes must match too. */
const FIXED_CODES = new Set<string>([
  SYSTEMS.actCode,
  SYSTEMS.insurancePlanType,
  SYSTEMS.insuranceItemType,
  SYSTEMS.benefitCostType,
]);

type Json = Record<string, unknown>;

/** `path|url|value type` of every extension, nested ones under their parent's url. */
function extensionSignatures(node: unknown, path: string, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) extensionSignatures(item, path, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, value] of Object.entries(node as Json)) {
    if (key !== 'extension' || !Array.isArray(value)) {
      if (key !== 'text') extensionSignatures(value, `${path}.${key}`, out);
      continue;
    }
    for (const ext of value as Json[]) {
      const type = Object.keys(ext).find((k) => k.startsWith('value')) ?? 'extension';
      out.add(`${path}|${String(ext.url)}|${type}`);
      extensionSignatures({ extension: ext.extension }, `${path}.${String(ext.url)}`, out);
    }
  }
  return out;
}

/** `path|system` of every Coding and Quantity, `path|system|code` for fixed systems. */
function codeSignatures(node: unknown, path: string, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) codeSignatures(item, path, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const object = node as Json;
  if (typeof object.system === 'string' && typeof object.code === 'string') {
    out.add(`${path}|${object.system}`);
    if (FIXED_CODES.has(object.system)) out.add(`${path}|${object.system}|${object.code}`);
  }
  for (const [key, value] of Object.entries(object)) {
    if (key === 'text' || key === 'url') continue;
    codeSignatures(value, key === 'extension' ? path : `${path}.${key}`, out);
  }
  return out;
}

function union(resources: readonly Resource[], of: (r: Resource) => Set<string>): Set<string> {
  return new Set(resources.flatMap((r) => [...of(r)]));
}

const extOf = (r: Json, id: string) =>
  ((r.extension ?? []) as Json[]).filter((e) => String(e.url).endsWith(`/${id}`));
const codings = (concept: unknown) =>
  (((concept as Json | undefined)?.coding ?? []) as Json[]).map(
    (c) => `${String(c.system)}|${String(c.code)}`,
  );
const ref = (value: unknown) => {
  const reference = (value as Json | undefined)?.reference;
  return typeof reference === 'string' ? reference : '';
};

/** The values of each search parameter the examples imply, as the query would give them. */
const PARAMS: Record<string, Record<string, (r: Json) => string[]>> = {
  Basic: {
    formulary: (r) =>
      extOf(r, 'usdf-FormularyReference-extension').map((e) => ref(e.valueReference)),
    subject: (r) => [ref(r.subject)],
    status: (r) => extOf(r, 'usdf-AvailabilityStatus-extension').map((e) => String(e.valueCode)),
    'drug-tier': (r) =>
      extOf(r, 'usdf-DrugTierID-extension').flatMap((e) => codings(e.valueCodeableConcept)),
    'pharmacy-benefit-type': (r) =>
      extOf(r, 'usdf-PharmacyBenefitType-extension').flatMap((e) =>
        codings(e.valueCodeableConcept),
      ),
    code: (r) => codings(r.code),
  },
  MedicationKnowledge: {
    code: (r) => codings(r.code).slice(0, 1),
    status: (r) => [String(r.status)],
  },
  Location: {
    'address-state': (r) => {
      const state = (r.address as Json | undefined)?.state;
      return typeof state === 'string' ? [state] : [];
    },
  },
  InsurancePlan: {
    type: (r) => ((r.type ?? []) as unknown[]).flatMap(codings),
    status: (r) => [String(r.status)],
    'coverage-type': (r) => ((r.coverage ?? []) as Json[]).flatMap((c) => codings(c.type)),
    'coverage-area': (r) => ((r.coverageArea ?? []) as unknown[]).map(ref),
    'formulary-coverage': (r) =>
      ((r.coverage ?? []) as Json[]).flatMap((c) =>
        extOf(c, 'usdf-FormularyReference-extension').map((e) => ref(e.valueReference)),
      ),
  },
};

(available ? describe : describe.skip)(
  'Conformance: US Drug Formulary 2.0.1 examples vs the formulary plugin',
  function () {
    this.timeout(120_000);
    let fx: FormularyFixture;
    const ours = new Map<string, Resource[]>();
    const examples = available ? fixtures('formulary', /\.json$/) : [];
    const served = examples.filter(([, e]) =>
      (Object.values(PROFILES) as string[]).includes(e.meta?.profile?.[0] ?? ''),
    );

    before(async () => {
      fx = await startFormularyFixture();
      for (const type of ['InsurancePlan', 'Location', 'MedicationKnowledge', 'Basic']) {
        ours.set(type, await streamOf(fx.plugin, type));
      }
    });
    after(() => fx?.close());

    const ofProfile = (profile: string) =>
      [...ours.values()].flat().filter((r) => r.meta?.profile?.includes(profile));

    it('has examples of each profile we serve, and we serve them valid', () => {
      const profiles = new Set(served.map(([, e]) => e.meta?.profile?.[0]));
      expect([...profiles].sort()).to.deep.equal(Object.values(PROFILES).sort());
      for (const profile of profiles) {
        const resources = ofProfile(profile ?? '');
        expect(resources.length, profile).to.be.above(0);
        for (const resource of resources.slice(0, 20)) expectValid(resource);
      }
    });

    it('our resources carry every element, extension and code system of each example', () => {
      for (const [name, example] of served) {
        const profile = example.meta?.profile?.[0] ?? '';
        const mine = ofProfile(profile);
        const allowed = EXCEPTIONS[profile] ?? [];
        const keys = union(mine, (r) => new Set(Object.keys(r)));
        const missingKeys = Object.keys(example).filter(
          (k) => !SKIP_KEYS.has(k) && !keys.has(k) && !allowed.includes(k),
        );
        expect(missingKeys, `${name}: elements`).to.deep.equal([]);
        const excepted = (s: string) =>
          allowed.some((k) => s.includes(k) || s.startsWith(`${example.resourceType}.${k}`));
        const extensions = union(mine, (r) => extensionSignatures(r, r.resourceType));
        const wanted = [...extensionSignatures(example, example.resourceType)].filter(
          (s) => !excepted(s),
        );
        expect(
          wanted.filter((s) => !extensions.has(s)),
          `${name}: extensions`,
        ).to.deep.equal([]);
        const codes = union(mine, (r) => codeSignatures(r, r.resourceType));
        const used = [...codeSignatures(example, example.resourceType)].filter((s) => !excepted(s));
        expect(
          used.filter((s) => !codes.has(s)),
          `${name}: code systems`,
        ).to.deep.equal([]);
      }
    });

    it('the searches each example implies find exactly our resources with that value', async () => {
      for (const [name, example] of served) {
        const type = example.resourceType;
        const mine = ours.get(type) ?? [];
        for (const [param, valuesOf] of Object.entries(PARAMS[type] ?? {})) {
          for (const value of valuesOf(example as unknown as Json)) {
            const expected = mine.filter((r) => valuesOf(r as unknown as Json).includes(value));
            const bundle = await fx.search(type, `${param}=${encodeURIComponent(value)}&_count=1`);
            expect(bundle.total, `${name}: ${param}=${value}`).to.equal(expected.length);
          }
        }
      }
    });

    it('the same searches with our own values find our resources (references, ids)', async () => {
      for (const type of Object.keys(PARAMS)) {
        const mine = ours.get(type) ?? [];
        const sample = mine[Math.floor(mine.length / 2)] as unknown as Json;
        for (const [param, valuesOf] of Object.entries(PARAMS[type] ?? {})) {
          const value = valuesOf(sample)[0];
          if (value === undefined) continue;
          const expected = mine.filter((r) => valuesOf(r as unknown as Json).includes(value));
          const bundle = await fx.search(type, `${param}=${encodeURIComponent(value)}&_count=1`);
          expect(expected.length, `${type}?${param}`).to.be.above(0);
          expect(bundle.total, `${type}?${param}=${value}`).to.equal(expected.length);
        }
      }
    });

    it('follows the GraphDefinitions: plan -> formulary -> items -> drugs', async () => {
      const plan = (ours.get('InsurancePlan') ?? []).find((r) => r.id?.startsWith('pip-'));
      const withFormulary = await fx.search(
        'InsurancePlan',
        `_id=${plan?.id}&_include=InsurancePlan:formulary-coverage`,
      );
      const included = (withFormulary.entry ?? []).filter((e) => e.search?.mode === 'include');
      expect(included.map((e) => e.resource?.meta?.profile?.[0])).to.deep.equal([
        PROFILES.formulary,
      ]);
      const formulary = `InsurancePlan/${included[0]?.resource?.id}`;
      const items = await fx.search(
        'Basic',
        `formulary=${formulary}&_include=Basic:subject&_count=20`,
      );
      const drugs = (items.entry ?? []).filter((e) => e.search?.mode === 'include');
      expect(drugs.length).to.be.above(0);
      for (const entry of drugs) {
        expect(entry.resource?.meta?.profile).to.deep.equal([PROFILES.formularyDrug]);
      }
    });
  },
);

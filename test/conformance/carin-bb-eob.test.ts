/**
 * CARIN BB ExplanationOfBenefit examples against the claims plugin: for each official
 * example (../shared/fixtures/carin-bb, read in place), the plugin's EOBs of the same
 * profile carry every element the example has at the top level and in its items, and every
 * adjudication and total category it uses. The union over a member population's EOBs of
 * that type is compared, since one claim need not have every optional element.
 *
 * Documented exceptions (see EXCEPTIONS): narrative `text` and `language` are not
 * generated; `informationSequence` (item to supportingInfo links) is not in the legacy
 * data; the 2.0.0 examples' header `billingnetworkstatus`/`renderingnetworkstatus`
 * adjudication moved in CARIN BB 2.1.0 to supportingInfo `billingnetworkcontractingstatus`
 * (checked instead); the ambulance example's `subType` (transport reason) does not apply.
 * Data the legacy claims system does not hold: dental claims carry no diagnoses, and
 * institutional (UB-04) lines no place of service (`locationCodeableConcept`).
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { startClaimsBackend, type RunningClaimsBackend } from '../../mock-backends/claims/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import { EOB_PROFILES } from '../../plugins/claims/profiles.js';
import { allClaims } from '../../plugins/claims/test-support.js';
import type { Plugin } from '../../plugins/sdk/contract.js';
import { testPluginContext, testRequestContext } from '../../plugins/sdk/testing.js';
import { expectValid } from '../support/fhir-validator.js';
import { fixtures, fixturesAvailable } from './fixtures.js';

const available = fixturesAvailable();

const EXCEPTIONS = {
  top: ['text', 'language'],
  item: ['informationSequence'],
  headerAdjudication: ['billingnetworkstatus', 'renderingnetworkstatus'],
  byExample: {
    'ExplanationOfBenefit-EOBProfessionalTransportation1.json': ['subType'],
    'ExplanationOfBenefit-EOBOral1.json': ['diagnosis'],
  },
  /** Item elements the legacy data lacks for a profile (UB-04 lines have no place of service). */
  itemByExample: {
    'ExplanationOfBenefit-EOBInpatient2.json': ['locationCodeableConcept'],
    'ExplanationOfBenefit-EOBOutpatient2.json': ['locationCodeableConcept'],
  },
} as const;

type Eob = ExplanationOfBenefit;

/** Element names, with serviced[x] folded (a one-day line is a date, others a period). */
function keysOf(objects: readonly object[]): Set<string> {
  const keys = objects.flatMap((o) => Object.keys(o));
  return new Set(keys.map((k) => (k.startsWith('serviced') ? 'serviced[x]' : k)));
}

function codes(
  entries: ReadonlyArray<{ category: { coding?: { code?: string }[] } }>,
): Set<string> {
  return new Set(entries.map((e) => e.category.coding?.[0]?.code ?? ''));
}

/** What the comparison looks at, for one EOB or a union of several. */
function shape(eobs: readonly Eob[]) {
  const items = eobs.flatMap((e) => e.item ?? []);
  return {
    top: keysOf(eobs),
    item: keysOf(items),
    itemAdjudication: codes(items.flatMap((i) => i.adjudication ?? [])),
    headerAdjudication: codes(eobs.flatMap((e) => e.adjudication ?? [])),
    total: codes(eobs.flatMap((e) => e.total ?? [])),
  };
}

function missing(expected: Set<string>, actual: Set<string>, allowed: readonly string[]) {
  return [...expected].filter((key) => !actual.has(key) && !allowed.includes(key));
}

(available ? describe : describe.skip)(
  'Conformance: CARIN BB EOB examples vs the claims plugin',
  function () {
    this.timeout(120_000);
    let backend: RunningClaimsBackend;
    let plugin: Plugin;
    const byProfile = new Map<string, Eob[]>();

    before(async () => {
      backend = await startClaimsBackend({ members: 12, seed: 3 });
      plugin = await createClaimsPlugin({ baseUrl: backend.url }, testPluginContext());
      const ctx = testRequestContext();
      for (const claim of await allClaims(backend.url)) {
        if (claim.SVC_THRU_DT < '20160101') continue;
        const read = { resourceType: 'ExplanationOfBenefit', id: `clm-${claim.CLM_ID}` };
        const eob = (await plugin.read?.(read, ctx)) as Eob;
        const profile = eob.meta?.profile?.[0] ?? '';
        byProfile.set(profile, [...(byProfile.get(profile) ?? []), eob]);
      }
    });
    after(() => backend.close());

    const examples = available ? fixtures<Eob>('carin-bb', /^ExplanationOfBenefit-.*\.json$/) : [];
    for (const [name, example] of examples) {
      it(`${name}: our EOBs of its profile have its elements and categories`, () => {
        const profile = (example.meta?.profile?.[0] ?? '').split('|')[0] ?? '';
        expect(Object.values(EOB_PROFILES)).to.include(profile);
        const ours = byProfile.get(profile) ?? [];
        expect(ours.length, `EOBs of ${profile}`).to.be.greaterThan(0);
        expectValid(ours[0] as Eob);
        const theirs = shape([example]);
        const mine = shape(ours);
        const perExample: readonly string[] =
          (EXCEPTIONS.byExample as Record<string, readonly string[]>)[name] ?? [];
        expect(missing(theirs.top, mine.top, [...EXCEPTIONS.top, ...perExample])).to.deep.equal([]);
        const itemExceptions: readonly string[] =
          (EXCEPTIONS.itemByExample as Record<string, readonly string[]>)[name] ?? [];
        const items = missing(theirs.item, mine.item, [...EXCEPTIONS.item, ...itemExceptions]);
        expect(items).to.deep.equal([]);
        expect(missing(theirs.itemAdjudication, mine.itemAdjudication, [])).to.deep.equal([]);
        const header = missing(
          theirs.headerAdjudication,
          mine.headerAdjudication,
          EXCEPTIONS.headerAdjudication,
        );
        expect(header).to.deep.equal([]);
        expect(missing(theirs.total, mine.total, [])).to.deep.equal([]);
      });
    }

    it('network status the 2.0.0 examples adjudicate is in supportingInfo on every EOB', () => {
      for (const eob of [...byProfile.values()].flat()) {
        const categories = (eob.supportingInfo ?? []).map((i) => i.category.coding?.[0]?.code);
        expect(categories).to.include('billingnetworkcontractingstatus');
      }
    });
  },
);

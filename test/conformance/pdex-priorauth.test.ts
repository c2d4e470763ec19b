/**
 * The PDex prior-authorization example (../shared/fixtures/pdex/ExplanationOfBenefit-
 * PDexPriorAuth1.json, read in place) against the prior-auth plugin over the mock utilization
 * backend: the union of the plugin's `pdex-priorauthorization` EOBs over a generated
 * population carries every element path the example has (top level, items, adjudications,
 * identifiers, care team, diagnoses), every extension at the same place with the same value
 * type (level of service, review action with its number and code, when adjudicated), every
 * code system, the same fixed codes (claim type, priority, X12 1338 and 306, diagnosis type)
 * and every item adjudication category. Every EOB of ours is valid R4.
 *
 * Documented exceptions (EXCEPTIONS, each with its reason): the utilization system holds no
 * amounts (no `total`, no adjudication `amount`, no `submitted` category, no
 * PriorAuthorizationUtilization), no funds reservation, no link to claims (`related`), no
 * provider or payer names (the references resolve through the directory and membership
 * plugins), and no HIPPS codes; narrative and `language` are not generated; the example's
 * adjudication element id is a local label, not data.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { PDEX_PRIOR_AUTH } from '../../plugins/prior-auth/index.js';
import { searchAll, startFixture, type PriorAuthFixture } from '../support/prior-auth-fixture.js';
import { expectValid } from '../support/fhir-validator.js';
import {
  codeSystems,
  elementPaths,
  extensionShapes,
  fixture,
  fixturesAvailable,
  missingFrom,
  unionOf,
  type Exceptions,
} from './fixtures.js';

const available = fixturesAvailable();
const EXAMPLE = 'pdex/ExplanationOfBenefit-PDexPriorAuth1.json';
const PDEX_SD = 'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition';
const NO_AMOUNTS = 'the utilization system records no amounts on a request or its lines';

/** Element paths of the example we need not have, with the reason. */
const ELEMENT_EXCEPTIONS: Exceptions = {
  language: 'no narrative is generated, so no language is declared for it',
  'insurer.display': 'names live in the membership system; the reference resolves there',
  'provider.display': 'names live in the provider directory; the reference resolves there',
  fundsReserveRequested: 'the utilization system holds no funds reservation',
  fundsReserve: 'the utilization system holds no funds reservation',
  related: 'the utilization system does not link a request to claims',
  total: `${NO_AMOUNTS} (R4 total.amount is required)`,
  'item.adjudication.amount': NO_AMOUNTS,
  'item.adjudication.id': "the example's element id is a local label, not data",
};

/** Code systems of the example we need not use, with the reason. */
const SYSTEM_EXCEPTIONS: Exceptions = {
  'http://terminology.hl7.org/CodeSystem/fundsreserve': ELEMENT_EXCEPTIONS.fundsReserve ?? '',
  'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship':
    ELEMENT_EXCEPTIONS.related ?? '',
  'http://terminology.hl7.org/CodeSystem/adjudication': `the \`submitted\` amount: ${NO_AMOUNTS}`,
  'http://hl7.org/fhir/us/davinci-pdex/CodeSystem/PriorAuthorizationValueCodes': `total: ${NO_AMOUNTS}`,
  'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/ProspMedicareFeeSvcPmtGen/HIPPSCodes':
    'request lines are coded in CPT, HCPCS and revenue codes; the system holds no HIPPS codes',
};

/** Extension shapes (`<path> <url> <value type>`) of the example we need not have. */
const EXTENSION_EXCEPTIONS: Exceptions = {
  [`total ${PDEX_SD}/PriorAuthorizationUtilization valueQuantity`]: `on total: ${NO_AMOUNTS}`,
};

/** Adjudication categories (`system|code`) of the example we need not use. */
const CATEGORY_EXCEPTIONS: Exceptions = {
  'http://terminology.hl7.org/CodeSystem/adjudication|submitted': NO_AMOUNTS,
};

/** Code systems whose codes the profile or X12 fixes: the example's codes must occur in ours. */
const FIXED_SYSTEMS = [
  'http://terminology.hl7.org/CodeSystem/claim-type',
  'http://terminology.hl7.org/CodeSystem/processpriority',
  'https://codesystem.x12.org/005010/1338',
  'https://codesystem.x12.org/005010/306',
  'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
];

type Eob = ExplanationOfBenefit;

/** `system|code` of every Coding of a fixed system. */
function fixedCodes(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const entry of node) fixedCodes(entry, out);
  } else if (typeof node === 'object' && node !== null) {
    const { system, code } = node as { system?: unknown; code?: unknown };
    if (typeof system === 'string' && FIXED_SYSTEMS.includes(system)) {
      out.add(`${system}|${String(code)}`);
    }
    for (const child of Object.values(node)) fixedCodes(child, out);
  }
  return out;
}

function adjudicationCategories(eob: unknown): Set<string> {
  const items = (eob as Eob).item ?? [];
  const codings = items.flatMap((item) =>
    (item.adjudication ?? []).flatMap((a) => a.category.coding ?? []),
  );
  return new Set(codings.map((c) => `${c.system}|${c.code}`));
}

function scalars(eob: unknown): Set<string> {
  const { status, use, outcome } = eob as Eob;
  return new Set([`status=${status}`, `use=${use}`, `outcome=${outcome}`]);
}

(available ? describe : describe.skip)(
  'Conformance: PDex prior-authorization EOB example vs the prior-auth plugin',
  function () {
    this.timeout(120_000);
    let fx: PriorAuthFixture;
    let ours: Eob[] = [];
    const example = available ? fixture<Eob>(EXAMPLE) : ({} as Eob);

    before(async () => {
      fx = await startFixture(600);
      ours = await searchAll(fx.plugin);
    });
    after(() => fx?.close());

    it('the example and ours claim the pdex-priorauthorization profile; ours are valid R4', () => {
      expect(example.meta?.profile).to.deep.equal([PDEX_PRIOR_AUTH]);
      expect(ours.length).to.be.greaterThan(50);
      for (const eob of ours) {
        expect(eob.meta?.profile, eob.id).to.deep.equal([PDEX_PRIOR_AUTH]);
        expectValid(eob);
      }
    });

    it('our EOBs carry every element path the example has', () => {
      const theirs = elementPaths(example);
      expect(theirs.has('item.adjudication.category')).to.equal(true);
      const mine = unionOf(ours, (eob) => elementPaths(eob));
      expect(missingFrom(theirs, mine, ELEMENT_EXCEPTIONS)).to.deep.equal([]);
    });

    it('our EOBs carry every extension of the example, at the same place, same value type', () => {
      const theirs = extensionShapes(example);
      expect(theirs.size).to.be.greaterThan(3);
      const mine = unionOf(ours, (eob) => extensionShapes(eob));
      expect(missingFrom(theirs, mine, EXTENSION_EXCEPTIONS)).to.deep.equal([]);
    });

    it('our EOBs use every code system of the example', () => {
      const theirs = codeSystems(example);
      expect(theirs.size).to.be.greaterThan(5);
      const mine = unionOf(ours, (eob) => codeSystems(eob));
      expect(missingFrom(theirs, mine, SYSTEM_EXCEPTIONS)).to.deep.equal([]);
    });

    it("the example's fixed codes, status, use and outcome occur among ours", () => {
      const theirs = [...fixedCodes(example), ...scalars(example)];
      expect(theirs.length).to.be.greaterThan(FIXED_SYSTEMS.length);
      const mine = new Set([...unionOf(ours, (eob) => fixedCodes(eob)), ...unionOf(ours, scalars)]);
      expect(missingFrom(theirs, mine)).to.deep.equal([]);
    });

    it("our item adjudications use the example's categories", () => {
      const theirs = adjudicationCategories(example);
      expect(theirs.size).to.be.greaterThan(0);
      const mine = unionOf(ours, adjudicationCategories);
      expect(missingFrom(theirs, mine, CATEGORY_EXCEPTIONS)).to.deep.equal([]);
    });

    it('every documented exception is used by the example and truly absent from ours', () => {
      const checks: Array<[Exceptions, Set<string>, Set<string>]> = [
        [ELEMENT_EXCEPTIONS, elementPaths(example), unionOf(ours, (eob) => elementPaths(eob))],
        [SYSTEM_EXCEPTIONS, codeSystems(example), unionOf(ours, (eob) => codeSystems(eob))],
        [EXTENSION_EXCEPTIONS, extensionShapes(example), unionOf(ours, (e) => extensionShapes(e))],
        [
          CATEGORY_EXCEPTIONS,
          adjudicationCategories(example),
          unionOf(ours, adjudicationCategories),
        ],
      ];
      for (const [exceptions, theirs, mine] of checks) {
        for (const key of Object.keys(exceptions)) {
          expect(theirs.has(key), `${key} is in the example`).to.equal(true);
          expect(mine.has(key), `${key} is absent from ours`).to.equal(false);
        }
      }
    });
  },
);

/**
 * The PDex Provenance examples (../shared/fixtures/pdex/Provenance-*.json, read in place)
 * against the built-in derived Provenance, behind the real gateway over the real membership,
 * claims, prior-auth, clinical and directory plugins on their mock backends. Our Provenances
 * are collected with `Provenance?patient=` (every page) for a few members and
 * `Provenance?target=` for the organizations and practitioners their EOBs name. For each
 * example, our Provenances of the same target type (all of ours when we serve no such type)
 * carry every element path the example has, every agent type (author, transmitter), every code
 * system, and the example's extension shapes (the source entity's ProvenanceSourceFrom); the
 * examples' source formats occur in ours; every Provenance has one target, an author and the
 * payer as transmitter, agents name Organizations that resolve, and the source entity is
 * `role: source` with a `what.display` and a source format. All ours are valid R4.
 *
 * Documented exceptions (EXCEPTIONS, each with its reason): targets of types we do not serve
 * (Bundle, MedicationDispense); `meta.versionId` (the legacy systems keep no versions);
 * practitioner authors with `onBehalfOf` (US Core needs the organization, which the records do
 * not always name, so the organization is the author); the record-management example's
 * `reason`, `activity`, custodian agent and second target, and the contract-signer agent
 * `role`, which describe events the gateway does not record; the C-CDA, v2 ADT and
 * unstructured source formats (the clinical repository keeps no record's original format, so
 * ours say `other`).
 */
import type { Provenance, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import { allPages, entries } from '../support/everything-fixture.js';
import { PDEX_PROVENANCE, createProvenancePlugin } from '../../gateway/provenance/index.js';
import { startClaimsBackend } from '../../mock-backends/claims/index.js';
import { startClinicalBackend } from '../../mock-backends/clinical/index.js';
import { startDirectoryBackend } from '../../mock-backends/directory/index.js';
import { startMembershipBackend } from '../../mock-backends/membership/index.js';
import { startUtilizationBackend } from '../../mock-backends/utilization/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import createClinicalPlugin from '../../plugins/clinical/index.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import createPriorAuthPlugin from '../../plugins/prior-auth/index.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { expectValid } from '../support/fhir-validator.js';
import { buildTestGateway, type TestGateway } from '../support/gateway.js';
import {
  codeSystems,
  elementPaths,
  extensionShapes,
  fixtures,
  fixturesAvailable,
  missingFrom,
  unionOf,
  type Exceptions,
} from './fixtures.js';

const available = fixturesAvailable();
const POPULATION = { members: 12, seed: 5 };
const MEMBERS = 3;
const PARTICIPANT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
const US_CORE_PARTICIPANT =
  'http://hl7.org/fhir/us/core/CodeSystem/us-core-provenance-participant-type';
const NO_EVENTS =
  'describes a record-management event (appending records); the gateway derives the ' +
  'Provenance of data as served and records no such events';

/** Exceptions for every example: element paths, agent types, code systems. */
const EXCEPTIONS: Exceptions = {
  'meta.versionId': 'the legacy systems keep no versions, so neither targets nor ours have one',
  'agent.onBehalfOf':
    'a practitioner author needs onBehalfOf (US Core); the records do not always name the ' +
    'organization, so the authoring organization (else the payer) is the author instead',
  'agent.role': `the contract-signer role (TRANS) ${NO_EVENTS}`,
  'http://terminology.hl7.org/CodeSystem/contractsignertypecodes': `agent.role: ${NO_EVENTS}`,
  reason: NO_EVENTS,
  activity: NO_EVENTS,
  'http://terminology.hl7.org/CodeSystem/v3-ActReason': `reason: ${NO_EVENTS}`,
  'http://terminology.hl7.org/CodeSystem/v3-DataOperation': `activity: ${NO_EVENTS}`,
  [`${PARTICIPANT}|custodian`]: `the custodian agent ${NO_EVENTS}`,
};

const CLINICAL_FORMAT =
  "clinical records: the repository keeps no record's original format, so ours say `other`";

/** Source formats (ProvenanceSourceFrom codes) of the examples we need not use. */
const FORMAT_EXCEPTIONS: Exceptions = {
  hl7v2adt: CLINICAL_FORMAT,
  hl7ccda: CLINICAL_FORMAT,
  unstructured: CLINICAL_FORMAT,
};

/** Example target types we do not serve, and whose Provenances stand in for theirs. */
const UNSERVED_TARGETS: Readonly<Record<string, string>> = {
  Bundle: 'a Bundle is not a stored record here: compared with all of ours',
  MedicationDispense:
    'the payer holds pharmacy claims, not dispenses: compared with all of ours (pharmacy ' +
    'EOBs carry the same NCPDP source format)',
};

function targetType(provenance: Provenance): string {
  return provenance.target[0]?.reference?.split('/')[0] ?? '';
}

function agentTypes(provenance: unknown): Set<string> {
  const agents = (provenance as Provenance).agent;
  const codings = agents.flatMap((agent) => agent.type?.coding ?? []);
  return new Set(codings.map((c) => `${c.system}|${c.code}`));
}

function sourceFormats(provenance: unknown): Set<string> {
  const entities = (provenance as Provenance).entity ?? [];
  const extensions = entities.flatMap((entity) => entity.extension ?? []);
  const codings = extensions.flatMap((ext) => ext.valueCodeableConcept?.coding ?? []);
  return new Set(codings.map((coding) => coding.code ?? ''));
}

/** Element paths, agent types and code systems in one set: what an example is compared on. */
function signature(provenance: unknown): Set<string> {
  return new Set([
    ...elementPaths(provenance),
    ...agentTypes(provenance),
    ...codeSystems(provenance),
    ...extensionShapes(provenance),
  ]);
}

(available ? describe : describe.skip)(
  'Conformance: PDex Provenance examples vs the derived Provenance',
  function () {
    this.timeout(180_000);
    const closers: Array<() => Promise<void>> = [];
    let gw: TestGateway;
    let token: string;
    const ours: Provenance[] = [];
    const examples = available ? fixtures<Provenance>('pdex', /^Provenance-.*\.json$/) : [];

    before(async () => {
      gw = await startGateway(closers);
      token = await gw.systemToken();
      const patients = await memberIds(gw, token);
      for (const patient of patients) {
        const pages = await allPages(gw, 'Provenance', token, { patient, _count: '100' });
        ours.push(...(pages.flatMap((page) => entries(page, 'match')) as Provenance[]));
      }
      const targets = await directoryTargets(gw, token, patients);
      const pages = await allPages(gw, 'Provenance', token, { target: targets.join(',') });
      ours.push(...(pages.flatMap((page) => entries(page, 'match')) as Provenance[]));
    });
    after(async () => {
      for (const close of closers.reverse()) await close();
    });

    function oursFor(example: Provenance): Provenance[] {
      const type = targetType(example);
      if (type in UNSERVED_TARGETS) return ours;
      return ours.filter((provenance) => targetType(provenance) === type);
    }

    it('ours cover the target types the examples name that we serve; all are valid R4', () => {
      const served = new Set(ours.map(targetType));
      for (const type of ['Encounter', 'DocumentReference', 'ExplanationOfBenefit', 'Patient']) {
        expect(served, type).to.include(type);
      }
      for (const [, example] of examples) {
        const type = targetType(example);
        expect(served.has(type) || type in UNSERVED_TARGETS, type).to.equal(true);
      }
      for (const provenance of ours) {
        expect(provenance.meta?.profile).to.include(PDEX_PROVENANCE);
        expectValid(provenance);
      }
    });

    for (const [name, example] of examples) {
      it(`${name}: ours of its target type have its elements, agent types, systems, extensions`, () => {
        const mine = oursFor(example);
        expect(mine.length, `our Provenances of ${targetType(example)}`).to.be.greaterThan(0);
        const theirs = signature(example);
        const missing = missingFrom(theirs, unionOf(mine, signature), EXCEPTIONS);
        expect(missing).to.deep.equal([]);
      });
    }

    it('every Provenance has one target, the author and the payer transmitter, typed as the examples type them', () => {
      expect(ours.length).to.be.greaterThan(20);
      for (const provenance of ours) {
        expect(provenance.target, provenance.id).to.have.length(1);
        expect([...agentTypes(provenance)], provenance.id).to.have.members([
          `${PARTICIPANT}|author`,
          `${US_CORE_PARTICIPANT}|transmitter`,
        ]);
        const transmitter = provenance.agent[1];
        expect(transmitter?.who.reference, provenance.id).to.equal('Organization/CMHP1');
      }
    });

    it("every source entity has the examples' shape: role source, what.display, source format", () => {
      const formats = new Set<string>();
      for (const provenance of ours) {
        expect(provenance.entity, provenance.id).to.have.length(1);
        const entity = provenance.entity?.[0];
        expect(entity?.role).to.equal('source');
        expect(entity?.what.display, provenance.id).to.be.a('string');
        const format = entity?.extension?.[0]?.valueCodeableConcept?.coding?.[0];
        expect(format?.code, `source format of ${provenance.target[0]?.reference}`).to.be.a(
          'string',
        );
        formats.add(`${format?.system}|${format?.code}`);
      }
      const exampleFormats = examples.flatMap(([, example]) =>
        (example.entity ?? []).flatMap((e) => e.extension ?? []),
      );
      const system = exampleFormats[0]?.valueCodeableConcept?.coding?.[0]?.system;
      expect(system).to.be.a('string');
      for (const format of formats) expect(format.startsWith(`${system}|`), format).to.equal(true);
    });

    it("the examples' source formats occur in ours (claims x12837, pharmacy claims ncpdp)", () => {
      const theirs = unionOf(
        examples.map(([, example]) => example),
        sourceFormats,
      );
      expect(theirs.size).to.be.greaterThan(2);
      const mine = unionOf(ours, sourceFormats);
      expect(missingFrom(theirs, mine, FORMAT_EXCEPTIONS)).to.deep.equal([]);
    });

    it('every agent names an Organization the gateway resolves', async () => {
      const whos = new Set(ours.flatMap((p) => p.agent.map((agent) => agent.who.reference ?? '')));
      expect(whos.size).to.be.greaterThan(1);
      for (const who of whos) {
        expect(who).to.match(/^Organization\//);
        const res = await request(gw.app).get(`${gw.base}/${who}`).auth(token, { type: 'bearer' });
        expect(res.status, who).to.equal(200);
      }
    });

    it('every documented exception is used by an example and absent from ours', () => {
      const theirs = unionOf(
        examples.map(([, example]) => example),
        signature,
      );
      const mine = unionOf(ours, signature);
      for (const key of Object.keys(EXCEPTIONS)) {
        expect(theirs.has(key), `${key} is in an example`).to.equal(true);
        expect(mine.has(key), `${key} is absent from ours`).to.equal(false);
      }
      const formats = unionOf(
        examples.map(([, example]) => example),
        sourceFormats,
      );
      for (const code of Object.keys(FORMAT_EXCEPTIONS)) {
        expect(formats.has(code), `${code} is in an example`).to.equal(true);
        expect(unionOf(ours, sourceFormats).has(code), `${code} is absent from ours`).to.equal(
          false,
        );
      }
    });
  },
);

/** The gateway over the five plugins and the derived Provenance, on fresh mock backends. */
async function startGateway(closers: Array<() => Promise<void>>): Promise<TestGateway> {
  const { members, seed } = POPULATION;
  const membership = await startMembershipBackend({ members, seed });
  const claims = await startClaimsBackend({ members, seed });
  const utilization = await startUtilizationBackend({ members, seed });
  const clinical = await startClinicalBackend({ members, seed });
  const directory = await startDirectoryBackend({ seed });
  for (const backend of [membership, claims, utilization, clinical, directory]) {
    closers.push(() => backend.close());
  }
  const ctx = testPluginContext({ timeoutMs: 20_000 });
  const provenance = createProvenancePlugin({ payerOrganization: 'CMHP1' });
  const gw = await buildTestGateway([
    await createMembershipPlugin({ baseUrl: membership.url }, ctx),
    await createClaimsPlugin({ baseUrl: claims.url }, ctx),
    await createPriorAuthPlugin({ baseUrl: utilization.url, asOf: '2025-12-01' }, ctx),
    await createClinicalPlugin({ baseUrl: clinical.url }, ctx),
    await createDirectoryPlugin({ baseUrl: directory.url }, ctx),
    provenance,
  ]);
  provenance.bind({ registry: gw.registry, access: gw.access });
  closers.push(() => gw.close());
  return gw;
}

/** The first members (by id) that have EOBs. */
async function memberIds(gw: TestGateway, token: string): Promise<string[]> {
  const pages = await allPages(gw, 'Patient', token, { _count: '50' });
  const ids = pages.flatMap((page) => entries(page, 'match')).map((p) => p.id ?? '');
  expect(ids.length).to.be.greaterThan(MEMBERS);
  return ids.sort().slice(0, MEMBERS);
}

/** The Organizations and Practitioners the members' EOBs name, as Provenance targets. */
async function directoryTargets(
  gw: TestGateway,
  token: string,
  patients: readonly string[],
): Promise<string[]> {
  const pages = await allPages(gw, 'ExplanationOfBenefit', token, {
    patient: patients.join(','),
    _include: 'ExplanationOfBenefit:provider',
    _count: '20',
  });
  const included: Resource[] = pages.flatMap((page) => entries(page, 'include'));
  const keys = included.map((r) => `${r.resourceType}/${r.id}`);
  expect(keys.length).to.be.greaterThan(0);
  return [...new Set(keys)].slice(0, 20);
}

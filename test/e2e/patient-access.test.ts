/**
 * The Patient Access API as a member's app meets it (CMS-0057-F; issue "What will be checked"):
 * on the one-command demo, a token from `npm run -s token -- --patient <id>` searches every
 * patient-data type the CapabilityStatement lists and gets only that member's resources, each
 * valid R4 and claiming a profile the server declares; another member's resources are refused;
 * without a token the directory and formulary are served and patient data is not.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type {
  Bundle,
  CapabilityStatement,
  CapabilityStatementRestResource,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { compartmentPatients, PATIENT_COMPARTMENT } from '../../gateway/auth/compartment.js';
import { startDemoProcess, type DemoProcess } from '../support/demo-process.js';
import { expectValid } from '../support/fhir-validator.js';

const run = promisify(execFile);
const MEMBER = 'MBR00000001';
const OTHER = 'MBR00000002';

describe('Patient Access API on the demo (member token sees its own data only)', function () {
  this.timeout(180_000);
  let demo: DemoProcess;
  let statement: CapabilityStatement;
  let memberToken: string;
  let systemToken: string;

  const token = async (...args: string[]) =>
    (
      await run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
        env: demo.env,
      })
    ).stdout.trim();
  const get = (path: string, bearer?: string) =>
    fetch(`${demo.base}/${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  const bundleOf = async (path: string, bearer?: string): Promise<Resource[]> => {
    const res = await get(path, bearer);
    expect(res.status, path).to.equal(200);
    const bundle = (await res.json()) as Bundle;
    return (bundle.entry ?? []).map((entry) => entry.resource as Resource);
  };
  const resources = (): CapabilityStatementRestResource[] => statement.rest?.[0]?.resource ?? [];
  /** Types that can hold patient data and are not public (public types answer anonymously). */
  const patientDataTypes = () =>
    resources()
      .map((resource) => resource.type as string)
      .filter((type) => type !== 'Patient' && PATIENT_COMPARTMENT[type] !== undefined)
      .filter((type) => !publicTypes.has(type));
  const publicTypes = new Set<string>();

  before(async () => {
    demo = await startDemoProcess();
    statement = (await (await get('metadata')).json()) as CapabilityStatement;
    for (const { type } of resources()) {
      if ((await get(`${type}?_count=1`)).status === 200) publicTypes.add(type);
    }
    memberToken = await token('--patient', MEMBER);
    systemToken = await token('--system');
  });
  after(() => demo.stop());

  /** Valid R4, and every profile it claims is one the server declares for its type. */
  function expectProfiled(resource: Resource): void {
    expectValid(resource);
    const declared = resources().find((r) => r.type === resource.resourceType)?.supportedProfile;
    const claimed = resource.meta?.profile ?? [];
    expect(claimed, `${resource.resourceType}/${resource.id} profile`).to.have.length.greaterThan(
      0,
    );
    expect(declared, `${resource.resourceType} supportedProfile`).to.include.members(claimed);
  }

  it('serves the member every patient-data type, all in the member’s compartment', async () => {
    const types = patientDataTypes();
    expect(types).to.include.members([
      'Coverage',
      'ExplanationOfBenefit',
      'AllergyIntolerance',
      'CarePlan',
      'CareTeam',
      'Condition',
      'DiagnosticReport',
      'DocumentReference',
      'Encounter',
      'Goal',
      'Immunization',
      'MedicationRequest',
      'Observation',
      'Procedure',
    ]);
    for (const type of types) {
      const found = await bundleOf(`${type}?_count=50`, memberToken);
      for (const resource of found) {
        const patients = compartmentPatients(resource);
        expect(patients, `${type}/${resource.id}`).to.include(MEMBER);
        expect(
          patients.filter((id) => id !== MEMBER),
          `${type}/${resource.id}`,
        ).to.deep.equal([]);
        expectProfiled(resource);
      }
    }
  });

  it('finds the member’s claims, coverage and patient record', async () => {
    const patient = await (await get(`Patient/${MEMBER}`, memberToken)).json();
    expectProfiled(patient as Resource);
    expect(await bundleOf(`Coverage?patient=${MEMBER}`, memberToken)).to.have.length.greaterThan(0);
    const eobs = await bundleOf(`ExplanationOfBenefit?patient=${MEMBER}&_count=50`, memberToken);
    expect(eobs).to.have.length.greaterThan(0);
  });

  it('includes only what the member may see (_include=*)', async () => {
    const found = await bundleOf('ExplanationOfBenefit?_include=*&_count=20', memberToken);
    const types = new Set(found.map((resource) => resource.resourceType));
    expect([...types]).to.include.members(['Patient', 'Coverage', 'Organization']);
    for (const resource of found) {
      expect(compartmentPatients(resource).filter((id) => id !== MEMBER)).to.deep.equal([]);
      expectProfiled(resource);
    }
  });

  it('gives the member Patient/$everything: own compartment, referenced records, profiled', async () => {
    const seen = new Set<string>();
    let path: string | undefined = `Patient/${MEMBER}/$everything?_count=100`;
    for (let page = 0; path && page < 50; page++) {
      const res = await get(path, memberToken);
      expect(res.status, path).to.equal(200);
      const bundle = (await res.json()) as Bundle;
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource as Resource;
        const key = `${resource.resourceType}/${resource.id}`;
        // A referenced record (mode include) may come again on a later page; a match may not.
        if (entry.search?.mode === 'match') {
          expect(seen.has(key), `${key} twice`).to.equal(false);
        }
        seen.add(key);
        expect(
          compartmentPatients(resource).filter((id) => id !== MEMBER),
          key,
        ).to.deep.equal([]);
        expectProfiled(resource);
      }
      const next = bundle.link?.find((link) => link.relation === 'next')?.url;
      path = next?.slice(demo.base.length + 1);
    }
    expect(path, 'more than 50 pages').to.equal(undefined);
    const types = new Set([...seen].map((key) => key.split('/')[0]));
    expect([...types]).to.include.members([
      'Patient',
      'Coverage',
      'ExplanationOfBenefit',
      'Condition',
      'Observation',
      'Encounter',
    ]);
    expect((await get(`Patient/${OTHER}/$everything`, memberToken)).status).to.be.oneOf([403, 404]);
  });

  it('narrows $everything by care dates as the date searches do', async () => {
    const [start, end] = ['2023-01-01', '2023-12-31'];
    const dateSearches: Record<string, string> = {
      Observation: 'date',
      Immunization: 'date',
      Procedure: 'date',
      Encounter: 'date',
      MedicationRequest: 'authoredon',
      DocumentReference: 'period',
    };
    const types = Object.keys(dateSearches);
    const everything = await bundleOf(
      `Patient/${MEMBER}/$everything?start=${start}&end=${end}&_type=${types.join(',')}` +
        '&_count=1000',
      memberToken,
    );
    for (const type of types) {
      const param = dateSearches[type] as string;
      const searched = await bundleOf(
        `${type}?patient=${MEMBER}&${param}=ge${start}&${param}=le${end}&_count=1000`,
        memberToken,
      );
      const ids = (list: Resource[]) =>
        list
          .filter((r) => r.resourceType === type)
          .map((r) => r.id)
          .sort();
      expect(ids(everything), type).to.deep.equal(ids(searched));
    }
    const kinds = new Set(everything.map((r) => r.resourceType));
    expect(kinds.size, 'several types dated in the year').to.be.greaterThan(2);
  });

  it('reaches the Provenance of the member’s records, and none of another member’s', async () => {
    const found = await bundleOf(
      'ExplanationOfBenefit?_count=5&_revinclude=Provenance:target',
      memberToken,
    );
    const eobs = found.filter((r) => r.resourceType === 'ExplanationOfBenefit');
    const provenances = found.filter((r) => r.resourceType === 'Provenance');
    expect(provenances).to.have.length(eobs.length);
    provenances.forEach(expectProfiled);
    const own = await bundleOf(`Provenance?patient=${MEMBER}&_count=50`, memberToken);
    expect(own).to.have.length.greaterThan(0);
    own.forEach(expectProfiled);
    const theirs = await bundleOf(`ExplanationOfBenefit?patient=${OTHER}&_count=1`, systemToken);
    const target = `ExplanationOfBenefit/${theirs[0]?.id}`;
    expect(await bundleOf(`Provenance?target=${target}`, memberToken)).to.deep.equal([]);
    expect(await bundleOf(`Provenance?target=${target}`)).to.deep.equal([]);
    expect(await bundleOf(`Provenance?target=${target}`, systemToken)).to.have.length(1);
  });

  it('refuses another member’s resources, by search and by read', async () => {
    const search = await get(`ExplanationOfBenefit?patient=${OTHER}`, memberToken);
    if (search.status === 200) {
      expect(((await search.json()) as Bundle).entry ?? []).to.deep.equal([]);
    } else expect(search.status).to.equal(403);
    expect((await get(`Patient/${OTHER}`, memberToken)).status).to.equal(403);
    for (const type of patientDataTypes()) {
      const theirs = await bundleOf(`${type}?patient=${OTHER}&_count=3`, systemToken);
      for (const resource of theirs) {
        const status = (await get(`${type}/${resource.id}`, memberToken)).status;
        expect([403, 404], `${type}/${resource.id}`).to.include(status);
      }
    }
  });

  it('serves the directory and formulary without a token, and no patient data', async () => {
    for (const path of [
      'Practitioner?_count=2',
      'PractitionerRole?_count=2',
      'Location?_count=2',
    ]) {
      const found = await bundleOf(path);
      expect(found, path).to.have.length.greaterThan(0);
      found.forEach(expectProfiled);
    }
    for (const path of ['MedicationKnowledge?_count=2', 'Basic?_count=2']) {
      const found = await bundleOf(path);
      expect(found, path).to.have.length.greaterThan(0);
      found.forEach(expectProfiled);
    }
    expect([...publicTypes]).to.not.include.members([
      'Patient',
      'Coverage',
      'ExplanationOfBenefit',
    ]);
    for (const type of ['Patient', ...patientDataTypes()]) {
      expect((await get(`${type}?_count=1`)).status, type).to.equal(401);
    }
    for (const type of publicTypes) {
      for (const resource of await bundleOf(`${type}?_count=50`)) {
        expect(compartmentPatients(resource), `${type}/${resource.id}`).to.deep.equal([]);
      }
    }
  });
});

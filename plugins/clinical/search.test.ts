/**
 * The US Core 6.1.0 searches and combinations against a real backend: every answer is
 * compared with what the FHIR content of all resources says should match (so the backend
 * filters and the plugin's exact checks are both tested), plus paging, patient constraints
 * and the errors a client can cause.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { StreamItem, StreamRequest } from '../sdk/contract.js';
import { expect } from 'chai';
import { BadRequestError } from '../sdk/errors.js';
import { testRequestContext } from '../sdk/testing.js';
import { CAPABILITIES } from './capabilities.js';
import {
  criteria,
  searchAll,
  startFixture,
  type ClinicalFixture,
} from '../../test/support/clinical-fixture.js';

type Any = Record<string, unknown> & Resource;
type Test = (r: Any) => boolean;

const ref = (r: Any, path: string): string | undefined =>
  (r[path] as { reference?: string } | undefined)?.reference;
const subjectOf = (r: Any) => ref(r, 'subject') ?? ref(r, 'patient');
const codesAt = (value: unknown): string[] =>
  ((value as { coding?: { code?: string }[] } | undefined)?.coding ?? []).map((c) => c.code ?? '');
const categories = (r: Any) => ((r.category as unknown[] | undefined) ?? []).flatMap(codesAt);
const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');

describe('clinical plugin search', function () {
  this.timeout(120_000);
  let fx: ClinicalFixture;
  const all = new Map<string, Any[]>();
  let member = '';
  let other = '';

  before(async () => {
    fx = await startFixture(10, 33);
    for (const capability of CAPABILITIES.resources) {
      all.set(capability.type, await searchAll<Any>(fx.plugin, capability.type));
    }
    const counts = new Map<string, number>();
    for (const c of all.get('Condition') ?? []) {
      const s = subjectOf(c) ?? '';
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([s]) => s.slice(8));
    [member, other] = [ranked[0] ?? '', ranked[1] ?? ''];
  });
  after(() => fx.close());

  const ids = (resources: readonly Resource[]) => resources.map((r) => r.id).sort();

  async function expectMatches(
    type: string,
    query: Record<string, string | string[]>,
    test: Test,
    patient = member,
  ) {
    const found = await searchAll<Any>(fx.plugin, type, { patient, ...query }, { count: 7 });
    const mine = (all.get(type) ?? []).filter((r) => subjectOf(r) === `Patient/${patient}`);
    const expected = mine.filter(test);
    expect(ids(found), `${type} ${JSON.stringify(query)}`).to.deep.equal(ids(expected));
    return expected.length;
  }

  it("finds exactly a patient's resources of every type", async () => {
    for (const capability of CAPABILITIES.resources) {
      await expectMatches(capability.type, {}, () => true);
    }
  });

  it('Condition: patient + category, clinical-status, onset-date, recorded-date, code, encounter', async () => {
    const hits = [
      await expectMatches('Condition', { category: 'problem-list-item' }, (r) =>
        categories(r).includes('problem-list-item'),
      ),
      await expectMatches(
        'Condition',
        {
          category: 'http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis',
        },
        (r) => categories(r).includes('encounter-diagnosis'),
      ),
      await expectMatches('Condition', { 'clinical-status': 'active' }, (r) =>
        codesAt(r.clinicalStatus).includes('active'),
      ),
      await expectMatches(
        'Condition',
        { 'onset-date': 'ge2015-06' },
        (r) => day(r.onsetDateTime) >= '2015-06-01',
      ),
      await expectMatches(
        'Condition',
        { 'recorded-date': 'lt2023' },
        (r) => day(r.recordedDate) < '2023-01-01',
      ),
    ];
    expect(
      hits.every((n) => n > 0),
      String(hits),
    ).to.equal(true);
    const some = (all.get('Condition') ?? []).find((r) => subjectOf(r) === `Patient/${member}`)!;
    const code = codesAt(some.code)[0] ?? '';
    await expectMatches('Condition', { code: `http://snomed.info/sct|${code}` }, (r) =>
      codesAt(r.code).includes(code),
    );
    await expectMatches('Condition', { code: `http://example.org|${code}` }, () => false);
    const withEncounter = (all.get('Condition') ?? []).find(
      (r) => subjectOf(r) === `Patient/${member}` && ref(r, 'encounter'),
    );
    if (withEncounter) {
      const encounter = ref(withEncounter, 'encounter') ?? '';
      await expectMatches('Condition', { encounter }, (r) => ref(r, 'encounter') === encounter);
    }
  });

  it('Observation: patient + category, code (lab, blood pressure panel, SpO2), category + date', async () => {
    for (const category of ['laboratory', 'vital-signs', 'social-history', 'survey', 'sdoh']) {
      await expectMatches('Observation', { category }, (r) => categories(r).includes(category));
    }
    const lab = (all.get('Observation') ?? []).find(
      (r) => subjectOf(r) === `Patient/${member}` && categories(r).includes('laboratory'),
    )!;
    const loinc = codesAt(lab.code)[0] ?? '';
    await expectMatches('Observation', { code: `http://loinc.org|${loinc}` }, (r) =>
      codesAt(r.code).includes(loinc),
    );
    const bp = await expectMatches('Observation', { code: '85354-9' }, (r) =>
      codesAt(r.code).includes('85354-9'),
    );
    expect(bp).to.be.above(0);
    await expectMatches('Observation', { code: '8480-6' }, (r) =>
      codesAt(r.code).includes('8480-6'),
    );
    await expectMatches('Observation', { code: '2708-6' }, (r) =>
      codesAt(r.code).includes('2708-6'),
    );
    await expectMatches(
      'Observation',
      { category: 'vital-signs', date: ['ge2022-01-01', 'lt2024-07-01'] },
      (r) =>
        categories(r).includes('vital-signs') &&
        day(r.effectiveDateTime) >= '2022-01-01' &&
        day(r.effectiveDateTime) < '2024-07-01',
    );
  });

  it('DiagnosticReport: patient + category, code (panel, not a panel member), category + date', async () => {
    await expectMatches('DiagnosticReport', { category: 'LAB' }, (r) =>
      categories(r).includes('LAB'),
    );
    const reports = (all.get('DiagnosticReport') ?? []).filter(
      (r) => subjectOf(r) === `Patient/${member}`,
    );
    const panel = reports.find((r) => ((r.result as unknown[]) ?? []).length > 1);
    if (panel) {
      const code = codesAt(panel.code)[0] ?? '';
      const n = await expectMatches('DiagnosticReport', { code }, (r) =>
        codesAt(r.code).includes(code),
      );
      expect(n).to.be.above(0);
      const memberCode = (all.get('Observation') ?? []).find(
        (o) =>
          `Observation/${o.id}` === ((panel.result as { reference: string }[])[0]?.reference ?? ''),
      );
      const test = codesAt(memberCode?.code)[0] ?? '';
      await expectMatches('DiagnosticReport', { code: test }, (r) =>
        codesAt(r.code).includes(test),
      );
    }
    await expectMatches(
      'DiagnosticReport',
      { category: 'LAB', date: 'ge2023' },
      (r) => categories(r).includes('LAB') && day(r.effectiveDateTime) >= '2023-01-01',
    );
    const one = reports[0]!;
    expect(
      ids(await searchAll(fx.plugin, 'DiagnosticReport', { _id: one.id ?? '' })),
    ).to.deep.equal([one.id]);
    const read = await fx.plugin.read!(
      { resourceType: 'DiagnosticReport', id: one.id ?? '' },
      testRequestContext(),
    );
    expect(read).to.deep.equal(one);
  });

  describe('DiagnosticReport: report-type notes (US Core DiagnosticReport Note)', () => {
    const LOINC = 'http://loinc.org';
    const NOTE_CATEGORIES = ['LP29684-5', 'LP7839-6', 'LP29708-2'];
    const isNote = (r: Any) => categories(r).some((c) => NOTE_CATEGORIES.includes(c));
    const reports = () => all.get('DiagnosticReport') ?? [];
    let reporter = '';

    before(() => {
      const counts = new Map<string, number>();
      for (const r of reports().filter(isNote)) {
        const s = subjectOf(r) ?? '';
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      reporter = ([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '').slice(8);
    });

    const matches = (query: Record<string, string | string[]>, test: Test) =>
      expectMatches('DiagnosticReport', query, test, reporter);

    it('patient + category, by code or system|code; LAB and a note category OR, never AND', async () => {
      let found = 0;
      for (const category of NOTE_CATEGORIES) {
        found += await matches({ category }, (r) => categories(r).includes(category));
        await matches({ category: `${LOINC}|${category}` }, (r) =>
          categories(r).includes(category),
        );
      }
      expect(found).to.be.above(0);
      await matches(
        { category: 'http://terminology.hl7.org/CodeSystem/v2-0074|LP29684-5' },
        () => false,
      );
      await matches({ category: `${LOINC}|LAB` }, () => false);
      await matches({ category: 'LAB,LP29684-5,LP7839-6' }, (r) =>
        ['LAB', 'LP29684-5', 'LP7839-6'].some((c) => categories(r).includes(c)),
      );
      await matches({ category: ['LAB', 'LP29684-5'] }, () => false);
    });

    it('patient + code, category + date, patient + code + date', async () => {
      const mine = reports().filter((r) => isNote(r) && subjectOf(r) === `Patient/${reporter}`);
      const note = mine[0]!;
      const code = codesAt(note.code)[0] ?? '';
      const category = categories(note)[0] ?? '';
      const year = day(note.effectiveDateTime).slice(0, 4);
      const hasCode = (r: Any) => codesAt(r.code).includes(code);
      expect(await matches({ code: `${LOINC}|${code}` }, hasCode)).to.be.above(0);
      await matches({ category, code }, hasCode);
      await matches({ category: 'LAB', code }, () => false);
      const from = `${year}-01-01`;
      const inYear = (r: Any) =>
        day(r.effectiveDateTime) >= from && day(r.effectiveDateTime) <= `${year}-12-31`;
      expect(
        await matches(
          { category, date: [`ge${from}`, `le${year}-12-31`] },
          (r) => categories(r).includes(category) && inYear(r),
        ),
      ).to.be.above(0);
      expect(await matches({ code, date: year }, (r) => hasCode(r) && inYear(r))).to.be.above(0);
      await matches(
        { category, date: `lt${from},gt${year}-12-31` },
        (r) => categories(r).includes(category) && !inYear(r),
      );
    });

    it('_id and read, with ids apart from the lab reports and from notes of other types', async () => {
      const note = reports().find(isNote)!;
      expect(note.id).to.match(/^dr-NTE\d{13}$/);
      expect(
        ids(await searchAll(fx.plugin, 'DiagnosticReport', { _id: note.id ?? '' })),
      ).to.deep.equal([note.id]);
      const read = (id: string) =>
        fx.plugin.read!({ resourceType: 'DiagnosticReport', id }, testRequestContext());
      expect(await read(note.id ?? '')).to.deep.equal(note);
      const progress = (all.get('DocumentReference') ?? []).find(
        (d) => !reports().some((r) => r.id === `dr-${d.id?.slice(4)}`),
      )!;
      const notReport = `dr-${progress.id?.slice(4)}`;
      expect(await read(notReport)).to.equal(undefined);
      expect(await searchAll(fx.plugin, 'DiagnosticReport', { _id: notReport })).to.deep.equal([]);
      const labIds = reports()
        .filter((r) => !isNote(r))
        .map((r) => r.id);
      expect(labIds.length).to.be.above(0);
      for (const id of labIds) expect(id).to.match(/^dr-ACC/);
    });

    it('streams them with the lab reports, resuming exactly after any of them', async () => {
      const stream = async (req: Omit<StreamRequest, 'types'>, ctx = testRequestContext()) => {
        const items: StreamItem[] = [];
        for await (const item of fx.plugin.stream!({ types: ['DiagnosticReport'], ...req }, ctx)) {
          items.push(item);
        }
        return items;
      };
      const items = await stream({});
      const streamed = items.map((item) => item.resource.id);
      expect([...streamed].sort()).to.deep.equal(ids(reports()));
      expect(new Set(streamed).size).to.equal(streamed.length);
      const first = items.findIndex((item) => isNote(item.resource as Any));
      expect(first).to.be.above(0);
      for (const at of [first - 1, first, first + 1, items.length - 2]) {
        const rest = await stream({ cursor: items[at]!.cursor });
        expect(
          rest.map((item) => item.resource.id),
          `after ${at}`,
        ).to.deep.equal(streamed.slice(at + 1));
      }
      const ctx = testRequestContext({ constraints: { patientIds: [reporter] } });
      const mine = reports().filter((r) => subjectOf(r) === `Patient/${reporter}`);
      expect(ids((await stream({}, ctx)).map((item) => item.resource))).to.deep.equal(ids(mine));
      const since = reports().filter(isNote)[0]!.meta!.lastUpdated!;
      const changed = reports().filter((r) => (r.meta?.lastUpdated ?? '') >= since);
      const sinceItems = await stream({ since: new Date(since) });
      expect(ids(sinceItems.map((item) => item.resource))).to.deep.equal(ids(changed));
    });
  });

  it('AllergyIntolerance, Immunization, MedicationRequest and Procedure combinations', async () => {
    await expectMatches('AllergyIntolerance', { 'clinical-status': 'active' }, (r) =>
      codesAt(r.clinicalStatus).includes('active'),
    );
    await expectMatches(
      'Immunization',
      { date: 'ge2010' },
      (r) => day(r.occurrenceDateTime) >= '2010-01-01',
    );
    await expectMatches('MedicationRequest', { intent: 'order' }, () => true);
    await expectMatches('MedicationRequest', { intent: 'plan' }, () => false);
    await expectMatches('MedicationRequest', { intent: 'order', status: 'active,stopped' }, (r) =>
      ['active', 'stopped'].includes(r.status as string),
    );
    await expectMatches(
      'MedicationRequest',
      { intent: 'order', authoredon: 'le2021-12-31' },
      (r) => day(r.authoredOn) <= '2021-12-31',
    );
    const med = (all.get('MedicationRequest') ?? []).find(
      (r) => subjectOf(r) === `Patient/${member}` && ref(r, 'encounter'),
    );
    if (med) {
      const encounter = ref(med, 'encounter') ?? '';
      await expectMatches(
        'MedicationRequest',
        { intent: 'order', encounter },
        (r) => ref(r, 'encounter') === encounter,
      );
    }
    await expectMatches(
      'Procedure',
      { date: 'ge2020' },
      (r) => day(r.performedDateTime) >= '2020-01-01',
    );
    const proc = (all.get('Procedure') ?? []).find((r) => subjectOf(r) === `Patient/${member}`);
    if (proc) {
      const cpt = codesAt(proc.code)[0] ?? '';
      await expectMatches('Procedure', { code: `http://www.ama-assn.org/go/cpt|${cpt}` }, (r) =>
        codesAt(r.code).includes(cpt),
      );
    }
  });

  it('Encounter: _id, identifier, patient + date, type, class', async () => {
    const encounters = (all.get('Encounter') ?? []).filter(
      (r) => subjectOf(r) === `Patient/${member}`,
    );
    const first = encounters[0]!;
    const byId = await searchAll(fx.plugin, 'Encounter', { _id: first.id ?? '' });
    expect(ids(byId)).to.deep.equal([first.id]);
    const identifier = (first.identifier as { system: string; value: string }[])[0]!;
    const byIdentifier = await searchAll(fx.plugin, 'Encounter', {
      identifier: `${identifier.system}|${identifier.value}`,
    });
    expect(ids(byIdentifier)).to.deep.equal([first.id]);
    const start = (r: Any) => day((r.period as { start: string }).start);
    await expectMatches('Encounter', { date: 'ge2023' }, (r) => start(r) >= '2023-01-01');
    const type = codesAt((first.type as unknown[])[0])[1] ?? '';
    await expectMatches('Encounter', { type: `http://snomed.info/sct|${type}` }, (r) =>
      codesAt((r.type as unknown[])[0]).includes(type),
    );
    await expectMatches(
      'Encounter',
      { class: 'AMB' },
      (r) => (r.class as { code: string }).code === 'AMB',
    );
  });

  it('CareTeam, DocumentReference, Goal and CarePlan combinations', async () => {
    await expectMatches('CareTeam', { status: 'active' }, (r) => r.status === 'active');
    await expectMatches('CareTeam', { status: 'proposed' }, () => false);
    await expectMatches('DocumentReference', { category: 'clinical-note' }, () => true);
    await expectMatches(
      'DocumentReference',
      { category: 'clinical-note', date: 'ge2022' },
      (r) => day(r.date) >= '2022-01-01',
    );
    const note = (all.get('DocumentReference') ?? []).find(
      (r) => subjectOf(r) === `Patient/${member}`,
    )!;
    const type = codesAt(note.type)[0] ?? '';
    await expectMatches('DocumentReference', { type }, (r) => codesAt(r.type).includes(type));
    const doc = await searchAll(fx.plugin, 'DocumentReference', { _id: note.id ?? '' });
    expect(ids(doc)).to.deep.equal([note.id]);
    await expectMatches(
      'Goal',
      { 'lifecycle-status': 'active' },
      (r) => r.lifecycleStatus === 'active',
    );
    await expectMatches(
      'Goal',
      { 'target-date': 'ge2024' },
      (r) => ((r.target as { dueDate: string }[])[0]?.dueDate ?? '') >= '2024-01-01',
    );
    await expectMatches('CarePlan', { category: 'assess-plan' }, () => true);
    await expectMatches('CarePlan', { category: 'careteam' }, () => false);
  });

  it('_lastUpdated bounds every type exactly', async () => {
    for (const type of ['Condition', 'Observation', 'CareTeam']) {
      await expectMatches(
        type,
        { _lastUpdated: 'ge2023-06-01' },
        (r) => (r.meta?.lastUpdated ?? '') >= '2023-06-01',
      );
      await expectMatches(
        type,
        { _lastUpdated: 'lt2022' },
        (r) => (r.meta?.lastUpdated ?? '') < '2022',
      );
    }
  });

  it('pages by key without duplicates, with totals where the backend count is exact', async () => {
    const found = await searchAll(fx.plugin, 'Observation', {}, { count: 13 });
    expect(new Set(ids(found)).size).to.equal(found.length);
    expect(ids(found)).to.deep.equal(ids(all.get('Observation') ?? []));
    const page = await fx.plugin.search!(
      {
        resourceType: 'Condition',
        criteria: criteria({ patient: member }),
        count: 2,
        wantTotal: true,
      },
      testRequestContext(),
    );
    const mine = (all.get('Condition') ?? []).filter((r) => subjectOf(r) === `Patient/${member}`);
    expect(page.total).to.equal(mine.length);
    const cursor = JSON.parse(Buffer.from(page.nextCursor ?? '', 'base64url').toString()) as {
      a: string;
    };
    expect(cursor.a).to.equal(page.resources[1]?.id?.slice(5));
  });

  it('narrows to the constrained patients, and gives public callers nothing', async () => {
    const ctx = testRequestContext({ constraints: { patientIds: [member] } });
    const mine = await searchAll<Any>(fx.plugin, 'Encounter', {}, { ctx });
    expect(mine.length).to.be.above(0);
    for (const r of mine) expect(subjectOf(r)).to.equal(`Patient/${member}`);
    expect(await searchAll(fx.plugin, 'Encounter', { patient: other }, { ctx })).to.deep.equal([]);
    const publicCtx = testRequestContext({ constraints: { withoutPatientData: true } });
    expect(await searchAll(fx.plugin, 'Condition', {}, { ctx: publicCtx })).to.deep.equal([]);
  });

  it('answers 400 for unknown parameters, modifiers, bad dates and bad cursors', async () => {
    const search = (query: Record<string, string>, cursor?: string) =>
      fx.plugin.search!(
        {
          resourceType: 'Condition',
          criteria: criteria(query),
          count: 5,
          wantTotal: false,
          ...(cursor ? { cursor } : {}),
        },
        testRequestContext(),
      );
    for (const attempt of [
      () => search({ severity: 'x' }),
      () => search({ 'onset-date': '2020-13-45x' }),
      () => search({}, 'not-a-cursor'),
      () =>
        fx.plugin.search!(
          {
            resourceType: 'Condition',
            criteria: [{ name: 'code', modifier: 'text', values: ['x'] }],
            count: 5,
            wantTotal: false,
          },
          testRequestContext(),
        ),
    ]) {
      let error: unknown;
      await attempt().catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(BadRequestError);
    }
  });
});

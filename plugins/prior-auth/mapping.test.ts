/**
 * The mapping against PDex 2.1.0 Prior Authorization: every element the profile requires
 * (meta.profile and lastUpdated, identifier, status, type, use = preauthorization, patient,
 * created, insurer, provider, outcome, insurance with focal and coverage, item sequence and
 * productOrService), the elements the rule asks for (preAuthRef and its period, review action,
 * approved quantity, denial reason, submitted documents, decision date) and R4 validity.
 */
import type { ExplanationOfBenefit, ExplanationOfBenefitItem } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { expectValid } from '../../test/support/fhir-validator.js';
import { authSchema, type LegacyAuth } from './legacy-api.js';
import { toExplanationOfBenefit } from './map-eob.js';
import { parseOptions } from './options.js';
import { EXTENSIONS, PDEX_PRIOR_AUTH, SYSTEMS } from './profiles.js';
import {
  searchAll,
  startFixture,
  type PriorAuthFixture,
} from '../../test/support/prior-auth-fixture.js';

const OPTIONS = parseOptions({ baseUrl: 'http://127.0.0.1:1', asOf: '2025-12-01' });

describe('prior-auth plugin: PDex Prior Authorization mapping', () => {
  let fixture: PriorAuthFixture;
  let eobs: ExplanationOfBenefit[];
  let legacy: Map<string, LegacyAuth>;

  before(async () => {
    fixture = await startFixture(200);
    eobs = await searchAll(fixture.plugin);
    const body = (await (await fetch(`${fixture.backend.url}/auths?limit=500`)).json()) as {
      AUTHS: unknown[];
    };
    legacy = new Map(
      body.AUTHS.map((row) => authSchema.parse(row)).map((auth) => [auth.AUTH_NBR, auth]),
    );
  });
  after(() => fixture.close());

  it('finds a varied population to check (approved, denied, partial, pended or expired)', () => {
    expect(eobs.length).to.be.greaterThan(10);
    const statuses = new Set(eobs.map((eob) => legacyOf(eob).AUTH_STAT_CD));
    expect([...statuses]).to.include.members(['APPR', 'DENY']);
  });

  it('carries every element the profile requires, each valid R4', () => {
    for (const eob of eobs) {
      expectValid(eob);
      expect(eob.meta?.profile).to.deep.equal([PDEX_PRIOR_AUTH]);
      expect(eob.meta?.lastUpdated).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(eob.id).to.match(/^pa-PA\d{15}$/);
      expect(eob.identifier?.[0]).to.include({ system: OPTIONS.authNumberSystem });
      expect(eob.status).to.be.oneOf(['active', 'cancelled']);
      expect(eob.type.coding?.[0]?.system).to.equal(SYSTEMS.claimType);
      expect(eob.use).to.equal('preauthorization');
      expect(eob.patient.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(eob.created).to.match(/^\d{4}-\d{2}-\d{2}T/);
      expect(eob.insurer.reference).to.equal('Organization/CMHP1');
      expect(eob.provider.reference).to.match(/^(Practitioner|Organization)\/npi-[12]\d{9}$/);
      expect(eob.outcome).to.be.oneOf(['complete', 'partial', 'queued']);
      expect(eob.insurance[0]?.focal).to.equal(true);
      expect(eob.insurance[0]?.coverage.reference).to.match(/^Coverage\/MBR\d{8}-\d+$/);
      expect(eob.item?.length).to.be.greaterThan(0);
      for (const item of eob.item ?? []) checkItem(item);
    }
  });

  it('carries the legacy facts: number, dates, status change, outcome and auth period', () => {
    for (const eob of eobs) {
      const auth = legacyOf(eob);
      expect(eob.identifier?.[0]?.value).to.equal(auth.AUTH_NBR);
      expect(eob.preAuthRef).to.deep.equal([auth.AUTH_NBR]);
      expect(eob.patient.reference).to.equal(`Patient/${auth.MBR_ID}`);
      expect(eob.meta?.lastUpdated?.slice(0, 10)).to.equal(auth.LAST_STAT_CHG_TS.slice(0, 10));
      expect(eob.created?.slice(0, 10)).to.equal(auth.REQ_RCVD_TS.slice(0, 10));
      const outcome = { PEND: 'queued', PART: 'partial' }[auth.AUTH_STAT_CD] ?? 'complete';
      expect(eob.outcome).to.equal(outcome);
      if (auth.AUTH_EFF_DT) expect(eob.preAuthRefPeriod?.[0]?.start).to.have.length(10);
      else expect(eob.preAuthRefPeriod).to.equal(undefined);
    }
  });

  it('gives every denied request and line its specific denial reason', () => {
    const denied = eobs.filter((eob) => legacyOf(eob).AUTH_STAT_CD === 'DENY');
    expect(denied.length).to.be.greaterThan(0);
    for (const eob of denied) {
      const auth = legacyOf(eob);
      expect(eob.disposition).to.equal(auth.DENY_RSN_TXT);
      for (const item of eob.item ?? []) {
        const reason = item.adjudication?.find((adj) => code(adj.category) === 'denialreason');
        expect(reason?.reason?.coding?.[0]).to.include({
          system: OPTIONS.denialReasonSystem,
          code: auth.DENY_RSN_CD,
        });
        expect(reason?.reason?.text).to.be.a('string').and.not.equal('');
        expect(reviewAction(item)).to.equal('A3');
      }
    }
  });

  it('reports approved quantities and review actions per line', () => {
    for (const eob of eobs) {
      const auth = legacyOf(eob);
      for (const [index, item] of (eob.item ?? []).entries()) {
        const line = auth.LINES[index];
        const allowed = item.adjudication?.find((adj) => code(adj.category) === 'allowedunits');
        expect(allowed?.value).to.equal(line?.APPR_QTY);
        expect(item.quantity?.value).to.equal(line?.REQ_QTY);
        const expected = { APPR: 'A1', PART: 'A2', DENY: 'A3', PEND: 'A4', CANC: 'C' };
        const status = (line?.LN_STAT_CD ?? '') as keyof typeof expected;
        expect(reviewAction(item)).to.equal(expected[status]);
      }
    }
  });

  it('lists submitted documents as supportingInfo attachments', () => {
    const withDocs = eobs.filter((eob) => legacyOf(eob).DOCS.length > 0);
    expect(withDocs.length).to.be.greaterThan(0);
    for (const eob of withDocs) {
      const docs = legacyOf(eob).DOCS;
      expect(eob.supportingInfo).to.have.length(docs.length);
      for (const [i, info] of (eob.supportingInfo ?? []).entries()) {
        expect(code(info.category)).to.equal('attachment');
        expect(info.valueReference?.identifier?.value).to.equal(docs[i]?.DOC_ID);
        expect(info.valueReference?.type).to.equal('DocumentReference');
      }
    }
  });

  it('maps a pended request to queued with no decision date, valid R4', () => {
    const [sample] = legacy.values();
    const pended: LegacyAuth = {
      ...(sample as LegacyAuth),
      AUTH_STAT_CD: 'PEND',
      DECN_TS: null,
      AUTH_EFF_DT: null,
      AUTH_EXP_DT: null,
      DENY_RSN_CD: null,
      DENY_RSN_TXT: null,
      STAT_RSN_TXT: 'Awaiting clinical records',
      LINES: (sample as LegacyAuth).LINES.map((line) => ({
        ...line,
        LN_STAT_CD: 'PEND',
        APPR_QTY: 0,
        DENY_RSN_CD: null,
        DENY_RSN_TXT: null,
      })),
    };
    const eob = toExplanationOfBenefit(pended, OPTIONS);
    expectValid(eob);
    expect(eob.outcome).to.equal('queued');
    expect(eob.disposition).to.equal('Awaiting clinical records');
    for (const item of eob.item ?? []) {
      expect(reviewAction(item)).to.equal('A4');
      const extensions = item.adjudication?.[0]?.extension ?? [];
      expect(extensions.map((ext) => ext.url)).to.not.include(EXTENSIONS.whenAdjudicated);
    }
  });

  it("gives a denied line without its own reason the request's reason", () => {
    const denied = [...legacy.values()].find((auth) => auth.AUTH_STAT_CD === 'DENY');
    const auth = denied as LegacyAuth;
    const bare = {
      ...auth,
      LINES: auth.LINES.map((line) => ({ ...line, DENY_RSN_CD: null, DENY_RSN_TXT: null })),
    };
    const eob = toExplanationOfBenefit(bare, OPTIONS);
    expectValid(eob);
    for (const item of eob.item ?? []) {
      const reason = item.adjudication?.find((adj) => code(adj.category) === 'denialreason');
      expect(reason?.reason?.coding?.[0]?.code).to.equal(auth.DENY_RSN_CD);
    }
  });

  function legacyOf(eob: ExplanationOfBenefit): LegacyAuth {
    const auth = legacy.get(eob.preAuthRef?.[0] ?? '');
    if (!auth) throw new Error(`no legacy record for ${eob.id}`);
    return auth;
  }
});

function checkItem(item: ExplanationOfBenefitItem): void {
  expect(item.sequence).to.be.a('number');
  expect(item.productOrService.coding?.[0]?.code).to.be.a('string');
  expect(item.servicedPeriod?.start).to.match(/^\d{4}-\d{2}-\d{2}$/);
  const categories = (item.adjudication ?? []).map((adj) => code(adj.category));
  expect(categories).to.include('allowedunits');
}

function code(concept: { coding?: { code?: string }[] } | undefined): string | undefined {
  return concept?.coding?.[0]?.code;
}

function reviewAction(item: ExplanationOfBenefitItem): string | undefined {
  const action = item.adjudication?.[0]?.extension?.find((e) => e.url === EXTENSIONS.reviewAction);
  const codeExt = action?.extension?.find((e) => e.url === EXTENSIONS.reviewActionCode);
  return codeExt?.valueCodeableConcept?.coding?.[0]?.code;
}

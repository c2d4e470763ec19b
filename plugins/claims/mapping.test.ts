import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { startClaimsBackend, type RunningClaimsBackend } from '../../mock-backends/claims/index.js';
import { expectValid } from '../../test/support/fhir-validator.js';
import type { Plugin } from '../sdk/contract.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createClaimsPlugin from './index.js';
import type { LegacyClaim } from './legacy-api.js';
import { EOB_PROFILES, SYSTEMS, type ClaimTypeCode } from './profiles.js';
import { allClaims } from './test-support.js';

const ctx = testRequestContext();

/** Codes of the categories of a list of adjudication or total entries. */
function categories(list: ReadonlyArray<{ category: { coding?: { code?: string }[] } }>): string[] {
  return list.map((entry) => entry.category.coding?.[0]?.code ?? '');
}

function infoCodes(eob: ExplanationOfBenefit): string[] {
  return (eob.supportingInfo ?? []).map((info) => info.category.coding?.[0]?.code ?? '');
}

const AMOUNT_CATEGORIES = [
  'submitted',
  'eligible',
  'benefit',
  'paidbypatient',
  'deductible',
  'copay',
  'coinsurance',
  'noncovered',
  'discount',
  'memberliability',
];

describe('claims plugin: CARIN BB ExplanationOfBenefit mapping', function () {
  this.timeout(60_000);
  let backend: RunningClaimsBackend;
  let plugin: Plugin;
  let claims: LegacyClaim[];

  before(async () => {
    backend = await startClaimsBackend({ members: 12, seed: 3, validateResponses: true });
    plugin = await createClaimsPlugin({ baseUrl: backend.url }, testPluginContext());
    claims = (await allClaims(backend.url)).filter((c) => c.SVC_THRU_DT >= '20160101');
  });
  after(() => backend.close());

  async function eobsOf(
    type: ClaimTypeCode,
    limit = 15,
  ): Promise<Array<[LegacyClaim, ExplanationOfBenefit]>> {
    const picked = claims.filter((c) => c.CLM_TYP_CD === type).slice(0, limit);
    expect(picked, `claims of type ${type}`).to.not.have.lengthOf(0);
    const pairs: Array<[LegacyClaim, ExplanationOfBenefit]> = [];
    for (const claim of picked) {
      const read = { resourceType: 'ExplanationOfBenefit', id: `clm-${claim.CLM_ID}` };
      pairs.push([claim, (await plugin.read?.(read, ctx)) as ExplanationOfBenefit]);
    }
    return pairs;
  }

  function expectCommon(claim: LegacyClaim, eob: ExplanationOfBenefit, type: ClaimTypeCode) {
    expectValid(eob);
    expect(eob.meta?.profile).to.deep.equal([EOB_PROFILES[type]]);
    expect(eob.meta?.lastUpdated).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const [identifier] = eob.identifier ?? [];
    expect(identifier?.type?.coding?.[0]).to.include({
      system: SYSTEMS.identifierType,
      code: 'uc',
    });
    expect(identifier?.value).to.equal(claim.CLM_ID);
    expect(eob.status).to.equal('active');
    expect(eob.use).to.equal('claim');
    expect(eob.patient.reference).to.equal(`Patient/${claim.MBR_ID}`);
    expect(eob.billablePeriod?.start).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(eob.created).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(eob.insurer.reference).to.equal('Organization/CMHP1');
    expect(eob.provider.reference).to.equal(`Organization/npi-${claim.BILL_PRV_NPI}`);
    expect(eob.outcome).to.be.oneOf(['complete', 'partial']);
    expect(eob.insurance).to.deep.equal([
      { focal: true, coverage: { reference: `Coverage/${claim.MBR_ID}-${claim.ELIG_SPAN_SEQ}` } },
    ]);
    const network = eob.supportingInfo?.find(
      (info) => info.category.coding?.[0]?.code === 'billingnetworkcontractingstatus',
    );
    const contracting = claim.NTWK_IND === 'I' ? 'contracted' : 'noncontracted';
    expect(network?.code?.coding?.[0]?.code).to.equal(contracting);
    expect(infoCodes(eob)).to.include('clmrecvddate');
    expect(categories(eob.total ?? [])).to.include.members([
      ...AMOUNT_CATEGORIES,
      claim.PAYEE_TYP_CD === 'SUB' ? 'paidtopatient' : 'paidtoprovider',
    ]);
    expect(categories(eob.adjudication ?? [])).to.include('benefitpaymentstatus');
    expect(eob.item).to.have.length(claim.LINES.length);
    for (const item of eob.item ?? []) expectItem(claim, item);
    if (claim.PMT_DT) expect(eob.payment?.date).to.match(/^\d{4}-\d{2}-\d{2}$/);
    if (claim.ORIG_CLM_ID) {
      expect(eob.related?.[0]?.claim?.identifier?.value).to.equal(claim.ORIG_CLM_ID);
    }
    if (claim.PAYEE_TYP_CD) expect(eob.payee?.type?.coding?.[0]?.code).to.be.a('string');
  }

  function expectItem(claim: LegacyClaim, item: NonNullable<ExplanationOfBenefit['item']>[number]) {
    const line = claim.LINES.find((l) => l.LN_NBR === item.sequence);
    expect(line, `line ${item.sequence}`).to.not.equal(undefined);
    expect(item.productOrService.coding?.[0]?.code).to.be.a('string');
    expect(item.servicedDate ?? item.servicedPeriod?.start).to.be.a('string');
    expect(item.quantity?.value).to.be.a('number');
    const codes = categories(item.adjudication ?? []);
    expect(codes).to.include.members([...AMOUNT_CATEGORIES, 'benefitpaymentstatus']);
    if (line?.LN_STAT_CD === 'D') expect(codes).to.include('denialreason');
    if (line?.POS_CD) expect(item.locationCodeableConcept?.coding?.[0]?.code).to.equal(line.POS_CD);
    if (line?.MOD_CDS.length) expect(item.modifier).to.have.length(line.MOD_CDS.length);
  }

  it('inpatient institutional: subType, typeofbill, admission, onAdmission, procedures, revenue', async () => {
    for (const [claim, eob] of await eobsOf('INST_IP')) {
      expectCommon(claim, eob, 'INST_IP');
      expect(eob.type.coding?.[0]).to.include({ system: SYSTEMS.claimType, code: 'institutional' });
      expect(eob.subType?.coding?.[0]?.code).to.equal('inpatient');
      expect(infoCodes(eob)).to.include.members([
        'typeofbill',
        'admissionperiod',
        'pointoforigin',
        'admtype',
        'discharge-status',
      ]);
      expect(eob.diagnosis?.[0]?.type?.[0]?.coding?.[0]?.code).to.equal('principal');
      const withPoa = claim.DIAGS.filter((dx) => dx.POA_IND !== null).length;
      expect(eob.diagnosis?.filter((dx) => dx.onAdmission)).to.have.length(withPoa);
      expect(eob.procedure ?? []).to.have.length(claim.ICD_PROCS.length);
      expect(categories(eob.adjudication ?? [])).to.include.members(AMOUNT_CATEGORIES);
      expect(
        eob.item?.every((item) => item.revenue?.coding?.[0]?.system === SYSTEMS.revenue),
      ).to.equal(true);
      expect(eob.careTeam?.map((m) => m.role?.coding?.[0]?.code)).to.include('attending');
    }
  });

  it('outpatient institutional: subType, typeofbill, diagnoses, revenue and CPT/HCPCS lines', async () => {
    for (const [claim, eob] of await eobsOf('INST_OP')) {
      expectCommon(claim, eob, 'INST_OP');
      expect(eob.subType?.coding?.[0]?.code).to.equal('outpatient');
      expect(infoCodes(eob)).to.include('typeofbill');
      expect(eob.diagnosis).to.not.have.lengthOf(0);
      expect(eob.item?.every((item) => item.revenue !== undefined)).to.equal(true);
    }
  });

  it('professional: CPT/HCPCS lines with place of service, care team with roles, no subType', async () => {
    for (const [claim, eob] of await eobsOf('PROF')) {
      expectCommon(claim, eob, 'PROF');
      expect(eob.type.coding?.[0]?.code).to.equal('professional');
      expect(eob.subType).to.equal(undefined);
      expect(eob.diagnosis).to.not.have.lengthOf(0);
      const systems = eob.item?.map((item) => item.productOrService.coding?.[0]?.system);
      expect(systems?.every((s) => s === SYSTEMS.cpt || s === SYSTEMS.hcpcs)).to.equal(true);
      expect(eob.item?.every((item) => item.locationCodeableConcept)).to.equal(true);
      for (const member of eob.careTeam ?? []) {
        expect(member.provider.reference).to.match(/^Practitioner\/npi-\d{10}$/);
        expect(member.role?.coding?.[0]?.system).to.equal(SYSTEMS.careTeamRole);
      }
    }
  });

  it('pharmacy: NDC, days supply, refill, DAW, compound and origin codes, prescriber', async () => {
    for (const [claim, eob] of await eobsOf('RX')) {
      expectCommon(claim, eob, 'RX');
      expect(eob.type.coding?.[0]?.code).to.equal('pharmacy');
      expect(infoCodes(eob)).to.include.members([
        'dayssupply',
        'refillnum',
        'dawcode',
        'compoundcode',
        'rxorigincode',
      ]);
      expect(eob.item?.[0]?.productOrService.coding?.[0]?.system).to.equal(SYSTEMS.ndc);
      expect(eob.careTeam?.[0]?.role?.coding?.[0]?.code).to.equal('prescribing');
    }
  });

  it('oral: CDT lines with tooth and surfaces', async () => {
    let teeth = 0;
    for (const [claim, eob] of await eobsOf('DENT', 500)) {
      expectCommon(claim, eob, 'DENT');
      expect(eob.type.coding?.[0]?.code).to.equal('oral');
      expect(
        eob.item?.every((i) => i.productOrService.coding?.[0]?.system === SYSTEMS.cdt),
      ).to.equal(true);
      for (const [index, line] of claim.LINES.entries()) {
        if (line.TOOTH_NBR === null) continue;
        teeth += 1;
        expect(eob.item?.[index]?.bodySite?.coding?.[0]?.code).to.equal(line.TOOTH_NBR);
        const surfaces = (line.TOOTH_SURF_CDS ?? '').length;
        expect(eob.item?.[index]?.subSite ?? []).to.have.length(surfaces);
      }
    }
    expect(teeth).to.be.greaterThan(0);
  });

  it('denied lines carry a denialreason with the X12 CARC', async () => {
    const denied = claims.find((c) => c.LINES.some((line) => line.LN_STAT_CD === 'D'));
    expect(denied).to.not.equal(undefined);
    const read = { resourceType: 'ExplanationOfBenefit', id: `clm-${denied?.CLM_ID}` };
    const eob = (await plugin.read?.(read, ctx)) as ExplanationOfBenefit;
    const reasons = (eob.item ?? []).flatMap((item) =>
      (item.adjudication ?? []).filter((a) => a.category.coding?.[0]?.code === 'denialreason'),
    );
    expect(reasons[0]?.reason?.coding?.[0]?.system).to.equal(SYSTEMS.carc);
  });
});

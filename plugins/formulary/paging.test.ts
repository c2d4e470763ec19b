import type { Bundle } from '@medplum/fhirtypes';
import { expect } from 'chai';
import request from 'supertest';
import type { DrugRow, FormularyItemRow } from '../../mock-backends/formulary/index.js';
import { formularyById, formularyItems } from '../../mock-backends/synthetic/index.js';
import {
  startFormularyFixture,
  type FormularyFixture,
} from '../../test/support/formulary-fixture.js';

const FRM = 'F-CMHP-PPO-200-2026';

/**
 * Paging stays consistent while the formulary changes (keyset paging, plugins/sdk/paging.ts):
 * rows added between page requests ahead of the cursor never shift later pages.
 */
describe('formulary plugin: paging while the formulary changes', () => {
  let fx: FormularyFixture;
  before(async () => {
    fx = await startFormularyFixture();
  });
  after(() => fx.close());

  /** Follows `next` links, calling `between` after the first page. */
  async function pages(first: string, between: (ids: string[]) => void): Promise<string[]> {
    const ids: string[] = [];
    let url: string | undefined = `${fx.gw.base}/${first}`;
    for (let page = 0; url && page < 100; page++) {
      const res = await request(fx.gw.app).get(url).expect(200);
      const bundle = res.body as Bundle;
      ids.push(...(bundle.entry ?? []).map((e) => e.resource?.id ?? ''));
      if (page === 0) between(ids);
      const next = bundle.link?.find((l) => l.relation === 'next')?.url;
      url = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
    }
    return ids;
  }

  it('FormularyItem: an item added before the cursor is neither repeated nor shifts others', async () => {
    const legacy = formularyItems(formularyById(FRM)!)
      .map((item) => item.rxcui)
      .sort();
    const expected = legacy.map((rxcui) => `fi-${FRM}-${rxcui}`);
    const seen = await pages(`Basic?formulary=frm-${FRM}&_count=25`, (firstPage) => {
      const rxcui = (firstPage[3] ?? '').split('-').pop() ?? '';
      const row = { ...itemRow(rxcui), RXCUI: rxcui.slice(0, -1) };
      fx.backend.backend.data.insertItem(row);
    });
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen).to.deep.equal(expected);
  });

  it('FormularyDrug: a drug added before the cursor is skipped, one added after it is found', async () => {
    const before = await pages('MedicationKnowledge?_count=200', () => undefined);
    const seen = await pages('MedicationKnowledge?_count=30', (firstPage) => {
      const early = (firstPage[5] ?? '').slice(3);
      fx.backend.backend.data.insertDrug(drugRow(`${early.slice(0, -1)}`));
      fx.backend.backend.data.insertDrug(drugRow('99999999'));
    });
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen).to.deep.equal([...before, 'rx-99999999']);
  });
});

function itemRow(rxcui: string): FormularyItemRow {
  return {
    FRM_ID: FRM,
    PLAN_ID: 'CMHP-PPO-200',
    PLAN_YR: 2026,
    LOB_CD: 'COM',
    RXCUI: rxcui,
    DRUG_NM: 'added drug',
    TIER_CD: 'T1',
    PA_IND: 'N',
    PA_NEW_IND: 'N',
    PA_NOTE: null,
    ST_IND: 'N',
    ST_NEW_IND: 'N',
    ST_NOTE: null,
    QL_IND: 'N',
    QL_QTY: null,
    QL_DAYS: null,
    MAIL_IND: 'Y',
    SPCLTY_IND: 'N',
    PHARM_CHNL_TXT: 'RTL30',
    ITEM_STAT_CD: 'A',
    EFF_DT: '20260101',
    TERM_DT: '99991231',
    LAST_UPD_TS: '2026-05-01-08.00.00',
  };
}

function drugRow(rxcui: string): DrugRow {
  return {
    RXCUI: rxcui,
    DRUG_NM: `added ${rxcui} 10 MG Oral Tablet`,
    GNRC_NM: 'added',
    ING_RXCUI: '1',
    STRENGTH_TXT: '10 MG',
    DOSE_FORM_TXT: 'Oral Tablet',
    ROUTE_CD: 'PO',
    ROUTE_DESC: 'Oral',
    ROUTE_SCT_CD: '26643006',
    BRAND_NM: null,
    TTY_CD: 'SCD',
    DRUG_TYP_CD: 'G',
    THER_CLS_CD: 'X',
    THER_CLS_DESC: 'X',
    DISP_UNIT_CD: 'EA',
    LAST_UPD_TS: '2026-05-01-08.00.00',
  };
}

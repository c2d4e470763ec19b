/**
 * The formulary system's SQLite database: the drug catalog with its NDCs, the formularies
 * with tiers and cost sharing, and the formulary items. It is reference data (about 2,000
 * rows), loaded into memory at start from the synthetic catalogs.
 */
import Database from 'better-sqlite3';
import {
  DRUGS,
  FORMULARIES,
  formularyItems,
  requireDrug,
  type Formulary,
} from '../synthetic/index.js';
import {
  drugRow,
  formularyRow,
  itemRow,
  ndcRow,
  tierRow,
  type DrugRow,
  type FormularyItemRow,
  type FormularyRow,
  type NdcRow,
} from './legacy.js';
import {
  insertSql,
  pageOf,
  statementCache,
  valuesOf,
  Where,
  type Page,
  type Paging,
} from './sql.js';

/** Offset or keyset paging: `after` (a row key) lists only rows whose key sorts after it. */
export interface KeysetPaging extends Paging {
  readonly after?: string;
}

/** Formulary item search criteria (all optional, combined with AND). */
export interface ItemQuery extends KeysetPaging {
  readonly formularyIds?: readonly string[];
  readonly planId?: string;
  readonly year?: number;
  readonly rxcuis?: readonly string[];
  readonly drugName?: string;
  readonly tiers?: readonly string[];
  /** `LOB:TIER` pairs (a tier code means different tiers in different lines of business). */
  readonly lobTiers?: readonly string[];
  /** Items dispensed through any of these channels (`RTL30`, `MAIL90`, ...). */
  readonly channels?: readonly string[];
  /** Availability period bounds (`YYYYMMDD`): start on/after, before; end on/after, before. */
  readonly effFrom?: string;
  readonly effBefore?: string;
  readonly termFrom?: string;
  readonly termBefore?: string;
  readonly priorAuth?: string;
  readonly stepTherapy?: string;
  readonly quantityLimit?: string;
  readonly status?: string;
  /** Legacy timestamp; items changed at or after it. */
  readonly updatedSince?: string;
  /** Legacy timestamp; items changed before it. */
  readonly updatedBefore?: string;
}

/** Drug catalog search criteria. */
export interface DrugQuery extends KeysetPaging {
  readonly rxcuis?: readonly string[];
  readonly name?: string;
  readonly ndc?: string;
  readonly drugType?: string;
  readonly drugClass?: string;
  readonly doseForm?: string;
  readonly updatedSince?: string;
  readonly updatedBefore?: string;
}

/** Formulary header criteria. */
export interface FormularyQuery {
  readonly planId?: string;
  readonly year?: number;
  readonly status?: string;
}

/** The queries the HTTP layer needs. */
export interface FormularyStore {
  readonly counts: { readonly drugs: number; readonly formularies: number; readonly items: number };
  findDrug(rxcui: string): DrugRow | undefined;
  searchDrugs(query: DrugQuery): Page<DrugRow>;
  findFormulary(formularyId: string): FormularyRow | undefined;
  searchFormularies(query: FormularyQuery): FormularyRow[];
  searchItems(query: ItemQuery): Page<FormularyItemRow>;
  /** Adds an item (tests: data changing between pages). */
  insertItem(row: FormularyItemRow): void;
  /** Adds a drug (tests: data changing between pages). */
  insertDrug(row: DrugRow): void;
  close(): void;
}

const DRUG_COLUMNS = Object.keys(drugRow(DRUGS[0] as never)) as (keyof DrugRow)[];
const ITEM_COLUMNS = [
  'FRM_ID',
  'PLAN_ID',
  'PLAN_YR',
  'LOB_CD',
  'RXCUI',
  'DRUG_NM',
  'TIER_CD',
  'PA_IND',
  'PA_NEW_IND',
  'PA_NOTE',
  'ST_IND',
  'ST_NEW_IND',
  'ST_NOTE',
  'QL_IND',
  'QL_QTY',
  'QL_DAYS',
  'MAIL_IND',
  'SPCLTY_IND',
  'PHARM_CHNL_TXT',
  'ITEM_STAT_CD',
  'EFF_DT',
  'TERM_DT',
  'LAST_UPD_TS',
] as const;
const FRM_COLUMNS = [
  'FRM_ID',
  'PLAN_ID',
  'FRM_NM',
  'PLAN_YR',
  'LOB_CD',
  'EFF_DT',
  'TERM_DT',
  'FRM_STAT_CD',
  'LAST_UPD_TS',
] as const;

const TABLES = `
CREATE TABLE DRUG (DRUG_SEQ INTEGER PRIMARY KEY, ${DRUG_COLUMNS.join(', ')});
CREATE TABLE DRUG_NDC (RXCUI TEXT NOT NULL, NDC_11 TEXT PRIMARY KEY, NDC_542 TEXT NOT NULL,
  PKG_SIZE REAL NOT NULL, PKG_DESC TEXT NOT NULL);
CREATE TABLE FRM (FRM_SEQ INTEGER PRIMARY KEY, ${FRM_COLUMNS.join(', ')}, TIERS_JSON TEXT);
CREATE TABLE FRM_ITEM (ITEM_SEQ INTEGER PRIMARY KEY, ${ITEM_COLUMNS.join(', ')},
  ITEM_KEY TEXT GENERATED ALWAYS AS (FRM_ID || '/' || RXCUI) STORED);
CREATE UNIQUE INDEX DRUG_RXCUI_IX ON DRUG (RXCUI);
CREATE UNIQUE INDEX FRM_ITEM_KEY_IX ON FRM_ITEM (ITEM_KEY);
CREATE INDEX DRUG_NDC_RXCUI_IX ON DRUG_NDC (RXCUI);
CREATE INDEX FRM_ITEM_FRM_IX ON FRM_ITEM (FRM_ID);
CREATE INDEX FRM_ITEM_RXCUI_IX ON FRM_ITEM (RXCUI);
`;

/** Opens an in-memory database loaded with the catalogs. */
export function createFormularyStore(): FormularyStore {
  const db = new Database(':memory:');
  db.exec(TABLES);
  db.transaction(() => load(db))();
  return storeOver(db);
}

function load(db: Database.Database): void {
  const insertDrug = db.prepare(insertSql('DRUG', DRUG_COLUMNS));
  const insertNdc = db.prepare(
    insertSql('DRUG_NDC', ['RXCUI', 'NDC_11', 'NDC_542', 'PKG_SIZE', 'PKG_DESC']),
  );
  for (const drug of DRUGS) {
    insertDrug.run(...valuesOf(drugRow(drug), DRUG_COLUMNS));
    for (const pkg of drug.packages) {
      insertNdc.run(
        drug.rxcui,
        ...valuesOf(ndcRow(pkg), ['NDC_11', 'NDC_542', 'PKG_SIZE', 'PKG_DESC']),
      );
    }
  }
  const insertFormulary = db.prepare(insertSql('FRM', [...FRM_COLUMNS, 'TIERS_JSON']));
  const insertItem = db.prepare(insertSql('FRM_ITEM', ITEM_COLUMNS));
  for (const formulary of FORMULARIES) {
    const tiers = JSON.stringify(formulary.tiers.map(tierRow));
    insertFormulary.run(...valuesOf(formularyRow(formulary), FRM_COLUMNS), tiers);
    loadItems(formulary, (row) => insertItem.run(...valuesOf(row, ITEM_COLUMNS)));
  }
}

function loadItems(formulary: Formulary, insert: (row: FormularyItemRow) => void): void {
  for (const item of formularyItems(formulary)) {
    insert(itemRow(formulary, item, requireDrug(item.rxcui)));
  }
}

function storeOver(db: Database.Database): FormularyStore {
  const prepare = statementCache(db);
  const count = (table: string): number =>
    (prepare(`SELECT COUNT(*) AS N FROM ${table}`).get() as { N: number }).N;
  const ndcsOf = (rxcui: string): NdcRow[] =>
    prepare(
      'SELECT NDC_11, NDC_542, PKG_SIZE, PKG_DESC FROM DRUG_NDC WHERE RXCUI = ? ORDER BY NDC_11',
    ).all(rxcui) as NdcRow[];
  const withNdcs = (row: DrugRow): DrugRow => ({ ...row, NDCS: ndcsOf(row.RXCUI) });
  const drugSelect = `SELECT ${DRUG_COLUMNS.join(', ')} FROM DRUG`;
  const frmSelect = `SELECT ${FRM_COLUMNS.join(', ')}, TIERS_JSON FROM FRM`;
  const withTiers = (row: FormularyRow & { TIERS_JSON?: string }): FormularyRow => {
    const { TIERS_JSON, ...header } = row;
    return { ...header, TIERS: JSON.parse(TIERS_JSON ?? '[]') as FormularyRow['TIERS'] };
  };
  return {
    counts: { drugs: count('DRUG'), formularies: count('FRM'), items: count('FRM_ITEM') },
    findDrug: (rxcui) => {
      const row = prepare(`${drugSelect} WHERE RXCUI = ?`).get(rxcui) as DrugRow | undefined;
      return row && withNdcs(row);
    },
    searchDrugs: (query) => {
      const page = keysetPage<DrugRow>(prepare, drugSelect, drugWhere(query), 'RXCUI', query);
      return { ...page, rows: page.rows.map(withNdcs) };
    },
    findFormulary: (id) => {
      const row = prepare(`${frmSelect} WHERE FRM_ID = ?`).get(id) as FormularyRow | undefined;
      return row && withTiers(row);
    },
    searchFormularies: (query) => {
      const where = new Where()
        .equal('PLAN_ID', query.planId)
        .equal('PLAN_YR', query.year)
        .equal('FRM_STAT_CD', query.status);
      const sql = `${frmSelect}${where.sql()} ORDER BY FRM_SEQ`;
      return (prepare(sql).all(...where.params) as FormularyRow[]).map(withTiers);
    },
    searchItems: (query) =>
      keysetPage(
        prepare,
        `SELECT ${ITEM_COLUMNS.join(', ')} FROM FRM_ITEM`,
        itemWhere(query),
        'ITEM_KEY',
        query,
      ),
    insertItem: (row) => {
      prepare(insertSql('FRM_ITEM', ITEM_COLUMNS)).run(...valuesOf(row, ITEM_COLUMNS));
    },
    insertDrug: (row) => {
      prepare(insertSql('DRUG', DRUG_COLUMNS)).run(...valuesOf(row, DRUG_COLUMNS));
    },
    close: () => db.close(),
  };
}

function drugWhere(query: DrugQuery): Where {
  const where = new Where()
    .oneOf('RXCUI', query.rxcuis)
    .text('DRUG_NM', query.name)
    .equal('DRUG_TYP_CD', query.drugType)
    .equal('THER_CLS_CD', query.drugClass)
    .equal('DOSE_FORM_TXT COLLATE NOCASE', query.doseForm)
    .compare('LAST_UPD_TS >= ?', query.updatedSince)
    .compare('LAST_UPD_TS < ?', query.updatedBefore);
  return where.compare('RXCUI IN (SELECT RXCUI FROM DRUG_NDC WHERE NDC_11 = ?)', query.ndc);
}

function itemWhere(query: ItemQuery): Where {
  return channelWhere(new Where(), query.channels)
    .oneOf('FRM_ID', query.formularyIds)
    .equal('PLAN_ID', query.planId)
    .equal('PLAN_YR', query.year)
    .oneOf('RXCUI', query.rxcuis)
    .text('DRUG_NM', query.drugName)
    .oneOf('TIER_CD', query.tiers)
    .oneOf("LOB_CD || ':' || TIER_CD", query.lobTiers)
    .equal('PA_IND', query.priorAuth)
    .equal('ST_IND', query.stepTherapy)
    .equal('QL_IND', query.quantityLimit)
    .equal('ITEM_STAT_CD', query.status)
    .compare('LAST_UPD_TS >= ?', query.updatedSince)
    .compare('LAST_UPD_TS < ?', query.updatedBefore)
    .compare('EFF_DT >= ?', query.effFrom)
    .compare('EFF_DT < ?', query.effBefore)
    .compare('TERM_DT >= ?', query.termFrom)
    .compare('TERM_DT < ?', query.termBefore);
}

/** Items dispensed through any of `channels` (a comma-separated column). */
function channelWhere(where: Where, channels: readonly string[] | undefined): Where {
  if (channels === undefined) return where;
  const like = "(',' || PHARM_CHNL_TXT || ',') LIKE ?";
  where.clauses.push(`(${channels.map(() => like).join(' OR ')})`);
  where.params.push(...channels.map((channel) => `%,${channel},%`));
  return where;
}

/**
 * One page ordered by a unique `key` column: offset paging, or keyset paging with `after`
 * (rows whose key sorts after it), which stays consistent while rows are inserted. The
 * total counts every match, ignoring `after`.
 */
function keysetPage<T>(
  prepare: (sql: string) => Database.Statement,
  select: string,
  where: Where,
  key: string,
  paging: KeysetPaging,
): Page<T> {
  const keyed = new Where();
  keyed.clauses.push(...where.clauses);
  keyed.params.push(...where.params);
  keyed.compare(`${key} > ?`, paging.after);
  const page = pageOf<T>(prepare, select, keyed, key, { ...paging, total: false });
  if (!paging.total) return page;
  return { rows: page.rows, total: pageOf<T>(prepare, select, where, key, paging).total };
}

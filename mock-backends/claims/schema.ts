/**
 * The claims system's SQLite database: claim headers (`CLM`), diagnoses (`CLM_DX`), ICD
 * procedures (`CLM_PROC`) and lines (`CLM_LN`), loaded from the synthetic generator member
 * by member in batched transactions (constant memory), indexes built afterwards. Claims are
 * numbered densely in load order (member, then date of service), the order every list uses.
 */
import type Database from 'better-sqlite3';
import { buildDirectory, claimsOf, generateMembers } from '../synthetic/index.js';
import { insertSql } from '../legacy-kit/sql.js';
import { diagnosisRow, headerRow, lineRow, procedureRow, type Row } from './legacy.js';

/** Which synthetic population a database holds (kept in its `META` table). */
export interface ClaimsPopulation {
  readonly members: number;
  readonly seed: number;
  /** Size of the provider directory the claims draw their providers from. */
  readonly practitioners: number;
}

/** Progress callback for long loads: members written so far, claims written so far. */
export type LoadProgress = (members: number, claims: number) => void;

const SCHEMA_VERSION = '1';
const BATCH_MEMBERS = 500;

/** Header columns, in API order. */
export const HEADER_COLUMNS = `CLM_ID CLM_TYP_CD CLM_STAT_CD CLM_FREQ_CD ORIG_CLM_ID ADJ_BY_CLM_ID
  MBR_ID SUB_ID PLAN_ID GRP_ID ELIG_SPAN_SEQ BILL_PRV_NPI RNDR_PRV_NPI ATTND_PRV_NPI OPER_PRV_NPI
  REFR_PRV_NPI PRSCRB_PRV_NPI FAC_PRV_NPI NTWK_IND SVC_FROM_DT SVC_THRU_DT RCVD_DT ADJD_DT TOB_CD
  DRG_CD DRG_DESC ADMSN_DT DSCHRG_DT ADMSN_TYP_CD ADMSN_SRC_CD PTNT_STAT_CD POS_CD PA_NBR
  TOT_BILLED_AMT TOT_ALLOWED_AMT TOT_PAID_AMT TOT_DED_AMT TOT_COPAY_AMT TOT_COINS_AMT
  TOT_NONCOV_AMT TOT_DISC_AMT TOT_PTNT_RESP_AMT PMT_DT PMT_MTHD_CD PMT_NBR PAYEE_TYP_CD PAYEE_ID
  PMT_AMT LAST_UPD_TS`.split(/\s+/);
/** Diagnosis columns. */
export const DIAGNOSIS_COLUMNS = 'DX_SEQ DX_CD DX_CD_QUAL DX_DESC DX_TYP_CD POA_IND'.split(' ');
/** ICD procedure columns. */
export const PROCEDURE_COLUMNS = 'PROC_SEQ PROC_CD PROC_CD_QUAL PROC_DESC PROC_DT'.split(' ');
/** Line columns, in API order. */
export const LINE_COLUMNS = `LN_NBR SVC_FROM_DT SVC_THRU_DT REV_CD PROC_CD PROC_CD_TYP PROC_DESC
  MOD_CDS POS_CD UNIT_CNT UNIT_TYP_CD DX_PTRS NDC_CD RXCUI DRUG_NM DISP_QTY DISP_UNIT_CD
  DAYS_SUPPLY_CNT DAW_CD CMPND_CD RX_NBR FILL_NBR REFILL_AUTH_CNT BRND_GNRC_CD RX_ORIG_CD
  INGRD_CST_AMT DISP_FEE_AMT TOOTH_NBR TOOTH_SURF_CDS ORAL_CAV_CD LN_STAT_CD BILLED_AMT
  ALLOWED_AMT PAID_AMT DED_AMT COPAY_AMT COINS_AMT NONCOV_AMT DISC_AMT PTNT_RESP_AMT ADJ_RSNS
  RARC_CDS`.split(/\s+/);

function columnType(name: string): string {
  if (name.endsWith('_AMT') || name === 'DISP_QTY' || name === 'UNIT_CNT') return 'REAL';
  return /(_SEQ|_CNT|LN_NBR|FILL_NBR)$/.test(name) ? 'INTEGER' : 'TEXT';
}

function table(name: string, key: string, columns: readonly string[]): string {
  const defs = columns.map((column) => `  ${column} ${columnType(column)}`).join(',\n');
  return `CREATE TABLE ${name} (\n  ${key},\n${defs}\n);`;
}

const TABLES = [
  'CREATE TABLE META (KEY TEXT PRIMARY KEY, VALUE TEXT NOT NULL);',
  table('CLM', 'CLM_ROW INTEGER PRIMARY KEY', HEADER_COLUMNS),
  table('CLM_DX', 'CLM_ROW INTEGER NOT NULL', DIAGNOSIS_COLUMNS),
  table('CLM_PROC', 'CLM_ROW INTEGER NOT NULL', PROCEDURE_COLUMNS),
  table('CLM_LN', 'CLM_ROW INTEGER NOT NULL', LINE_COLUMNS),
].join('\n');

const INDEXES = `
CREATE UNIQUE INDEX CLM_ID_IX ON CLM (CLM_ID);
CREATE INDEX CLM_MBR_IX ON CLM (MBR_ID, CLM_ROW);
CREATE INDEX CLM_DX_IX ON CLM_DX (CLM_ROW, DX_SEQ);
CREATE INDEX CLM_PROC_IX ON CLM_PROC (CLM_ROW, PROC_SEQ);
CREATE INDEX CLM_LN_IX ON CLM_LN (CLM_ROW, LN_NBR);
`;

/** An insert taking the claim ordinal and a row, bound positionally in column order. */
function inserter(db: Database.Database, name: string, columns: readonly string[]) {
  const statement = db.prepare(insertSql(name, ['CLM_ROW', ...columns]));
  return (row: number, values: Row): void => {
    statement.run(row, ...columns.map((column) => values[column]));
  };
}

/** Creates the schema in an empty database and loads the claims of the population. */
export function loadClaims(
  db: Database.Database,
  population: ClaimsPopulation,
  onProgress?: LoadProgress,
): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -65536');
  db.exec(TABLES);
  const directory = buildDirectory(population);
  const insert = {
    header: inserter(db, 'CLM', HEADER_COLUMNS),
    diagnosis: inserter(db, 'CLM_DX', DIAGNOSIS_COLUMNS),
    procedure: inserter(db, 'CLM_PROC', PROCEDURE_COLUMNS),
    line: inserter(db, 'CLM_LN', LINE_COLUMNS),
  };
  let row = 0;
  const writeBatch = db.transaction((from: number, count: number) => {
    for (const member of generateMembers({ from, count, seed: population.seed })) {
      for (const claim of claimsOf(member, { seed: population.seed, directory })) {
        row += 1;
        insert.header(row, headerRow(claim));
        for (const dx of claim.diagnoses) insert.diagnosis(row, diagnosisRow(dx));
        for (const procedure of claim.procedures) insert.procedure(row, procedureRow(procedure));
        for (const line of claim.lines) insert.line(row, lineRow(line));
      }
    }
  });
  for (let from = 0; from < population.members; from += BATCH_MEMBERS) {
    const count = Math.min(BATCH_MEMBERS, population.members - from);
    writeBatch(from, count);
    onProgress?.(from + count, row);
  }
  db.exec(INDEXES);
  writeMeta(db, population, row);
  db.pragma('journal_mode = DELETE');
}

function writeMeta(db: Database.Database, population: ClaimsPopulation, claims: number): void {
  const insert = db.prepare('INSERT INTO META (KEY, VALUE) VALUES (?, ?)');
  insert.run('MBR_CNT', String(population.members));
  insert.run('SEED', String(population.seed));
  insert.run('PRAC_CNT', String(population.practitioners));
  insert.run('CLM_CNT', String(claims));
  insert.run('SCHEMA_VER', SCHEMA_VERSION);
}

/** Reads which population a database holds; throws if it is not a claims database. */
export function readClaimsPopulation(db: Database.Database): ClaimsPopulation & { claims: number } {
  const rows = db.prepare('SELECT KEY, VALUE FROM META').all() as { KEY: string; VALUE: string }[];
  const meta = new Map(rows.map((entry) => [entry.KEY, entry.VALUE]));
  if (meta.get('SCHEMA_VER') !== SCHEMA_VERSION) {
    throw new Error('Not a claims database of this layout: regenerate it');
  }
  return {
    members: Number(meta.get('MBR_CNT')),
    seed: Number(meta.get('SEED')),
    practitioners: Number(meta.get('PRAC_CNT')),
    claims: Number(meta.get('CLM_CNT')),
  };
}

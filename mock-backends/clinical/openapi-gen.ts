/**
 * Writes oas/clinical-backend.yaml from the class table (classes.ts), so the document lists
 * exactly the columns, codes and filters the backend has:
 *
 *   npx tsx mock-backends/clinical/openapi-gen.ts && npx prettier --write oas/clinical-backend.yaml
 *
 * It is the authority: backend.test.ts regenerates the document into a temporary file (the
 * optional first argument) and fails when the committed one differs.
 */
import { writeFileSync } from 'node:fs';
import { CLINICAL_OAS_PATH } from './app.js';
import { CLASSES, type ClassDef, type Column } from './classes.js';

const out: string[] = [];
const w = (s: string) => out.push(s);
const pascal = (p: string) =>
  p
    .split('-')
    .map((x) => x[0]!.toUpperCase() + x.slice(1))
    .join('');
const enumOf = (def: ClassDef, col?: string): string[] | undefined => {
  const c = def.columns.find((x) => x.name === col);
  return c && c.conversion.kind === 'code' ? Object.values(c.conversion.codes) : undefined;
};
const listPattern = (values: string[]) => `'^(${values.join('|')})(,(${values.join('|')}))*$'`;
const CATEGORY_VALUES: Record<string, string[]> = {
  results: ['BLD', 'SER', 'UR', 'THRT', 'RESP'],
  vitals: [
    'BP_SYS',
    'BP_DIA',
    'HR',
    'RR',
    'TEMP',
    'SPO2',
    'HT',
    'WT',
    'BMI',
    'HC',
    'BMI_PCTL',
    'WFL_PCTL',
    'HC_PCTL',
  ],
  'social-history': ['SMOKING', 'SEX_ORIENT', 'SDOH'],
  encounters: ['O', 'E', 'I', 'V'],
};

w(`openapi: 3.0.3
info:
  title: Cascade Mutual clinical data repository (mock legacy backend)
  version: 1.0.0
  description: |
    A mock of a payer's legacy clinical data repository (records gathered from providers'
    EHRs, labs, pharmacies and immunization registries), served by \`mock-backends/clinical\`.
    Its JSON is deliberately not FHIR: upper-case column names, dates as \`YYYYMMDD\`,
    timestamps as \`YYYY-MM-DD-HH.MM.SS\` (UTC), \`Y\`/\`N\` indicators, comma lists and the
    system's own status and category codes (each schema lists them). A clinical plugin maps
    it to US Core 6.1.0 (USCDI v3).

    Every class has three routes: \`/members/{memberId}/{class}\` (one member),
    \`/{class}\` (across members, optionally \`memberId=a,b\`) and \`/{class}/{id}\`. Filters:
    \`dateFrom\`/\`dateTo\` (inclusive \`YYYYMMDD\`, on the class's clinical date), \`code\`
    (comma list, any of the class's code columns), \`category\`, \`status\`, \`encounterId\`,
    \`updatedSince\` (ISO instant), \`dateOf\` (bound another date column), \`groupId\`
    (vital sign groups). Lists are ordered by record id (which begins with the member
    number), so paging is stable: keyset paging (\`after\` = the last id of the previous
    page, with \`limit\`) never skips or repeats rows while data changes; \`offset\` is kept
    for old callers. Practitioners are referenced by NPI
    only; the provider directory holds their names. Every error has the shape \`Error\`.
  license:
    name: Apache-2.0
servers:
  - url: http://127.0.0.1:8086
tags:
  - name: clinical
  - name: admin
    description: Health and test-only fault injection (off until a fault is set).
paths:
  /health:
    get:
      tags: [admin]
      operationId: getHealth
      responses:
        '200':
          description: The system is up
          content:
            application/json:
              schema:
                type: object
                additionalProperties: false
                required: [STATUS, MBR_CNT]
                properties:
                  STATUS: { type: string, enum: [UP] }
                  MBR_CNT: { type: integer }
        default: { $ref: '#/components/responses/Error' }`);

for (const def of CLASSES) {
  const name = pascal(def.path);
  const filters = (cross: boolean) => {
    const list = [
      ...(cross ? [`        - { $ref: '#/components/parameters/memberId' }`] : []),
      `        - { $ref: '#/components/parameters/dateFrom' }`,
      `        - { $ref: '#/components/parameters/dateTo' }`,
      ...(def.codeColumns.length ? [`        - { $ref: '#/components/parameters/code' }`] : []),
      ...(def.categoryColumn
        ? [`        - { $ref: '#/components/parameters/${name}Category' }`]
        : []),
      ...(def.statusColumn ? [`        - { $ref: '#/components/parameters/${name}Status' }`] : []),
      ...(def.columns.some((c) => c.name === 'ENC_ID')
        ? [`        - { $ref: '#/components/parameters/encounterId' }`]
        : []),
      ...(def.altDates.length
        ? [`        - { $ref: '#/components/parameters/${name}DateOf' }`]
        : []),
      ...(def.groupColumn ? [`        - { $ref: '#/components/parameters/groupId' }`] : []),
      `        - { $ref: '#/components/parameters/updatedSince' }`,
      `        - { $ref: '#/components/parameters/after' }`,
      `        - { $ref: '#/components/parameters/offset' }`,
      `        - { $ref: '#/components/parameters/limit' }`,
      `        - { $ref: '#/components/parameters/total' }`,
    ];
    return list.join('\n');
  };
  w(`  /members/{memberId}/${def.path}:
    get:
      tags: [clinical]
      operationId: getMember${name}
      summary: One member's ${def.path.replace('-', ' ')} (paged)
      parameters:
        - { $ref: '#/components/parameters/memberIdPath' }
${filters(false)}
      responses:
        '200': { $ref: '#/components/responses/${name}Page' }
        default: { $ref: '#/components/responses/Error' }
  /${def.path}:
    get:
      tags: [clinical]
      operationId: search${name}
      summary: ${def.path.replace('-', ' ')} across members (paged)
      parameters:
${filters(true)}
      responses:
        '200': { $ref: '#/components/responses/${name}Page' }
        default: { $ref: '#/components/responses/Error' }
  /${def.path}/{id}:
    get:
      tags: [clinical]
      operationId: get${name}Record
      parameters:
        - { $ref: '#/components/parameters/recordId' }
      responses:
        '200':
          description: The record
          content:
            application/json:
              schema: { $ref: '#/components/schemas/${name}' }
        default: { $ref: '#/components/responses/Error' }`);
}

w(`  /__faults:
    get:
      tags: [admin]
      operationId: getFault
      responses:
        '200':
          description: The active fault ({} when none)
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Fault' }
    post:
      tags: [admin]
      operationId: setFault
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Fault' }
      responses:
        '204': { description: Fault set }
        default: { $ref: '#/components/responses/Error' }
    delete:
      tags: [admin]
      operationId: clearFault
      responses:
        '204': { description: Fault cleared }
components:
  parameters:
    memberIdPath:
      name: memberId
      in: path
      required: true
      schema: { $ref: '#/components/schemas/MemberId' }
    memberId:
      name: memberId
      in: query
      description: Comma-separated member ids (at most 100)
      schema: { type: string, pattern: '^MBR[0-9]{8}(,MBR[0-9]{8}){0,99}$' }
    recordId:
      name: id
      in: path
      required: true
      schema: { type: string, pattern: '^[A-Z]{2,3}[0-9]{13}$' }
    dateFrom:
      name: dateFrom
      in: query
      description: Inclusive lower bound on the clinical date
      schema: { $ref: '#/components/schemas/LegacyDate' }
    dateTo:
      name: dateTo
      in: query
      description: Inclusive upper bound on the clinical date
      schema: { $ref: '#/components/schemas/LegacyDate' }
    code:
      name: code
      in: query
      description: Comma-separated codes (at most 50), matched against the class's code columns
      schema: { type: string, pattern: '^[A-Za-z0-9.-]{1,20}(,[A-Za-z0-9.-]{1,20}){0,49}$' }
    encounterId:
      name: encounterId
      in: query
      schema: { type: string, pattern: '^ENC[0-9]{13}$' }
    updatedSince:
      name: updatedSince
      in: query
      allowReserved: true
      description: Only rows changed at or after this instant
      schema: { type: string, format: date-time }
    groupId:
      name: groupId
      in: query
      description: Comma-separated vital sign group ids (at most 100)
      schema: { type: string, pattern: '^[A-Z0-9]{1,20}(,[A-Z0-9]{1,20}){0,99}$' }
    after:
      name: after
      in: query
      description: Keyset cursor, the last record id of the previous page
      schema: { type: string, pattern: '^[A-Z]{2,3}[0-9]{13}$' }
    offset:
      name: offset
      in: query
      schema: { type: integer, minimum: 0, default: 0 }
    limit:
      name: limit
      in: query
      schema: { type: integer, minimum: 1, maximum: 500, default: 50 }
    total:
      name: total
      in: query
      description: Y to count all matches (costs a second query)
      schema: { type: string, enum: [Y, N], default: N }`);
for (const def of CLASSES) {
  const name = pascal(def.path);
  const cat = enumOf(def, def.categoryColumn) ?? CATEGORY_VALUES[def.path];
  if (def.categoryColumn && cat) {
    w(`    ${name}Category:
      name: category
      in: query
      description: Comma-separated ${def.categoryColumn} values
      schema: { type: string, pattern: ${listPattern(cat)} }`);
  }
  if (def.altDates.length) {
    w(`    ${name}DateOf:
      name: dateOf
      in: query
      description: Date column dateFrom and dateTo bound instead of ${def.dateColumn}
      schema: { type: string, enum: [${def.altDates.join(', ')}] }`);
  }
  const st = enumOf(def, def.statusColumn);
  if (def.statusColumn && st) {
    w(`    ${name}Status:
      name: status
      in: query
      description: Comma-separated ${def.statusColumn} values
      schema: { type: string, pattern: ${listPattern(st)} }`);
  }
}
w(`  responses:
    Error:
      description: An error in the system's own shape
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Error' }`);
for (const def of CLASSES) {
  const name = pascal(def.path);
  w(`    ${name}Page:
      description: A page of ${def.path.replace('-', ' ')}
      content:
        application/json:
          schema:
            type: object
            additionalProperties: false
            required: [OFFSET, LIMIT, ${def.listKey}]
            properties:
              TOTAL_CNT: { type: integer, minimum: 0 }
              OFFSET: { type: integer, minimum: 0 }
              LIMIT: { type: integer, minimum: 1 }
              ${def.listKey}:
                type: array
                items: { $ref: '#/components/schemas/${name}' }`);
}
w(`  schemas:
    MemberId: { type: string, pattern: '^MBR[0-9]{8}$' }
    LegacyDate: { type: string, pattern: '^[0-9]{8}$' }
    LegacyTimestamp:
      type: string
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$'
    Error:
      type: object
      required: [ERR_CD, ERR_MSG]
      properties:
        ERR_CD: { type: string, description: 'E + HTTP status, e.g. E400' }
        ERR_MSG: { type: string }
        ERR_DTL:
          type: array
          items: { type: string }
    Fault:
      type: object
      additionalProperties: false
      properties:
        delayMs: { type: integer, minimum: 0, maximum: 600000 }
        status: { type: integer, minimum: 400, maximum: 599 }
        times:
          type: integer
          minimum: 1
          description: Requests affected before the fault clears itself (default unlimited)
        pathPrefix:
          type: string
          description: Only requests whose path starts with this are affected`);
const prop = (c: Column): string => {
  const nullable = c.nullable ? ', nullable: true' : '';
  const k = c.conversion.kind;
  if (k === 'date') {
    return c.nullable
      ? `{ type: string, nullable: true, pattern: '^[0-9]{8}$' }`
      : `{ $ref: '#/components/schemas/LegacyDate' }`;
  }
  if (k === 'ts') return `{ $ref: '#/components/schemas/LegacyTimestamp' }`;
  if (k === 'num') return `{ type: number${nullable} }`;
  if (k === 'yn') return `{ type: string, enum: [Y, N] }`;
  if (k === 'list') return `{ type: string, description: Comma-separated ids }`;
  if (c.conversion.kind === 'code') {
    const entries = Object.entries(c.conversion.codes)
      .map(([v, code]) => `${code} ${v}`)
      .join(', ');
    const codes = Object.values(c.conversion.codes).join(', ');
    return `{ type: string${nullable}, enum: [${codes}], description: '${entries}' }`;
  }
  return `{ type: string${nullable} }`;
};
for (const def of CLASSES) {
  const name = pascal(def.path);
  w(`    ${name}:
      type: object
      additionalProperties: false
      description: A row of ${def.table}
      required:
        [
${def.columns.map((c) => `          ${c.name},`).join('\n')}
        ]
      properties:
${def.columns.map((c) => `        ${c.name}: ${prop(c)}`).join('\n')}`);
}
writeFileSync(process.argv[2] ?? CLINICAL_OAS_PATH, out.join('\n') + '\n');

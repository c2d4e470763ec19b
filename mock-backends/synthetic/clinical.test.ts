import { expect } from 'chai';
import { clinicalAt, generateClinical, type ClinicalRecord } from './clinical.js';
import { drugByRxcui } from './drugs.js';
import { AS_OF_DATE, generateMembers, type MemberRecord } from './index.js';
import { buildDirectory } from './providers.js';

const SEED = 11;
const COUNT = 600;
const members = [...generateMembers({ count: COUNT, seed: SEED })];
const records = [...generateClinical({ count: COUNT, seed: SEED })];

function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

function pairs(): [MemberRecord, ClinicalRecord][] {
  return members.map((member, i) => [member, records[i]!]);
}

function covered(member: MemberRecord, date: string): boolean {
  return member.coverage.some((p) => date >= p.start && (p.end === undefined || date <= p.end));
}

describe('synthetic clinical histories', () => {
  describe('determinism', () => {
    it('gives member N the same history alone as in the stream, and another for another seed', () => {
      for (const index of [0, 7, 123, COUNT - 1]) {
        expect(clinicalAt(index, SEED), `member ${index}`).to.deep.equal(records[index]);
      }
      const other = clinicalAt(7, SEED + 1);
      expect(other.encounters.map((e) => e.start)).to.not.deep.equal(
        records[7]!.encounters.map((e) => e.start),
      );
    });

    it('streams from any index', () => {
      const slice = [...generateClinical({ from: 300, count: 5, seed: SEED })];
      expect(slice).to.deep.equal(records.slice(300, 305));
    });
  });

  describe('member consistency', () => {
    it('belongs to its member, with unique ids and resolvable references', () => {
      for (const [member, record] of pairs()) {
        expect(record.memberId).to.equal(member.memberId);
        const encounters = new Set(record.encounters.map((e) => e.id));
        const conditions = new Set(record.conditions.map((c) => c.id));
        const orders = new Set(record.medications.map((m) => m.id));
        const lists = Object.values(record).filter(Array.isArray) as { id: string }[][];
        const ids = lists.flat().map((r) => r.id);
        expect(new Set(ids).size, member.memberId).to.equal(ids.length);
        for (const r of [...record.labs, ...record.vitals, ...record.notes, ...record.procedures]) {
          expect(encounters.has(r.encounterId), r.id).to.equal(true);
        }
        for (const m of record.medications) {
          if (m.reasonConditionId) expect(conditions.has(m.reasonConditionId), m.id).to.equal(true);
          expect(drugByRxcui(m.rxcui), m.rxcui).to.not.equal(undefined);
        }
        for (const d of record.dispenses) expect(orders.has(d.orderId)).to.equal(true);
      }
    });

    it('dates everything within the life, and visits within coverage, up to the as-of date', () => {
      for (const [member, record] of pairs()) {
        const born = member.birthDate;
        for (const e of record.encounters) {
          const day = e.start.slice(0, 10);
          expect(covered(member, day), `${e.id} ${day}`).to.equal(true);
          expect(day >= born && day < AS_OF_DATE).to.equal(true);
        }
        for (const c of record.conditions) expect(c.onsetDate >= born, c.id).to.equal(true);
        for (const i of record.immunizations) {
          expect(i.date >= born && i.date < AS_OF_DATE).to.equal(true);
        }
        for (const d of record.dispenses) expect(covered(member, d.fillDate), d.id).to.equal(true);
        for (const list of Object.values(record).filter(Array.isArray) as {
          updatedAt: string;
        }[][]) {
          for (const r of list) expect(r.updatedAt < `${AS_OF_DATE}T00:00:00Z`).to.equal(true);
        }
      }
    });
  });

  describe('providers', () => {
    it('draws every clinician and facility from the provider directory of the same seed', () => {
      const directory = buildDirectory({ seed: SEED });
      const npis = (record: ClinicalRecord): [string, 1 | 2][] => [
        ...record.conditions.map((c) => [c.recorderNpi, 1] as [string, 1]),
        ...record.medications.map((m) => [m.prescriberNpi, 1] as [string, 1]),
        ...record.encounters.map((e) => [e.attenderNpi, 1] as [string, 1]),
        ...record.encounters.map((e) => [e.facilityNpi, 2] as [string, 2]),
        ...record.careTeam.map((c) => [c.npi, 1] as [string, 1]),
        ...record.notes.map((n) => [n.authorNpi, 1] as [string, 1]),
        ...record.procedures.map((p) => [p.performerNpi, 1] as [string, 1]),
        ...record.carePlans.map((p) => [p.authorNpi, 1] as [string, 1]),
      ];
      const all = records.slice(0, 100).flatMap(npis);
      expect(all.length).to.be.above(500);
      for (const [npi, type] of all) {
        const entry = directory.byNpi.get(npi);
        expect(entry, npi).to.not.equal(undefined);
        expect('taxonomies' in entry!, npi).to.equal(type === 1);
      }
    });
  });

  describe('study reports', () => {
    const REPORTS: Record<string, string> = {
      '77067': '18748-4',
      '71046': '18748-4',
      '73090': '18748-4',
      '77080': '18748-4',
      '93000': '11524-6',
      '88142': '11526-1',
      '44970': '11526-1',
      '47562': '11526-1',
    };

    it('reports every imaging, ECG and surgical pathology study on its encounter, once', () => {
      const types = new Set<string>();
      for (const record of records) {
        const reports = record.notes.filter((n) => Object.values(REPORTS).includes(n.loinc));
        const expected = record.procedures.filter((p) => REPORTS[p.cpt]);
        const colonoscopies = record.procedures.filter((p) => p.cpt === '45378').length;
        expect(reports.length - expected.length, record.memberId).to.be.within(0, colonoscopies);
        for (const procedure of expected) {
          const report = reports.find(
            (n) => n.encounterId === procedure.encounterId && n.loinc === REPORTS[procedure.cpt],
          );
          expect(report, procedure.id).to.not.equal(undefined);
          expect(report!.date.slice(0, 10) >= procedure.date, report!.id).to.equal(true);
          expect(report!.text).to.contain(`Procedure date: ${procedure.date}.`);
          types.add(report!.loinc);
        }
      }
      expect([...types].sort()).to.deep.equal(['11524-6', '11526-1', '18748-4']);
    });

    it('numbers the reports after the visit notes, so the visit notes keep their ids', () => {
      for (const record of records) {
        const kinds = record.notes.map((n) => Object.values(REPORTS).includes(n.loinc));
        expect(
          kinds.indexOf(true) < 0 || !kinds.slice(kinds.indexOf(true)).includes(false),
        ).to.equal(true);
        const ids = record.notes.map((n) => n.id);
        expect(ids).to.deep.equal([...ids].sort());
      }
    });
  });

  describe('age and sex plausibility', () => {
    it('has no pregnancy, delivery or female-only codes for male members', () => {
      const pregnancyCodes = new Set(['72892002', '236973005', '11466000', '65200003', '24623002']);
      for (const [member, record] of pairs()) {
        if (member.sex !== 'M') continue;
        for (const c of record.conditions) {
          expect(c.icd10, member.memberId).to.not.match(/^(Z34|O\d|C50)/);
        }
        const codes = [
          ...record.conditions.map((c) => c.snomed),
          ...record.procedures.map((p) => p.snomed),
        ];
        for (const code of codes) expect(pregnancyCodes.has(code), code).to.equal(false);
        expect(record.encounters.some((e) => e.kind === 'PREN')).to.equal(false);
        expect(record.labs.some((l) => l.loinc === '2106-3')).to.equal(false);
      }
      for (const [member, record] of pairs()) {
        if (member.sex === 'F') {
          expect(record.conditions.some((c) => c.icd10 === 'N40.0')).to.equal(false);
        }
      }
    });

    it('vaccinates children on the childhood schedule, and gives infant vaccines to infants only', () => {
      const children = pairs().filter(
        ([m]) => m.birthDate >= '2012-01-01' && m.birthDate < '2024-01-01',
      );
      expect(children.length).to.be.above(20);
      let withDtap = 0;
      for (const [member, record] of children) {
        if (record.immunizations.filter((i) => i.cvx === '20').length >= 3) withDtap++;
        expect(record.immunizations.length, member.memberId).to.be.above(5);
      }
      expect(withDtap / children.length).to.be.above(0.7);
      for (const [member, record] of pairs()) {
        for (const dose of record.immunizations.filter((i) =>
          ['116', '20', '49', '133'].includes(i.cvx),
        )) {
          expect(ageOn(member.birthDate, dose.date), dose.id).to.be.below(7);
        }
        for (const dose of record.immunizations.filter((i) => i.cvx === '187')) {
          expect(ageOn(member.birthDate, dose.date)).to.be.at.least(50);
        }
      }
    });

    it('gives older members more chronic problems and drugs', () => {
      const mean = (from: number, to: number, of: (r: ClinicalRecord) => number): number => {
        const group = pairs().filter(
          ([m]) => ageOn(m.birthDate, AS_OF_DATE) >= from && ageOn(m.birthDate, AS_OF_DATE) < to,
        );
        return group.reduce((sum, [, r]) => sum + of(r), 0) / group.length;
      };
      const problems = (r: ClinicalRecord): number =>
        r.conditions.filter((c) => c.category === 'problem-list-item').length;
      const drugs = (r: ClinicalRecord): number =>
        new Set(r.medications.filter((m) => m.refills > 0).map((m) => m.rxcui)).size;
      expect(mean(65, 120, problems)).to.be.above(mean(18, 40, problems) * 1.5);
      expect(mean(65, 120, drugs)).to.be.above(mean(18, 40, drugs));
    });

    it('keeps vital signs in plausible ranges, with head circumference for infants only', () => {
      const ranges: Record<string, [number, number]> = {
        BP_SYS: [80, 180],
        BP_DIA: [40, 110],
        HR: [50, 170],
        RR: [10, 60],
        TEMP: [35.5, 40.5],
        SPO2: [88, 100],
        HT: [40, 210],
        WT: [2, 200],
        BMI: [11, 60],
        HC: [30, 55],
        BMI_PCTL: [0, 100],
        WFL_PCTL: [0, 100],
        HC_PCTL: [0, 100],
      };
      for (const [member, record] of pairs()) {
        for (const v of record.vitals) {
          const [low, high] = ranges[v.kind]!;
          expect(v.value, `${v.kind} ${v.id}`).to.be.within(low, high);
          if (v.kind === 'HC') {
            expect(ageOn(member.birthDate, v.measuredAt.slice(0, 10))).to.be.below(3);
          }
        }
      }
    });

    it('flags lab values outside their reference range', () => {
      for (const lab of records.flatMap((r) => r.labs)) {
        if (lab.value === undefined) continue;
        if (lab.high !== undefined && lab.value > lab.high) {
          expect(lab.interpretation).to.equal('H');
        }
        if (lab.low !== undefined && lab.value < lab.low) expect(lab.interpretation).to.equal('L');
      }
    });

    it('covers every data class across the population', () => {
      const counts = Object.fromEntries(
        Object.keys(records[0]!)
          .filter((k) => Array.isArray(records[0]![k as keyof ClinicalRecord]))
          .map((k) => [
            k,
            records.reduce((n, r) => n + (r[k as keyof ClinicalRecord] as unknown[]).length, 0),
          ]),
      );
      for (const [kind, count] of Object.entries(counts)) expect(count, kind).to.be.above(0);
      const categories = new Set(records.flatMap((r) => r.conditions.map((c) => c.category)));
      expect([...categories].sort()).to.deep.equal([
        'encounter-diagnosis',
        'health-concern',
        'problem-list-item',
      ]);
    });
  });
});

/**
 * Every type the plugin maps, from a real backend: valid R4, meta.profile and
 * meta.lastUpdated set, and the elements each US Core 6.1.0 profile requires (mandatory and
 * must-support elements the legacy data holds), with the code systems US Core binds.
 */
import type {
  AllergyIntolerance,
  CarePlan,
  CareTeam,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  Goal,
  Immunization,
  MedicationRequest,
  Observation,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { expectValid } from '../../test/support/fhir-validator.js';
import { CAPABILITIES } from './capabilities.js';
import { VITAL_PROFILES } from './map-observations.js';
import { PROFILES, SYSTEMS } from './profiles.js';
import {
  searchAll,
  startFixture,
  type ClinicalFixture,
} from '../../test/support/clinical-fixture.js';

const systems = (concept: { coding?: { system?: string }[] } | undefined) =>
  (concept?.coding ?? []).map((c) => c.system);
const codes = (concept: { coding?: { code?: string }[] } | undefined) =>
  (concept?.coding ?? []).map((c) => c.code);

describe('clinical plugin mapping (US Core 6.1.0)', function () {
  this.timeout(60_000);
  let fx: ClinicalFixture;
  const all = new Map<string, Resource[]>();
  const of = <T extends Resource>(type: string) => (all.get(type) ?? []) as T[];

  before(async () => {
    fx = await startFixture(12, 21);
    for (const capability of CAPABILITIES.resources) {
      all.set(capability.type, await searchAll(fx.plugin, capability.type));
    }
  });
  after(() => fx.close());

  it('maps every type: valid R4, a declared profile, meta.lastUpdated, a prefixed id', () => {
    for (const capability of CAPABILITIES.resources) {
      const resources = of(capability.type);
      expect(resources.length, capability.type).to.be.above(0);
      for (const resource of resources) {
        expectValid(resource);
        expect(capability.profiles).to.include(resource.meta?.profile?.[0]);
        expect(resource.meta?.lastUpdated).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(resource.id).to.match(/^(cond|alg|medrx|imm|obs|dr|proc|enc|ct|doc|goal|cp)-[A-Z]/);
      }
    }
  });

  it('Condition: category, SNOMED code, subject, clinical status rules, profile by category', () => {
    for (const c of of<Condition>('Condition')) {
      const category = codes(c.category?.[0])[0];
      const diagnosis = category === 'encounter-diagnosis';
      expect(c.meta?.profile?.[0]).to.equal(
        diagnosis ? PROFILES.conditionEncounter : PROFILES.conditionProblems,
      );
      expect(category).to.be.oneOf(['problem-list-item', 'encounter-diagnosis', 'health-concern']);
      expect(systems(c.code)).to.include(SYSTEMS.snomed);
      expect(c.subject.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(systems(c.clinicalStatus)).to.deep.equal([SYSTEMS.conditionClinical]);
      expect(systems(c.verificationStatus)).to.deep.equal([SYSTEMS.conditionVerification]);
      if (c.abatementDateTime) {
        expect(codes(c.clinicalStatus)[0]).to.be.oneOf(['inactive', 'resolved', 'remission']);
      }
      expect(c.recorder?.reference).to.match(/^Practitioner\/npi-1\d{9}$/);
      if (!diagnosis) expect(c.extension?.[0]?.valueDateTime).to.equal(c.recordedDate);
    }
  });

  it('AllergyIntolerance: clinical and verification status, code, patient, reaction', () => {
    for (const a of of<AllergyIntolerance>('AllergyIntolerance')) {
      expect(systems(a.clinicalStatus)).to.deep.equal([SYSTEMS.allergyClinical]);
      expect(systems(a.verificationStatus)).to.deep.equal([SYSTEMS.allergyVerification]);
      expect(systems(a.code)[0]).to.be.oneOf([SYSTEMS.rxnorm, SYSTEMS.snomed]);
      expect(a.patient.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(systems(a.reaction?.[0]?.manifestation[0])).to.deep.equal([SYSTEMS.snomed]);
    }
  });

  it('MedicationRequest: status, intent, RxNorm medication, subject, authoredOn, requester', () => {
    for (const m of of<MedicationRequest>('MedicationRequest')) {
      expect(m.status).to.be.oneOf(['active', 'completed', 'stopped']);
      expect(m.intent).to.equal('order');
      expect(systems(m.medicationCodeableConcept)).to.deep.equal([SYSTEMS.rxnorm]);
      expect(m.subject.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(m.authoredOn).to.match(/^\d{4}-\d\d-\d\d$/);
      expect(m.requester?.reference).to.match(/^Practitioner\/npi-1\d{9}$/);
      expect(m.reportedBoolean).to.equal(false);
      expect(m.dosageInstruction?.[0]?.text).to.be.a('string');
      expectValid(m, {
        profile: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest',
      });
    }
  });

  it('Immunization: status, CVX vaccine code, patient, occurrence, primary source', () => {
    const immunizations = of<Immunization>('Immunization');
    for (const i of immunizations) {
      expect(i.status).to.be.oneOf(['completed', 'not-done']);
      if (i.status === 'not-done') expect(i.statusReason?.coding?.[0]?.code).to.be.a('string');
      expect(systems(i.vaccineCode)).to.deep.equal([SYSTEMS.cvx]);
      expect(i.patient.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(i.occurrenceDateTime).to.match(/^\d{4}-\d\d-\d\d$/);
      expect(i.primarySource).to.be.a('boolean');
    }
  });

  it('Observation lab: laboratory category, LOINC code, a value or a data absent reason', () => {
    const labs = of<Observation>('Observation').filter(
      (o) => o.meta?.profile?.[0] === PROFILES.lab,
    );
    expect(labs.length).to.be.above(0);
    for (const o of labs) {
      expect(codes(o.category?.[0])).to.deep.equal(['laboratory']);
      expect(systems(o.code)).to.deep.equal([SYSTEMS.loinc]);
      expect(o.subject?.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(o.effectiveDateTime).to.be.a('string');
      const value = o.valueQuantity ?? o.valueCodeableConcept ?? o.dataAbsentReason;
      expect(value).to.not.equal(undefined);
      if (o.valueQuantity?.unit) expect(o.valueQuantity.system).to.equal(SYSTEMS.ucum);
    }
  });

  it('Observation vital signs: its own profile and US Core Vital Signs, both declared', () => {
    const observation = CAPABILITIES.resources.find((c) => c.type === 'Observation');
    expect(observation?.profiles).to.include.members([
      PROFILES.vitalSigns,
      ...Object.values(VITAL_PROFILES),
    ]);
    const vitals = of<Observation>('Observation').filter((o) =>
      codes(o.category?.[0]).includes('vital-signs'),
    );
    const kinds = new Set(vitals.map((o) => o.meta?.profile?.[0]));
    expect(kinds.size).to.be.above(5);
  });

  it('Observation vital signs: category, LOINC code, UCUM quantity; blood pressure components', () => {
    const vitals = of<Observation>('Observation').filter((o) =>
      codes(o.category?.[0]).includes('vital-signs'),
    );
    const bp = vitals.filter((o) => o.meta?.profile?.[0] === PROFILES.bloodPressure);
    expect(bp.length).to.be.above(0);
    for (const o of vitals) {
      const [own, ...others] = o.meta?.profile ?? [];
      expect(Object.values(VITAL_PROFILES)).to.include(own);
      expect(others).to.deep.equal([PROFILES.vitalSigns]);
      expect(systems(o.code)[0]).to.equal(SYSTEMS.loinc);
      if (o.meta?.profile?.[0] === PROFILES.bloodPressure) continue;
      expect(o.valueQuantity?.system).to.equal(SYSTEMS.ucum);
      expect(o.valueQuantity?.code).to.be.a('string');
    }
    for (const o of bp) {
      expect(codes(o.code)).to.deep.equal(['85354-9']);
      expect(o.valueQuantity).to.equal(undefined);
      expect(o.component?.map((c) => codes(c.code)[0])).to.deep.equal(['8480-6', '8462-4']);
      for (const c of o.component ?? []) expect(c.valueQuantity?.code).to.equal('mm[Hg]');
      expectValid(o, { profile: PROFILES.bloodPressure });
    }
    const spo2 = vitals.filter((o) => o.meta?.profile?.[0] === PROFILES.pulseOximetry);
    for (const o of spo2) expect(codes(o.code)).to.include.members(['59408-5', '2708-6']);
  });

  it('Observation social history: smoking status, sexual orientation, SDOH screening', () => {
    const social = of<Observation>('Observation').filter(
      (o) =>
        o.meta?.profile?.[0] !== PROFILES.lab && !codes(o.category?.[0]).includes('vital-signs'),
    );
    const smoking = social.filter((o) => o.meta?.profile?.[0] === PROFILES.smoking);
    expect(smoking.length).to.be.above(0);
    for (const o of smoking) {
      expect(codes(o.code)).to.deep.equal(['72166-2']);
      expect(codes(o.category?.[0])).to.deep.equal(['social-history']);
      expect(systems(o.valueCodeableConcept)).to.deep.equal([SYSTEMS.snomed]);
    }
    for (const o of social.filter((x) => x.meta?.profile?.[0] === PROFILES.screening)) {
      expect(o.category?.flatMap((c) => codes(c))).to.deep.equal(['survey', 'sdoh']);
      expect(systems(o.valueCodeableConcept)).to.deep.equal([SYSTEMS.loinc]);
    }
  });

  it('DiagnosticReport lab: status, LAB category, LOINC code, subject, dates, its results', () => {
    const reports = of<DiagnosticReport>('DiagnosticReport').filter(
      (r) => r.meta?.profile?.[0] === PROFILES.labReport,
    );
    const observations = new Set(of<Observation>('Observation').map((o) => `Observation/${o.id}`));
    expect(reports.length).to.be.above(0);
    for (const r of reports) {
      expect(r.status).to.be.oneOf(['final', 'corrected']);
      expect(codes(r.category?.[0])).to.deep.equal(['LAB']);
      expect(systems(r.code)).to.deep.equal([SYSTEMS.loinc]);
      expect(r.subject?.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(r.effectiveDateTime).to.be.a('string');
      expect(r.issued).to.be.a('string');
      expect(r.result?.length).to.be.above(0);
      for (const result of r.result ?? []) {
        expect(observations.has(result.reference ?? '')).to.equal(true);
      }
    }
  });

  describe('DiagnosticReport for Report and Note Exchange (report-type notes)', () => {
    const CATEGORY_OF_TYPE: Record<string, string> = {
      '18748-4': 'LP29684-5',
      '11526-1': 'LP7839-6',
      '11524-6': 'LP29708-2',
    };
    const notes = () =>
      of<DiagnosticReport>('DiagnosticReport').filter(
        (r) => r.meta?.profile?.[0] === PROFILES.noteReport,
      );

    it('declares the profile, and serves a note report for every report-type note', () => {
      const declared = CAPABILITIES.resources.find((c) => c.type === 'DiagnosticReport');
      expect(declared?.profiles).to.deep.equal([PROFILES.labReport, PROFILES.noteReport]);
      const reportNotes = of<DocumentReference>('DocumentReference').filter(
        (d) => CATEGORY_OF_TYPE[codes(d.type)[0] ?? ''],
      );
      expect(reportNotes.length).to.be.above(0);
      expect(notes().map((r) => r.id?.slice(3))).to.deep.equal(
        reportNotes.map((d) => d.id?.slice(4)),
      );
      const categories = new Set(notes().map((r) => codes(r.category?.[0])[0]));
      expect([...categories].sort()).to.deep.equal(['LP29684-5', 'LP29708-2', 'LP7839-6']);
    });

    it('has the US Core required and must-support elements, valid R4', () => {
      for (const r of notes()) {
        expectValid(r);
        expect(r.id).to.match(/^dr-NTE\d{13}$/);
        expect(r.meta?.profile).to.deep.equal([PROFILES.noteReport]);
        expect(r.meta?.lastUpdated).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(r.status).to.equal('final');
        const type = codes(r.code)[0] ?? '';
        expect(systems(r.code)).to.deep.equal([SYSTEMS.loinc]);
        expect(r.category).to.have.length(1);
        expect(systems(r.category?.[0])).to.deep.equal([SYSTEMS.loinc]);
        expect(codes(r.category?.[0])).to.deep.equal([CATEGORY_OF_TYPE[type]]);
        expect(r.subject?.reference).to.match(/^Patient\/MBR\d{8}$/);
        expect(r.encounter?.reference).to.match(/^Encounter\/enc-ENC\d{13}$/);
        expect(r.effectiveDateTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(r.issued).to.equal(r.effectiveDateTime);
        expect(r.performer?.map((p) => p.reference)).to.satisfy((refs: string[]) =>
          refs.every((ref) => /^Practitioner\/npi-1\d{9}$/.test(ref)),
        );
        expect(r.result).to.equal(undefined);
      }
    });

    it('presents the note itself: the DocumentReference attachment, subject and encounter', () => {
      const documents = new Map(of<DocumentReference>('DocumentReference').map((d) => [d.id, d]));
      for (const r of notes()) {
        const document = documents.get(`doc-${r.id?.slice(3)}`);
        expect(r.presentedForm).to.deep.equal([document?.content[0]?.attachment]);
        expect(r.presentedForm?.[0]?.contentType).to.equal('text/plain');
        const text = Buffer.from(r.presentedForm?.[0]?.data ?? '', 'base64').toString();
        expect(text).to.match(/^(DIAGNOSTIC IMAGING STUDY|PATHOLOGY STUDY|EKG STUDY)\n/);
        expect(r.subject).to.deep.equal(document?.subject);
        expect(r.encounter).to.deep.equal(document?.context?.encounter?.[0]);
        expect(r.code.coding?.[0]?.code).to.equal(document?.type?.coding?.[0]?.code);
        expect(r.performer).to.deep.equal(document?.author);
      }
    });
  });

  it('Procedure: status, CPT and SNOMED code, subject, performed date, performer', () => {
    for (const p of of<Procedure>('Procedure')) {
      expect(p.status).to.equal('completed');
      expect(systems(p.code)).to.deep.equal([SYSTEMS.cpt, SYSTEMS.snomed]);
      expect(p.subject.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(p.performedDateTime).to.match(/^\d{4}-\d\d-\d\d$/);
      expect(p.performer?.[0]?.actor.reference).to.match(/^Practitioner\/npi-1\d{9}$/);
    }
  });

  it('Encounter: identifier, status, class, type, subject, participant, period, provider', () => {
    for (const e of of<Encounter>('Encounter')) {
      expect(e.identifier?.[0]?.value).to.equal(e.id?.slice(4));
      expect(e.status).to.equal('finished');
      expect(e.class.system).to.equal(SYSTEMS.actCode);
      expect(systems(e.type?.[0])).to.deep.equal([SYSTEMS.cpt, SYSTEMS.snomed]);
      expect(e.subject?.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(e.participant?.[0]?.individual?.reference).to.match(/^Practitioner\/npi-1\d{9}$/);
      expect(codes(e.participant?.[0]?.type?.[0])).to.deep.equal(['ATND']);
      expect((e.period?.start ?? '') <= (e.period?.end ?? '')).to.equal(true);
      expect(e.serviceProvider?.reference).to.match(/^Organization\/npi-2\d{9}$/);
    }
  });

  it('CareTeam: status, subject, participants with a role and a member', () => {
    for (const t of of<CareTeam>('CareTeam')) {
      expect(t.status).to.be.oneOf(['active', 'inactive']);
      expect(t.subject?.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(t.participant?.length).to.be.above(0);
      for (const p of t.participant ?? []) {
        expect(systems(p.role?.[0])).to.deep.equal([SYSTEMS.snomed, SYSTEMS.nucc]);
        expect(p.member?.reference).to.match(/^Practitioner\/npi-1\d{9}$/);
      }
    }
  });

  it('DocumentReference: clinical-note category, LOINC type, inline note, date, author', () => {
    for (const d of of<DocumentReference>('DocumentReference')) {
      expect(d.status).to.equal('current');
      expect(codes(d.category?.[0])).to.deep.equal(['clinical-note']);
      expect(systems(d.type)).to.deep.equal([SYSTEMS.loinc]);
      expect(d.subject?.reference).to.match(/^Patient\/MBR\d{8}$/);
      const attachment = d.content[0]?.attachment;
      expect(attachment?.contentType).to.equal('text/plain');
      expect(Buffer.from(attachment?.data ?? '', 'base64').toString()).to.contain('synthetic');
      expect(d.date).to.be.a('string');
      expect(d.author?.[0]?.reference).to.match(/^Practitioner\/npi-1\d{9}$/);
      expect(d.context?.encounter?.[0]?.reference).to.match(/^Encounter\/enc-ENC/);
      expect(d.context?.period).to.deep.equal({ start: d.date, end: d.date });
    }
  });

  it('Goal: lifecycle status, description, subject, target due date; CarePlan narrative', () => {
    for (const g of of<Goal>('Goal')) {
      expect(g.lifecycleStatus).to.be.oneOf(['active', 'completed']);
      expect(g.description.text).to.be.a('string');
      expect(g.subject.reference).to.match(/^Patient\/MBR\d{8}$/);
      expect(g.target?.[0]?.dueDate).to.match(/^\d{4}-\d\d-\d\d$/);
    }
    for (const p of of<CarePlan>('CarePlan')) {
      expect(p.text?.status).to.equal('additional');
      expect(p.text?.div).to.match(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml"><p>/);
      expect(codes(p.category?.[0])).to.deep.equal(['assess-plan']);
      expect(p.intent).to.equal('plan');
      expect(p.subject.reference).to.match(/^Patient\/MBR\d{8}$/);
    }
  });
});

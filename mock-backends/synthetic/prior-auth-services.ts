/**
 * Durable medical equipment, therapy and medical-benefit drugs that the plans authorize in
 * advance, and the full list of authorizable services.
 */
import { LETTER, NOTE, service, type AuthService } from './prior-auth-codes.js';
import { IMAGING_SERVICES } from './prior-auth-imaging.js';
import { PROCEDURE_SERVICES } from './prior-auth-procedures.js';

/** DME rentals, therapy courses and infused drugs. */
export const CARE_SERVICES: readonly AuthService[] = Object.freeze([
  service({
    key: 'cpap',
    type: 'dme',
    lines: [
      { code: 'E0601', quantity: 10, unit: 'months', modifiers: ['RR'] },
      { code: 'A7030', quantity: 1, unit: 'units', modifiers: ['NU'] },
    ],
    dx: ['osa'],
    facility: 'dme',
    requester: 'pulmonology',
    condition: 'osa',
    weight: 6,
    denialRate: 0.1,
    denials: [
      {
        code: 'DOC',
        text:
          'A sleep study report showing an apnea-hypopnea index of 15 or more (or 5 or more ' +
          'with symptoms) was not received (DME policy DME-RESP-01, criterion 1).',
      },
    ],
    documents: [['sleep-study', 'Polysomnography report'], NOTE],
    validDays: 330,
  }),
  service({
    key: 'oxygen',
    type: 'dme',
    lines: [{ code: 'E1390', quantity: 12, unit: 'months', modifiers: ['RR'] }],
    dx: ['respiratoryFailure', 'copd'],
    facility: 'dme',
    requester: 'pulmonology',
    condition: 'copd',
    minAge: 50,
    weight: 3,
    denialRate: 0.1,
    denials: [
      {
        code: 'MNC',
        text:
          'Home oxygen requires a resting saturation of 88% or less on room air; the submitted ' +
          'oximetry shows 91% (DME policy DME-RESP-04, criterion 1).',
      },
    ],
    documents: [['lab-result', 'Pulse oximetry results'], NOTE],
    validDays: 395,
  }),
  service({
    key: 'hospitalBed',
    type: 'dme',
    lines: [{ code: 'E0260', quantity: 6, unit: 'months', modifiers: ['RR'] }],
    dx: ['chf'],
    facility: 'dme',
    minAge: 70,
    weight: 2,
    denialRate: 0.15,
    denials: [
      {
        code: 'MNC',
        text:
          'A semi-electric hospital bed requires a condition needing frequent position changes ' +
          'not feasible in an ordinary bed; none is documented (DME-MOB-02, criterion 1).',
      },
    ],
    documents: [NOTE],
    validDays: 200,
  }),
  service({
    key: 'physicalTherapy',
    type: 'therapy',
    lines: [{ code: '97110', quantity: 12, unit: 'visits', modifiers: ['GP'] }],
    dx: ['backPain'],
    servicing: ['physical-therapy'],
    weight: 10,
    denialRate: 0.05,
    denials: [
      {
        code: 'MNC',
        text:
          'Continued therapy is not medically necessary: no measurable functional progress ' +
          'since the last plan of care (therapy guideline THR-01, criterion 4).',
      },
    ],
    documents: [['therapy-plan', 'Physical therapy plan of care']],
    validDays: 90,
  }),
  service({
    key: 'infliximab',
    type: 'drug',
    lines: [{ code: 'J1745', quantity: 210, unit: 'units' }],
    dx: ['crohns'],
    servicing: ['gastroenterology'],
    facility: 'hospital',
    requester: 'gastroenterology',
    weight: 2,
    denialRate: 0.12,
    denials: [
      {
        code: 'ALT',
        text:
          'Step therapy: a trial of a conventional immunomodulator is not documented (medical ' +
          'drug policy RX-MED-11, criterion 2).',
      },
    ],
    documents: [NOTE, LETTER],
    validDays: 365,
  }),
  service({
    key: 'denosumab',
    type: 'drug',
    lines: [{ code: 'J0897', quantity: 120, unit: 'units' }],
    dx: ['osteoporosis'],
    servicing: ['endocrinology'],
    facility: 'hospital',
    requester: 'endocrinology',
    sex: 'F',
    minAge: 60,
    weight: 2,
    denialRate: 0.1,
    denials: [
      {
        code: 'ALT',
        text:
          'Denosumab requires prior bisphosphonate failure or intolerance, which is not ' +
          'documented (medical drug policy RX-MED-07, criterion 1).',
      },
    ],
    documents: [NOTE, ['lab-result', 'Bone density (DXA) report']],
    validDays: 365,
  }),
]);

/** Every authorizable service. */
export const AUTH_SERVICES: readonly AuthService[] = Object.freeze([
  ...IMAGING_SERVICES,
  ...PROCEDURE_SERVICES,
  ...CARE_SERVICES,
]);

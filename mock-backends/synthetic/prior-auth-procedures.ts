/**
 * Outpatient and inpatient procedures that the plans authorize in advance, with the facility
 * they are done in and the specific reasons requests are denied.
 */
import { LETTER, MISSING_RECORDS, NOTE, service, type AuthService } from './prior-auth-codes.js';

/** Outpatient and inpatient procedures. */
export const PROCEDURE_SERVICES: readonly AuthService[] = Object.freeze([
  service({
    key: 'arthroscopy',
    type: 'outpatient',
    lines: [{ code: '29881', quantity: 1, unit: 'units', modifiers: ['RT'] }],
    dx: ['meniscusTear'],
    servicing: ['orthopaedics'],
    facility: 'hospital',
    requester: 'orthopaedics',
    weight: 5,
    denialRate: 0.15,
    denials: [
      {
        code: 'MNC',
        text:
          'Knee arthroscopy with meniscectomy is not medically necessary: mechanical symptoms ' +
          'are not documented and supervised physical therapy lasted under 6 weeks ' +
          '(SURG-MSK-11, 1 and 3).',
      },
    ],
    documents: [NOTE, ['imaging-report', 'Knee MRI report']],
    validDays: 90,
  }),
  service({
    key: 'cataract',
    type: 'outpatient',
    lines: [{ code: '66984', quantity: 1, unit: 'units', modifiers: ['RT'] }],
    dx: ['cataract'],
    servicing: ['ophthalmology'],
    facility: 'hospital',
    requester: 'ophthalmology',
    minAge: 55,
    weight: 6,
    denialRate: 0.06,
    denials: [
      {
        code: 'MNC',
        text:
          'Best-corrected visual acuity of 20/40 or better without documented functional ' +
          'impairment does not meet surgical guideline SURG-EYE-02, criterion 2.',
      },
    ],
    documents: [['clinical-note', 'Ophthalmology examination']],
    validDays: 90,
  }),
  service({
    key: 'cholecystectomy',
    type: 'outpatient',
    lines: [{ code: '47562', quantity: 1, unit: 'units' }],
    dx: ['gallstones'],
    servicing: ['surgery'],
    facility: 'hospital',
    weight: 3,
    denialRate: 0.07,
    denials: [{ code: 'DOC', text: MISSING_RECORDS }],
    documents: [NOTE, ['imaging-report', 'Abdominal ultrasound report']],
    validDays: 90,
  }),
  service({
    key: 'epidural',
    type: 'outpatient',
    lines: [{ code: '64483', quantity: 1, unit: 'units' }],
    dx: ['radiculopathy'],
    servicing: ['orthopaedics'],
    facility: 'hospital',
    requester: 'orthopaedics',
    weight: 4,
    denialRate: 0.15,
    denials: [
      {
        code: 'ALT',
        text:
          'Epidural steroid injection requires 4 weeks of documented conservative care and a ' +
          'radicular pain score of 4/10 or more (interventional guideline PAIN-03, criterion ' +
          '2).',
      },
    ],
    documents: [NOTE],
    validDays: 60,
  }),
  service({
    key: 'hysteroscopy',
    type: 'outpatient',
    lines: [{ code: '58558', quantity: 1, unit: 'units' }],
    dx: ['menorrhagia'],
    servicing: ['obgyn'],
    facility: 'hospital',
    requester: 'obgyn',
    sex: 'F',
    maxAge: 55,
    weight: 3,
    denialRate: 0.08,
    denials: [{ code: 'DOC', text: MISSING_RECORDS }],
    documents: [NOTE, ['imaging-report', 'Pelvic ultrasound report']],
    validDays: 90,
  }),
  service({
    key: 'blepharoplasty',
    type: 'outpatient',
    lines: [{ code: '15823', quantity: 1, unit: 'units', modifiers: ['50'] }],
    dx: ['dermatochalasis'],
    servicing: ['ophthalmology'],
    facility: 'hospital',
    requester: 'ophthalmology',
    minAge: 40,
    weight: 2,
    denialRate: 0.5,
    denials: [
      {
        code: 'NCB',
        text:
          'Upper eyelid blepharoplasty is covered only for visual field loss documented by ' +
          'visual field testing; cosmetic surgery is excluded (Evidence of Coverage, ' +
          'Exclusions, item 12).',
      },
    ],
    documents: [['clinical-note', 'Eyelid examination with photographs']],
    validDays: 90,
  }),
  service({
    key: 'kneeReplacement',
    type: 'inpatient',
    lines: [
      { code: '27447', quantity: 1, unit: 'units', modifiers: ['RT'] },
      { code: '0120', quantity: 2, unit: 'days', revenue: true },
    ],
    dx: ['oaKnee'],
    servicing: ['orthopaedics'],
    facility: 'hospital',
    requester: 'orthopaedics',
    condition: 'oaKnee',
    minAge: 50,
    weight: 5,
    denialRate: 0.12,
    drg: '470',
    denials: [
      {
        code: 'MNC',
        text:
          'Total knee arthroplasty requires radiographic severe joint space narrowing and 3 ' +
          'months of failed conservative therapy; neither is documented (SURG-MSK-02, criteria ' +
          '1 and 2).',
      },
    ],
    documents: [NOTE, ['imaging-report', 'Knee radiograph report'], LETTER],
    validDays: 120,
  }),
  service({
    key: 'spinalFusion',
    type: 'inpatient',
    lines: [
      { code: '22630', quantity: 1, unit: 'units' },
      { code: '0120', quantity: 3, unit: 'days', revenue: true },
    ],
    dx: ['spondylolisthesis', 'radiculopathy'],
    servicing: ['orthopaedics'],
    facility: 'hospital',
    requester: 'orthopaedics',
    minAge: 35,
    weight: 2,
    denialRate: 0.25,
    drg: '460',
    denials: [
      {
        code: 'MNC',
        text:
          'Lumbar fusion is not medically necessary: instability on flexion-extension ' +
          'radiographs is not shown and 6 months of conservative care are not documented ' +
          '(SURG-SP-05, 2 and 4).',
      },
    ],
    documents: [NOTE, ['imaging-report', 'Lumbar MRI report'], LETTER],
    validDays: 120,
  }),
  service({
    key: 'bariatric',
    type: 'inpatient',
    lines: [
      { code: '43644', quantity: 1, unit: 'units' },
      { code: '0120', quantity: 2, unit: 'days', revenue: true },
    ],
    dx: ['morbidObesity', 'bmi40'],
    servicing: ['surgery'],
    facility: 'hospital',
    requester: 'surgery',
    maxAge: 64,
    weight: 2,
    denialRate: 0.3,
    drg: '621',
    denials: [
      {
        code: 'DOC',
        text:
          'Documentation of a 6-month supervised weight-loss program and a psychological ' +
          'evaluation was not received (bariatric policy SURG-BAR-01, section 3).',
      },
    ],
    documents: [NOTE, LETTER],
    validDays: 180,
  }),
]);

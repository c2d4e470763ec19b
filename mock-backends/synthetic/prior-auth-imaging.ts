/**
 * Advanced imaging that the plans authorize in advance (MRI, CT), with the specific
 * reasons requests are denied.
 */
import { MISSING_RECORDS, NOTE, service, type AuthService } from './prior-auth-codes.js';

/** Advanced imaging services. */
export const IMAGING_SERVICES: readonly AuthService[] = Object.freeze([
  service({
    key: 'mriLumbar',
    type: 'imaging',
    lines: [{ code: '72148', quantity: 1, unit: 'units' }],
    dx: ['radiculopathy', 'discDisplacement'],
    servicing: ['radiology'],
    weight: 14,
    denialRate: 0.18,
    denials: [
      {
        code: 'MNC',
        text:
          'Lumbar spine MRI is not medically necessary: no documentation of at least 6 weeks ' +
          'of conservative treatment and no red-flag findings (imaging guideline IMG-SP-02, ' +
          'criterion 1).',
      },
      {
        code: 'ALT',
        text:
          'A less intensive alternative applies: lumbar spine radiographs (CPT 72100) have not ' +
          'been performed; MRI may be requested again after radiographs (IMG-SP-02, criterion ' +
          '3).',
      },
    ],
    documents: [NOTE, ['therapy-plan', 'Physical therapy progress note']],
    validDays: 60,
  }),
  service({
    key: 'mriKnee',
    type: 'imaging',
    lines: [{ code: '73721', quantity: 1, unit: 'units', modifiers: ['RT'] }],
    dx: ['kneePain', 'meniscusTear'],
    servicing: ['radiology'],
    requester: 'orthopaedics',
    condition: 'oaKnee',
    weight: 10,
    denialRate: 0.12,
    denials: [
      {
        code: 'MNC',
        text:
          'Knee MRI is not medically necessary: weight-bearing knee radiographs within the ' +
          'last 60 days are required first for suspected degenerative disease (IMG-MSK-07, ' +
          'criterion 2).',
      },
    ],
    documents: [NOTE, ['imaging-report', 'Knee radiograph report']],
    validDays: 60,
  }),
  service({
    key: 'mriBrain',
    type: 'imaging',
    lines: [{ code: '70551', quantity: 1, unit: 'units' }],
    dx: ['migraine'],
    servicing: ['radiology'],
    requester: 'neurology',
    condition: 'migraine',
    weight: 5,
    denialRate: 0.2,
    denials: [
      {
        code: 'MNC',
        text:
          'Brain MRI for chronic migraine without new neurological signs or a change in ' +
          'headache pattern does not meet imaging guideline IMG-NEU-03, criterion 1.',
      },
    ],
    documents: [NOTE],
    validDays: 60,
  }),
  service({
    key: 'ctAbdomen',
    type: 'imaging',
    lines: [{ code: '74177', quantity: 1, unit: 'units' }],
    dx: ['abdominalPain'],
    servicing: ['radiology'],
    weight: 6,
    denialRate: 0.08,
    denials: [{ code: 'DOC', text: MISSING_RECORDS }],
    documents: [NOTE, ['lab-result', 'Laboratory results']],
    validDays: 60,
  }),
  service({
    key: 'ctChest',
    type: 'imaging',
    lines: [{ code: '71250', quantity: 1, unit: 'units' }],
    dx: ['lungNodule'],
    servicing: ['radiology'],
    requester: 'pulmonology',
    minAge: 40,
    weight: 3,
    denialRate: 0.1,
    denials: [
      {
        code: 'MNC',
        text:
          'Follow-up chest CT requested earlier than the 6-12 month interval that guideline ' +
          'IMG-CH-04 sets for a solid nodule of the documented size.',
      },
    ],
    documents: [['imaging-report', 'Prior chest CT report']],
    validDays: 90,
  }),
]);

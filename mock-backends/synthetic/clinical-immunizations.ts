/**
 * Vaccines (CDC CVX codes, MVX manufacturer codes) and the schedule the synthetic record
 * follows: the ACIP childhood schedule by age in months, yearly influenza from 6 months,
 * Tdap at 11 and Td every ten years, MenACWY and HPV for adolescents, COVID-19 from 2021,
 * recombinant zoster from 50 and pneumococcal conjugate at 65. Codes written for this project.
 */

/** A vaccine product. */
export interface Vaccine {
  readonly cvx: string;
  readonly display: string;
  /** MVX manufacturer code. */
  readonly mvx: string;
  /** Route: IM intramuscular, SC subcutaneous, PO oral. */
  readonly route: 'IM' | 'SC' | 'PO';
  /** First date the product was in use (no earlier doses are generated). */
  readonly since: string;
}

/** A dose due at an age or date. */
export interface ScheduledDose {
  readonly vaccine: Vaccine;
  /** Day number (dates.ts) the dose is due. */
  readonly day: number;
  readonly doseNumber: number;
}

const v = (
  cvx: string,
  display: string,
  mvx: string,
  route: Vaccine['route'],
  since = '1995-01-01',
): Vaccine => ({ cvx, display, mvx, route, since });

/** Vaccines by key. */
export const VACCINES = Object.freeze({
  hepb: v('08', 'Hep B, adolescent or pediatric', 'MSD', 'IM'),
  rota: v('116', 'rotavirus, live, pentavalent', 'MSD', 'PO', '2006-03-01'),
  dtap: v('20', 'DTaP', 'PMC', 'IM'),
  hib: v('49', 'Hib (PRP-OMP)', 'MSD', 'IM'),
  pcv: v('133', 'Pneumococcal conjugate PCV 13', 'PFR', 'IM', '2010-03-01'),
  ipv: v('10', 'IPV', 'PMC', 'SC'),
  mmr: v('03', 'MMR', 'MSD', 'SC'),
  varicella: v('21', 'varicella', 'MSD', 'SC'),
  hepa: v('83', 'Hep A, ped/adol, 2 dose', 'SKB', 'IM', '2006-01-01'),
  tdap: v('115', 'Tdap', 'SKB', 'IM', '2005-06-01'),
  td: v('113', 'Td (adult), 5 Lf tetanus toxoid, preservative free, adsorbed', 'MBL', 'IM'),
  mening: v('114', 'meningococcal MCV4P', 'PMC', 'IM', '2005-02-01'),
  hpv: v('165', 'HPV9', 'MSD', 'IM', '2015-01-01'),
  flu: v(
    '150',
    'Influenza, injectable, quadrivalent, preservative free',
    'SKB',
    'IM',
    '2013-08-01',
  ),
  fluHigh: v('197', 'influenza, high-dose, quadrivalent', 'PMC', 'IM', '2020-08-01'),
  covid: v('208', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', 'PFR', 'IM', '2021-01-01'),
  covidPed: v(
    '218',
    'COVID-19, mRNA, LNP-S, PF, 10 mcg/0.2 mL dose, tris-sucrose',
    'PFR',
    'IM',
    '2021-11-01',
  ),
  zoster: v('187', 'zoster vaccine recombinant', 'SKB', 'IM', '2018-01-01'),
  pcv20: v(
    '216',
    'Pneumococcal conjugate PCV20, polysaccharide CRM197 conjugate, adjuvant, PF',
    'PFR',
    'IM',
  ),
});

/** MVX codes with manufacturer names. */
export const MANUFACTURERS: Readonly<Record<string, string>> = Object.freeze({
  MSD: 'Merck and Co., Inc.',
  PMC: 'Sanofi Pasteur',
  PFR: 'Pfizer, Inc',
  SKB: 'GlaxoSmithKline',
  MBL: 'Massachusetts Biologic Labs',
});

/** Childhood doses: vaccine key and the ages (months) of doses 1, 2, ... */
export const CHILDHOOD_SCHEDULE: readonly (readonly [keyof typeof VACCINES, readonly number[]])[] =
  [
    ['hepb', [0, 1, 6]],
    ['rota', [2, 4, 6]],
    ['dtap', [2, 4, 6, 15, 48]],
    ['hib', [2, 4, 12]],
    ['pcv', [2, 4, 6, 12]],
    ['ipv', [2, 4, 6, 48]],
    ['mmr', [12, 48]],
    ['varicella', [12, 48]],
    ['hepa', [12, 18]],
    ['tdap', [132]],
    ['mening', [132, 192]],
    ['hpv', [132, 138]],
  ];

/** Administration sites (HL7 v2 table 0163). */
export const SITES: Readonly<Record<string, string>> = Object.freeze({
  LA: 'Left arm',
  RA: 'Right arm',
  LT: 'Left thigh',
  RT: 'Right thigh',
});

/** Reasons a dose was not given (v3 ActReason). */
export const NOT_GIVEN_REASONS: Readonly<Record<string, string>> = Object.freeze({
  PATOBJ: 'patient objection',
  MEDPREC: 'medical precaution',
  OSTOCK: 'product out of stock',
});

/**
 * Benefit designs of the catalog plans: deductible, out-of-pocket maximum, coinsurance and
 * copays by class of service, the price level each plan pays relative to the Medicare-like
 * base fees, and whether out-of-network care and dental care are covered. These drive the
 * member cost sharing on synthetic claims (CARIN BB adjudication categories deductible,
 * copay, coinsurance, memberliability).
 */

/** Cost-sharing classes of service. */
export type CostClass =
  | 'preventive'
  | 'primary'
  | 'specialist'
  | 'emergency'
  | 'lab'
  | 'imaging'
  | 'surgery'
  | 'inpatient'
  | 'dme'
  | 'rxGeneric'
  | 'rxBrand'
  | 'rxSpecialty'
  | 'dentalPreventive'
  | 'dentalBasic'
  | 'dentalMajor';

/** How one class of service is shared between plan and member. */
export interface CostRule {
  /** Fixed amount per claim, taken first. */
  readonly copay: number;
  readonly deductible: boolean;
  /** Member share of the allowance after copay and deductible. */
  readonly coinsurance: number;
}

/** A plan's benefit design. */
export interface BenefitDesign {
  readonly deductible: number;
  readonly outOfPocketMax: number;
  readonly coinsurance: number;
  /** Out-of-network coinsurance; absent when only emergencies are covered out of network. */
  readonly outOfNetworkCoinsurance?: number;
  readonly copays: {
    readonly primary: number;
    readonly specialist: number;
    readonly emergency: number;
    readonly rxGeneric: number;
    readonly rxBrand: number;
    /** Per admission; absent when inpatient care goes to deductible and coinsurance. */
    readonly inpatient?: number;
  };
  readonly rxSpecialtyCoinsurance: number;
  /** Allowance relative to the base fee schedule. */
  readonly feeFactor: number;
  readonly dental: boolean;
}

const design = (values: BenefitDesign): BenefitDesign => Object.freeze(values);

/** Benefit designs by catalog plan id. */
export const BENEFITS: Readonly<Record<string, BenefitDesign>> = Object.freeze({
  'CMHP-HMO-100': design({
    deductible: 500,
    outOfPocketMax: 4000,
    coinsurance: 0.2,
    copays: { primary: 25, specialist: 50, emergency: 250, rxGeneric: 10, rxBrand: 40 },
    rxSpecialtyCoinsurance: 0.2,
    feeFactor: 1.35,
    dental: false,
  }),
  'CMHP-PPO-200': design({
    deductible: 1500,
    outOfPocketMax: 6000,
    coinsurance: 0.2,
    outOfNetworkCoinsurance: 0.4,
    copays: { primary: 30, specialist: 60, emergency: 300, rxGeneric: 15, rxBrand: 50 },
    rxSpecialtyCoinsurance: 0.25,
    feeFactor: 1.3,
    dental: true,
  }),
  'CMHP-MA-300': design({
    deductible: 0,
    outOfPocketMax: 5900,
    coinsurance: 0.2,
    copays: {
      primary: 0,
      specialist: 35,
      emergency: 95,
      rxGeneric: 5,
      rxBrand: 47,
      inpatient: 350,
    },
    rxSpecialtyCoinsurance: 0.25,
    feeFactor: 1,
    dental: true,
  }),
  'CMHP-MA-310': design({
    deductible: 0,
    outOfPocketMax: 6700,
    coinsurance: 0.2,
    outOfNetworkCoinsurance: 0.4,
    copays: {
      primary: 10,
      specialist: 45,
      emergency: 110,
      rxGeneric: 10,
      rxBrand: 47,
      inpatient: 400,
    },
    rxSpecialtyCoinsurance: 0.25,
    feeFactor: 1,
    dental: true,
  }),
  'CMHP-MCD-400': design({
    deductible: 0,
    outOfPocketMax: 0,
    coinsurance: 0,
    copays: { primary: 0, specialist: 0, emergency: 0, rxGeneric: 0, rxBrand: 0 },
    rxSpecialtyCoinsurance: 0,
    feeFactor: 0.72,
    dental: true,
  }),
  'CMHP-QHP-500': design({
    deductible: 4000,
    outOfPocketMax: 9100,
    coinsurance: 0.3,
    copays: { primary: 40, specialist: 80, emergency: 400, rxGeneric: 15, rxBrand: 60 },
    rxSpecialtyCoinsurance: 0.4,
    feeFactor: 1.15,
    dental: false,
  }),
});

/** The benefit design of a plan; throws for a plan outside the catalog (a bug). */
export function benefitsOf(planId: string): BenefitDesign {
  const benefits = BENEFITS[planId];
  if (!benefits) throw new Error(`No benefits for plan ${planId}`);
  return benefits;
}

const FREE: CostRule = { copay: 0, deductible: false, coinsurance: 0 };

/** The in-network cost rule of a class of service under a plan. */
export function costRule(benefits: BenefitDesign, costClass: CostClass): CostRule {
  const { copays, coinsurance } = benefits;
  const copayOnly = (copay: number): CostRule => ({ copay, deductible: false, coinsurance: 0 });
  const shared: CostRule = { copay: 0, deductible: true, coinsurance };
  switch (costClass) {
    case 'preventive':
    case 'dentalPreventive':
      return FREE;
    case 'primary':
      return copayOnly(copays.primary);
    case 'specialist':
      return copayOnly(copays.specialist);
    case 'emergency':
      return copayOnly(copays.emergency);
    case 'rxGeneric':
      return copayOnly(copays.rxGeneric);
    case 'rxBrand':
      return copayOnly(copays.rxBrand);
    case 'rxSpecialty':
      return { copay: 0, deductible: false, coinsurance: benefits.rxSpecialtyCoinsurance };
    case 'inpatient':
      return copays.inpatient === undefined ? shared : copayOnly(copays.inpatient);
    case 'dentalBasic':
      return { copay: 0, deductible: false, coinsurance: coinsurance > 0 ? 0.2 : 0 };
    case 'dentalMajor':
      return { copay: 0, deductible: false, coinsurance: coinsurance > 0 ? 0.5 : 0 };
    default:
      return shared;
  }
}

/** The out-of-network rule, or undefined when the plan does not cover the care. */
export function outOfNetworkRule(
  benefits: BenefitDesign,
  costClass: CostClass,
): CostRule | undefined {
  if (costClass === 'emergency') return costRule(benefits, costClass);
  const coinsurance = benefits.outOfNetworkCoinsurance;
  if (coinsurance === undefined) return undefined;
  return { copay: 0, deductible: true, coinsurance };
}

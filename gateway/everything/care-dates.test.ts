/**
 * Care dates of `$everything` `start`/`end`: partial dates as whole spans, periods (open at
 * either end), the first group with a value wins, and resources without a care date stay.
 */
import type {
  Condition,
  Coverage,
  ExplanationOfBenefit,
  Observation,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { careDateAdmits, dateSpan, type CareRange } from './care-dates.js';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
/** `start`..`end` as the parameters give them: from the start's first day to after the end's. */
const range = (start?: string, end?: string): CareRange => ({
  ...(start ? { from: day(start) } : {}),
  ...(end ? { to: day(end) + 86_400_000 } : {}),
});

function observation(effective: Partial<Observation>): Observation {
  return { resourceType: 'Observation', status: 'final', code: { text: 'x' }, ...effective };
}

function eob(parts: Partial<ExplanationOfBenefit>): Resource {
  return { resourceType: 'ExplanationOfBenefit', ...parts } as Resource;
}

describe('$everything care dates', () => {
  it('reads partial dates as the whole year, month or day (UTC)', () => {
    expect(dateSpan('2024')).to.deep.equal([day('2024-01-01'), day('2025-01-01')]);
    expect(dateSpan('2024-02')).to.deep.equal([day('2024-02-01'), day('2024-03-01')]);
    expect(dateSpan('2024-12')).to.deep.equal([day('2024-12-01'), day('2025-01-01')]);
    expect(dateSpan('2024-02-29')).to.deep.equal([day('2024-02-29'), day('2024-03-01')]);
    const instant = Date.parse('2024-05-01T10:00:00-05:00');
    expect(dateSpan('2024-05-01T10:00:00-05:00')).to.deep.equal([instant, instant + 1]);
    expect(dateSpan('yesterday')).to.equal(undefined);
  });

  it('keeps a dateTime inside the range, including both end days', () => {
    const asked = range('2024-01-01', '2024-12-31');
    const at = (t: string) => careDateAdmits(asked, observation({ effectiveDateTime: t }));
    expect(at('2024-01-01T00:00:00Z')).to.equal(true);
    expect(at('2024-12-31T23:59:59Z')).to.equal(true);
    expect(at('2023-12-31T23:59:59Z')).to.equal(false);
    expect(at('2025-01-01T00:00:00Z')).to.equal(false);
    expect(at('2024-12-31T20:00:00-05:00')).to.equal(false);
  });

  it('keeps a period that overlaps the range; an open end runs on', () => {
    const asked = range('2024-06-01', '2024-06-30');
    const within = (start?: string, end?: string) =>
      careDateAdmits(
        asked,
        eob({ billablePeriod: { ...(start ? { start } : {}), ...(end ? { end } : {}) } }),
      );
    expect(within('2024-05-01', '2024-06-01')).to.equal(true);
    expect(within('2024-05-01', '2024-05-31')).to.equal(false);
    expect(within('2024-06-30', '2024-07-30')).to.equal(true);
    expect(within('2024-07-01', '2024-07-30')).to.equal(false);
    expect(within('2020-01-01')).to.equal(true);
    expect(within(undefined, '2024-05-31')).to.equal(false);
    expect(within(undefined, '2024-06-02')).to.equal(true);
  });

  it('takes the first group with a value: billing period, else service dates, else created', () => {
    const asked = range('2024-01-01', '2024-01-31');
    const billed = eob({
      billablePeriod: { start: '2023-05-01', end: '2023-05-02' },
      created: '2024-01-15T00:00:00Z',
    });
    expect(careDateAdmits(asked, billed)).to.equal(false);
    const lines = eob({
      item: [
        { sequence: 1, productOrService: {}, servicedDate: '2023-12-20' },
        {
          sequence: 2,
          productOrService: {},
          servicedPeriod: { start: '2024-01-30', end: '2024-02-02' },
        },
      ],
      created: '2024-03-01T00:00:00Z',
    });
    expect(careDateAdmits(asked, lines)).to.equal(true);
    expect(careDateAdmits(range('2024-03-01', '2024-03-31'), lines)).to.equal(false);
    const created = eob({ created: '2024-01-15T00:00:00Z' });
    expect(careDateAdmits(asked, created)).to.equal(true);
  });

  it('bounds only the side given', () => {
    const condition: Condition = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/p' },
      onsetDateTime: '2019-03-04',
    };
    expect(careDateAdmits(range('2019-03-04'), condition)).to.equal(true);
    expect(careDateAdmits(range('2019-03-05'), condition)).to.equal(false);
    expect(careDateAdmits(range(undefined, '2019-03-03'), condition)).to.equal(false);
    expect(careDateAdmits(range(undefined, '2019-03-04'), condition)).to.equal(true);
  });

  it('keeps what has no care date: other types, empty or unreadable values', () => {
    const asked = range('2024-01-01', '2024-01-31');
    const coverage: Coverage = {
      resourceType: 'Coverage',
      status: 'active',
      beneficiary: { reference: 'Patient/p' },
      payor: [{ reference: 'Organization/o' }],
      period: { start: '2010-01-01', end: '2011-01-01' },
    };
    expect(careDateAdmits(asked, coverage)).to.equal(true);
    expect(careDateAdmits(asked, observation({}))).to.equal(true);
    expect(careDateAdmits(asked, observation({ effectivePeriod: {} }))).to.equal(true);
    expect(careDateAdmits(undefined, observation({ effectiveDateTime: '1990' }))).to.equal(true);
  });
});

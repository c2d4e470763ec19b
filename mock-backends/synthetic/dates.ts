/**
 * Calendar arithmetic on whole UTC days, enough for synthetic birth dates and coverage
 * periods. Days are counted from 1970-01-01 so that dates compare and subtract as integers.
 * Conversions use integer arithmetic (the proleptic Gregorian "era" method) rather than
 * `Date`, which is several times slower and dominates generation of a million members.
 */

/** Year, month (1-12) and day of month. */
type Civil = readonly [number, number, number];

/** Days since 1970-01-01 for an ISO date `YYYY-MM-DD`. */
export function toDays(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  return daysFromCivil(year, month, day);
}

/** ISO date `YYYY-MM-DD` for a day number. */
export function fromDays(days: number): string {
  const [year, month, day] = civilFromDays(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** ISO instant (UTC, whole seconds) for a day number plus seconds into that day. */
export function instantAt(days: number, secondOfDay: number): string {
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${fromDays(days)}T${pad2(hours)}:${pad2(minutes)}:${pad2(secondOfDay % 60)}Z`;
}

/** The first day of the month `months` after (or before, if negative) the month of `days`. */
export function firstOfMonth(days: number, months = 0): number {
  const [year, month] = civilFromDays(days);
  const target = year * 12 + (month - 1) + months;
  return daysFromCivil(Math.floor(target / 12), (((target % 12) + 12) % 12) + 1, 1);
}

/** The last day of the month `months` after (or before) the month of `days`. */
export function lastOfMonth(days: number, months = 0): number {
  return firstOfMonth(days, months + 1) - 1;
}

/** The same calendar day `years` later (Feb 29 falls back to Mar 1 in common years). */
export function addYears(days: number, years: number): number {
  const [year, month, day] = civilFromDays(days);
  return daysFromCivil(year + years, month, day);
}

/** Whole calendar months from the month of `fromDay` to the month of `toDay`. */
export function monthsBetween(fromDay: number, toDay: number): number {
  const [fromYear, fromMonth] = civilFromDays(fromDay);
  const [toYear, toMonth] = civilFromDays(toDay);
  return (toYear - fromYear) * 12 + toMonth - fromMonth;
}

/** Whole years from `fromDay` to `toDay` (an age, when `fromDay` is a birth date). */
export function wholeYears(fromDay: number, toDay: number): number {
  const [fromYear, fromMonth, fromDate] = civilFromDays(fromDay);
  const [toYear, toMonth, toDate] = civilFromDays(toDay);
  const beforeBirthday = toMonth < fromMonth || (toMonth === fromMonth && toDate < fromDate);
  return toYear - fromYear - (beforeBirthday ? 1 : 0);
}

/** Day number of a civil date; days past the month's end roll over (Feb 29 -> Mar 1). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthPrime = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthPrime + 2) / 5) + 1;
  const month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

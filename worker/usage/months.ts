/** A calendar month in UTC, as the API names it: `2026-03`. */
export type Month = string;

export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The longest range one usage request may ask for. */
export const maxMonthsPerRequest = 36;

/**
 * When a month starts, in UTC.
 *
 * @example
 * monthStart("2026-03").toISOString() // "2026-03-01T00:00:00.000Z"
 */
export function monthStart(month: Month): Date {
  const [, year, index] = monthPattern.exec(month) ?? [];
  if (!year || !index) throw new Error(`not a month: ${month}`);
  return new Date(Date.UTC(Number(year), Number(index) - 1, 1));
}

/**
 * The month a moment falls in, in UTC.
 *
 * @example
 * monthOf(new Date("2026-03-31T23:59:59Z")) // "2026-03"
 */
export function monthOf(at: Date): Month {
  return at.toISOString().slice(0, 7);
}

/**
 * The month `count` months after `month` (before it when negative).
 *
 * @example
 * addMonths("2026-01", -1) // "2025-12"
 */
export function addMonths(month: Month, count: number): Month {
  const start = monthStart(month);
  return monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + count, 1)));
}

/**
 * Every month from `from` to `to`, both included, oldest first.
 *
 * @example
 * monthsBetween("2025-11", "2026-01") // ["2025-11", "2025-12", "2026-01"]
 */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

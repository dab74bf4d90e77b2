import type { MonthUsage } from "../../../usage/report.ts";

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A month's chart label: its short name, with the year under the first month and each January.
 *
 * @example
 * monthLabel("2027-01", 3) // ["Jan", "2027"]
 */
export function monthLabel(month: string, index: number): [string, string] {
  const [year, number] = month.split("-");
  const name = monthNames[Number(number) - 1] ?? month;
  return [name, index === 0 || number === "01" ? (year ?? "") : ""];
}

/** "July 2026", for the table and sentences. */
export function monthInWords(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The outcomes the page shows: jobs still queued or processing are one "in progress". */
export const outcomes = [
  { name: "Completed", className: "bar-completed", count: (m: MonthUsage) => m.jobs.completed },
  { name: "Failed", className: "bar-failed", count: (m: MonthUsage) => m.jobs.failed },
  { name: "Cancelled", className: "bar-cancelled", count: (m: MonthUsage) => m.jobs.cancelled },
  { name: "In progress", className: "bar-in-progress", count: (m: MonthUsage) => m.jobs.queued + m.jobs.processing },
] as const;

export const formatMinutes = (minutes: number) =>
  minutes >= 100 ? String(Math.round(minutes)) : String(Math.round(minutes * 10) / 10);

export const formatUsd = (usd: number) => `$${usd < 1 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;

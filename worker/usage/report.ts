import type { JobStatus } from "../../agents/contracts/job.ts";
import type { Month } from "./months.ts";

/**
 * One month of an owner's usage, counting the jobs started in it (UTC). Minutes are the
 * lengths of the lectures of completed jobs; AI cost is what the pipeline counted for them.
 * Plain types, so the web app imports them without the schemas.
 */
export type MonthUsage = {
  month: Month;
  startsAt: string;
  endsAt: string;
  minutesProcessed: number;
  aiCostUsd: number;
  jobs: Record<JobStatus, number> & { total: number };
};

/** An owner's monthly limits; null is unlimited. */
export type UsageLimits = { monthlyMinutes: number | null; monthlyCostUsd: number | null };

/** `GET /v1/usage`: the months asked for, oldest first, every one present, and the limits that apply now. */
export type UsageReport = {
  from: Month;
  to: Month;
  months: MonthUsage[];
  limits: UsageLimits & { resetsAt: string };
};

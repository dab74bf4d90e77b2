import { ProblemError } from "./problem.ts";

/** Which monthly limit, in the unit its `limit` and `used` members are counted in. */
export type ReachedLimit = { limit: "monthly_minutes" | "monthly_cost_usd"; allowed: number; used: number };

/**
 * 429 `usage_limit_reached`: the month's usage has reached one of the owner's limits, so no
 * new job starts until the limit is raised or the month ends (`resetsAt`, also `Retry-After`).
 *
 * @example
 * throw new UsageLimitReachedError({ limit: "monthly_minutes", allowed: 600, used: 612.5 }, new Date("2027-01-01"), now);
 * // members: { limit: "monthly_minutes", allowed: 600, used: 612.5, resetsAt: "2027-01-01T00:00:00.000Z" }
 */
export class UsageLimitReachedError extends ProblemError {
  constructor(reached: ReachedLimit, resetsAt: Date, now: Date) {
    const amount = reached.limit === "monthly_minutes" ? "lecture minutes" : "AI cost (USD)";
    super(
      429,
      "usage_limit_reached",
      `This month's ${amount} reached the monthly limit of ${reached.allowed} (used ${reached.used}); ` +
        `new jobs start again on ${resetsAt.toISOString().slice(0, 10)} or once the limit is raised.`,
      {
        headers: { "retry-after": String(Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000))) },
        members: { ...reached, resetsAt: resetsAt.toISOString() },
      },
    );
  }
}

import { eq } from "drizzle-orm";
import { type Database, schema, type Transaction } from "../../db/client.ts";
import { type ReachedLimit, UsageLimitReachedError } from "../errors/usage-limit.ts";
import { monthlyUsage } from "./aggregate.ts";
import { addMonths, monthOf, monthStart } from "./months.ts";
import type { UsageLimits } from "./report.ts";

const { usageLimits } = schema;

const unlimited: UsageLimits = { monthlyMinutes: null, monthlyCostUsd: null };

/** When the month of `now` ends (UTC), which is when its usage starts again from zero. */
export const resetOf = (now: Date) => monthStart(addMonths(monthOf(now), 1));

export async function readLimits(db: Database | Transaction, ownerId: string): Promise<UsageLimits> {
  const [row] = await db.select().from(usageLimits).where(eq(usageLimits.organizationId, ownerId));
  return row ? { monthlyMinutes: row.monthlyMinutes, monthlyCostUsd: row.monthlyCostUsd } : unlimited;
}

/** Replaces an owner's limits (null clears one). */
export async function writeLimits(db: Database, ownerId: string, limits: UsageLimits): Promise<UsageLimits> {
  await db
    .insert(usageLimits)
    .values({ organizationId: ownerId, ...limits })
    .onConflictDoUpdate({ target: usageLimits.organizationId, set: { ...limits, updatedAt: new Date() } });
  return limits;
}

/**
 * Refuses a new job of `ownerId` once this month's usage has reached a limit. Runs inside the
 * job-creating transaction and locks the owner's limits row first, so the checks of concurrent
 * creations run one after the other and each sees every job committed before it. Minutes and
 * cost are known when a job completes: jobs still running count as nothing yet, so a month can
 * end above its limit by what the jobs in flight when it was crossed add, never by jobs started
 * after the completed ones reached it. An owner without limits takes no lock.
 */
export async function refuseOverLimit(tx: Transaction, ownerId: string, now: Date): Promise<void> {
  const [limits] = await tx.select().from(usageLimits).where(eq(usageLimits.organizationId, ownerId)).for("update");
  if (!limits || (limits.monthlyMinutes === null && limits.monthlyCostUsd === null)) return;
  const month = monthOf(now);
  const [usage] = await monthlyUsage(tx, ownerId, month, month);
  const reached: ReachedLimit | undefined =
    limits.monthlyMinutes !== null && usage!.minutesProcessed >= limits.monthlyMinutes
      ? { limit: "monthly_minutes", allowed: limits.monthlyMinutes, used: usage!.minutesProcessed }
      : limits.monthlyCostUsd !== null && usage!.aiCostUsd >= limits.monthlyCostUsd
        ? { limit: "monthly_cost_usd", allowed: limits.monthlyCostUsd, used: usage!.aiCostUsd }
        : undefined;
  if (reached) throw new UsageLimitReachedError(reached, resetOf(now), now);
}

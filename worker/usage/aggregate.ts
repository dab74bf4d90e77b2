import { and, eq, gte, lt, sql } from "drizzle-orm";
import { jobStatuses } from "../../agents/contracts/job.ts";
import { type Database, schema, type Transaction } from "../../db/client.ts";
import { addMonths, type Month, monthStart, monthsBetween } from "./months.ts";
import { usageOwnerColumn } from "./owner.ts";
import type { MonthUsage } from "./report.ts";

const { jobs } = schema;

// The month in UTC whatever the session's time zone: `at time zone 'UTC'` drops the offset first.
const monthOfJob = sql<string>`to_char(date_trunc('month', ${jobs.createdAt} at time zone 'UTC'), 'YYYY-MM')`;

/**
 * The query behind `monthlyUsage`: one row per month and status of the owner's jobs started
 * from `from` to `to` (both included), summed by Postgres over a range scan of
 * `jobs_organization_created_idx`. Exported for the benchmark's EXPLAIN.
 */
export function usageRows(db: Database | Transaction, ownerId: string, from: Month, to: Month) {
  return db
    .select({
      month: monthOfJob,
      status: jobs.status,
      count: sql<number>`count(*)::int`,
      seconds: sql<number>`coalesce(sum(${jobs.durationSeconds}) filter (where ${jobs.status} = 'completed'), 0)::float8`,
      costUsd: sql<number>`coalesce(sum(${jobs.aiCostUsd}), 0)::float8`,
    })
    .from(jobs)
    .where(
      and(
        eq(usageOwnerColumn, ownerId),
        gte(jobs.createdAt, monthStart(from)),
        lt(jobs.createdAt, monthStart(addMonths(to, 1))),
      ),
    )
    .groupBy(sql`1`, sql`2`);
}

/**
 * An owner's usage per month from `from` to `to` (both included); months without jobs are
 * there with zeros.
 *
 * @example
 * await monthlyUsage(db, organizationId, "2026-07", "2026-12") // six MonthUsage, July first
 */
export async function monthlyUsage(
  db: Database | Transaction,
  ownerId: string,
  from: Month,
  to: Month,
): Promise<MonthUsage[]> {
  const rows = await usageRows(db, ownerId, from, to);
  return monthsBetween(from, to).map((month) => {
    const of = rows.filter((row) => row.month === month);
    const counts = Object.fromEntries(
      jobStatuses.map((status) => [status, of.find((row) => row.status === status)?.count ?? 0]),
    ) as MonthUsage["jobs"];
    counts.total = of.reduce((sum, row) => sum + row.count, 0);
    return {
      month,
      startsAt: monthStart(month).toISOString(),
      endsAt: monthStart(addMonths(month, 1)).toISOString(),
      minutesProcessed: round(of.reduce((sum, row) => sum + row.seconds, 0) / 60, 2),
      aiCostUsd: round(
        of.reduce((sum, row) => sum + row.costUsd, 0),
        6,
      ),
      jobs: counts,
    };
  });
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

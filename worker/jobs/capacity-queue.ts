import { inArray, sql } from "drizzle-orm";
import type { CapacityWait } from "../../agents/contracts/job-api.ts";
import { type Database, schema } from "../../db/client.ts";
import type { JobRow } from "./snapshot.ts";

/**
 * Where each of `jobs` that waits for a free media worker stands in line: since when it waits
 * and how many jobs (anyone's: the fleet is shared) have waited longer. One query for a page.
 *
 * @example
 * const waits = await capacityWaits(db, page); // Map { jobId => { since, jobsAhead } }
 */
export async function capacityWaits(db: Database, jobs: JobRow[]): Promise<Map<string, CapacityWait>> {
  const ids = jobs.filter((job) => job.status === "queued" && job.capacityWaitSince).map((job) => job.id);
  if (ids.length === 0) return new Map();
  const j = schema.jobs;
  const rows = await db
    .select({
      id: j.id,
      since: j.capacityWaitSince,
      // Spelled out: drizzle leaves columns unqualified, which inside the subquery would mean `other`.
      jobsAhead: sql<number>`(select count(*)::int from jobs as other
        where other.status = 'queued' and other.capacity_wait_since < jobs.capacity_wait_since)`,
    })
    .from(j)
    .where(inArray(j.id, ids));
  return new Map(
    rows.flatMap((row) =>
      row.since ? [[row.id, { since: row.since.toISOString(), jobsAhead: Number(row.jobsAhead) }] as const] : [],
    ),
  );
}

/** `capacityWaits` for one job: null unless it waits for capacity. */
export async function capacityWait(db: Database, job: JobRow): Promise<CapacityWait | null> {
  return (await capacityWaits(db, [job])).get(job.id) ?? null;
}

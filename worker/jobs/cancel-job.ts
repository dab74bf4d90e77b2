import { eq } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../errors/problem.ts";
import { commitJobChange } from "./commit-change.ts";
import { failJob } from "./job-state.ts";
import type { JobRow } from "./snapshot.ts";

/**
 * Cancels a queued or running job at once. The media worker is told to stop the attempt
 * whatever the status read was: a dispatch in flight may be handing it over right now (and the
 * dispatch, finding the job cancelled, tells it too). Anything it reports afterwards is ignored
 * (the job is finished). Cancelling twice is fine.
 */
export async function cancelJob(env: Env, db: Database, job: JobRow): Promise<JobRow> {
  if (job.status === "cancelled") return job;
  if (job.status === "completed" || job.status === "failed") {
    throw new ProblemError(409, "job_finished", `The job already ${job.status}.`);
  }
  const now = new Date();
  const cancelled = failJob("cancelled", "Cancelled at the user's request.", now);
  const expected = { id: job.id, statuses: ["queued" as const, "processing" as const] };
  const patch = { ...cancelled.patch, status: "cancelled" as const, capacityWaitSince: null };
  const updated = await commitJobChange(env, db, expected, patch, (row) => [
    { kind: "publish", message: cancelled.message },
    { kind: "cancel_attempt", attempt: row.attempt },
  ]);
  if (updated) return updated;
  const [current] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, job.id));
  return cancelJob(env, db, current!);
}

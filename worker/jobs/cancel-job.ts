import { and, eq, inArray } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../errors/problem.ts";
import { failJob } from "./job-state.ts";
import type { MediaWorkerClient } from "./media-worker-client.ts";
import { publishJobUpdate } from "./publish-job-update.ts";
import type { JobRow } from "./snapshot.ts";

/**
 * Cancels a queued or running job at once; a running one's media worker is told to stop, and
 * anything it reports afterwards is ignored (the job is finished). Cancelling twice is fine.
 */
export async function cancelJob(
  env: Env,
  db: Database,
  job: JobRow,
  mediaWorker: MediaWorkerClient,
  waitUntil: (work: Promise<unknown>) => void,
): Promise<JobRow> {
  if (job.status === "cancelled") return job;
  if (job.status === "completed" || job.status === "failed") {
    throw new ProblemError(409, "job_finished", `The job already ${job.status}.`);
  }
  const now = new Date();
  const cancelled = failJob("cancelled", "Cancelled at the user's request.", now);
  const [updated] = await db
    .update(schema.jobs)
    .set({ ...cancelled.patch, status: "cancelled" })
    .where(and(eq(schema.jobs.id, job.id), inArray(schema.jobs.status, ["queued", "processing"])))
    .returning();
  if (!updated) {
    const [current] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, job.id));
    return cancelJob(env, db, current!, mediaWorker, waitUntil);
  }
  if (job.status === "processing") {
    waitUntil(
      mediaWorker
        .cancel(job.id, job.attempt)
        .catch((error: Error) =>
          console.error(
            JSON.stringify({ level: "warn", msg: "media worker cancel failed", jobId: job.id, error: error.message }),
          ),
        ),
    );
  }
  await publishJobUpdate(env, updated, cancelled.message);
  return updated;
}

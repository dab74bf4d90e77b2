import { and, eq } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";

/**
 * Sends the job's current attempt to the jobs queue, then records that it was sent. The row is
 * always written first: if the send fails, `enqueued_at` stays null and the cron sweep sends it
 * later, so no job is lost between the database and the queue.
 */
export async function enqueueJob(
  env: Pick<Env, "JOBS_QUEUE">,
  db: Database,
  job: { id: string; attempt: number },
): Promise<void> {
  await env.JOBS_QUEUE.send({ jobId: job.id, attempt: job.attempt });
  await db
    .update(schema.jobs)
    .set({ enqueuedAt: new Date() })
    .where(and(eq(schema.jobs.id, job.id), eq(schema.jobs.attempt, job.attempt)));
}

import { and, eq, isNull, lt } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { recordJobFinished } from "../webhooks/record-job-finished.ts";
import { enqueueJob } from "./enqueue.ts";
import { failJob, nextAttempt } from "./job-state.ts";
import { publishJobUpdate } from "./publish-job-update.ts";

/** How long a queued job may wait unsent before the sweep sends it (the API sends at once). */
const UNSENT_GRACE_MS = 30_000;

/**
 * Jobs whose media worker stopped reporting (crash, container restart): each goes back to the
 * queue as its next attempt and resumes from its checkpoints, or fails once out of attempts.
 * Every update is conditional on the state read, so two sweeps at once cannot both act.
 */
export async function recoverExpiredLeases(
  env: Env,
  db: Database,
  now = new Date(),
): Promise<{ requeued: number; failed: number }> {
  const expired = await db
    .select()
    .from(schema.jobs)
    .where(and(eq(schema.jobs.status, "processing"), lt(schema.jobs.leaseExpiresAt, now)))
    .limit(100);
  let requeued = 0;
  let failed = 0;
  for (const job of expired) {
    const outOfAttempts = job.attempt >= job.maxAttempts;
    const failure = failJob(
      "attempts_exhausted",
      `The media worker stopped reporting progress on each of ${job.attempt} attempts.`,
      now,
    );
    const [updated] = await db
      .update(schema.jobs)
      .set(outOfAttempts ? failure.patch : nextAttempt(job))
      .where(
        and(eq(schema.jobs.id, job.id), eq(schema.jobs.attempt, job.attempt), eq(schema.jobs.status, "processing")),
      )
      .returning();
    if (!updated) continue;
    if (outOfAttempts) {
      failed++;
      await publishJobUpdate(env, updated, failure.message);
      await recordJobFinished(env, db, updated);
    } else {
      requeued++;
      await enqueueJob(env, db, updated);
      await publishJobUpdate(env, updated);
    }
  }
  return { requeued, failed };
}

/** Jobs written but never handed to the queue (the send failed after the row was committed). */
export async function enqueueUnsentJobs(env: Env, db: Database, now = new Date()): Promise<number> {
  const unsent = await db
    .select({ id: schema.jobs.id, attempt: schema.jobs.attempt })
    .from(schema.jobs)
    .where(
      and(
        eq(schema.jobs.status, "queued"),
        isNull(schema.jobs.enqueuedAt),
        lt(schema.jobs.updatedAt, new Date(now.getTime() - UNSENT_GRACE_MS)),
      ),
    )
    .limit(100);
  for (const job of unsent) await enqueueJob(env, db, job);
  return unsent.length;
}

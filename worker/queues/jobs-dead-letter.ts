import { and, eq } from "drizzle-orm";
import { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { schema } from "../../db/client.ts";
import { failJob } from "../jobs/job-state.ts";
import { publishJobUpdate } from "../jobs/publish-job-update.ts";
import { recordJobFinished } from "../webhooks/record-job-finished.ts";
import { withDatabase } from "../with-database.ts";
import type { QueueHandler } from "./index.ts";

/**
 * Consumer of `lh-jobs-dlq`: a job message that exhausted its retries means no media worker
 * took the job; the job fails with a clear code instead of waiting forever.
 */
export const consumeDeadJobs: QueueHandler = (batch, env, ctx) =>
  withDatabase(env, ctx, async (db) => {
    for (const message of batch.messages) {
      const body = JobQueueMessage.safeParse(message.body);
      if (body.success) {
        const failure = failJob(
          "dispatch_failed",
          "No media worker accepted the job after repeated tries.",
          new Date(),
        );
        const [failed] = await db
          .update(schema.jobs)
          .set(failure.patch)
          .where(
            and(
              eq(schema.jobs.id, body.data.jobId),
              eq(schema.jobs.attempt, body.data.attempt),
              eq(schema.jobs.status, "queued"),
            ),
          )
          .returning();
        if (failed) {
          await publishJobUpdate(env, failed, failure.message);
          await recordJobFinished(env, db, failed);
        }
      }
      message.ack();
    }
  });

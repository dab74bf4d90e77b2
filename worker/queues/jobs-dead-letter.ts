import { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { commitJobChange, finishedEffects } from "../jobs/commit-change.ts";
import { failJob } from "../jobs/job-state.ts";
import { withDatabase } from "../with-database.ts";
import type { QueueHandler } from "./index.ts";

/**
 * Consumer of `lh-jobs-dlq`: a job message that exhausted its retries means dispatching kept
 * failing (a busy fleet does not spend retries: such jobs wait); the job fails with a clear code
 * instead of waiting forever.
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
        const expected = { id: body.data.jobId, attempt: body.data.attempt, statuses: ["queued" as const] };
        await commitJobChange(env, db, expected, failure.patch, () => finishedEffects(failure.message));
      }
      message.ack();
    }
  });

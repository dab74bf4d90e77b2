import { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { dispatchJob, retryDelaySeconds } from "../jobs/dispatch.ts";
import { mediaFleet } from "../jobs/media-fleet.ts";
import { withDatabase } from "../with-database.ts";
import type { QueueHandler } from "./index.ts";

/** Consumer of `lh-jobs`: dispatches each job to the media fleet, retrying with delays when it is busy. */
export const consumeJobs: QueueHandler = (batch, env, ctx) =>
  withDatabase(env, ctx, async (db) => {
    const mediaWorker = mediaFleet(env);
    for (const message of batch.messages) {
      const body = JobQueueMessage.safeParse(message.body);
      if (!body.success) {
        console.error(JSON.stringify({ level: "error", msg: "malformed jobs message dropped", id: message.id }));
        message.ack();
        continue;
      }
      try {
        const outcome = await dispatchJob({ env, db, mediaWorker }, body.data, message.attempts);
        if (outcome.action === "ack") message.ack();
        else message.retry({ delaySeconds: outcome.delaySeconds });
        console.log(JSON.stringify({ level: "info", msg: "dispatch", jobId: body.data.jobId, ...outcome }));
      } catch (error) {
        console.error(
          JSON.stringify({
            level: "error",
            msg: "dispatch failed",
            jobId: body.data.jobId,
            error: (error as Error).message,
          }),
        );
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
    }
  });

import { and, eq } from "drizzle-orm";
import type { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { backoffSeconds } from "../queues/backoff.ts";
import type { MediaWorkerClient } from "./media-worker-client.ts";
import { publishJobUpdate } from "./publish-job-update.ts";

export type DispatchOutcome =
  | { action: "ack"; reason: string }
  | { action: "retry"; delaySeconds: number; reason: string };

type DispatchDeps = { env: Env; db: Database; mediaWorker: MediaWorkerClient };

/** Exponential backoff with jitter for queue retries: 5 s, 10 s, 20 s … capped at 5 min. */
export function retryDelaySeconds(deliveryAttempt: number, atLeast = 0, random = Math.random): number {
  return Math.max(atLeast, backoffSeconds(deliveryAttempt, { baseSeconds: 5, maxSeconds: 300 }, random));
}

/**
 * Hands one queued job to the media fleet. The consumer never waits for the job itself: once the
 * media worker accepts, the job holds a lease that its progress reports renew. Duplicate and
 * stale deliveries are acknowledged without effect.
 */
export async function dispatchJob(
  { env, db, mediaWorker }: DispatchDeps,
  message: JobQueueMessage,
  deliveryAttempt: number,
): Promise<DispatchOutcome> {
  const [job] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, message.jobId));
  if (!job) return { action: "ack", reason: "unknown job" };
  if (job.attempt !== message.attempt) return { action: "ack", reason: "message for an older attempt" };
  if (job.status !== "queued") return { action: "ack", reason: `job is ${job.status}` };
  const [upload] = await db.select().from(schema.uploads).where(eq(schema.uploads.id, job.uploadId));
  if (!upload) return { action: "ack", reason: "upload gone" };

  const result = await mediaWorker.submit({
    jobId: job.id,
    attempt: job.attempt,
    input: { key: upload.objectKey, contentType: upload.contentType, sizeBytes: upload.sizeBytes },
    options: job.options,
    reportUrl: new URL(`/internal/jobs/${job.id}/events`, env.PUBLIC_BASE_URL).toString(),
  });
  if (result.outcome === "busy") {
    return {
      action: "retry",
      delaySeconds: retryDelaySeconds(deliveryAttempt, result.retryAfterSeconds),
      reason: "media worker busy",
    };
  }
  if (result.outcome === "failed")
    return { action: "retry", delaySeconds: retryDelaySeconds(deliveryAttempt), reason: result.detail };

  const now = new Date();
  const [dispatched] = await db
    .update(schema.jobs)
    .set({
      status: "processing",
      leaseExpiresAt: new Date(now.getTime() + Number(env.JOB_LEASE_SECONDS) * 1000),
      startedAt: job.startedAt ?? now,
    })
    .where(and(eq(schema.jobs.id, job.id), eq(schema.jobs.attempt, job.attempt), eq(schema.jobs.status, "queued")))
    .returning();
  if (dispatched) await publishJobUpdate(env, dispatched);
  return { action: "ack", reason: "dispatched" };
}

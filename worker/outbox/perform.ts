import { eq } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import { emailSender } from "../email/sender.ts";
import type { Env } from "../env.ts";
import { capacityWait } from "../jobs/capacity-queue.ts";
import { enqueueJob } from "../jobs/enqueue.ts";
import type { MediaWorkerClient } from "../jobs/media-worker-client.ts";
import { publishJobUpdate } from "../jobs/publish-job-update.ts";
import { notifyJobOutcome } from "../notifications/notify-job.ts";
import { jobFinishedPoint, writeMetric } from "../observability/metrics.ts";
import { recordJobFinished } from "../webhooks/record-job-finished.ts";
import type { OutboxEffect } from "./effect.ts";

type EffectDeps = { env: Env; db: Database; mediaWorker: MediaWorkerClient; now: Date };

/** Cloudflare Queues delay a message by at most 12 hours. */
const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;

/** Seconds from `now` until `notBefore`, within what the queue accepts; 0 when it has passed. */
export function queueDelaySeconds(notBefore: string | undefined, now: Date): number {
  if (!notBefore) return 0;
  const seconds = Math.ceil((Date.parse(notBefore) - now.getTime()) / 1000);
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, seconds));
}

/**
 * Does one outbox effect against the job's state as it is now (not as it was when the effect
 * was written: a late drain must not publish an old snapshot). A job deleted since owes nothing.
 */
export async function performEffect(
  { env, db, mediaWorker, now }: EffectDeps,
  { jobId, effect }: { jobId: string; effect: OutboxEffect },
): Promise<void> {
  if (effect.kind === "cancel_attempt") return mediaWorker.cancel(jobId, effect.attempt);
  if (effect.kind === "dispatch") {
    const delaySeconds = queueDelaySeconds(effect.notBefore, now);
    return enqueueJob(
      env,
      db,
      { id: jobId, attempt: effect.attempt, capacityRound: effect.capacityRound },
      delaySeconds,
    );
  }
  const [job] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
  if (!job) return;
  if (effect.kind === "announce") {
    // Every way a job ends (a report, an expired lease, the dead-letter queue, capacity) announces it.
    await recordJobFinished(env, db, job, effect.manifest);
    return writeMetric(env, jobFinishedPoint(job));
  }
  if (effect.kind === "notify") {
    await notifyJobOutcome(env, db, job, emailSender(env), now);
    return;
  }
  const waiting = await capacityWait(db, job);
  if (effect.kind === "publish") return publishJobUpdate(env, job, effect.message, waiting);
  return publishJobUpdate(env, job, waiting ? { type: "waiting", ...waiting } : undefined, waiting);
}

import { eq } from "drizzle-orm";
import type { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { drainOutbox } from "../outbox/drain.ts";
import { recordEffects } from "../outbox/record.ts";
import { backoffSeconds } from "../queues/backoff.ts";
import { nextCapacityWait } from "./capacity-wait.ts";
import { commitJobChange, finishedEffects } from "./commit-change.ts";
import { failJob } from "./job-state.ts";
import type { MediaWorkerClient } from "./media-worker-client.ts";
import type { JobRow } from "./snapshot.ts";

export type DispatchOutcome =
  | { action: "ack"; reason: string }
  | { action: "retry"; delaySeconds: number; reason: string };

type DispatchDeps = { env: Env; db: Database; mediaWorker: MediaWorkerClient };

/** Exponential backoff with jitter for queue retries: 5 s, 10 s, 20 s … capped at 5 min. */
export function retryDelaySeconds(deliveryAttempt: number, random = Math.random): number {
  return backoffSeconds(deliveryAttempt, { baseSeconds: 5, maxSeconds: 300 }, random);
}

/**
 * Hands one queued job to the media fleet. The consumer never waits for the job itself: once the
 * media worker accepts, the job holds a lease that its heartbeats renew. A full fleet makes the
 * job wait (see capacity-wait.ts); only errors spend the queue's retries. Duplicate and stale
 * deliveries are acknowledged without effect.
 */
export async function dispatchJob(
  deps: DispatchDeps,
  message: JobQueueMessage,
  deliveryAttempt: number,
  now = new Date(),
): Promise<DispatchOutcome> {
  const { env, db, mediaWorker } = deps;
  const [job] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, message.jobId));
  if (!job) return { action: "ack", reason: "unknown job" };
  if (job.attempt !== message.attempt) return { action: "ack", reason: "message for an older attempt" };
  if (job.status !== "queued") return { action: "ack", reason: `job is ${job.status}` };
  if (job.capacityRound !== (message.capacityRound ?? 0))
    return { action: "ack", reason: "a copy of an earlier round of the wait" };
  const [upload] = await db.select().from(schema.uploads).where(eq(schema.uploads.id, job.uploadId));
  if (!upload) return { action: "ack", reason: "upload gone" };

  const result = await mediaWorker.submit({
    jobId: job.id,
    attempt: job.attempt,
    input: {
      key: upload.objectKey,
      contentType: upload.contentType,
      sizeBytes: upload.sizeBytes,
      ...(upload.objectEtag ? { etag: upload.objectEtag } : {}),
    },
    options: job.options,
    reportUrl: new URL(`/internal/jobs/${job.id}/events`, env.INTERNAL_BASE_URL).toString(),
    leaseSeconds: Number(env.JOB_LEASE_SECONDS),
  });
  switch (result.outcome) {
    case "accepted":
      return markDispatched(deps, job, now);
    case "busy":
      return waitForCapacity(deps, job, message, result.retryAfterSeconds, now);
    case "superseded":
      return { action: "ack", reason: "the media worker runs a newer attempt" };
    case "failed":
      return { action: "retry", delaySeconds: retryDelaySeconds(deliveryAttempt), reason: result.detail };
  }
}

/**
 * The attempt runs: the job holds a lease from now. If the job was cancelled (or moved on) while
 * the media worker was accepting it, the media worker is told to stop what it just started.
 */
async function markDispatched({ env, db }: DispatchDeps, job: JobRow, now: Date): Promise<DispatchOutcome> {
  const expected = { id: job.id, attempt: job.attempt, statuses: ["queued" as const] };
  const patch = {
    status: "processing" as const,
    leaseExpiresAt: new Date(now.getTime() + Number(env.JOB_LEASE_SECONDS) * 1000),
    startedAt: job.startedAt ?? now,
    capacityWaitSince: null,
    capacityRound: 0,
  };
  if (await commitJobChange(env, db, expected, patch, () => [{ kind: "publish" }]))
    return { action: "ack", reason: "dispatched" };
  const [current] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, job.id));
  // A "started" report can arrive before this update: the attempt runs, as it should.
  if (!current || (current.attempt === job.attempt && current.status === "processing"))
    return { action: "ack", reason: "dispatched" };
  const ids = await recordEffects(db, job.id, [{ kind: "cancel_attempt", attempt: job.attempt }]);
  await drainOutbox(env, db, { ids });
  return { action: "ack", reason: `job became ${current.status} while dispatching: attempt cancelled` };
}

async function waitForCapacity(
  { env, db }: DispatchDeps,
  job: JobRow,
  message: JobQueueMessage,
  retryAfterSeconds: number,
  now: Date,
): Promise<DispatchOutcome> {
  const timeoutSeconds = Number(env.JOB_QUEUE_TIMEOUT_SECONDS) || 86_400;
  const decision = nextCapacityWait(job, message, now, { timeoutSeconds, retryAfterSeconds });
  if (decision.kind === "stale") return { action: "ack", reason: decision.reason };
  const expected = {
    id: job.id,
    attempt: job.attempt,
    statuses: ["queued" as const],
    capacityRound: job.capacityRound,
  };
  if (decision.kind === "timeout") {
    const hours = Math.round(decision.waitedSeconds / 360) / 10;
    const failure = failJob("capacity_timeout", `No media worker had room for the job in ${hours} h of waiting.`, now);
    await commitJobChange(env, db, expected, failure.patch, () => finishedEffects(failure.message));
    return { action: "ack", reason: "waited past the queue timeout" };
  }
  const ask = { kind: "dispatch" as const, attempt: job.attempt, capacityRound: decision.round };
  await commitJobChange(env, db, expected, decision.patch, () => [
    { ...ask, notBefore: decision.notBefore.toISOString() },
    { kind: "publish_wait" },
  ]);
  return { action: "ack", reason: `media worker busy: asking again at ${decision.notBefore.toISOString()}` };
}

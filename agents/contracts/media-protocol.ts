import { z } from "zod";
import { ResultManifest } from "./artifacts.ts";
import { JobErrorCode, JobOptions, StageName } from "./job.ts";

/**
 * The contract between the Worker and the media worker: the Worker POSTs a JobSpec to the
 * media worker's `/jobs`; the media worker reports WorkerEvents to the Worker's
 * `/internal/jobs/:id/events`. Both directions are authenticated (see `internal-auth.ts`).
 */

export const JobSpec = z.object({
  jobId: z.string().uuid(),
  attempt: z.number().int().min(1),
  input: z.object({
    key: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    /** The object's ETag when its upload completed: an object with another one was replaced since. */
    etag: z.string().min(1).max(200).optional(),
  }),
  options: JobOptions,
  /** Absolute URL of the Worker's events endpoint for this job. */
  reportUrl: z.string().url(),
  /**
   * How long the attempt's lease lasts without a heartbeat. The media worker sends a `heartbeat`
   * event every quarter of it, so three lost heartbeats in a row still keep the lease.
   */
  leaseSeconds: z.number().int().positive().optional(),
});
export type JobSpec = z.infer<typeof JobSpec>;

const eventBase = {
  jobId: z.string().uuid(),
  attempt: z.number().int().min(1),
  /** Rises by one per event within an attempt; (jobId, attempt, seq) makes a report idempotent. */
  seq: z.number().int().min(0),
  at: z.string(),
};

export const WorkerEvent = z.discriminatedUnion("type", [
  z.object({ ...eventBase, type: z.literal("started") }),
  /**
   * Sent on a timer while an attempt runs, whatever its stage is doing: heartbeats, not progress,
   * hold the lease (an hour-long OpenAI upload or ffmpeg encode reports no progress for minutes).
   */
  z.object({ ...eventBase, type: z.literal("heartbeat") }),
  z.object({ ...eventBase, type: z.literal("progress"), stage: StageName, progress: z.number().min(0).max(1) }),
  z.object({
    ...eventBase,
    type: z.literal("stage"),
    stage: StageName,
    status: z.enum(["completed", "skipped"]),
    checkpointKey: z.string(),
    durationMs: z.number().nonnegative(),
  }),
  /**
   * The media worker was told to stop (SIGTERM: a deploy, a host restart) and gave the attempt
   * up after keeping its finished stages' checkpoints: the Worker dispatches the next attempt at
   * once, instead of after the lease, and the interruption does not count against the job.
   */
  z.object({ ...eventBase, type: z.literal("interrupted"), reason: z.string() }),
  z.object({ ...eventBase, type: z.literal("completed"), manifestKey: z.string(), manifest: ResultManifest }),
  z.object({
    ...eventBase,
    type: z.literal("failed"),
    code: JobErrorCode,
    message: z.string(),
    stage: StageName.optional(),
    /** False for bad input: retrying cannot help. */
    retryable: z.boolean(),
    /**
     * What the AI calls of the stages the job finished cost, in USD (as a manifest's
     * `stats.costUsd` would count them); the job's usage keeps it when this failure is final.
     */
    costUsd: z.number().nonnegative().optional(),
  }),
]);
export type WorkerEvent = z.infer<typeof WorkerEvent>;

/**
 * The largest body of any internal call (job spec, cancel, event report with its manifest):
 * both ends refuse more with 413 before reading it whole, signed or not.
 */
export const INTERNAL_BODY_LIMIT_BYTES = 256 * 1024;

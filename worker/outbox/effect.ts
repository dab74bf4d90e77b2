import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import type { ProgressPayload } from "../../agents/contracts/progress.ts";

/**
 * One side effect a committed job change owes the outside world. Each is safe to perform more
 * than once: the room gets the job's current snapshot, the jobs queue drops stale copies,
 * webhook deliveries are unique per (job, event, destination), emails per (job, user, outcome),
 * a cancel is idempotent.
 */
export type OutboxEffect =
  /** The job's room gets its current snapshot and, optionally, one message for subscribers. */
  | { kind: "publish"; message?: ProgressPayload }
  /** The room hears that the job waits for capacity, with its place in line as of the drain. */
  | { kind: "publish_wait" }
  /** A jobs-queue message for the attempt, delivered no earlier than `notBefore` (ISO time). */
  | { kind: "dispatch"; attempt: number; capacityRound?: number; notBefore?: string }
  /** Webhook deliveries of a finished job (job.completed with its manifest's summary, job.failed). */
  | { kind: "announce"; manifest?: ResultManifest }
  /** The emails a finished job's user asked for; one per (job, user, outcome), recorded in job_notifications. */
  | { kind: "notify" }
  /** The media worker stops this attempt (the job was cancelled or moved on while it ran). */
  | { kind: "cancel_attempt"; attempt: number };

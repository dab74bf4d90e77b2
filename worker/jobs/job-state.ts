import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import type { JobErrorCode, StageStates } from "../../agents/contracts/job.ts";
import type { WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import type { ProgressPayload } from "../../agents/contracts/progress.ts";
import { type JobRow, overallProgress } from "./snapshot.ts";

export type JobPatch = Partial<Omit<JobRow, "id" | "userId" | "uploadId" | "createdAt">>;

export type Transition =
  | { kind: "ignore"; reason: string }
  | { kind: "apply"; patch: JobPatch; message?: ProgressPayload; requeue?: boolean };

/**
 * What one media worker event does to a job: the rules of the lifecycle in one pure function.
 * Reports from another attempt, about a finished job, or older than one already applied change
 * nothing; a heartbeat only extends the running attempt's lease; a retryable failure with
 * attempts left sends the job round again.
 *
 * @example
 * const t = nextJobState(job, event, new Date(), 120);
 * if (t.kind === "apply") await db.update(jobs).set(t.patch)...
 */
export function nextJobState(job: JobRow, event: WorkerEvent, now: Date, leaseSeconds: number): Transition {
  if (job.status === "completed" || job.status === "failed" || job.status === "cancelled") {
    return { kind: "ignore", reason: `job already ${job.status}` };
  }
  if (event.attempt !== job.attempt)
    return { kind: "ignore", reason: `report from attempt ${event.attempt}, job is on ${job.attempt}` };
  if (event.seq <= job.lastEventSeq) return { kind: "ignore", reason: "older than a report already applied" };
  // Only the lease: a heartbeat racing ahead of a progress report must not make it look stale.
  if (event.type === "heartbeat") {
    return job.status === "processing"
      ? { kind: "apply", patch: { leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000) } }
      : { kind: "ignore", reason: "the attempt is not running yet" };
  }

  const renewed: JobPatch = {
    status: "processing",
    lastEventSeq: event.seq,
    leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000),
    startedAt: job.startedAt ?? now,
  };
  switch (event.type) {
    case "started":
      return { kind: "apply", patch: renewed };
    case "progress": {
      const previous = job.stages[event.stage];
      if (previous?.status === "completed" || previous?.status === "skipped") return { kind: "apply", patch: renewed };
      const stages: StageStates = {
        ...job.stages,
        [event.stage]: { status: "running", progress: event.progress, startedAt: previous?.startedAt ?? event.at },
      };
      const progress = overallProgress(stages);
      return {
        kind: "apply",
        patch: { ...renewed, stages, stage: event.stage, progress },
        message: { type: "progress", stage: event.stage, stageProgress: event.progress, progress },
      };
    }
    case "stage": {
      const stages: StageStates = {
        ...job.stages,
        [event.stage]: {
          status: event.status,
          progress: 1,
          startedAt: job.stages[event.stage]?.startedAt,
          finishedAt: event.at,
          durationMs: event.durationMs,
        },
      };
      return {
        kind: "apply",
        patch: { ...renewed, stages, progress: overallProgress(stages) },
        message: { type: "stage", stage: event.stage, status: event.status },
      };
    }
    case "completed":
      return {
        kind: "apply",
        patch: {
          status: "completed",
          lastEventSeq: event.seq,
          progress: 1,
          stage: null,
          leaseExpiresAt: null,
          manifestKey: event.manifestKey,
          durationSeconds: event.manifest.durationSeconds,
          posterKey: posterOf(event.manifest),
          aiCostUsd: aiCostOf(event.manifest),
          finishedAt: now,
        },
        message: { type: "completed", resultsUrl: `/v1/jobs/${job.id}/results` },
      };
    case "interrupted":
      if (job.attempt >= maxAttemptsWithInterruptions)
        return failedWith(event.seq, "attempts_exhausted", `Interrupted on each of ${job.attempt} attempts.`, now);
      // The attempt ran out of time, not luck: it gives its attempt back.
      return { kind: "apply", patch: { ...nextAttempt(job), maxAttempts: job.maxAttempts + 1 }, requeue: true };
    case "failed": {
      if (event.retryable && job.attempt < job.maxAttempts)
        return { kind: "apply", patch: nextAttempt(job), requeue: true };
      return failedWith(event.seq, event.code, event.message, now, event.costUsd);
    }
  }
}

/**
 * Interruptions do not spend a job's attempts (hosts restart their containers on their own
 * schedule), but a job interrupted this many times in all fails rather than circling forever.
 */
export const maxAttemptsWithInterruptions = 20;

/** A final failure; `costUsd` is what its finished stages' AI calls cost, counted in usage like a completed job's. */
function failedWith(seq: number, code: JobErrorCode, message: string, now: Date, costUsd?: number): Transition {
  const failure = failJob(code, message, now);
  const spent = costUsd === undefined ? {} : { aiCostUsd: costUsd };
  return { kind: "apply", patch: { ...failure.patch, ...spent, lastEventSeq: seq }, message: failure.message };
}

/** The picture a job is shown by: its earliest highlight's poster, else its first slide. */
function posterOf(manifest: ResultManifest): string | null {
  const earliest = manifest.highlights.toSorted((a, b) => a.start - b.start).find((h) => h.thumbnailKey);
  return earliest?.thumbnailKey ?? manifest.slides?.find((slide) => slide.thumbnailKey)?.thumbnailKey ?? null;
}

/** The AI cost the pipeline counted (`stats.costUsd`); a manifest without one spent nothing we know of. */
function aiCostOf(manifest: ResultManifest): number {
  const cost = manifest.stats.costUsd;
  return typeof cost === "number" && Number.isFinite(cost) && cost > 0 ? cost : 0;
}

/** The job goes back to the queue as its next attempt; stage checkpoints let it resume. */
export function nextAttempt(job: JobRow): JobPatch {
  return {
    status: "queued",
    attempt: job.attempt + 1,
    lastEventSeq: -1,
    leaseExpiresAt: null,
    enqueuedAt: null,
    capacityWaitSince: null,
    capacityRound: 0,
  };
}

export function failJob(code: JobErrorCode, message: string, now: Date): { patch: JobPatch; message: ProgressPayload } {
  return {
    patch: {
      status: "failed",
      errorCode: code,
      errorMessage: message,
      leaseExpiresAt: null,
      stage: null,
      finishedAt: now,
    },
    message: { type: "failed", code, message },
  };
}

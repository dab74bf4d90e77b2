import type { JobErrorCode, StageName, StageStates } from "../../agents/contracts/job.ts";
import { stageWeights } from "../../agents/contracts/job.ts";
import type { CapacityWait } from "../../agents/contracts/job-api.ts";
import type { JobSnapshot } from "../../agents/contracts/progress.ts";
import type { schema } from "../../db/client.ts";

export type JobRow = typeof schema.jobs.$inferSelect;

/**
 * Overall progress as the weighted share of the stage graph done. Finished and skipped stages
 * count whole; running ones by their own progress. A completed job is 1 by definition.
 *
 * @example
 * overallProgress({ probe: { status: "completed", progress: 1 } }) // 0.02
 */
export function overallProgress(stages: StageStates): number {
  let done = 0;
  for (const [stage, state] of Object.entries(stages) as [StageName, NonNullable<StageStates[StageName]>][]) {
    const share = state.status === "completed" || state.status === "skipped" ? 1 : state.progress;
    done += stageWeights[stage] * share;
  }
  return Math.min(1, Math.round(done * 1000) / 1000);
}

/** Why a job failed (or was cancelled), as clients see it; null while it has not. */
export function jobError(job: JobRow): { code: JobErrorCode; message: string } | null {
  return job.errorCode ? { code: job.errorCode as JobErrorCode, message: job.errorMessage ?? "" } : null;
}

/**
 * The state a progress subscriber sees first, built from the job row (the source of truth) and,
 * for a job waiting for a free media worker, its place in line (see capacity-queue.ts).
 */
export function toSnapshot(job: JobRow, waitingForCapacity: CapacityWait | null = null): JobSnapshot {
  return {
    status: job.status,
    stage: (job.stage as StageName | null) ?? null,
    progress: job.progress,
    stages: job.stages,
    attempt: job.attempt,
    error: jobError(job),
    waitingForCapacity,
  };
}

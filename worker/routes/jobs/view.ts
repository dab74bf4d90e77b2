import type { StageName } from "../../../agents/contracts/job.ts";
import type { CapacityWait, JobView } from "../../../agents/contracts/job-api.ts";
import type { JobOutputs } from "../../jobs/results.ts";
import { type JobRow, jobError } from "../../jobs/snapshot.ts";

/**
 * A job as the API shows it: the row, minus internals (lease, seq), plus links and, while it
 * waits for a free media worker, its place in line (capacity-queue.ts); `outputs` are its
 * poster's presigned URL and when retention deletes its outputs (`jobOutputs`).
 */
export function toJobView(
  job: JobRow,
  waitingForCapacity: CapacityWait | null = null,
  outputs: JobOutputs = { poster: null, outputsExpireAt: null },
): JobView {
  const self = `/v1/jobs/${job.id}`;
  return {
    id: job.id,
    name: job.name,
    durationSeconds: job.durationSeconds,
    poster: outputs.poster,
    outputsExpireAt: outputs.outputsExpireAt,
    status: job.status,
    stage: (job.stage as StageName | null) ?? null,
    progress: job.progress,
    stages: job.stages,
    attempt: job.attempt,
    maxAttempts: job.maxAttempts,
    uploadId: job.uploadId,
    options: job.options,
    metadata: job.metadata,
    webhookUrl: job.webhookUrl,
    error: jobError(job),
    waitingForCapacity,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    links: { self, results: `${self}/results`, events: `${self}/events` },
  };
}

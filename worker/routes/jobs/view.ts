import type { StageName } from "../../../agents/contracts/job.ts";
import type { JobView } from "../../../agents/contracts/job-api.ts";
import { type JobRow, jobError } from "../../jobs/snapshot.ts";

/** A job as the API shows it: the row, minus internals (lease, seq), plus links. */
export function toJobView(job: JobRow): JobView {
  const self = `/v1/jobs/${job.id}`;
  return {
    id: job.id,
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
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    links: { self, results: `${self}/results`, events: `${self}/events` },
  };
}

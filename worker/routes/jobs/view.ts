import type { z } from "@hono/zod-openapi";
import type { JobErrorCode, StageName } from "../../../agents/contracts/job.ts";
import type { JobRow } from "../../jobs/snapshot.ts";
import type { jobView } from "./schemas.ts";

/** A job as the API shows it: the row, minus internals (lease, seq), plus links. */
export function toJobView(job: JobRow): z.infer<typeof jobView> {
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
    error: job.errorCode ? { code: job.errorCode as JobErrorCode, message: job.errorMessage ?? "" } : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    links: { self, results: `${self}/results`, events: `${self}/events` },
  };
}

import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import type { Env } from "../env.ts";
import type { JobRow } from "../jobs/snapshot.ts";

export const webhookEventTypes = ["job.completed", "job.failed"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The body of every webhook: `{ type, timestamp, data }`, per the Standard Webhooks specification. */
export type WebhookEvent = { type: WebhookEventType; timestamp: string; data: Record<string, unknown> };

/**
 * The event a finished job announces, or null for a job that did not finish (or was cancelled,
 * which announces nothing). A completed job's summary comes from its result manifest.
 *
 * @example
 * jobFinishedEvent(env, job, manifest); // { type: "job.completed", timestamp, data: { jobId, … } }
 */
export function jobFinishedEvent(
  env: Pick<Env, "PUBLIC_BASE_URL">,
  job: JobRow,
  manifest?: ResultManifest,
): WebhookEvent | null {
  const timestamp = (job.finishedAt ?? new Date()).toISOString();
  if (job.status === "completed") {
    return {
      type: "job.completed",
      timestamp,
      data: {
        jobId: job.id,
        status: job.status,
        metadata: job.metadata,
        summary: {
          highlightCount: manifest?.highlights.length ?? null,
          chapterCount: manifest?.chapters.length ?? null,
          reelDurationSeconds: manifest?.reel?.durationSeconds ?? null,
        },
        links: { results: new URL(`/v1/jobs/${job.id}/results`, env.PUBLIC_BASE_URL).toString() },
      },
    };
  }
  if (job.status === "failed") {
    return {
      type: "job.failed",
      timestamp,
      data: {
        jobId: job.id,
        status: job.status,
        metadata: job.metadata,
        error: { code: job.errorCode ?? "internal", message: job.errorMessage ?? "" },
      },
    };
  }
  return null;
}

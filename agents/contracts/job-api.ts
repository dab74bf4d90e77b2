import { z } from "zod";
import { Chapter } from "./artifacts.ts";
import { JobErrorCode, JobOptions, JobStatus, StageName, StageState } from "./job.ts";

/**
 * A job as the API shows it (`GET /v1/jobs/{id}` and friends). The Worker's routes publish this
 * schema; the client, the web app and the CLI read its type.
 */
export const JobView = z.object({
  id: z.string().uuid(),
  status: JobStatus,
  stage: StageName.nullable(),
  progress: z.number().min(0).max(1),
  stages: z.record(z.string(), StageState),
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  uploadId: z.string().uuid(),
  options: JobOptions,
  metadata: z.record(z.string(), z.unknown()),
  webhookUrl: z.string().nullable(),
  error: z.object({ code: JobErrorCode, message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  links: z.object({ self: z.string(), results: z.string(), events: z.string() }),
});
export type JobView = z.infer<typeof JobView>;

const resultUrl = z.string().url().nullable();

/** A completed job's results (`GET /v1/jobs/{id}/results`); every URL is a short-lived presigned GET. */
export const JobResults = z.object({
  jobId: z.string().uuid(),
  durationSeconds: z.number(),
  highlights: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      title: z.string(),
      summary: z.string(),
      keyPhrases: z.array(z.string()),
      score: z.number(),
      clip: resultUrl,
      thumbnail: resultUrl,
    }),
  ),
  chapters: z.array(Chapter),
  reel: z.object({ url: resultUrl, duration: z.number() }).nullable(),
  transcript: z.object({ json: resultUrl, vtt: resultUrl, srt: resultUrl }),
  reelCaptions: z.object({ vtt: resultUrl, srt: resultUrl }).nullable(),
  stats: z.record(z.string(), z.unknown()),
  urlsExpireInSeconds: z.number(),
});
export type JobResults = z.infer<typeof JobResults>;

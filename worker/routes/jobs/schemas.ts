import { z } from "@hono/zod-openapi";
import { Chapter } from "../../../agents/contracts/artifacts.ts";
import { JobErrorCode, JobOptions, JobStatus, StageName, StageState } from "../../../agents/contracts/job.ts";

export const jobIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

const metadata = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 8_192, "metadata must serialize to at most 8 KiB")
  .openapi({ description: "Free JSON of yours, returned as given (at most 8 KiB).", example: { course: "PHYS 101" } });

export const createJobBody = z
  .strictObject({
    uploadId: z.string().uuid(),
    options: JobOptions.optional().openapi({
      description:
        "Highlight count, clip length range and reel length (each scales with the lecture when left out), " +
        'chapters ("auto" or a number), language. Unknown fields answer 422 `unknown_field`.',
    }),
    webhookUrl: z
      .string()
      .url()
      .max(2048)
      .optional()
      .openapi({ description: "Receives job.completed / job.failed, signed." }),
    metadata: metadata.optional(),
  })
  .openapi("CreateJob");

export const jobView = z
  .object({
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
  })
  .openapi("Job");

export const listJobsQuery = z.object({
  status: JobStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page." }),
});

export const jobList = z.object({ jobs: z.array(jobView), nextCursor: z.string().nullable() }).openapi("JobList");

const resultUrl = z.string().url().nullable();

export const resultsView = z
  .object({
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
  })
  .openapi("JobResults");

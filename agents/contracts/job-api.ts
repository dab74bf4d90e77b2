import { z } from "zod";
import { Chapter } from "./artifacts.ts";
import { JobErrorCode, JobOptions, JobStatus, StageName, StageState } from "./job.ts";

/** Where a job stands while every media worker is busy: it waits, it does not fail. */
export const CapacityWait = z.object({
  /** When the job first found every media worker busy. */
  since: z.string(),
  /** Jobs that have waited longer. */
  jobsAhead: z.number().int(),
});
export type CapacityWait = z.infer<typeof CapacityWait>;

/**
 * A job as the API shows it (`GET /v1/jobs/{id}` and friends). The Worker's routes publish this
 * schema; the client, the web app and the CLI read its type.
 */
export const JobView = z.object({
  id: z.string().uuid(),
  /** The lecture's name: its file's name until renamed (`PATCH /v1/jobs/{id}`). */
  name: z.string(),
  /** The lecture's length in seconds, once the job has completed. */
  durationSeconds: z.number().nullable(),
  /** A short-lived presigned GET of a picture from the lecture, once the job has completed, until retention deletes it. */
  poster: z.string().url().nullable(),
  /** When retention deletes the clips, reel, captions and thumbnails (results then answer 410); null until completed. */
  outputsExpireAt: z.string().nullable(),
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
  /** Set while the job is queued behind a full fleet. */
  waitingForCapacity: CapacityWait.nullable(),
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
  /** The uploaded lecture itself, to play chapters and highlights where they happen. */
  source: z.object({ url: resultUrl, contentType: z.string() }).nullable(),
  /** Slides in timeline order, with the text read from them. */
  slides: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      title: z.string().nullable(),
      text: z.string().nullable(),
      thumbnail: resultUrl,
    }),
  ),
  reel: z.object({ url: resultUrl, duration: z.number() }).nullable(),
  transcript: z.object({ json: resultUrl, vtt: resultUrl, srt: resultUrl }),
  reelCaptions: z.object({ vtt: resultUrl, srt: resultUrl }).nullable(),
  stats: z.record(z.string(), z.unknown()),
  urlsExpireInSeconds: z.number(),
});
export type JobResults = z.infer<typeof JobResults>;

/**
 * The results as a results page shows them: everything but the job's id and the run's stats,
 * which are the account's business. A share link (`GET /v1/shared/{token}`) shows just this.
 */
export const ResultsContent = JobResults.omit({ jobId: true, stats: true });
export type ResultsContent = z.infer<typeof ResultsContent>;

/** What a share link opens: the lecture's name and results, and when the link stops working. */
export const SharedJob = z.object({
  name: z.string(),
  expiresAt: z.string(),
  results: ResultsContent,
});
export type SharedJob = z.infer<typeof SharedJob>;

/** A share link of a job's results as its owner lists them; the token itself is shown only once. */
export const JobShare = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The email of the member who made it; null when that account is gone or the link predates the record. */
  createdBy: z.string().nullable(),
});
export type JobShare = z.infer<typeof JobShare>;

/** A new share link: the only answer that carries its token and URL. */
export const CreatedJobShare = JobShare.extend({ token: z.string(), url: z.string().url() });
export type CreatedJobShare = z.infer<typeof CreatedJobShare>;

import { z } from "zod";
import { stageNames } from "./stage-names.ts";

/** Lifecycle of a job as the API reports it. */
export const jobStatuses = ["queued", "processing", "completed", "failed", "cancelled"] as const;
export const JobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof JobStatus>;

/**
 * Pipeline stages (./stage-names.ts, free of zod so the web app's bundle can take it).
 * The weights say how much of a typical run each one takes and turn per-stage progress into one
 * overall number.
 */
export { stageNames };
export const StageName = z.enum(stageNames);
export type StageName = z.infer<typeof StageName>;

export const stageWeights: Record<StageName, number> = {
  probe: 0.02,
  audio: 0.08,
  transcription: 0.3,
  layout: 0.15,
  analysis: 0.1,
  selection: 0.02,
  compilation: 0.33,
};

export const StageState = z.object({
  status: z.enum(["pending", "running", "completed", "skipped", "failed"]),
  progress: z.number().min(0).max(1),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
});
export type StageState = z.infer<typeof StageState>;
export type StageStates = Partial<Record<StageName, StageState>>;

const chapterChoice = z.union([z.literal("auto"), z.number().int().min(1).max(50)]);
const languageTag = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language tag such as en or en-US");
const jobOptionFields = {
  highlightCount: z.number().int().min(1).max(20).optional(),
  clipMinSeconds: z.number().min(5).max(300).optional(),
  clipMaxSeconds: z.number().min(5).max(600).optional(),
  reelMaxSeconds: z.number().min(10).max(1800).optional(),
};
const clipRange = (o: { clipMinSeconds?: number; clipMaxSeconds?: number }) =>
  (o.clipMinSeconds ?? 0) <= (o.clipMaxSeconds ?? Number.POSITIVE_INFINITY);
const clipRangeIssue = { message: "clipMinSeconds must not exceed clipMaxSeconds", path: ["clipMinSeconds"] };

/**
 * Options a user chooses when starting a job. Strict: a misspelt field (`maxHighlights`) is an
 * error, never silently ignored. The highlight count, clip lengths and reel length are optional:
 * left out, they scale with the lecture (agents/selection/lecture-defaults.ts); `chapters` is
 * "auto" (the content decides, bounded per hour) or the exact number wanted.
 */
export const JobOptions = z
  .strictObject({ ...jobOptionFields, chapters: chapterChoice.default("auto"), language: languageTag.default("en") })
  .refine(clipRange, clipRangeIssue);
export type JobOptions = z.infer<typeof JobOptions>;

/**
 * The same fields as `JobOptions`, each left unset when not given (no built-in default filled
 * in): what a job request asks for, and the defaults a user or an organization keeps. Layers
 * are merged by `resolveJobOptions` (./job-option-layers.ts).
 *
 * @example
 * JobOptionChoices.parse({ language: "de" }); // { language: "de" }, no chapters filled in
 */
export const JobOptionChoices = z
  .strictObject({ ...jobOptionFields, chapters: chapterChoice.optional(), language: languageTag.optional() })
  .refine(clipRange, clipRangeIssue);
export type JobOptionChoices = z.infer<typeof JobOptionChoices>;

/**
 * Stable reasons a job fails. Clients branch on these, so a code is never renamed; new ones
 * may be added.
 */
export const jobErrorCodes = [
  "input_not_media",
  "input_no_audio",
  "input_undecodable",
  /** Part of the audio or video is damaged (garbage in the middle): decoding it fails. */
  "input_corrupt",
  "input_empty",
  "input_too_long",
  "input_missing",
  /** The uploaded object is not the one that completed the upload (its ETag changed since). */
  "input_changed",
  "stage_timeout",
  "transcription_failed",
  "analysis_failed",
  "compilation_failed",
  "storage_failed",
  "attempts_exhausted",
  "dispatch_failed",
  /** No media worker had room for the job within the queue timeout (JOB_QUEUE_TIMEOUT_SECONDS). */
  "capacity_timeout",
  "cancelled",
  "internal",
] as const;
export const JobErrorCode = z.enum(jobErrorCodes);
export type JobErrorCode = z.infer<typeof JobErrorCode>;

/**
 * What a person is told when a job fails for an error we did not word ourselves: a tool's or a
 * library's text carries paths, process ids and addresses, so it goes to the logs and this does
 * to the job, its events and its webhooks.
 *
 * @example
 * plainJobErrorMessages.compilation_failed; // "the clips and the reel could not be rendered"
 */
export const plainJobErrorMessages: Record<JobErrorCode, string> = {
  input_not_media: "the file is not audio or video",
  input_no_audio: "the file has no audio",
  input_undecodable: "the file cannot be read as audio or video",
  input_corrupt: "part of the file's audio or video is damaged and cannot be decoded",
  input_empty: "the file holds no audio or video",
  input_too_long: "the recording is longer than the limit",
  input_missing: "the uploaded file is not in storage",
  input_changed: "the uploaded file was replaced after its upload completed",
  stage_timeout: "a processing step took too long",
  transcription_failed: "speech recognition failed",
  analysis_failed: "the lecture could not be analysed",
  compilation_failed: "the clips and the reel could not be rendered",
  storage_failed: "the storage could not be reached",
  attempts_exhausted: "the job failed on every attempt",
  dispatch_failed: "no media worker accepted the job",
  capacity_timeout: "no media worker had room for the job in time",
  cancelled: "the job was cancelled",
  internal: "something went wrong on our side",
};

import type { JobErrorCode } from "../../agents/contracts/job.ts";
import { ApiError } from "../client/api-request.ts";
import { UploadTransferError } from "../client/upload-client.ts";

/** One field the API refused, by its path in the request (`options.language`, `filename`). */
export type FieldError = { path: string; message: string };

type Problem = { code?: string; detail?: string; errors?: FieldError[] } | undefined;

/** What the browser's fetch throws when no answer came at all (Chromium, Firefox, Safari). */
const networkFailures = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

export const offlineMessage = "Lecture Highlights cannot be reached. Check your internet connection, then try again.";

/**
 * The field errors of a refused request, each path once (the API may name one field twice).
 *
 * @example
 * fieldErrors(new ApiError(400, "validation_failed", "…", { errors: [{ path: "size", message: "too big" }] }));
 * // [{ path: "size", message: "too big" }]
 */
export function fieldErrors(error: unknown): FieldError[] {
  const problem = (error instanceof ApiError ? error.problem : undefined) as Problem;
  return uniqueFields(problem?.errors ?? []);
}

function uniqueFields(errors: FieldError[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const field of errors) if (!seen.has(field.path)) seen.set(field.path, field);
  return [...seen.values()];
}

/**
 * problem+json `detail` as a person reads it. A validation failure's detail already lists every
 * field error, so it is rebuilt from them, each field once, rather than having one appended again.
 *
 * @example
 * problemDetail({ detail: "Invalid request: size: too big", errors: [{ path: "size", message: "too big" }] });
 * // "size: too big"
 */
export function problemDetail(problem: unknown): string | undefined {
  const p = problem as Problem;
  const fields = uniqueFields(p?.errors ?? []);
  if (fields.length)
    return fields.map((field) => (field.path ? `${field.path}: ${field.message}` : field.message)).join("; ");
  return p?.detail;
}

/** The sentence to show for a failure: the problem's `detail` when the API gave one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return problemDetail(error.problem) ?? error.message;
  if (error instanceof UploadTransferError)
    return "The upload was interrupted. Pick the same file again to resume it where it stopped.";
  if (error instanceof TypeError && networkFailures.test(error.message)) return offlineMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** What a failed job's code means for the person who uploaded the file, and whether another file would help. */
export type FailureExplanation = { sentence: string; anotherFile: boolean };

const fileProblem = (sentence: string): FailureExplanation => ({ sentence, anotherFile: true });
const ourProblem = (sentence: string): FailureExplanation => ({ sentence, anotherFile: false });

const failureExplanations: Record<JobErrorCode, FailureExplanation> = {
  input_not_media: fileProblem(
    "This file is not a video or an audio recording. Choose the lecture's video or audio file.",
  ),
  input_no_audio: fileProblem(
    "This recording has no sound, so there is nothing to transcribe. Choose a file with the lecture's audio.",
  ),
  input_undecodable: fileProblem(
    "This file cannot be played: its format is not one we can read. Try an MP4, MOV, WebM, MP3 or WAV file.",
  ),
  input_corrupt: fileProblem(
    "Part of this recording is damaged and cannot be played. Export or download it again, then upload the new copy.",
  ),
  input_empty: fileProblem("This file holds no audio or video: it may have been saved before the recording finished."),
  input_too_long: fileProblem(
    "This recording is longer than we can process. Split it into shorter parts and upload each one.",
  ),
  input_missing: fileProblem("The uploaded file could not be found in storage. Upload it again."),
  input_changed: fileProblem("The uploaded file was replaced after its upload finished. Upload it again."),
  stage_timeout: ourProblem("Processing took longer than it should. Try again; if it happens again, contact support."),
  transcription_failed: ourProblem(
    "The speech in this recording could not be transcribed. Try again, or contact support.",
  ),
  analysis_failed: ourProblem("The lecture could not be analysed. Try again, or contact support."),
  compilation_failed: ourProblem("The clips and the reel could not be made. Try again, or contact support."),
  storage_failed: ourProblem("Our storage could not be reached. Try again in a few minutes."),
  attempts_exhausted: ourProblem("Processing failed on every attempt. Contact support with the code below."),
  dispatch_failed: ourProblem("No processing server took the job. Try again in a few minutes."),
  capacity_timeout: ourProblem("All processing servers stayed busy. Try again in a few minutes."),
  cancelled: ourProblem("The job was cancelled."),
  internal: ourProblem("Something went wrong on our side. Try again; if it happens again, contact support."),
};

/**
 * A failed job's code in plain words, never the tool's own text (ffmpeg's, a library's).
 *
 * @example
 * failureExplanation("input_corrupt").anotherFile; // true
 */
export function failureExplanation(code: string): FailureExplanation {
  return failureExplanations[code as JobErrorCode] ?? failureExplanations.internal;
}

/**
 * Runs page actions one way: clear the old error, act, then `after` (a list refresh); a failure
 * shows its message in `errorBox`.
 */
export function actionRunner(errorBox: HTMLElement, after: () => Promise<void>) {
  return async (action: () => Promise<unknown>): Promise<void> => {
    errorBox.textContent = "";
    try {
      await action();
      await after();
    } catch (failure) {
      errorBox.textContent = errorMessage(failure);
    }
  };
}

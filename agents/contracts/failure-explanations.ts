import type { JobErrorCode } from "./job.ts";

/**
 * What a failed job's code means for the person who uploaded the file (the web app's failure
 * notice and the failure email say the same), and whether another file would help.
 */
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

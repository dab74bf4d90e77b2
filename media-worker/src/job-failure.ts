import { type JobErrorCode, jobErrorCodes, type StageName } from "../../agents/contracts/job.ts";

/** Bad input and cancellation: running the same job again cannot turn out differently. */
const notRetryable: ReadonlySet<JobErrorCode> = new Set(
  jobErrorCodes.filter((code) => code.startsWith("input_") || code === "cancelled"),
);

/**
 * A job failure with the stable code clients branch on. Bad input is never retryable: running
 * the same bytes again cannot help.
 *
 * @example
 * throw new JobFailure("input_no_audio", "the file has no audio stream");
 */
export class JobFailure extends Error {
  readonly retryable: boolean;
  stage: StageName | undefined;

  constructor(
    readonly code: JobErrorCode,
    message: string,
    options: { stage?: StageName; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "JobFailure";
    this.stage = options.stage;
    this.retryable = !notRetryable.has(code);
  }
}

/**
 * The abort reason of a shutdown (SIGTERM): not a failure of the job. The attempt reports
 * `interrupted`, and the Worker dispatches the next one at once, resuming from the checkpoints.
 *
 * @example
 * controller.abort(new Interruption("SIGTERM"));
 */
export class Interruption extends Error {
  constructor(readonly reason: string) {
    super(`the media worker is shutting down (${reason}); the job resumes from its checkpoints`);
    this.name = "Interruption";
  }
}

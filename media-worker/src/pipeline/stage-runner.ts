import type { z } from "zod";
import { type JobErrorCode, plainJobErrorMessages, type StageName } from "../../../agents/contracts/job.ts";
import { StorageError } from "../../../agents/contracts/s3/storage-error.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { linkedSignal, untilAborted } from "../abort.ts";
import { isDamagedInput } from "../ffmpeg/process.ts";
import { PermanentRequestError } from "../http-answer.ts";
import { JobFailure } from "../job-failure.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import type { PipelineContext, StageCall } from "./context.ts";

const failureCodeOf: Partial<Record<StageName, JobErrorCode>> = {
  transcription: "transcription_failed",
  analysis: "analysis_failed",
  selection: "analysis_failed",
  compilation: "compilation_failed",
};

/** Signals a stage's own deadline, told apart from a cancelled or shut-down job. */
class StageTimeout extends Error {}

/**
 * Runs one stage with its checkpoint: when the checkpoint of an earlier attempt exists it is
 * read back and the stage is skipped; otherwise the body runs and its typed output is written
 * as the checkpoint before anyone sees it. Failures leave with the stage name and a stable code.
 *
 * Cancel, shutdown and the stage's own timeout abort the signal handed to the body: the work
 * that watches it (ffmpeg, recognizers, OCR, AI requests, storage) stops, and the stage fails
 * at once with the reason (`stage_timeout` for the deadline) even if the body does not return:
 * a 50 ms timeout fails a 400 ms body after 50 ms, and its late output is never checkpointed.
 *
 * @example
 * const probe = await runStage(context, "probe", ProbeResult, ({ signal }) => probeMedia(path, { signal, ... }));
 */
export async function runStage<T>(
  context: PipelineContext,
  stage: StageName,
  schema: z.ZodType<T>,
  body: (call: StageCall) => Promise<T>,
): Promise<T> {
  const key = storageKeys.checkpoint(context.jobId, stage);
  const started = performance.now();
  const saved = await context.store.getJson<unknown>(key, context.signal).catch(() => null);
  const parsed = saved === null ? null : schema.safeParse(saved);
  if (parsed?.success) {
    context.reporter.stage(stage, "skipped", key, 0);
    metrics.stageSeconds.observe({ stage, outcome: "skipped" }, (performance.now() - started) / 1000);
    return parsed.data;
  }
  const timeoutMs = context.settings.stageTimeoutSeconds[stage] * 1000;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new StageTimeout(`${stage} exceeded ${timeoutMs / 1000} s`)),
    timeoutMs,
  );
  const { signal, dispose } = linkedSignal(context.signal, deadline.signal);
  try {
    signal.throwIfAborted();
    context.reporter.progress(stage, 0);
    const output = schema.parse(
      await untilAborted(body({ context, signal, onProgress: (f) => context.reporter.progress(stage, f) }), signal),
    );
    // Not tied to the job signal: a stage that finished keeps its checkpoint even during shutdown.
    await context.store.putJson(key, output);
    const durationMs = performance.now() - started;
    metrics.stageSeconds.observe({ stage, outcome: "completed" }, durationMs / 1000);
    log.info("stage completed", {
      jobId: context.jobId,
      attempt: context.attempt,
      stage,
      durationMs: Math.round(durationMs),
    });
    context.reporter.stage(stage, "completed", key, durationMs);
    return output;
  } catch (error) {
    metrics.stageSeconds.observe({ stage, outcome: "failed" }, (performance.now() - started) / 1000);
    throw asJobFailure(error, stage, deadline.signal, context.signal);
  } finally {
    clearTimeout(timer);
    dispose();
  }
}

function asJobFailure(error: unknown, stage: StageName, deadline: AbortSignal, job: AbortSignal): JobFailure {
  if (error instanceof JobFailure) {
    error.stage ??= stage;
    return error;
  }
  if (job.aborted && job.reason instanceof JobFailure)
    return new JobFailure(job.reason.code, job.reason.message, { stage });
  if (job.aborted) return new JobFailure("cancelled", "the job was cancelled", { stage, cause: error });
  if (deadline.aborted) return new JobFailure("stage_timeout", `${stage} took too long`, { stage, cause: error });
  // Whatever a tool or library said stays in `cause` (for the logs); the job gets plain words.
  const code: JobErrorCode = isDamagedInput(error)
    ? "input_corrupt"
    : error instanceof PermanentRequestError || error instanceof StorageError
      ? "storage_failed"
      : (failureCodeOf[stage] ?? "internal");
  return new JobFailure(code, plainJobErrorMessages[code], { stage, cause: error });
}

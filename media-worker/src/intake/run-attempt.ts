import { plainJobErrorMessages } from "../../../agents/contracts/job.ts";
import type { JobSpec } from "../../../agents/contracts/media-protocol.ts";
import { FfmpegError } from "../ffmpeg/process.ts";
import { Interruption, JobFailure } from "../job-failure.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import { AiSpend } from "../pipeline/ai-spend.ts";
import { type PipelineDeps, runPipeline } from "../pipeline/run-pipeline.ts";
import { EventReporter, type EventReporterOptions } from "./event-reporter.ts";

export type AttemptDeps = Omit<PipelineDeps, "reporter" | "signal" | "spend"> & {
  secret: string;
  events?: EventReporterOptions;
};

/** The lease the Worker grants when a spec names none (`JobSpec.leaseSeconds`). */
const defaultLeaseSeconds = 120;

/**
 * Runs one attempt of a job through the pipeline and reports it as WorkerEvents: `started`,
 * a `heartbeat` every quarter of the lease for as long as it runs, stages and progress, then
 * `completed`, `failed` with a stable code and what its finished stages' AI calls cost, or
 * `interrupted` when the media worker shuts down. Never throws; resolves once every event was sent.
 *
 * @example
 * await runAttempt(spec, controller.signal, { store, agents, settings, scratchRoot, secret });
 */
export async function runAttempt(spec: JobSpec, signal: AbortSignal, deps: AttemptDeps): Promise<void> {
  const events = new EventReporter(spec, deps.secret, deps.events);
  const context = { jobId: spec.jobId, attempt: spec.attempt };
  const spend = new AiSpend();
  void events.send({ type: "started" });
  events.startHeartbeats(((spec.leaseSeconds ?? defaultLeaseSeconds) * 1000) / 4);
  log.info("job started", context);
  try {
    const { manifest, manifestKey } = await runPipeline(spec, {
      ...deps,
      signal,
      spend,
      reporter: {
        progress: (stage, progress) => events.progress(stage, progress),
        stage: (stage, status, checkpointKey, durationMs) =>
          void events.send({ type: "stage", stage, status, checkpointKey, durationMs }),
      },
    });
    void events.send({ type: "completed", manifestKey, manifest });
    metrics.jobsFinished.inc({ outcome: "completed", code: "" });
    log.info("job completed", context);
  } catch (error) {
    if (signal.reason instanceof Interruption) {
      void events.send({ type: "interrupted", reason: signal.reason.reason });
      metrics.jobsFinished.inc({ outcome: "interrupted", code: "" });
      log.info("job interrupted", { ...context, reason: signal.reason.reason });
      return;
    }
    const failure =
      error instanceof JobFailure
        ? error
        : new JobFailure("internal", plainJobErrorMessages.internal, { cause: error });
    void events.send({
      type: "failed",
      code: failure.code,
      message: failure.message,
      stage: failure.stage,
      retryable: failure.retryable,
      costUsd: spend.totalUsd,
    });
    metrics.jobsFinished.inc({ outcome: "failed", code: failure.code });
    log.warn("job failed", {
      ...context,
      code: failure.code,
      stage: failure.stage,
      error: failure.message,
      cause: describeCause(failure.cause),
    });
  } finally {
    events.stopHeartbeats();
    await events.flush();
  }
}

/** For the operator's log only: the raw text behind a failure (ffmpeg's last lines included). */
function describeCause(cause: unknown): string | undefined {
  if (cause instanceof FfmpegError) return `${cause.message}\n${cause.stderrTail}`;
  return cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause);
}
